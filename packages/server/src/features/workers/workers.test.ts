import { makeIdNumber } from '@gongyi/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTown, type Api, type TestTown } from '../../testing/harness.js';
import { demoIdentity } from '../demo/demo-workers.js';
import { widenQuota } from '../../testing/quota.js';

describe('worker registry (#4)', () => {
  let t: TestTown;
  let hr: Api;
  const ids = new Map<string, string>();
  // ID numbers in this town's own synthetic region, with sequences its demo workers never use, so
  // reruns against a kept PostgreSQL database never meet an ID still active in an older town.
  let idFor: (born: string, seq: number) => string;
  beforeAll(async () => {
    t = await demoTown();
    hr = await t.as('hr');
    const { region } = demoIdentity(t.townCode);
    idFor = (born, seq) => makeIdNumber(region, born, 700 + (seq % 299));
    for (const d of (await t.api('GET', '/departments?pageSize=100')).body.items) ids.set(d.name, d.id);
    for (const x of (await t.api('GET', '/teams?pageSize=50')).body.items) ids.set(x.name, x.id);
    for (const c of (await t.api('GET', '/communities?pageSize=50')).body.items) ids.set(c.name, c.id);
    // The demo teams are full (R10); these tests register people directly, so give them room.
    await widenQuota(hr, { 河道保洁: 20 });
  });
  afterAll(() => t.close());

  const newWorker = (idNumber: string, overrides: Record<string, unknown> = {}) => ({
    person: { name: '测试人员', idNumber, phone: '13900001111', bankAccount: '6228480402564890018' },
    post: { teamId: ids.get('河道保洁'), managingDepartmentId: ids.get('水务站'), startDate: '2025-01-01', fieldOrHazardous: true, insurance: 'community_comprehensive', ...overrides },
  });

  it('holds the 659 demo workers, masked, paged and sorted by name', async () => {
    const page = await hr('GET', '/workers?pageSize=50');
    expect(page.body.total).toBe(659);
    expect(page.body.items).toHaveLength(50);
    const row = page.body.items[0];
    expect(row.idNumberMasked).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
    expect(row.phoneMasked).toMatch(/^13\d\*{4}\d{4}$/);
    const names = page.body.items.map((w: { name: string }) => w.name);
    expect([...names].sort((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(names);
    const facets = await hr('GET', '/workers/facets');
    expect(facets.body.teams.find((x: { name: string }) => x.name === '社区巡逻').count).toBe(95);
    // The demo's five exits this year (#5) stay on the roster as exited.
    expect(facets.body.status).toEqual([
      { value: 'active', count: 654 },
      { value: 'exited', count: 5 },
    ]);
    expect(facets.body.categories.map((c: { count: number }) => c.count).sort()).toEqual([309, 350]);
    expect(facets.body.coops).toHaveLength(2);
    const filtered = await hr('GET', `/workers/facets?teamId=${ids.get('社区巡逻')}`);
    expect(filtered.body.categories).toEqual([expect.objectContaining({ count: 95 })]);
    expect(filtered.body.teams.length).toBe(15);
  });

  it('filters by team, category, community, unit, flags, and finds by ID tail or whole ID', async () => {
    expect((await hr('GET', `/workers?teamId=${ids.get('河道保洁')}`)).body.total).toBe(46);
    const cats = (await t.api('GET', '/categories')).body.items;
    const social = cats.find((c: { code: string }) => c.code === 'social_coordination');
    expect((await hr('GET', `/workers?categoryId=${social.id}`)).body.total).toBe(309);
    expect((await hr('GET', `/workers?flag=special_post`)).body.items.every((w: { flags: string[] }) => w.flags.includes('special_post'))).toBe(true);
    const gaps = (await hr('GET', '/workers?flag=insurance_gap&pageSize=200')).body.items;
    expect(gaps.length).toBeGreaterThan(0);
    expect(gaps.every((w: { post: { fieldOrHazardous: boolean; insurance: string } }) => w.post.fieldOrHazardous && w.post.insurance !== 'community_comprehensive')).toBe(true);

    const created = await hr('POST', '/workers', newWorker(idFor('1980-02-03', 777)));
    expect(created.status).toBe(201);
    const tail = idFor('1980-02-03', 777).slice(-4);
    const byTail = await hr('GET', `/workers?idTail=${tail}`);
    expect(byTail.body.items.map((w: { personId: string }) => w.personId)).toContain(created.body.person.id);
    const byId = await hr('GET', `/workers?idNumber=${idFor('1980-02-03', 777)}`);
    expect(byId.body.total).toBe(1);
  });

  it('derives birth date and sex from the ID and explains a bad one in Chinese', async () => {
    const id = idFor('1975-07-08', 12);
    const res = await hr('POST', '/workers', newWorker(id));
    expect(res.body.person).toMatchObject({ birthDate: '1975-07-08', sex: 'female', idNumberMasked: `${id.slice(0, 3)}***********${id.slice(-4)}` });
    const bad = await hr('POST', '/workers', newWorker(`${id.slice(0, 17)}${id[17] === '1' ? '2' : '1'}`));
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ field: 'person.idNumber' });
    expect(bad.body.error.message).toContain('身份证号码：不是有效的 18 位身份证号');
    const dup = await hr('POST', '/workers', newWorker(id));
    expect(dup.status).toBe(409);
  });

  it('lets one ID hold one active post across all towns', async () => {
    const other = await demoTown();
    try {
      const id = idFor('1985-01-01', 5);
      expect((await hr('POST', '/workers', newWorker(id))).status).toBe(201);
      const otherHr = await other.as('hr');
      await widenQuota(otherHr, { 河道保洁: 5 });
      const otherIds = new Map<string, string>();
      for (const x of (await other.api('GET', '/teams?pageSize=50')).body.items) otherIds.set(x.name, x.id);
      for (const d of (await other.api('GET', '/departments?pageSize=100')).body.items) otherIds.set(d.name, d.id);
      const body = { ...newWorker(id), post: { ...newWorker(id).post, teamId: otherIds.get('河道保洁'), managingDepartmentId: otherIds.get('水务站') } };
      const twice = await otherHr('POST', '/workers', body);
      expect(twice.status).toBe(422);
      expect(twice.body.error.message).toContain('一人只能有一个在岗岗位');
      // after the exit in the first town, the second town may register the person
      const mine = (await hr('GET', `/workers?idNumber=${id}`)).body.items[0];
      const exit = await hr('POST', `/workers/${mine.personId}/exit`, { exitDate: '2026-02-01', reason: 'resignation' });
      expect(exit.status).toBe(200);
      expect((await otherHr('POST', '/workers', body)).status).toBe(201);
    } finally {
      await other.close();
    }
  });

  it('keeps every post change as a dated version (timeline), and refuses rewriting history', async () => {
    const id = idFor('1990-09-09', 31);
    const created = (await hr('POST', '/workers', newWorker(id))).body;
    const personId = created.person.id;
    const moved = await hr('POST', `/workers/${personId}/posts`, { validFrom: '2025-06-01', duty: '泵站值守', note: '改任泵站值守' });
    expect(moved.body.history).toHaveLength(2);
    expect(moved.body.history[1]).toMatchObject({ duty: '', validTo: '2025-05-31' });
    expect(moved.body.post).toMatchObject({ teamName: '河道保洁', duty: '泵站值守', validFrom: '2025-06-01', startDate: '2025-01-01' });
    // R10: a team change is a transfer (an exit and a hire approved by town HR), not a post edit.
    const transfer = await hr('POST', `/workers/${personId}/posts`, { validFrom: '2025-06-15', teamId: ids.get('林业养护') });
    expect(transfer.status).toBe(422);
    expect(transfer.body.error).toMatchObject({ field: 'teamId', message: expect.stringContaining('调队申请') });
    const legacy = await hr('POST', `/workers/${personId}/posts`, { validFrom: '2025-07-01', payScheme: 'legacy', legacyBaseFen: 150000 });
    expect(legacy.status).toBe(422);
    expect(legacy.body.error).toMatchObject({ field: 'payScheme', message: expect.stringContaining('不能改回老办法') });
    const back = await hr('POST', `/workers/${personId}/posts`, { validFrom: '2025-05-01', status: 'suspended' });
    expect(back.status).toBe(422);
    expect(back.body.error.field).toBe('validFrom');
    const exit = await hr('POST', `/workers/${personId}/posts`, { validFrom: '2025-08-01', status: 'exited', exitReason: 'resignation' });
    expect(exit.body.error).toMatchObject({ field: 'status', message: expect.stringContaining('办理离岗') });
  });

  it('reveals a number only to a grant that allows it, and audits each reveal', async () => {
    const w = (await hr('GET', '/workers?pageSize=1')).body.items[0];
    const revealed = await hr('POST', `/workers/${w.personId}/reveal`, { field: 'idNumber' });
    expect(revealed.body.value).toMatch(/^\d{17}[\dX]$/);
    expect(revealed.body.value.slice(-4)).toBe(w.idNumberMasked.slice(-4));
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('town_id', '=', t.townId).where('action', '=', 'worker.reveal').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json!)).toEqual({ field: 'idNumber' });
    expect(audit.after_json).not.toContain(revealed.body.value);
    const leader = await t.as('leader');
    expect((await leader('POST', `/workers/${w.personId}/reveal`, { field: 'idNumber' })).status).toBe(403);
  });

  it('applies each grant’s scope inside the query, and hides out-of-scope workers by id (IDOR)', async () => {
    const coop = await t.as('coop1');
    const coopRows = (await coop('GET', '/workers?pageSize=200')).body;
    expect(coopRows.total).toBe(309); // the social-coordination coop's 7 teams; the workers added above are public service
    const village = await t.as('cun1');
    const villageRows = (await village('GET', '/workers?pageSize=200')).body.items;
    expect(villageRows.length).toBeGreaterThan(0);
    expect(villageRows.every((w: { post: { communityName: string } }) => w.post.communityName === '示范一村')).toBe(true);
    const police = await t.as('paichusuo');
    const policeRows = (await police('GET', '/workers?pageSize=200')).body.items;
    expect(new Set(policeRows.map((w: { post: { teamName: string } }) => w.post.teamName))).toEqual(new Set(['综合协管', '社区保安', '社区巡逻']));
    const self = await t.as('worker1');
    expect((await self('GET', '/workers')).body.total).toBe(1);

    const foreignTeam = await coop('POST', '/workers', newWorker(idFor('1988-08-08', 88)));
    expect(foreignTeam.status).toBe(403);
    expect(foreignTeam.body.error.field).toBe('post.teamId');
    expect((await hr('GET', `/workers?idNumber=${idFor('1988-08-08', 88)}`)).body.total).toBe(0);

    // Outside both scopes: a public-service worker (not coop1's) stationed away from 示范一村 (not cun1's).
    const riverRows = (await hr('GET', `/workers?teamId=${ids.get('河道保洁')}&pageSize=50`)).body.items;
    const outside = riverRows.find((w: { post: { communityName: string | null } }) => w.post.communityName !== '示范一村');
    const idor = await coop('GET', `/workers/${outside.personId}`);
    expect(idor.status).toBe(404);
    expect((await village('GET', `/workers/${outside.personId}`)).status).toBe(404);
    expect((await hr('GET', `/workers/${outside.personId}`)).status).toBe(200);
  });

  it('exports the filtered roster masked, and audits the export', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const res = await hr('GET', `/workers/export.xlsx?teamId=${ids.get('助残协管')}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.rowCount).toBe(13);
    expect(String(sheet.getRow(2).getCell(2).value)).toMatch(/^\d{3}\*{11}/);
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('town_id', '=', t.townId).where('action', '=', 'worker.export').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json!)).toMatchObject({ rows: 12 });
  });

  it('flags two people sharing a phone number for review', async () => {
    const a = await hr('POST', '/workers', { ...newWorker(idFor('1970-01-01', 41)), person: { ...newWorker('').person, idNumber: idFor('1970-01-01', 41), phone: '13700002222' } });
    await hr('POST', '/workers', { ...newWorker(idFor('1970-01-01', 43)), person: { ...newWorker('').person, idNumber: idFor('1970-01-01', 43), name: '另一人', phone: '13700002222', bankAccount: null } });
    const flagged = (await hr('GET', '/workers?flag=shared_contact&pageSize=200')).body.items.map((w: { personId: string }) => w.personId);
    expect(flagged).toContain(a.body.person.id);
    expect((await hr('GET', `/workers/${a.body.person.id}`)).body.flags).toContain('shared_contact');
  });
});
