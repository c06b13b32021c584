import {
  addDays,
  COMMUNITY_KINDS,
  DEPARTMENT_KINDS,
  EDUCATION_LEVELS,
  PersonUpdateSchema,
  UpdateCategorySchema,
  UpdateCommunitySchema,
  UpdateCoopSchema,
  UpdateDepartmentSchema,
  UpdateTeamSchema,
  UpdateUserSchema,
} from '@gongyi/domain';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTown, type Api, type TestTown } from '../testing/harness.js';

// #13 item 1, over the whole API: a PATCH of one field leaves every other stored column as it was.
// Values lost to a PATCH that resets what it is not sent come back only from a backup, so each
// PATCH route is tried with a random single field of its body schema and a valid value, and the
// row is read straight from the database before and after.

/** The columns a field may change when it is not simply its snake_case name. */
type Columns = Record<string, string[]>;

interface Route {
  label: string;
  /** The path as the OpenAPI document names it. */
  path: string;
  schema: z.ZodObject;
  table: string;
  as: 'admin' | 'security' | 'hr';
  /** The id of the row this route edits, found in the demo town. */
  target: (api: Api) => Promise<string>;
  url: (id: string) => string;
  /** A valid value for every field of the body schema (the test checks none is missing). */
  values: (ids: Ids) => Record<string, fc.Arbitrary<unknown>>;
  columns?: Columns;
}

interface Ids {
  categories: string[];
  coops: string[];
  departments: string[];
}

const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const text = fc.oneof(fc.constant(null), fc.stringMatching(/^[a-z0-9\u4e00-\u4e20]{0,12}$/));
const uniqueName = fc.stringMatching(/^[0-9a-f]{10}$/).map((hex) => `测试${hex}`);
const phone = fc.oneof(fc.constant(null), fc.stringMatching(/^1[3-9]\d{9}$/));
// Starts before any use in the demo town, ends far after it: a period any rule lets stand.
const validFrom = fc.integer({ min: 0, max: 3000 }).map((d) => addDays('2000-01-01', d));
const validTo = fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 3000 }).map((d) => addDays('2090-01-01', d)));
const period = { validFrom, validTo };
const firstItem = (list: string) => async (api: Api) => {
  const body = (await api('GET', list)).body;
  return (body.items ?? body)[0].id as string;
};

const ROUTES: Route[] = [
  {
    label: '修改个人信息',
    path: '/api/towns/{townId}/workers/{id}/person',
    schema: PersonUpdateSchema,
    table: 'persons',
    as: 'hr',
    target: async (api) => (await api('GET', '/workers?pageSize=1')).body.items[0].personId,
    url: (id) => `/workers/${id}/person`,
    values: () => ({
      name: fc.stringMatching(/^[\u4e00-\u4e20]{2,4}$/),
      phone,
      householdRegistration: text,
      address: text,
      bankName: text,
      bankAccount: fc.oneof(fc.constant(null), fc.stringMatching(/^62\d{14,17}$/)),
      education: fc.constantFrom(null, ...EDUCATION_LEVELS),
      disabilityCertificate: text,
      emergencyContactName: text,
      emergencyContactPhone: phone,
    }),
    columns: { phone: ['phone_cipher', 'phone_hash'], bankAccount: ['bank_account_cipher', 'bank_account_hash'], emergencyContactPhone: ['emergency_contact_phone_cipher'] },
  },
  {
    label: '服务队',
    path: '/api/towns/{townId}/teams/{id}',
    schema: UpdateTeamSchema,
    table: 'teams',
    as: 'admin',
    target: firstItem('/teams?pageSize=1'),
    url: (id) => `/teams/${id}`,
    values: (ids) => ({
      name: uniqueName,
      categoryId: fc.constantFrom(...ids.categories),
      coopId: fc.constantFrom(...ids.coops),
      duties: text,
      sortOrder: fc.integer({ min: 0, max: 9999 }),
      ...period,
    }),
  },
  {
    label: '部门',
    path: '/api/towns/{townId}/departments/{id}',
    schema: UpdateDepartmentSchema,
    table: 'departments',
    as: 'admin',
    target: firstItem('/departments?pageSize=1'),
    url: (id) => `/departments/${id}`,
    values: () => ({ name: uniqueName, shortName: uniqueName, kind: fc.constantFrom(...DEPARTMENT_KINDS), note: text, ...period }),
  },
  {
    label: '村居',
    path: '/api/towns/{townId}/communities/{id}',
    schema: UpdateCommunitySchema,
    table: 'communities',
    as: 'admin',
    target: firstItem('/communities?pageSize=1'),
    url: (id) => `/communities/${id}`,
    values: () => ({ name: uniqueName, kind: fc.constantFrom(...COMMUNITY_KINDS), note: text, ...period }),
  },
  {
    label: '服务社',
    path: '/api/towns/{townId}/coops/{id}',
    schema: UpdateCoopSchema,
    table: 'coops',
    as: 'admin',
    target: firstItem('/coops'),
    url: (id) => `/coops/${id}`,
    values: (ids) => ({ name: uniqueName, shortName: uniqueName, seatDepartmentId: fc.constantFrom(null, ...ids.departments), note: text, ...period }),
  },
  {
    label: '类别',
    path: '/api/towns/{townId}/categories/{id}',
    schema: UpdateCategorySchema,
    table: 'categories',
    as: 'admin',
    target: firstItem('/categories'),
    url: (id) => `/categories/${id}`,
    values: (ids) => ({ defaultCoopId: fc.constantFrom(null, ...ids.coops) }),
  },
  {
    label: '用户',
    path: '/api/towns/{townId}/users/{id}',
    schema: UpdateUserSchema,
    table: 'users',
    as: 'security',
    // Not an account this test signs in with: disabling it ends its sessions.
    target: async (api) => (await api('GET', '/users?pageSize=200')).body.items.find((u: { username: string }) => u.username === 'renshe').id,
    url: (id) => `/users/${id}`,
    values: () => ({ displayName: fc.stringMatching(/^[\u4e00-\u4e20]{2,6}$/), disabled: fc.boolean(), unlock: fc.constant(true) }),
    columns: { unlock: ['locked_until', 'failed_attempts'] },
  },
];

