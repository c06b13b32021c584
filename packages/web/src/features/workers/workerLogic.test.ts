import type { Person, PostVersion } from '@gongyi/domain';
import { describe, expect, it } from 'vitest';
import { ageOn, changesSomething, createWorkerBody, personUpdateBody, postChangeBody, postChanges, postValuesOf, teamsWithinGrants, type PersonValues } from './workerLogic';

const POST: PostVersion = {
  id: 'v1',
  employmentId: 'e1',
  teamId: 'team-river',
  teamName: '河道保洁',
  categoryName: '公共服务类',
  coopName: '公共服务社',
  managingDepartmentId: 'dept-water',
  managingDepartmentName: '水务站',
  duty: '河道保洁',
  communityId: null,
  communityName: null,
  specialPost: null,
  fieldOrHazardous: true,
  offRoster: false,
  payScheme: 'legacy',
  legacyBaseFen: 157050,
  legacyBonusFen: null,
  employmentBasis: 'full_time',
  insurance: 'community_comprehensive',
  startDate: '2013-03-01',
  status: 'active',
  exitReason: null,
  note: '',
  validFrom: '2013-03-01',
  validTo: null,
  createdAt: '2026-03-01T09:00:00.000+08:00',
  createdBy: '镇人事干部',
};

describe('ages', () => {
  it('counts whole years, the birthday itself included', () => {
    expect(ageOn('1990-06-15', '2026-06-14')).toBe(35);
    expect(ageOn('1990-06-15', '2026-06-15')).toBe(36);
    expect(ageOn('1992-02-29', '2026-02-28')).toBe(33);
    expect(ageOn('1992-02-29', '2026-03-01')).toBe(34);
  });
});

describe('what a post version changed', () => {
  const older = { ...POST, validTo: '2025-12-31' };
  const next = (patch: Partial<PostVersion>): PostVersion => ({ ...POST, id: 'v2', validFrom: '2026-01-01', ...patch });

  it('calls the first version of an employment its registration', () => {
    expect(postChanges(POST, undefined)).toEqual(['registered']);
    expect(postChanges(next({ employmentId: 'e2' }), older)).toEqual(['registered']);
  });

  it('names transfers, units, status changes and pay', () => {
    expect(postChanges(next({ teamId: 't2', managingDepartmentId: 'd2' }), older)).toEqual(['team', 'managingDepartment']);
    expect(postChanges(next({ status: 'suspended' }), older)).toEqual(['suspended']);
    expect(postChanges(next({ status: 'active' }), { ...older, status: 'suspended' })).toEqual(['resumed']);
    expect(postChanges(next({ status: 'exited', exitReason: 'resignation' }), older)).toEqual(['exited']);
    expect(postChanges(next({ payScheme: 'standard', legacyBaseFen: null }), older)).toEqual(['payScheme']);
    expect(postChanges(next({ legacyBaseFen: 160000 }), older)).toEqual(['legacyAmounts']);
    expect(postChanges(next({ insurance: 'none', communityId: 'c1' }), older)).toEqual(['community', 'insurance']);
  });
});

describe('a dated change', () => {
  it('sends only what differs from the version in force', () => {
    const values = postValuesOf(POST);
    expect(values.legacyBaseYuan).toBe(1570.5);
    const unchanged = postChangeBody(POST, values, '2026-04-01');
    expect(unchanged).toEqual({ validFrom: '2026-04-01', note: '' });
    expect(changesSomething(unchanged)).toBe(false);

    const transfer = postChangeBody(POST, { ...values, teamId: 'team-forest', managingDepartmentId: 'dept-agri', note: ' 工作需要 ' }, '2026-04-01');
    expect(transfer).toEqual({ validFrom: '2026-04-01', note: '工作需要', teamId: 'team-forest', managingDepartmentId: 'dept-agri' });
    expect(changesSomething(transfer)).toBe(true);
  });

  it('turns yuan into fen, and drops the own amounts when the scheme becomes standard (R12)', () => {
    const values = postValuesOf(POST);
    expect(postChangeBody(POST, { ...values, legacyBaseYuan: 1600, legacyBonusYuan: 200.1 }, '2026-04-01')).toEqual({
      validFrom: '2026-04-01',
      note: '',
      legacyBaseFen: 160000,
      legacyBonusFen: 20010,
    });
    expect(postChangeBody(POST, { ...values, payScheme: 'standard' }, '2026-04-01')).toEqual({
      validFrom: '2026-04-01',
      note: '',
      payScheme: 'standard',
      legacyBaseFen: null,
    });
  });

  it('can clear the community and the special post', () => {
    const current = { ...POST, communityId: 'c1', communityName: '示范一村', specialPost: 'sanitation' as const };
    const values = { ...postValuesOf(current), communityId: undefined, specialPost: undefined };
    expect(postChangeBody(current, values, '2026-04-01')).toMatchObject({ communityId: null, specialPost: null });
  });
});

