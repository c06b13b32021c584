import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCount, demoTown, type TestTown } from '../../testing/harness.js';

describe('departments', () => {
  let t: TestTown;
  beforeAll(async () => {
    t = await demoTown();
  });
  afterAll(() => t.close());

  it('pages, filters by kind and searches by name or short name', async () => {
    const page1 = await t.api('GET', '/departments?pageSize=5');
    expect(page1.body).toMatchObject({ total: 20, page: 1, pageSize: 5 });
    expect(page1.body.items).toHaveLength(5);
    const page5 = await t.api('GET', '/departments?pageSize=6&page=4');
    expect(page5.body.items).toHaveLength(2);
    const police = await t.api('GET', '/departments?kind=police');
    expect(police.body.items.map((d: { name: string }) => d.name)).toEqual(['派出所']);
    const byShort = await t.api('GET', '/departments?q=社事办');
    expect(byShort.body.items.map((d: { name: string }) => d.name)).toEqual(['社会事业管理办公室']);
    const literal = await t.api('GET', '/departments?q=%25');
    expect(literal.body.total).toBe(0);
  });

  it('creates a department, audits it, and finds it only while in force', async () => {
    const before = await auditCount(t.database, t.townId);
    const res = await t.api('POST', '/departments', { name: '临时工作组', kind: 'town_office', validFrom: '2026-01-01', validTo: '2026-06-30' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: '临时工作组', shortName: '临时工作组', note: '', validTo: '2026-06-30' });
    expect(await auditCount(t.database, t.townId)).toBe(before + 1);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('town_id', '=', t.townId)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'department.create', object_id: res.body.id, result: 'ok', at: '2026-03-15T10:00:00.000+08:00' });
    expect(JSON.parse(audit.after_json!)).toMatchObject({ name: '临时工作组' });
    expect(audit.request_id).not.toBe('');

    expect((await t.api('GET', '/departments?q=临时&on=2026-07-01')).body.total).toBe(0);
    expect((await t.api('GET', '/departments?q=临时&on=2026-06-30')).body.total).toBe(1);
  });

  it('edits a department keeping before and after in the audit log', async () => {
    const created = await t.api('POST', '/departments', { name: '文明办', kind: 'town_office', validFrom: '2020-01-01' });
    const res = await t.api('PATCH', `/departments/${created.body.id}`, { shortName: '文明', note: '2026 年更名' });
    expect(res.status).toBe(200);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('town_id', '=', t.townId)
      .where('action', '=', 'department.update')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before_json!).shortName).toBe('文明办');
    expect(JSON.parse(audit.after_json!).shortName).toBe('文明');
  });

  it('explains bad input in Chinese, names the field, and writes nothing', async () => {
    const before = await auditCount(t.database, t.townId);
    const cases: [body: unknown, field: string, text: string][] = [
      [{ name: '甲', kind: 'town_office', validFrom: '2012-13-01' }, 'validFrom', '生效日期：不是有效日期'],
      [{ name: '甲', kind: 'office', validFrom: '2012-01-01' }, 'kind', '类型：取值无效'],
      [{ name: '', kind: 'town_office', validFrom: '2012-01-01' }, 'name', '名称：不能为空'],
      [{ kind: 'town_office', validFrom: '2012-01-01' }, 'name', '名称：不能为空'],
      [{ name: '甲', kind: 'town_office', validFrom: '2012-01-01', owner: 'x' }, '', '不认识的字段 owner'],
      [{ name: '甲', kind: 'town_office', validFrom: '2012-05-01', validTo: '2012-04-30' }, 'validTo', '失效日期：早于生效日期'],
      [{ name: '派出所', kind: 'police', validFrom: '2012-01-01' }, 'name', '部门“派出所”已存在'],
    ];
    for (const [body, field, text] of cases) {
      const res = await t.api('POST', '/departments', body);
      expect(res.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.body.error.message).toContain(text);
      if (field) expect(res.body.error.field).toBe(field);
    }
    expect(await auditCount(t.database, t.townId)).toBe(before);
  });

  it('answers in English when asked', async () => {
    const res = await t.api('POST', '/departments', { name: '甲', kind: 'town_office', validFrom: 'tomorrow' }, { 'accept-language': 'en-US,en;q=0.9' });
    expect(res.body.error.message).toBe('Valid from is not a valid date; use the form 2026-03-01.');
  });

  it('a PATCH that would end a department before it starts is refused', async () => {
    const d = (await t.api('GET', '/departments?q=经管所')).body.items[0];
    const res = await t.api('PATCH', `/departments/${d.id}`, { validTo: '2011-12-31' });
    expect(res.status).toBe(422);
    expect(res.body.error.field).toBe('validTo');
    expect((await t.api('PATCH', '/departments/nope', { note: 'x' })).status).toBe(404);
  });
});
