import type { QuotaBoard, QuotaPlan } from '@gongyi/domain';
import { describe, expect, it } from 'vitest';
import { commonEvents, daysUntil, decisionNeedsReason, ownDepartmentOf, planInputOf, planProblems, planValuesOf, witnessDepartmentOf } from './staffingLogic';

const line = (quota: number | null, filled: number, reserved = 0) => ({
  quota,
  filled,
  reserved,
  vacancies: quota === null ? null : quota - filled - reserved,
  over: quota !== null && quota < filled + reserved,
});

const board: QuotaBoard = {
  on: '2026-03-15',
  plan: { id: 'p1', validFrom: '2012-01-01', validTo: null, total: 659, basis: '市、区核定', approvedBy: 'hr', approvedAt: '2012-01-01T09:00:00+08:00' },
  total: line(659, 650, 2),
  categories: [
    { id: 'c1', code: 'social_coordination', name: '社会协管类', ...line(300, 298) },
    { id: 'c2', code: 'public_service', name: '公共服务类', ...line(359, 352, 2) },
  ],
  teams: [
    { id: 't1', name: '社区保安', categoryId: 'c1', coopName: '社会协管服务社', ...line(300, 298) },
    { id: 't2', name: '河道保洁', categoryId: 'c2', coopName: '社区公共服务社', ...line(46, 44, 2) },
  ],
};

describe('agreements selection', () => {
  it('offers only the steps every selected agreement allows, in the way’s order', () => {
    expect(commonEvents([])).toEqual([]);
    expect(commonEvents([{ allowedEvents: ['sign', 'terminate'] }])).toEqual(['sign', 'terminate']);
    expect(commonEvents([{ allowedEvents: ['sign', 'terminate'] }, { allowedEvents: ['witness', 'terminate'] }])).toEqual(['terminate']);
    expect(commonEvents([{ allowedEvents: ['terminate', 'renew'] }, { allowedEvents: ['renew', 'terminate'] }])).toEqual(['renew', 'terminate']);
  });

  it('witnesses as the department the user’s grant names, else the agreements’ one shared department', () => {
    const grant = { role: 'supervising_dept' as const, scopeKind: 'department' as const, scopeId: 'd-zzb' };
    expect(witnessDepartmentOf([grant], [{ supervisingDepartmentId: 'd-other' }])).toBe('d-zzb');
    expect(witnessDepartmentOf([], [{ supervisingDepartmentId: 'd1' }, { supervisingDepartmentId: 'd1' }])).toBe('d1');
    expect(witnessDepartmentOf([], [{ supervisingDepartmentId: 'd1' }, { supervisingDepartmentId: 'd2' }])).toBeUndefined();
    expect(ownDepartmentOf([{ scopeKind: 'town', scopeId: null }, { scopeKind: 'department', scopeId: 'd3' }])).toBe('d3');
  });

  it('counts days to a date across months', () => {
    expect(daysUntil('2026-04-14', '2026-03-15')).toBe(30);
    expect(daysUntil('2026-03-14', '2026-03-15')).toBe(-1);
  });
});

describe('quota plan form (R9)', () => {
  const plan: QuotaPlan = { ...board.plan!, categories: [{ categoryId: 'c1', quota: 300 }], teams: [{ teamId: 't1', quota: 300 }] };

  it('starts from the plan in force and fills lines it does not set from the board', () => {
    expect(planValuesOf(board, [plan])).toEqual({ total: 659, basis: '市、区核定', categories: { c1: 300, c2: 359 }, teams: { t1: 300, t2: 46 } });
  });

  it('leaves blank lines out of the request', () => {
    expect(planInputOf({ total: 659, basis: ' x ', categories: { c1: 300, c2: null }, teams: { t1: undefined } }, '2026-04-01')).toEqual({
      validFrom: '2026-04-01',
      total: 659,
      basis: 'x',
      categories: [{ categoryId: 'c1', quota: 300 }],
      teams: [],
    });
  });

  it('finds a level that sums past the one above it', () => {
    expect(planProblems(planValuesOf(board, [plan]), board)).toEqual([]);
    const kinds = planProblems({ total: 600, categories: { c1: 300, c2: 359 }, teams: { t1: 301, t2: 46 } }, board).map((p) => p.kind);
    expect(kinds).toEqual(['categories_exceed_total', 'teams_exceed_category']);
  });
});

describe('decisions', () => {
  it('needs a reason for a rejection or an adjusted number', () => {
    expect(decisionNeedsReason('approve', 10, 10)).toBe(false);
    expect(decisionNeedsReason('approve', 10, 9)).toBe(true);
    expect(decisionNeedsReason('reject', 10, 10)).toBe(true);
    expect(decisionNeedsReason(undefined, 10, 9)).toBe(false);
  });
});
