import { roleAllows, type Action, type Grant, type RunDetail, type RunState, type SignoffStep } from '@gongyi/domain';
import type { SignVerb } from '../../api/payroll';

// R21 in the browser: which pending sign-offs of a run the signed-in user may give. The server
// decides again (scope, one person one step, the run's version); this only picks the buttons.

export const STEP_VERB: Record<SignoffStep, SignVerb> = {
  unit_confirm: 'confirm',
  department_review: 'review',
  leader_approve: 'approve',
  release: 'release',
};

export const STEP_ACTION: Record<SignoffStep, Action> = {
  unit_confirm: 'payroll.confirm',
  department_review: 'payroll.review',
  leader_approve: 'payroll.approve',
  release: 'payroll.release',
};

/** The run states in which each signing action has something to sign. */
export const STATE_FOR_ACTION: Partial<Record<Action, RunState>> = {
  'payroll.confirm': 'draft',
  'payroll.review': 'unit_confirmed',
  'payroll.approve': 'department_reviewed',
  'payroll.release': 'approved',
};

export interface MySignoff {
  step: SignoffStep;
  verb: SignVerb;
  /** Sent for a unit's or department's step, so a signer for several names the one signed for. */
  departmentId?: string;
  departmentName: string | null;
}

type RunScope = Pick<RunDetail, 'coopId' | 'pending'>;

/** The pending sign-offs this user's grants cover: a town-wide grant covers every unit, a department grant its own, a coop grant its coop's release. */
export function mySignoffs(run: RunScope, grants: readonly Pick<Grant, 'role' | 'scopeKind' | 'scopeId'>[]): MySignoff[] {
  return run.pending.flatMap((p) => {
    const action = STEP_ACTION[p.step];
    const covers = grants.some(
      (g) =>
        roleAllows(g.role, action) &&
        (g.scopeKind === 'town' ||
          (g.scopeKind === 'department' && p.departmentId !== null && g.scopeId === p.departmentId) ||
          (g.scopeKind === 'coop' && p.step === 'release' && g.scopeId === run.coopId)),
    );
    if (!covers) return [];
    return [{ step: p.step, verb: STEP_VERB[p.step], departmentName: p.departmentName, ...(p.departmentId ? { departmentId: p.departmentId } : {}) }];
  });
}

/** The run states a user's signing actions wait on (审批's to-do list asks the server for these). */
export function statesToSign(can: (action: Action) => boolean): RunState[] {
  return Object.entries(STATE_FOR_ACTION).flatMap(([action, state]) => (can(action as Action) ? [state] : []));
}

/** The unit or department a sign-off is given for, named on its button; none for the leader's and the coop's. */
export function signedFor(s: MySignoff): string | null {
  return s.step === 'unit_confirm' || s.step === 'department_review' ? s.departmentName : null;
}