describe('registering a worker', () => {
  it('builds the request: trimmed text, empty optional numbers as null, amounts in fen only for legacy pay', () => {
    const body = createWorkerBody(
      { name: ' 张三 ', idNumber: ' 310117199001010011 ', phone: '', bankAccount: '6222 0000 1111 2222', education: 'senior_high' },
      { teamId: 't1', managingDepartmentId: 'd1', payScheme: 'standard', legacyBaseYuan: 1500, fieldOrHazardous: true, insurance: 'none' },
      '2026-03-01',
    );
    expect(body.person).toMatchObject({ name: '张三', idNumber: '310117199001010011', phone: null, bankAccount: '6222 0000 1111 2222', education: 'senior_high', address: '' });
    expect(body.post).toMatchObject({
      teamId: 't1',
      managingDepartmentId: 'd1',
      communityId: null,
      specialPost: null,
      payScheme: 'standard',
      legacyBaseFen: null,
      legacyBonusFen: null,
      fieldOrHazardous: true,
      insurance: 'none',
      employmentBasis: 'full_time',
      startDate: '2026-03-01',
    });
    const legacy = createWorkerBody({ name: '李四', idNumber: 'x' }, { teamId: 't1', managingDepartmentId: 'd1', payScheme: 'legacy', legacyBaseYuan: 1570.5 }, '2026-03-01');
    expect(legacy.post).toMatchObject({ legacyBaseFen: 157050, legacyBonusFen: null });
  });

  describe('personUpdateBody (#13 item 1: a PATCH changes only what it is sent)', () => {
    const was: Person = {
      id: 'p1',
      name: '张三',
      idNumberMasked: '310***********123X',
      birthDate: '1970-01-01',
      sex: 'male',
      phoneMasked: '139****5678',
      householdRegistration: '上海市松江区',
      address: '小昆山镇 1 号',
      bankName: '农业银行',
      bankAccountMasked: '6228***********0018',
      education: 'junior_high',
      disabilityCertificate: '',
      emergencyContactName: '李四',
      emergencyContactPhoneMasked: '137****4321',
    };
    /** The dialog's values as it opens (PersonEditModal's initialValues: the masked numbers empty). */
    const opened: PersonValues = {
      name: was.name,
      householdRegistration: was.householdRegistration,
      address: was.address,
      bankName: was.bankName,
      education: was.education,
      disabilityCertificate: was.disabilityCertificate,
      emergencyContactName: was.emergencyContactName,
    };

    it('sends only the address when only the address changed, never the masked numbers left untouched', () => {
      expect(personUpdateBody({ ...opened, address: ' 小昆山镇新址 2 号 ' }, was)).toEqual({ address: '小昆山镇新址 2 号' });
    });

    it('sends nothing when nothing changed, and a masked number cleared in the form is not sent as a clear', () => {
      expect(personUpdateBody(opened, was)).toEqual({});
      expect(personUpdateBody({ ...opened, phone: '', bankAccount: '   ', emergencyContactPhone: undefined }, was)).toEqual({});
    });

    it('sends a number only when a new one is typed, and a text field emptied as empty', () => {
      expect(personUpdateBody({ ...opened, bankAccount: '6228480402564890018', emergencyContactName: '' }, was)).toEqual({
        bankAccount: '6228480402564890018',
        emergencyContactName: '',
      });
      expect(personUpdateBody({ ...opened, education: undefined }, was)).toEqual({ education: null });
    });
  });
});

describe('teamsWithinGrants', () => {
  const teams = [
    { id: 'river', coopId: 'public' },
    { id: 'patrol', coopId: 'social' },
    { id: 'security', coopId: 'social' },
  ];
  const ids = (list: { id: string }[]) => list.map((t) => t.id);

  it('offers a coop clerk only the coop’s teams, and a team grant its team', () => {
    expect(ids(teamsWithinGrants(teams, [{ role: 'coop_admin', scopeKind: 'coop', scopeId: 'social' }], 'worker.manage'))).toEqual(['patrol', 'security']);
    expect(ids(teamsWithinGrants(teams, [{ role: 'town_hr', scopeKind: 'team', scopeId: 'river' }, { role: 'coop_admin', scopeKind: 'coop', scopeId: 'social' }], 'worker.manage'))).toEqual(['river', 'patrol', 'security']);
  });

  it('offers every team to a town-wide grant, and to department or community grants (they narrow by unit or community)', () => {
    expect(ids(teamsWithinGrants(teams, [{ role: 'town_hr', scopeKind: 'town', scopeId: null }, { role: 'coop_admin', scopeKind: 'coop', scopeId: 'social' }], 'worker.manage'))).toHaveLength(3);
    expect(ids(teamsWithinGrants(teams, [{ role: 'supervising_dept', scopeKind: 'department', scopeId: 'd1' }], 'hiring.request'))).toHaveLength(3);
  });

  it('ignores grants whose role may not do the action', () => {
    expect(teamsWithinGrants(teams, [{ role: 'leader', scopeKind: 'town', scopeId: null }, { role: 'coop_admin', scopeKind: 'coop', scopeId: 'public' }], 'worker.manage')).toEqual([{ id: 'river', coopId: 'public' }]);
    expect(teamsWithinGrants(teams, [{ role: 'leader', scopeKind: 'town', scopeId: null }], 'worker.manage')).toEqual([]);
  });
});
