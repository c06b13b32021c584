import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_ACTIONS, type Action } from '@gongyi/domain';
import { sql } from 'kysely';
import type { DB } from '../db/schema.js';
import { DEMO_USERS } from '../features/demo/demo-users.js';
import { demoTown, signIn, type TestTown } from '../testing/harness.js';
import { casesFor, operationsOf, type FuzzCase, type Known, type Operation } from '../testing/openapi-fuzz.js';

// #13 "Done when": bad bodies, queries and path ids for every operation of the OpenAPI document,
// sent by a user the policy lets through (so validation and the service are reached, not only the
// gate) and, for the sign-in routes, anonymously. Not one answer may be a 5xx, on either database.

/** Which table a real id comes from, by parameter name or by the path it sits in. */
const ID_TABLES: [RegExp, keyof DB][] = [
  [/^teamId$|\/teams\/\{id\}/, 'teams'],
  [/^(coopId|defaultCoopId)$|\/coops\/\{id\}/, 'coops'],
  [/departmentId$|DepartmentId$|\/departments\/\{id\}/, 'departments'],
  [/^communityId$|\/communities\/\{id\}/, 'communities'],
  [/^categoryId$|\/categories\/\{id\}/, 'categories'],
  [/^personId$|\/workers\/\{id\}|\/ledger\/trace\/\{id\}/, 'persons'],
  [/^runId$|\/payroll\/runs\/\{id\}|my-slips\/\{runId\}/, 'pay_runs'],
  [/\/ledger\/entries\/\{id\}/, 'ledger_entries'],
  [/^sheetId$|\/assessment\/sheets\/\{id\}/, 'assessment_sheets'],
  [/^agreementId$|\/agreements\/\{id\}/, 'agreements'],
  [/\/hiring\/\{id\}/, 'hiring_requests'],
  [/\/quota\/proposals\/\{id\}/, 'quota_proposals'],
  [/\/ledger\/earmarks\/\{id\}/, 'ledger_earmarks'],
  [/\/budget-applications\/\{id\}/, 'budget_applications'],
  [/\/assessment\/annual\/\{id\}/, 'persons'],
  [/\/assessment\/templates\/\{id\}/, 'assessment_templates'],
];

/** Bounds the run (~2,500 requests): seconds on SQLite, well under a minute on an idle PostgreSQL. */
const CASES_PER_OPERATION = 24;

type Client = (c: FuzzCase, method: string) => Promise<{ status: number; body: string }>;

describe('fuzzing every operation of the OpenAPI document', () => {
  let t: TestTown;
  let operations: Operation[];
  let access: Map<string, string | undefined>;
  const firstIds = new Map<keyof DB, string>();

  beforeAll(async () => {
    t = await demoTown({ payroll: true });
    const coop1 = await t.as('coop1');
    const coops = (await t.api('GET', '/coops?pageSize=10')).body.items as { id: string; name: string }[];
    const coopId = coops.find((c) => c.name.includes('社会协管'))?.id;
    await coop1('POST', '/payroll/runs', { kind: 'monthly', coopId, month: '2026-02' });
    for (const [, table] of ID_TABLES) {
      const row = await t.database.db.selectFrom(table).select('id' as never).where('town_id' as never, '=', t.townId as never).executeTakeFirst();
      if (row) firstIds.set(table, (row as { id: string }).id);
    }
    // Planner statistics as production's autovacuum keeps them (the test server may run without it).
    if (t.database.kind === 'postgres') await sql`analyze`.execute(t.database.db);
    operations = operationsOf((await t.api('GET', '/api/openapi.json')).body);
    access = new Map(t.app.routeTable.map((r) => [`${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`, r.access]));
  });
  afterAll(() => t?.close());

  const known = (): Known => ({
    townCode: t.townCode,
    idFor: (name, path) => {
      const hit = ID_TABLES.find(([re]) => re.test(name) || (name === 'id' && re.test(path.replace(/\{id\}.*$/, '{id}'))));
      return hit ? firstIds.get(hit[1]) : undefined;
    },
  });

  /** A demo user whose grant allows the action, town-wide where one exists. */
  function userFor(action: string | undefined): string | null {
    if (action === 'public') return null;
    if (action === 'session' || action === undefined) return 'admin';
    const allowed = DEMO_USERS.filter((u) => ROLE_ACTIONS[u.role].includes(action as Action));
    return (allowed.find((u) => u.scope === 'town') ?? allowed[0])?.username ?? 'admin';
  }

  const sessions = new Map<string, { cookie: string; csrf: string }>();
  function clientOf(username: string | null): Client {
    return async (c, method) => {
      let creds = username ? sessions.get(username) : undefined;
      if (username && !creds) sessions.set(username, (creds = await signIn(t.app, t.townCode, username)));
      const res = await t.app.inject({
        method: method as 'GET',
        url: c.url,
        headers: {
          'accept-language': 'zh-CN',
          ...(creds ? { cookie: creds.cookie, 'x-csrf-token': creds.csrf } : {}),
          ...(c.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(c.body === undefined ? {} : { payload: JSON.stringify(c.body) ?? 'null' }),
      });
      // A case that ended the session (sign-out, password change) must not blind the cases after it.
      if (username && res.statusCode === 401) sessions.delete(username);
      return { status: res.statusCode, body: res.body };
    };
  }

  async function fuzz(filter: (op: Operation) => boolean, who: (op: Operation) => string | null): Promise<string[]> {
    const failures: string[] = [];
    let sent = 0;
    // Signing out goes last: it ends the session the other cases use (a 401 then signs in again).
    const ordered = operations.filter(filter).sort((a, b) => Number(a.path === '/api/auth/logout') - Number(b.path === '/api/auth/logout'));
    for (const op of ordered) {
      const send = clientOf(who(op));
      for (const c of casesFor(op, t.townId, known(), CASES_PER_OPERATION)) {
        sent++;
        const res = await send(c, op.method);
        if (res.status >= 500) failures.push(`${op.method} ${op.path} [${c.label}] → ${res.status} ${res.body.slice(0, 160)}`);
      }
    }
    expect(sent).toBeGreaterThan(0);
    return failures;
  }

  it('answers no bad request with a 5xx, signed in as a user the policy allows', { timeout: 300_000 }, async () => {
    const failures = await fuzz(
      (op) => !op.path.startsWith('/api/docs'),
      (op) => userFor(access.get(`${op.method} ${op.path}`)),
    );
    expect(failures).toEqual([]);
  });

  it('answers no bad request to the sign-in routes with a 5xx, anonymously', async () => {
    const failures = await fuzz(
      (op) => op.path.startsWith('/api/auth') || op.path === '/api/towns',
      () => null,
    );
    expect(failures).toEqual([]);
  });
});
