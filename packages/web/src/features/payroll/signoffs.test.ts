import type { Action, Grant, RunDetail } from '@gongyi/domain';
import { describe, expect, it } from 'vitest';
import { mySignoffs, signedFor, statesToSign } from './signoffs';

type G = Pick<Grant, 'role' | 'scopeKind' | 'scopeId'>;
const police: G = { role: 'daily_manager', scopeKind: 'department', scopeId: 'd-police' };
const zongzhiban: G = { role: 'supervising_dept', scopeKind: 'department', scopeId: 'd-zzb' };
const leader: G = { role: 'leader', scopeKind: 'town', scopeId: null };
const coop1: G = { role: 'coop_admin', scopeKind: 'coop', scopeId: 'c-1' };
const finance: G = { role: 'finance', scopeKind: 'town', scopeId: null };

const run = (pending: RunDetail['pending']): Pick<RunDetail, 'coopId' | 'pending'> => ({ coopId: 'c-1', pending });
const unitsPending = run([
  { step: 'unit_confirm', departmentId: 'd-police', departmentName: '派出所' },
  { step: 'unit_confirm', departmentId: 'd-traffic', departmentName: '交警支队' },
]);

describe('the sign-offs a user may give (R21)', () => {
  it('gives a unit its own confirmation, with the unit named', () => {
    expect(mySignoffs(unitsPending, [police])).toEqual([{ step: 'unit_confirm', verb: 'confirm', departmentId: 'd-police', departmentName: '派出所' }]);
    expect(mySignoffs(unitsPending, [zongzhiban])).toEqual([]);
    // A role without the action, whatever its scope, signs nothing.
    expect(mySignoffs(unitsPending, [finance])).toEqual([]);
  });

  it('gives a town-wide signer every pending unit, one button each', () => {
    const townWide: G = { role: 'daily_manager', scopeKind: 'town', scopeId: null };
    expect(mySignoffs(unitsPending, [townWide]).map((s) => s.departmentId)).toEqual(['d-police', 'd-traffic']);
  });

  it('gives the department its review, the leader the approval and the coop its own release', () => {
    expect(mySignoffs(run([{ step: 'department_review', departmentId: 'd-zzb', departmentName: '综治办' }]), [zongzhiban])).toHaveLength(1);
    const approval = run([{ step: 'leader_approve', departmentId: null, departmentName: null }]);
    expect(mySignoffs(approval, [leader])).toEqual([{ step: 'leader_approve', verb: 'approve', departmentName: null }]);
    expect(mySignoffs(approval, [coop1])).toEqual([]);
    const release = run([{ step: 'release', departmentId: null, departmentName: null }]);
    expect(mySignoffs(release, [coop1]).map((s) => s.verb)).toEqual(['release']);
    expect(mySignoffs({ ...release, coopId: 'c-2' }, [coop1])).toEqual([]);
  });

  it('names the unit on unit and department steps only', () => {
    expect(signedFor({ step: 'unit_confirm', verb: 'confirm', departmentId: 'd', departmentName: '派出所' })).toBe('派出所');
    expect(signedFor({ step: 'release', verb: 'release', departmentName: '社保所' })).toBeNull();
  });

  it('asks the server for the run states the user’s actions sign', () => {
    const can = (allowed: Action[]) => (a: Action) => allowed.includes(a);
    expect(statesToSign(can(['payroll.read', 'payroll.confirm']))).toEqual(['draft']);
    expect(statesToSign(can(['payroll.approve', 'payroll.release']))).toEqual(['department_reviewed', 'approved']);
    expect(statesToSign(can(['payroll.read']))).toEqual([]);
  });
});
