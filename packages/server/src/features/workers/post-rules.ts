import { addDays, type PostChange, type PostInput } from '@gongyi/domain';
import type { Row } from '../../db/schema.js';
import type { MutationContext, ReadContext } from '../../http/context.js';
import { invalidReference, ruleViolation } from '../../http/errors.js';
import { toFlag } from '../../db/query-helpers.js';

type PostFields = Pick<PostInput, 'payScheme' | 'legacyBaseFen' | 'legacyBonusFen'>;

/** R12: a legacy worker keeps their own amounts; the standard scheme has none of its own. */
export function checkPayScheme(p: PostFields, prefix: string): void {
  if (p.payScheme === 'legacy' && (p.legacyBaseFen === null || p.legacyBaseFen === undefined)) {
    throw ruleViolation({ zh: '老办法待遇（R12）须填写本人原月基本工资。', en: 'A legacy scheme (R12) needs the worker’s own monthly base wage.' }, `${prefix}legacyBaseFen`);
  }
  if (p.payScheme === 'standard' && (p.legacyBaseFen ?? null) !== null) {
    throw ruleViolation({ zh: '新办法（标准）待遇按薪酬政策计算，不填本人金额；如需保留原待遇请选择老办法（R12）。', en: 'The standard scheme takes no own amounts (R12).' }, `${prefix}legacyBaseFen`);
  }
}

const inForce = (r: { valid_from: string; valid_to: string | null }, on: string) => r.valid_from <= on && (r.valid_to === null || r.valid_to >= on);

/** The post's team, managing unit and community must exist in the town and be in force on the date. */
export async function checkPostReferences(ctx: ReadContext, townId: string, p: { teamId: string; managingDepartmentId: string; communityId: string | null }, on: string, prefix: string) {
  const [team, dept, community] = await Promise.all([
    ctx.db.selectFrom('teams').selectAll().where('town_id', '=', townId).where('id', '=', p.teamId).executeTakeFirst(),
    ctx.db.selectFrom('departments').selectAll().where('town_id', '=', townId).where('id', '=', p.managingDepartmentId).executeTakeFirst(),
    p.communityId ? ctx.db.selectFrom('communities').selectAll().where('town_id', '=', townId).where('id', '=', p.communityId).executeTakeFirst() : undefined,
  ]);
  if (!team) throw invalidReference({ zh: '服务队', en: 'team' }, `${prefix}teamId`);
  if (!dept) throw invalidReference({ zh: '日常管理单位', en: 'daily-managing unit' }, `${prefix}managingDepartmentId`);
  if (p.communityId && !community) throw invalidReference({ zh: '村居', en: 'community' }, `${prefix}communityId`);
  for (const [row, field, label] of [
    [team, 'teamId', '服务队'],
    [dept, 'managingDepartmentId', '日常管理单位'],
    [community, 'communityId', '村居'],
  ] as const) {
    if (row && !inForce(row, on)) {
      throw ruleViolation({ zh: `${label}“${row.name}”在 ${on} 不在有效期内。请选择当时有效的${label}。`, en: `${row.name} is not in force on ${on}.` }, `${prefix}${field}`);
    }
  }
}

export function newPostRow(ctx: MutationContext, townId: string, personId: string, personName: string, post: PostInput, employmentId: string): Row<'posts'> {
  return {
    town_id: townId,
    id: ctx.newId(),
    person_id: personId,
    employment_id: employmentId,
    person_name: personName,
    team_id: post.teamId,
    managing_department_id: post.managingDepartmentId,
    duty: post.duty,
    community_id: post.communityId,
    special_post: post.specialPost,
    field_or_hazardous: toFlag(post.fieldOrHazardous),
    off_roster: toFlag(post.offRoster),
    pay_scheme: post.payScheme,
    legacy_base_fen: post.legacyBaseFen,
    legacy_bonus_fen: post.legacyBonusFen,
    employment_basis: post.employmentBasis,
    insurance: post.insurance,
    start_date: post.startDate,
    status: 'active',
    exit_reason: null,
    note: post.note,
    valid_from: post.startDate,
    valid_to: null,
    is_current: 1,
    created_at: '',
    created_by: ctx.actor.display,
  };
}

/** The next version of a post after a dated change; refuses changes that rewrite history or revive an exit. */
export function nextPostVersion(ctx: MutationContext, current: Row<'posts'>, change: PostChange): { closeOn: string; next: Row<'posts'> } {
  if (change.validFrom <= current.valid_from) {
    throw ruleViolation(
      { zh: `变更日期必须晚于当前记录的生效日期 ${current.valid_from}（历史记录不可改写）。`, en: `The change must start after ${current.valid_from}; history is not rewritten.` },
      'validFrom',
    );
  }
  if (current.status === 'exited') {
    throw ruleViolation({ zh: '该人员已离岗，不能再变更岗位。重新上岗请走招录流程（R10 出一个、进一个）。', en: 'The worker has exited; re-hiring goes through hiring (R10).' }, 'status');
  }
  const status = change.status ?? current.status;
  if (status === 'exited' && !change.exitReason) {
    throw ruleViolation({ zh: '办理离岗须选择离岗原因。', en: 'An exit needs a reason.' }, 'exitReason');
  }
  const next: Row<'posts'> = {
    ...current,
    id: ctx.newId(),
    team_id: change.teamId ?? current.team_id,
    managing_department_id: change.managingDepartmentId ?? current.managing_department_id,
    duty: change.duty ?? current.duty,
    community_id: change.communityId === undefined ? current.community_id : change.communityId,
    special_post: change.specialPost === undefined ? current.special_post : change.specialPost,
    field_or_hazardous: change.fieldOrHazardous === undefined ? current.field_or_hazardous : toFlag(change.fieldOrHazardous),
    off_roster: change.offRoster === undefined ? current.off_roster : toFlag(change.offRoster),
    pay_scheme: change.payScheme ?? current.pay_scheme,
    legacy_base_fen: change.legacyBaseFen === undefined ? current.legacy_base_fen : change.legacyBaseFen,
    legacy_bonus_fen: change.legacyBonusFen === undefined ? current.legacy_bonus_fen : change.legacyBonusFen,
    employment_basis: change.employmentBasis ?? current.employment_basis,
    insurance: change.insurance ?? current.insurance,
    status,
    exit_reason: status === 'exited' ? (change.exitReason ?? null) : null,
    note: change.note,
    valid_from: change.validFrom,
    valid_to: null,
    is_current: 1,
    created_by: ctx.actor.display,
  };
  // R12: the legacy scheme is kept until the worker moves to standard; nobody moves back to it.
  if (current.pay_scheme === 'standard' && next.pay_scheme === 'legacy') {
    throw ruleViolation({ zh: '“老人老办法、新人新办法”（R12）：已按新办法（标准）计酬的人员不能改回老办法。', en: 'R12: a worker on the standard scheme cannot move back to the legacy one.' }, 'payScheme');
  }
  if (next.pay_scheme === 'standard') {
    next.legacy_base_fen = null;
    next.legacy_bonus_fen = null;
  }
  checkPayScheme({ payScheme: next.pay_scheme as 'standard' | 'legacy', legacyBaseFen: next.legacy_base_fen, legacyBonusFen: next.legacy_bonus_fen }, '');
  return { closeOn: addDays(change.validFrom, -1), next };
}

