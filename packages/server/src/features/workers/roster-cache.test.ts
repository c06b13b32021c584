import { makeIdNumber } from '@gongyi/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTown, type Api, type TestTown } from '../../testing/harness.js';
import { widenQuota } from '../../testing/quota.js';
import { demoIdentity } from '../demo/demo-workers.js';

// #4 part 9: roster pages are cached per roster version, the caller's scope and the query
// (workers.service.ts listWorkers). Each test asks for a page first (so it is cached), changes
// what the page shows through the API, and asks again: the page must show the change, and equal
// the same query asked in a form never cached before (another page size).

interface Row {
  personId: string;
  name: string;
  idNumberMasked: string;
  flags: string[];
  post: { teamId: string; teamName: string; coopName: string; managingDepartmentName: string; communityId: string | null; communityName: string | null; duty: string; status: string };
}
interface Page {
  total: number;
  items: Row[];
}

let unique = 0;

describe('roster page cache (#4 part 9): never stale, never out of scope', () => {
  let t: TestTown;
  let hr: Api, coop1: Api, coop2: Api, zongzhiban: Api, paichusuo: Api, cun1: Api;
  const ids = new Map<string, string>();
  let idFor: (born: string, seq: number) => string;

  beforeAll(async () => {
    t = await demoTown();
    [hr, coop1, coop2, zongzhiban, paichusuo, cun1] = await Promise.all([t.as('hr'), t.as('coop1'), t.as('coop2'), t.as('zongzhiban'), t.as('paichusuo'), t.as('cun1')]);
    for (const d of (await t.api('GET', '/departments?pageSize=100')).body.items) ids.set(d.name, d.id);
    for (const x of (await t.api('GET', '/teams?pageSize=50')).body.items) ids.set(x.name, x.id);
    for (const c of (await t.api('GET', '/coops')).body.items) ids.set(c.name, c.id);
    const { region } = demoIdentity(t.townCode);
    idFor = (born, seq) => makeIdNumber(region, born, 600 + (seq % 99));
    await widenQuota(hr, { 社区保安: 10, 助老协管: 5 });
  });
  afterAll(() => t.close());

  async function page(api: Api, query: string): Promise<Page> {
    const res = await api('GET', `/workers?${query}`);
    expect(res.status).toBe(200);
    return res.body;
  }

  /** The page as served (perhaps from the cache), checked against the same query asked with a page size never asked before. */
  async function served(api: Api, query: string, pageSize = 200): Promise<Page> {
    const shown = await page(api, `${query}&pageSize=${pageSize}`);
    const freshSize = 101 + (unique++ % 99);
    const fresh = await page(api, `${query}&pageSize=${freshSize === pageSize ? freshSize + 1 : freshSize}`);
    const n = Math.min(shown.items.length, fresh.items.length);
    expect(shown.total).toBe(fresh.total);
    expect(shown.items.slice(0, n)).toEqual(fresh.items.slice(0, n));
    return shown;
  }

  const teamQuery = (name: string) => `teamId=${ids.get(name)}`;

  it('shows a team rename, a new sort order and a move to another coop on the next page', async () => {
    const river = ids.get('河道保洁')!;
    const before = await served(hr, teamQuery('河道保洁'));
    expect(before.items.every((w) => w.post.teamName === '河道保洁')).toBe(true);
    expect((await t.api('PATCH', `/teams/${river}`, { name: '河道保洁队' })).status).toBe(200);
    const renamed = await served(hr, teamQuery('河道保洁'));
    expect(renamed.total).toBe(before.total);
    expect(renamed.items.every((w) => w.post.teamName === '河道保洁队')).toBe(true);

    // Sorted by team: the renamed team moves to the front when its sort order does.
    const byTeam = await served(hr, 'sort=team', 20);
    expect(byTeam.items[0]!.post.teamId).not.toBe(river);
    expect((await t.api('PATCH', `/teams/${river}`, { sortOrder: 0 })).status).toBe(200);
    const reordered = await served(hr, 'sort=team', 20);
    expect(reordered.items[0]!.post.teamId).toBe(river);

    // A coop sees its teams: moving the team to the other coop moves its workers between their pages.
    const [c1Before, c2Before] = [await served(coop1, teamQuery('河道保洁')), await served(coop2, teamQuery('河道保洁'))];
    const owner = c1Before.total > 0 ? 'coop1' : 'coop2';
    const [ownerBefore, otherBefore] = owner === 'coop1' ? [c1Before, c2Before] : [c2Before, c1Before];
    expect(ownerBefore.total).toBe(before.total);
    expect(otherBefore.total).toBe(0);
    const coops = (await t.api('GET', '/coops')).body.items as { id: string; name: string }[];
    const otherCoop = coops.find((c) => c.name !== ownerBefore.items[0]!.post.coopName)!;
    expect((await t.api('PATCH', `/teams/${river}`, { coopId: otherCoop.id })).status).toBe(200);
    const [ownerApi, otherApi] = owner === 'coop1' ? [coop1, coop2] : [coop2, coop1];
    expect((await served(ownerApi, teamQuery('河道保洁'))).total).toBe(0);
    const moved = await served(otherApi, teamQuery('河道保洁'));
    expect(moved.total).toBe(before.total);
    expect(moved.items.every((w) => w.post.coopName === otherCoop.name)).toBe(true);
    expect((await served(hr, teamQuery('河道保洁'))).items.every((w) => w.post.coopName === otherCoop.name)).toBe(true);
  });

  it('shows a department, community and coop rename on the next page', async () => {
    const water = ids.get('水务站')!;
    const before = await served(hr, `departmentId=${water}`);
    expect(before.total).toBeGreaterThan(0);
    expect((await t.api('PATCH', `/departments/${water}`, { name: '小昆山水务站' })).status).toBe(200);
    const after = await served(hr, `departmentId=${water}`);
    expect(after.items.every((w) => w.post.managingDepartmentName === '小昆山水务站')).toBe(true);

    const stationed = (await served(hr, 'status=active', 200)).items.find((w) => w.post.communityId !== null)!;
    const community = stationed.post.communityId!;
    const inCommunity = await served(hr, `communityId=${community}`);
    expect(inCommunity.items.every((w) => w.post.communityName === stationed.post.communityName)).toBe(true);
    expect((await t.api('PATCH', `/communities/${community}`, { name: '更名后的村' })).status).toBe(200);
    expect((await served(hr, `communityId=${community}`)).items.every((w) => w.post.communityName === '更名后的村')).toBe(true);

    const patrol = await served(hr, teamQuery('社区巡逻'));
    const coopName = patrol.items[0]!.post.coopName;
    expect((await t.api('PATCH', `/coops/${ids.get(coopName)}`, { name: '更名后的服务社' })).status).toBe(200);
    expect((await served(hr, teamQuery('社区巡逻'))).items.every((w) => w.post.coopName === '更名后的服务社')).toBe(true);
  });

  it("follows a change of a team's supervising department into the department's own pages", async () => {
    // 综治办 sees 社区巡逻 because it supervises it (R4); the team's workers are managed day to day by 派出所/交警支队.
    const patrol = ids.get('社区巡逻')!;
    const seen = await served(zongzhiban, teamQuery('社区巡逻'));
    expect(seen.total).toBeGreaterThan(0);
    const byPolice = await served(paichusuo, teamQuery('社区巡逻'));
    const moved = await t.api('POST', `/teams/${patrol}/assignments`, {
      supervisingDepartmentId: ids.get('社会保障事务所'),
      managingUnits: [{ departmentId: ids.get('派出所') }],
      communityScoreShare: false,
      validFrom: '2026-03-15',
    });
    expect(moved.status).toBe(201);
    expect((await served(zongzhiban, teamQuery('社区巡逻'))).total).toBe(0);
    // 派出所's own scope is by the posts it manages: unchanged.
    expect((await served(paichusuo, teamQuery('社区巡逻'))).total).toBe(byPolice.total);
  });

  it("shows a worker's person update, a post change and an exit on the next page", async () => {
    const team = teamQuery('助老协管');
    const before = await served(hr, team);
    const [a, b] = before.items.filter((w) => w.post.status === 'active');
    expect(a && b).toBeTruthy();

    expect((await hr('PATCH', `/workers/${a!.personId}/person`, { name: '改名测试' })).status).toBe(200);
    const renamed = await served(hr, team);
    expect(renamed.items.find((w) => w.personId === a!.personId)!.name).toBe('改名测试');
    expect(renamed.items.some((w) => w.name === a!.name && w.personId === a!.personId)).toBe(false);

    expect((await hr('POST', `/workers/${a!.personId}/posts`, { validFrom: '2026-03-15', duty: '新的岗位职责', status: 'suspended' })).status).toBe(201);
    const changed = (await served(hr, team)).items.find((w) => w.personId === a!.personId)!;
    expect(changed.post).toMatchObject({ duty: '新的岗位职责', status: 'suspended' });
    expect((await served(hr, `${team}&status=suspended`)).items.map((w) => w.personId)).toEqual([a!.personId]);

    const active = await served(hr, `${team}&status=active`);
    expect((await hr('POST', `/workers/${b!.personId}/exit`, { reason: 'resignation', exitDate: '2026-03-16' })).status).toBe(200);
    const afterExit = await served(hr, `${team}&status=active`);
    expect(afterExit.total).toBe(active.total - 1);
    expect(afterExit.items.map((w) => w.personId)).not.toContain(b!.personId);
    expect((await served(hr, team)).items.find((w) => w.personId === b!.personId)!.post.status).toBe('exited');
  });

  it('shows a hire on the roster once its agreement is filed', async () => {
    // 社区保安: supervised by 综治办, managed day to day by 派出所 (R4).
    const team = teamQuery('社区保安');
    const before = await served(hr, team);
    const coop = (await page(coop1, `${team}&pageSize=1`)).total > 0 ? coop1 : coop2;
    const post = { teamId: ids.get('社区保安'), managingDepartmentId: ids.get('派出所'), duty: '社区保安', startDate: '2026-04-01', insurance: 'urban_employee' };
    const request = await paichusuo('POST', '/hiring', { person: { name: '新招录人员', idNumber: idFor('1987-06-07', 1), phone: '13900007777' }, post, reason: '补充空岗' });
    expect(request.status).toBe(201);
    expect((await hr('POST', `/hiring/${request.body.id}/decision`, { decision: 'approve' })).status).toBe(200);
    const draft = await coop('POST', '/agreements', { hiringRequestId: request.body.id });
    expect(draft.status).toBe(201);
    expect((await coop('POST', `/agreements/${draft.body.id}/actions`, { event: 'sign', date: '2026-03-15' })).status).toBe(200);
    const witnessed = await zongzhiban('POST', `/agreements/${draft.body.id}/witness`, { date: '2026-03-15', departmentId: ids.get('社会治安综合治理办公室') });
    expect(witnessed.status).toBe(200);
    expect((await served(hr, team)).total).toBe(before.total);
    expect((await coop('POST', `/agreements/${draft.body.id}/actions`, { event: 'file', date: '2026-03-15', filingNumber: '缓存测试-1' })).status).toBe(200);
    const after = await served(hr, team);
    expect(after.total).toBe(before.total + 1);
    expect(after.items.map((w) => w.name)).toContain('新招录人员');
  });

  it('shows a former worker updated by a new hiring request', async () => {
    // A new request for someone who has left updates the person's record (features/staffing candidate()).
    const team = teamQuery('社区保安');
    const created = await hr('POST', '/workers', {
      person: { name: '曾经在岗', idNumber: idFor('1982-02-02', 2), phone: '13900008888' },
      post: { teamId: ids.get('社区保安'), managingDepartmentId: ids.get('派出所'), startDate: '2025-01-01', insurance: 'urban_employee' },
    });
    expect(created.status).toBe(201);
    const personId = created.body.person.id as string;
    expect((await hr('POST', `/workers/${personId}/exit`, { reason: 'resignation', exitDate: '2026-03-10' })).status).toBe(200);
    const before = await served(hr, team);
    expect(before.items.find((w) => w.personId === personId)).toMatchObject({ name: '曾经在岗', post: { status: 'exited' } });
    const post = { teamId: ids.get('社区保安'), managingDepartmentId: ids.get('派出所'), duty: '社区保安', startDate: '2026-04-01', insurance: 'urban_employee' };
    const again = await paichusuo('POST', '/hiring', { person: { name: '重新招录', idNumber: idFor('1982-02-02', 2), phone: '13900008888' }, post, reason: '再次招录' });
    expect(again.status).toBe(201);
    expect((await served(hr, team)).items.find((w) => w.personId === personId)!.name).toBe('重新招录');
  });

  it('keeps each scope to its own pages: the same query by users of different scopes', async () => {
    const query = 'status=active';
    const town = await served(hr, query, 200);
    const pages = new Map<string, Page>();
    for (const [name, api] of [['coop1', coop1], ['coop2', coop2], ['zongzhiban', zongzhiban], ['paichusuo', paichusuo], ['cun1', cun1]] as const) {
      pages.set(name, await served(api, query, 200));
    }
    // Asked again in the other order, from the cache: each still sees only its own.
    for (const [name, api] of ([['cun1', cun1], ['paichusuo', paichusuo], ['zongzhiban', zongzhiban], ['coop2', coop2], ['coop1', coop1]] as const)) {
      expect(await page(api, `${query}&pageSize=200`)).toEqual(pages.get(name));
    }
    const c1 = pages.get('coop1')!;
    const c2 = pages.get('coop2')!;
    expect(c1.total + c2.total).toBe(town.total);
    const c1People = new Set(c1.items.map((w) => w.personId));
    expect(c2.items.some((w) => c1People.has(w.personId))).toBe(false);
    expect(new Set(c1.items.map((w) => w.post.coopName)).size).toBe(1);
    expect(new Set(c2.items.map((w) => w.post.coopName)).size).toBe(1);
    expect(c1.items[0]!.post.coopName).not.toBe(c2.items[0]!.post.coopName);
    const police = ids.get('派出所');
    const policePeople = (await served(hr, `${query}&departmentId=${police}`, 200)).total;
    expect(pages.get('paichusuo')!.total).toBe(policePeople);
    expect(pages.get('cun1')!.total).toBeLessThan(town.total);
    expect(pages.get('cun1')!.items.every((w) => w.post.communityName !== null)).toBe(true);
    const worker1 = await t.as('worker1');
    expect((await served(worker1, query, 200)).total).toBeLessThanOrEqual(1);
  });

  // A hiring request for a new person bumps the roster stamp (hiring.service.ts candidate()), so the
  // shared-contact set cached per roster version sees the candidate's phone at once.
  it('flags a shared phone on the next page when a new candidate brings it', async () => {
    const team = teamQuery('助老协管');
    const before = await served(hr, team);
    const worker = before.items.find((w) => w.post.status === 'active' && !w.flags.includes('shared_contact'))!;
    const phone = (await hr('POST', `/workers/${worker.personId}/reveal`, { field: 'phone' })).body.value as string;
    const post = { teamId: ids.get('社区保安'), managingDepartmentId: ids.get('派出所'), duty: '社区保安', startDate: '2026-04-01', insurance: 'urban_employee' };
    const request = await paichusuo('POST', '/hiring', { person: { name: '同号候选人', idNumber: idFor('1984-04-04', 3), phone }, post, reason: '补充空岗' });
    expect(request.status).toBe(201);
    expect((await hr('GET', `/workers/${worker.personId}`)).body.flags).toContain('shared_contact');
    expect((await served(hr, team)).items.find((w) => w.personId === worker.personId)!.flags).toContain('shared_contact');
  });

  it("changes a clerk's page when the clerk's grant changes", async () => {
    const security = await t.as('security');
    const users = (await security('GET', '/users?pageSize=100')).body.items as { id: string; username: string; grants: { id: string; role: string; scopeId: string | null }[] }[];
    const clerk = users.find((u) => u.username === 'coop2')!;
    const grant = clerk.grants.find((g) => g.role === 'coop_admin')!;
    const before = await served(coop2, 'status=active', 200);
    const other = ((await t.api('GET', '/coops')).body.items as { id: string }[]).find((c) => c.id !== grant.scopeId)!;
    expect((await security('POST', `/users/${clerk.id}/grants`, { role: 'coop_admin', scopeKind: 'coop', scopeId: other.id })).status).toBe(201);
    expect((await security('DELETE', `/users/${clerk.id}/grants/${grant.id}`)).status).toBe(200);
    const after = await served(coop2, 'status=active', 200);
    expect(new Set(after.items.map((w) => w.post.coopName)).size).toBe(1);
    expect(after.items[0]!.post.coopName).not.toBe(before.items[0]!.post.coopName);
    expect(after.items.some((w) => before.items.some((b) => b.personId === w.personId))).toBe(false);
  });

  it('never serves one town’s cached page to another town', async () => {
    const other = await demoTown();
    try {
      const otherHr = await other.as('hr');
      const mine = await page(hr, 'pageSize=20');
      const theirs = await page(otherHr, 'pageSize=20');
      expect(theirs.total).toBeGreaterThan(0);
      const mineIds = new Set(mine.items.map((w) => w.personId));
      expect(theirs.items.some((w) => mineIds.has(w.personId))).toBe(false);
      expect(theirs.items.map((w) => w.idNumberMasked)).not.toEqual(mine.items.map((w) => w.idNumberMasked));
      // A session of one town asking for the other town's roster gets no page at all.
      for (const [api, townId] of [
        [hr, other.townId],
        [otherHr, t.townId],
      ] as const) {
        const res = await api('GET', `/api/towns/${townId}/workers?pageSize=20`);
        expect([401, 403, 404]).toContain(res.status);
        expect(res.body.items).toBeUndefined();
      }
    } finally {
      await other.close();
    }
  });
});