describe('a PATCH of one field leaves every other stored column equal (#13 item 1, property)', () => {
  let t: TestTown;
  const clients = new Map<Route['as'], Api>();
  let ids: Ids;

  beforeAll(async () => {
    t = await demoTown();
    clients.set('admin', t.api);
    clients.set('security', await t.as('security'));
    clients.set('hr', await t.as('hr'));
    const list = async (path: string) => ((await t.api('GET', path)).body.items as { id: string }[]).map((x) => x.id);
    ids = { categories: await list('/categories'), coops: await list('/coops'), departments: await list('/departments?pageSize=100') };
  });
  afterAll(() => t.close());

  const storedRow = async (table: string, id: string) => {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)} where town_id = ${t.townId} and id = ${id}`.execute(t.database.db);
    expect(rows).toHaveLength(1);
    return rows[0]!;
  };

  it('covers every PATCH route the API publishes', async () => {
    const doc = (await t.api('GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const published = Object.entries(doc.paths).filter(([, methods]) => 'patch' in methods).map(([path]) => path);
    expect(ROUTES.map((r) => r.path).sort()).toEqual(published.sort());
  });

  it.each(ROUTES.map((r) => [r.label, r] as const))('%s', async (_label, route) => {
    const api = clients.get(route.as)!;
    const id = await route.target(api);
    const values = route.values(ids);
    expect(Object.keys(values).sort(), 'a valid value for every field of the body schema').toEqual(Object.keys(route.schema.shape).sort());
    // A person's numbers set first, so that wiping them would show.
    if (route.table === 'persons') {
      expect((await api('PATCH', route.url(id), { phone: '13912345678', bankAccount: '6228480402564890018', emergencyContactPhone: '13787654321' })).status).toBe(200);
    }
    let saved = 0;
    const oneField = fc.constantFrom(...Object.keys(values)).chain((field) => values[field]!.map((value) => ({ field, value })));
    await fc.assert(
      fc.asyncProperty(oneField, async ({ field, value }) => {
        const before = await storedRow(route.table, id);
        const res = await api('PATCH', route.url(id), { [field]: value });
        const after = await storedRow(route.table, id);
        if (res.status !== 200) {
          // A refusal by a rule (a period a rule forbids, a duplicate) changes nothing at all.
          expect([409, 422], JSON.stringify(res.body)).toContain(res.status);
          expect(after).toEqual(before);
          return;
        }
        saved++;
        const mayChange = new Set([...(route.columns?.[field] ?? [snake(field)]), 'updated_at']);
        for (const column of Object.keys(before)) {
          if (!mayChange.has(column)) expect(after[column], `${field} changed ${column}`).toEqual(before[column]);
        }
        if (!route.columns?.[field]) {
          const parsed: unknown = (route.schema.shape[field] as z.ZodType).parse(value); // null clears text to ''
          const stored = typeof parsed === 'boolean' ? Number(parsed) : parsed;
          expect(after[snake(field)], `${field} stored as sent`).toEqual(stored);
        }
      }),
      { numRuns: 20 },
    );
    expect(saved, 'most valid single-field edits are saved').toBeGreaterThan(10);
  });
});
