import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTown, type TestTown } from '../../testing/harness.js';

describe('coops and categories (R2, R3)', () => {
  let t: TestTown;
  beforeAll(async () => {
    t = await demoTown();
  });
  afterAll(() => t.close());

  it('lets a town settle which coop employs a category, as data (R3)', async () => {
    const cats = (await t.api('GET', '/categories')).body.items;
    expect(cats.map((c: { name: string }) => c.name)).toEqual(['社会协管类', '公共服务类']);
    const coops = (await t.api('GET', '/coops')).body.items;
    const social = coops.find((c: { name: string }) => c.name.includes('社会协管'));
    const publicService = cats.find((c: { code: string }) => c.code === 'public_service');
    const res = await t.api('PATCH', `/categories/${publicService.id}`, { defaultCoopId: social.id });
    expect(res.body).toMatchObject({ defaultCoopName: '松江区小昆山社会协管服务社', teamCount: 8 });
    const bad = await t.api('PATCH', `/categories/${publicService.id}`, { defaultCoopId: 'missing' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.field).toBe('defaultCoopId');
  });

  it('creates and edits a coop with a seat department', async () => {
    const seat = (await t.api('GET', '/departments?q=社保所')).body.items[0];
    const created = await t.api('POST', '/coops', { name: '示范第三服务社', seatDepartmentId: seat.id, validFrom: '2026-01-01' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ seatDepartmentName: '社会保障事务所', teamCount: 0, shortName: '示范第三服务社' });
    const edited = await t.api('PATCH', `/coops/${created.body.id}`, { seatDepartmentId: null, note: '筹建中' });
    expect(edited.body).toMatchObject({ seatDepartmentId: null, note: '筹建中' });
    const badSeat = await t.api('POST', '/coops', { name: '示范第四服务社', seatDepartmentId: 'nope', validFrom: '2026-01-01' });
    expect(badSeat.status).toBe(422);
  });

  it('refuses a team whose category has no default coop and no coop given', async () => {
    const cats = (await t.api('GET', '/categories')).body.items;
    const social = cats.find((c: { code: string }) => c.code === 'social_coordination');
    await t.api('PATCH', `/categories/${social.id}`, { defaultCoopId: null });
    const dept = (await t.api('GET', '/departments?q=社保所')).body.items[0];
    const res = await t.api('POST', '/teams', {
      name: '交通协管',
      categoryId: social.id,
      validFrom: '2020-01-01',
      assignment: { supervisingDepartmentId: dept.id, managingUnits: [{ departmentId: dept.id }], communityScoreShare: false },
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'rule_violation', field: 'coopId' });
    expect(res.body.error.message).toContain('R3');
  });
});
