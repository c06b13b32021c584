import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTown, type TestTown } from '../../testing/harness.js';

// DOMAIN.md R4, written out independently of the seed data: team → supervising department,
// daily-managing units, community score share.
const R4: [team: string, supervising: string, units: string[], share: boolean][] = [
  ['社区保安', '社会治安综合治理办公室', ['派出所', '交警支队'], true],
  ['社区巡逻', '社会治安综合治理办公室', ['派出所', '交警支队'], true],
  ['综合协管', '社会治安综合治理办公室', ['派出所', '交警支队'], true],
  ['市容环境协管', '社会保障事务所', ['城管分队'], false],
  ['就业援助', '社会保障事务所', ['社会保障事务所'], true],
  ['社保协管', '社会保障事务所', ['社会保障事务所'], false],
  ['特种设备协管', '社会保障事务所', ['安全生产监督管理所'], false],
  ['建筑协管', '社会保障事务所', ['村镇建设管理办公室'], false],
  ['劳动监察协管', '社会保障事务所', ['区人保局'], false],
  ['助老协管', '社会事业管理办公室', ['社会事业管理办公室'], true],
  ['助残协管', '社会事业管理办公室', ['社会事业管理办公室'], true],
  ['社区公益卫生保洁', '社区服务中心', ['九峰物业公司', '环卫所'], true],
  ['社区环境保洁', '社区服务中心', ['九峰物业公司', '环卫所'], true],
  ['河道保洁', '农业服务中心', ['水务站'], false],
  ['林业养护', '农业服务中心', ['农业服务中心'], false],
];

const SOCIAL = ['特种设备协管', '劳动监察协管', '综合协管', '社区保安', '市容环境协管', '社区巡逻', '建筑协管'];

describe('demo town 小昆山镇 (R1–R4)', () => {
  let t: TestTown;
  beforeAll(async () => {
    t = await demoTown();
  });
  afterAll(() => t.close());

  it('has the 15 teams managed exactly as the R4 table says', async () => {
    const { status, body } = await t.api('GET', '/teams?pageSize=50&on=2013-01-01');
    expect(status).toBe(200);
    expect(body.total).toBe(15);
    const actual = body.items.map((team: any) => [ // eslint-disable-line @typescript-eslint/no-explicit-any
      team.name,
      team.assignment.supervisingDepartmentName,
      team.assignment.managingUnits.map((u: { departmentName: string }) => u.departmentName),
      team.assignment.communityScoreShare,
    ]);
    expect(actual.sort()).toEqual([...R4].sort());
  });

  it('puts 7 teams in social coordination and 8 in public service, each with its category coop (R2, R3)', async () => {
    const { body } = await t.api('GET', '/teams?pageSize=50&on=2013-01-01');
    for (const team of body.items) {
      const social = SOCIAL.includes(team.name);
      expect(team.categoryCode).toBe(social ? 'social_coordination' : 'public_service');
      expect(team.coopName).toBe(social ? '松江区小昆山社会协管服务社' : '松江区小昆山社区公共服务社');
    }
    const coops = await t.api('GET', '/coops');
    expect(coops.body.items.map((c: { teamCount: number }) => c.teamCount).sort()).toEqual([7, 8]);
    expect(coops.body.items.every((c: { seatDepartmentName: string }) => c.seatDepartmentName === '社会保障事务所')).toBe(true);
  });

  it('names the leadership group, its office in 社保所 and the supervision office', async () => {
    const { body } = await t.api('GET', '/bodies');
    expect(body.items.map((b: { kind: string }) => b.kind)).toEqual(['leadership_group', 'leadership_office', 'supervision_office']);
    const office = body.items[1];
    expect(office.seatDepartmentName).toBe('社会保障事务所');
    expect(office.members[0]).toMatchObject({ role: '主任', holder: '分管就业的副镇长' });
    expect(body.items[0].members[0]).toMatchObject({ role: '组长', holder: '镇长' });
  });

  it('uses clearly synthetic community names', async () => {
    const { body } = await t.api('GET', '/communities?pageSize=50');
    expect(body.total).toBe(11);
    expect(body.items.every((c: { name: string }) => c.name.startsWith('示范'))).toBe(true);
  });

  it('had no team before the integration date', async () => {
    const { body } = await t.api('GET', '/teams?on=2012-10-31');
    expect(body.total).toBe(0);
  });
});
