import { ROLE_ACTIONS, type Action, type Role } from '@gongyi/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from './demo/demo-users.js';
import { demoTown, type Api, type Method, type TestTown } from '../testing/harness.js';
import { RECORD_ROUTES, type RecordKind } from '../testing/route-expectations.js';

// #13 item 11: the scope half of the role × route walk. For every route the app registers that
// reads one person, sheet, pay run, agreement or one's own payslip (RECORD_ROUTES, checked against
// the route table in policy.routes.test.ts), every scoped demo user (two coops, a supervising
// department, a daily-managing unit, a grid manager, a worker) asks for records of its own town that
// lie outside its scope: the answer is 404 or 403, never the data. Records inside the scope answer
// 200, so the refusals are not mere bad ids. Runs on SQLite and on PostgreSQL (npm run test:pg).

const SCOPED_USERS = ['coop1', 'coop2', 'zongzhiban', 'paichusuo', 'cun1', 'worker1'];
type Scoped = Exclude<RecordKind, 'town'>;

/** How the town's records of each kind are listed (the scope's oracle: what each user's own list shows). */
const LISTS: Record<Exclude<Scoped, 'own-slip'>, { url: string; id: (row: Record<string, string>) => string; action: Action }> = {
  person: { url: '/workers?pageSize=200', id: (r) => r.personId!, action: 'worker.read' },
  sheet: { url: '/assessment/sheets?month=2026-02', id: (r) => r.id!, action: 'assessment.read' },
  run: { url: '/payroll/runs?pageSize=200', id: (r) => r.id!, action: 'payroll.read' },
  agreement: { url: '/agreements?pageSize=200', id: (r) => r.id!, action: 'agreement.read' },
};

async function listIds(api: Api, kind: keyof typeof LISTS): Promise<string[]> {
  const { url, id } = LISTS[kind];
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const res = await api('GET', url.includes('pageSize') ? `${url}&page=${page}` : url);
    expect(res.status, `${url} page ${page}`).toBe(200);
    const rows = (Array.isArray(res.body) ? res.body : res.body.items) as Record<string, string>[];
    ids.push(...rows.map(id));
    if (Array.isArray(res.body) || ids.length >= res.body.total || rows.length === 0) return [...new Set(ids)];
  }
}

describe('every record-reading route × every scoped user: out of scope is never data', () => {
  let t: TestTown;
  const users = new Map<string, Api>();
  const all = new Map<keyof typeof LISTS, string[]>();
  let routes: { method: Method; url: string; kind: Scoped; access: Action }[] = [];

  beforeAll(async () => {
    t = await demoTown({ payroll: true });
    for (const u of SCOPED_USERS) users.set(u, await t.as(u));
    // Each coop runs February's pay, so there are runs inside and outside each coop's scope.
    const coops = (await t.api('GET', '/coops?pageSize=10')).body.items as { id: string; name: string }[];
    for (const [user, name] of [['coop1', '社会协管'], ['coop2', '公共服务']] as const) {
      const run = await users.get(user)!('POST', '/payroll/runs', { kind: 'monthly', coopId: coops.find((c) => c.name.includes(name))!.id, month: '2026-02' });
      expect(run.status, JSON.stringify(run.body)).toBe(201);
    }
    const hr = await t.as('hr');
    const finance = await t.as('finance');
    for (const kind of ['person', 'sheet', 'agreement'] as const) all.set(kind, await listIds(hr, kind));
    all.set('run', await listIds(finance, 'run'));
    routes = t.app.routeTable.flatMap((r) => {
      const kind = RECORD_ROUTES[`${r.method} ${r.url}`];
      return kind && kind !== 'town' ? [{ method: r.method as Method, url: r.url.replace('/api/towns/:townId', ''), kind, access: r.access as Action }] : [];
    });
  }, 120_000);
  afterAll(() => t.close());

  it('has records of every kind in the demo town to walk', () => {
    for (const [kind, ids] of all) expect(ids.length, kind).toBeGreaterThan(0);
    expect(new Set(routes.map((r) => r.kind))).toEqual(new Set(['person', 'sheet', 'run', 'agreement', 'own-slip']));
  });

  it('answers 404 or 403 for records outside the caller’s scope, and the record inside it', async () => {
    const wrong: string[] = [];
    let refused = 0;
    let shown = 0;
    for (const username of SCOPED_USERS) {
      const api = users.get(username)!;
      const role = DEMO_USERS.find((u) => u.username === username)!.role as Role;
      const may = (action: Action) => ROLE_ACTIONS[role].includes(action);
      const visible = new Map<Scoped, string[]>();
      for (const kind of Object.keys(LISTS) as (keyof typeof LISTS)[]) visible.set(kind, may(LISTS[kind].action) ? await listIds(api, kind) : []);
      // One's own payslips: the runs with a slip of one's own (a worker's account), none for anyone else.
      visible.set('own-slip', may('payroll.self') ? ((await api('GET', '/payroll/my-slips')).body as { runId: string }[]).map((s) => s.runId) : []);
      for (const route of routes) {
        const source = all.get(route.kind === 'own-slip' ? 'run' : route.kind)!;
        const inside = new Set(visible.get(route.kind));
        const outside = source.filter((id) => !inside.has(id)).slice(0, 3);
        const body = route.url.endsWith('/reveal') ? { field: 'idNumber' } : undefined;
        for (const id of outside) {
          const res = await api(route.method, route.url.replace(/:(id|runId)/, id), body);
          refused += 1;
          if (res.status !== 404 && res.status !== 403) wrong.push(`${username} ${route.method} ${route.url} ${route.kind} ${id} outside → ${res.status}`);
        }
        // The main reader of a kind shows a record inside the scope (the refusals above are about scope, not bad ids).
        const first = visible.get(route.kind)![0];
        if (route.method === 'GET' && /\/:id$/.test(route.url) && first && may(route.access)) {
          const res = await api('GET', route.url.replace(':id', first));
          shown += 1;
          if (res.status !== 200) wrong.push(`${username} GET ${route.url} ${first} inside → ${res.status}`);
        }
      }
    }
    console.log(`record scope walk: ${refused} out-of-scope and ${shown} in-scope requests over ${routes.length} routes and ${SCOPED_USERS.length} users`);
    expect(wrong).toEqual([]);
    expect(refused).toBeGreaterThan(routes.length * 2);
  }, 300_000);
});
