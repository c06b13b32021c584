import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTown, type Api, type TestTown } from '../../testing/harness.js';
import { widenQuota } from '../../testing/quota.js';

// #13 item 1, the same fault on a POST: a hiring request for a former worker brings the stored
// person up to date with the request's person, and every number the request left empty (null by
// the create schema's default) used to erase the one on record.
describe('hiring a former worker keeps the numbers the request leaves empty (#13 item 1)', () => {
  let t: TestTown;
  let hr: Api, zongzhiban: Api;
  beforeAll(async () => {
    t = await demoTown();
    [hr, zongzhiban] = await Promise.all([t.as('hr'), t.as('zongzhiban')]);
    await widenQuota(hr, { 社区巡逻: 1 });
  });
  afterAll(() => t.close());

  it('updates what the request gives and keeps phone, bank account and emergency phone it does not', async () => {
    const exited = (await hr('GET', '/workers?status=exited&pageSize=1')).body.items[0];
    const personId: string = exited.personId;
    const numbers = { phone: '13912345678', bankAccount: '6228480402564890018', emergencyContactPhone: '13787654321' };
    expect((await hr('PATCH', `/workers/${personId}/person`, numbers)).status).toBe(200);
    const idNumber = (await hr('POST', `/workers/${personId}/reveal`, { field: 'idNumber' })).body.value;
    const teams = (await hr('GET', '/teams?pageSize=100')).body.items as { id: string; name: string }[];
    const departments = (await hr('GET', '/departments?pageSize=100')).body.items as { id: string; name: string }[];
    const request = await zongzhiban('POST', '/hiring', {
      person: { name: exited.name, idNumber, address: '小昆山镇新址 9 号' },
      post: { teamId: teams.find((x) => x.name === '社区巡逻')!.id, managingDepartmentId: departments.find((d) => d.name === '派出所')!.id, duty: '社区巡逻', startDate: '2026-04-01', insurance: 'urban_employee' },
      reason: '原从业人员重新招录',
    });
    expect(request.status, JSON.stringify(request.body)).toBe(201);
    for (const [field, value] of Object.entries(numbers)) expect((await hr('POST', `/workers/${personId}/reveal`, { field })).body.value, field).toBe(value);
    expect((await hr('GET', `/workers/${personId}`)).body.person.address).toBe('小昆山镇新址 9 号');
  });
});
