import fc from 'fast-check';
import { makeIdNumber } from '@gongyi/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../../runtime.js';
import { demoTown, type Api, type TestTown } from '../../testing/harness.js';
import { demoIdentity } from '../demo/demo-workers.js';

// R10 on the real database: after any random sequence of hires (the whole chain), exits and
// transfers, filled + held ≤ quota at team, category and town level, vacancies = quota − filled −
// held, and the board agrees with a direct count of the posts.

const TEAMS = ['综合协管', '社区保安', '社区巡逻'] as const;
type Op = { kind: 'hire'; team: number } | { kind: 'exit'; team: number } | { kind: 'transfer'; from: number; to: number } | { kind: 'approveOnly'; team: number };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('hire' as const), team: fc.nat(2) }),
  fc.record({ kind: fc.constant('approveOnly' as const), team: fc.nat(2) }),
  fc.record({ kind: fc.constant('exit' as const), team: fc.nat(2) }),
  fc.record({ kind: fc.constant('transfer' as const), from: fc.nat(2), to: fc.nat(2) }),
);

interface Line {
  id: string;
  name: string;
  categoryId?: string;
  quota: number | null;
  filled: number;
  reserved: number;
  vacancies: number | null;
  over: boolean;
}

describe('one out, one in on the database (R10, property)', () => {
  let t: TestTown;
  let hr: Api, coop1: Api, zongzhiban: Api;
  const ids = new Map<string, string>();
  let seq = 0;
  let region = '';

  beforeAll(async () => {
    t = await demoTown();
    [hr, coop1, zongzhiban] = await Promise.all([t.as('hr'), t.as('coop1'), t.as('zongzhiban')]);
    region = demoIdentity(t.townCode).region;
    for (const d of (await t.api('GET', '/departments?pageSize=100')).body.items) ids.set(d.name, d.id);
    for (const x of (await t.api('GET', '/teams?pageSize=50')).body.items) ids.set(x.name, x.id);
    // A tight plan: each of the three teams one place from full; their category is the sum of its teams (R9).
    const board = (await hr('GET', '/quota/board')).body as { teams: Line[] };
    const [plan] = (await hr('GET', '/quota/plans')).body;
    const held = (name: string) => board.teams.find((l) => l.name === name)!;
    const tight = new Map(TEAMS.map((name) => [ids.get(name)!, held(name).filled + held(name).reserved + 1]));
    const categoryId = held(TEAMS[0]).categoryId;
    const teams = plan.teams.map((l: { teamId: string; quota: number }) => ({ ...l, quota: tight.get(l.teamId) ?? l.quota }));
    const inCategory = teams.filter((l: { teamId: string }) => board.teams.find((b) => b.id === l.teamId)!.categoryId === categoryId);
    const categoryQuota = inCategory.reduce((s: number, l: { quota: number }) => s + l.quota, 0);
    const categories = plan.categories.map((c: { categoryId: string; quota: number }) => (c.categoryId === categoryId ? { ...c, quota: categoryQuota } : c));
    const res = await hr('POST', '/quota/plans', { validFrom: '2026-03-01', total: plan.total, basis: '性质测试：收紧职数', categories, teams });
    expect(res.status).toBe(201);
  });
  afterAll(() => t.close());

  const post = (team: string, startDate = '2026-04-01') => ({ teamId: ids.get(team), managingDepartmentId: ids.get('派出所'), duty: '巡逻', startDate, insurance: 'urban_employee' });

  async function run(op: Op): Promise<void> {
    if (op.kind === 'hire' || op.kind === 'approveOnly') {
      const req = await zongzhiban('POST', '/hiring', { person: { name: '性质测试', idNumber: makeIdNumber(region, '1982-02-02', 100 + seq++) }, post: post(TEAMS[op.team]!) });
      if (req.status !== 201) return expect(req.body.error.message).toContain('R10');
      const approved = await hr('POST', `/hiring/${req.body.id}/decision`, { decision: 'approve' });
      if (approved.status !== 200) return expect(approved.body.error.message).toContain('R10');
      if (op.kind === 'approveOnly') return; // the approved request keeps holding its place
      const draft = await coop1('POST', '/agreements', { hiringRequestId: req.body.id });
      await coop1('POST', `/agreements/${draft.body.id}/actions`, { event: 'sign', date: '2026-03-15' });
      await zongzhiban('POST', `/agreements/${draft.body.id}/witness`, { date: '2026-03-15', departmentId: ids.get('社会治安综合治理办公室') });
      const filed = await coop1('POST', `/agreements/${draft.body.id}/actions`, { event: 'file', date: '2026-03-15', filingNumber: `P-${seq}` });
      expect(filed.status).toBe(200);
    } else if (op.kind === 'exit') {
      const [w] = (await coop1('GET', `/workers?teamId=${ids.get(TEAMS[op.team]!)}&status=active&pageSize=1`)).body.items;
      if (!w) return;
      expect((await coop1('POST', `/workers/${w.personId}/exit`, { reason: 'resignation', exitDate: '2026-04-10' })).status).toBe(200);
    } else {
      if (op.from === op.to) return;
      const [w] = (await coop1('GET', `/workers?teamId=${ids.get(TEAMS[op.from]!)}&status=active&pageSize=1`)).body.items;
      if (!w) return;
      const req = await zongzhiban('POST', '/hiring/transfers', { personId: w.personId, post: post(TEAMS[op.to]!, '2026-03-20'), reason: '调队' });
      if (req.status !== 201) return expect(req.body.error.message).toMatch(/R10|已有待处理|晚于/);
      const approved = await hr('POST', `/hiring/${req.body.id}/decision`, { decision: 'approve' });
      if (approved.status !== 200) expect(approved.body.error.message).toMatch(/R10|晚于/);
    }
  }

  async function checkInvariants(): Promise<void> {
    const board = (await hr('GET', '/quota/board')).body as { total: Line; categories: Line[]; teams: Line[] };
    for (const line of [board.total, ...board.categories, ...board.teams]) {
      if (line.quota === null) continue;
      expect(line.filled + line.reserved, line.name).toBeLessThanOrEqual(line.quota);
      expect(line.vacancies).toBe(line.quota - line.filled - line.reserved);
      expect(line.over).toBe(false);
    }
    // People in post in the team today or later (R10: an exit dated ahead, as the 2026-04-10 ones here, frees the place on its date).
    const on = today(t.runtime.clock);
    const counted = await t.database.db
      .selectFrom('posts')
      .select(['team_id', (eb) => eb.fn.count<number>('person_id').distinct().as('n')])
      .where('town_id', '=', t.townId)
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', on)]))
      .where('status', 'in', ['active', 'suspended'])
      .where('off_roster', '=', 0)
      .groupBy('team_id')
      .execute();
    for (const line of board.teams) expect(line.filled, line.name).toBe(Number(counted.find((c) => c.team_id === line.id)?.n ?? 0));
  }

  it('holds after any sequence of hires, approvals, exits and transfers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 4, maxLength: 12 }), async (ops) => {
        for (const op of ops) {
          await run(op);
          await checkInvariants();
        }
      }),
      { numRuns: 8 },
    );
  }, 120_000);
});
