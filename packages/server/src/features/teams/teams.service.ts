import {
  DEFAULT_COMMUNITY_SHARE_PERCENT,
  isInForce,
  shanghaiTimestamp,
  supersede,
  type AssignmentInput,
  type CreateTeam,
  type Page,
  type Team,
  type TeamDetail,
  type TeamQuery,
  type UpdateTeam,
} from '@gongyi/domain';
import { changedFields, patchColumns, type ColumnsOf } from '../../db/patch-columns.js';
import { toFlag, toPage } from '../../db/query-helpers.js';
import type { Row } from '../../db/schema.js';
import type { MutationContext, ReadContext } from '../../http/context.js';
import { duplicate, invalidReference, notFound, ruleViolation } from '../../http/errors.js';
import { today } from '../../runtime.js';
import { recordAudit } from '../audit/audit.repository.js';
import { findCategory, findCoop } from '../coops/coops.repository.js';
import { findDepartment } from '../departments/departments.repository.js';
import { assertCoversUses, assertPeriod } from '../effective-period.js';
import { teamUses } from '../org-uses.repository.js';
import { authorize } from '../policy.js';
import { requireTown } from '../towns/towns.repository.js';
import * as repo from './teams.repository.js';

const TEAM = { zh: '服务队', en: 'Team' };

export async function listTeams(ctx: ReadContext, townId: string, query: TeamQuery): Promise<Page<Team>> {
  authorize(ctx.actor, 'org.read');
  await requireTown(ctx.db, townId);
  const on = query.on ?? today(ctx.clock);
  const { rows, total } = await repo.listTeams(ctx.db, townId, { ...query, on }, query);
  const assignments = await repo.loadAssignments(ctx.db, townId, rows.map((r) => r.id), on);
  return toPage(rows.map((r) => repo.toTeam(r, assignments.get(r.id)?.[0] ?? null)), total, query);
}

/** Every team matching the filters, for the xlsx export. */
export async function allTeams(ctx: ReadContext, townId: string, query: Omit<TeamQuery, 'page' | 'pageSize'>): Promise<Team[]> {
  authorize(ctx.actor, 'org.read');
  await requireTown(ctx.db, townId);
  const on = query.on ?? today(ctx.clock);
  const { rows } = await repo.listTeams(ctx.db, townId, { ...query, on }, null);
  const assignments = await repo.loadAssignments(ctx.db, townId, rows.map((r) => r.id), on);
  return rows.map((r) => repo.toTeam(r, assignments.get(r.id)?.[0] ?? null));
}

/** A team with its whole assignment history, newest first, and the one in force on `on` (R5). */
export async function getTeam(ctx: ReadContext, townId: string, id: string, on?: string): Promise<TeamDetail> {
  authorize(ctx.actor, 'org.read');
  const row = await repo.findTeamRow(ctx.db, townId, id);
  if (!row) throw notFound(TEAM);
  const history = (await repo.loadAssignments(ctx.db, townId, [id], null)).get(id) ?? [];
  const date = on ?? today(ctx.clock);
  return { ...repo.toTeam(row, history.find((a) => isInForce(a, date)) ?? null), history };
}

async function resolveCoop(ctx: ReadContext, townId: string, categoryId: string, coopId: string | undefined): Promise<string> {
  const category = await findCategory(ctx.db, townId, categoryId);
  if (!category) throw invalidReference({ zh: '类别', en: 'category' }, 'categoryId');
  const chosen = coopId ?? category.default_coop_id;
  if (!chosen) {
    throw ruleViolation(
      {
        zh: `类别“${category.name}”尚未设置默认服务社（R3）。请选择服务社，或先在“服务社”页面为该类别设置默认服务社。`,
        en: `Category "${category.name}" has no default cooperative (R3). Choose a cooperative or set the default first.`,
      },
      'coopId',
    );
  }
  if (!(await findCoop(ctx.db, townId, chosen))) throw invalidReference({ zh: '服务社', en: 'cooperative' }, 'coopId');
  return chosen;
}

/** The departments of an assignment must exist in the town and be in force when it starts (R4). */
async function checkAssignmentDepartments(ctx: ReadContext, townId: string, input: AssignmentInput, prefix: string) {
  const refs = [
    { id: input.supervisingDepartmentId, field: `${prefix}supervisingDepartmentId` },
    ...input.managingUnits.map((u, i) => ({ id: u.departmentId, field: `${prefix}managingUnits.${i}.departmentId` })),
  ];
  for (const ref of refs) {
    const dept = await findDepartment(ctx.db, townId, ref.id);
    if (!dept) throw invalidReference({ zh: '部门', en: 'department' }, ref.field);
    if (!isInForce({ validFrom: dept.valid_from, validTo: dept.valid_to }, input.validFrom)) {
      throw ruleViolation(
        {
          zh: `部门“${dept.name}”在 ${input.validFrom} 不在有效期内（${dept.valid_from} 至 ${dept.valid_to ?? '今'}）。请选择当时有效的部门，或调整生效日期。`,
          en: `Department "${dept.name}" is not in force on ${input.validFrom}. Choose another or change the date.`,
        },
        ref.field,
      );
    }
  }
}

async function writeAssignment(ctx: MutationContext, townId: string, teamId: string, input: AssignmentInput): Promise<string> {
  const id = ctx.newId();
  await repo.insertAssignment(
    ctx.db,
    {
      town_id: townId,
      id,
      team_id: teamId,
      supervising_department_id: input.supervisingDepartmentId,
      community_score_share: toFlag(input.communityScoreShare),
      community_share_percent: input.communityScoreShare ? (input.communitySharePercent ?? DEFAULT_COMMUNITY_SHARE_PERCENT) : null,
      note: input.note,
      valid_from: input.validFrom,
      valid_to: null,
      created_at: shanghaiTimestamp(ctx.clock.now()),
    },
    input.managingUnits,
  );
  return id;
}

export async function createTeam(ctx: MutationContext, townId: string, input: CreateTeam): Promise<TeamDetail> {
  authorize(ctx.actor, 'org.manage');
  await requireTown(ctx.db, townId);
  if (await repo.findTeamByName(ctx.db, townId, input.name)) throw duplicate(TEAM, input.name, 'name');
  const coopId = await resolveCoop(ctx, townId, input.categoryId, input.coopId);
  const assignment = { ...input.assignment, validFrom: input.validFrom };
  await checkAssignmentDepartments(ctx, townId, assignment, 'assignment.');
  const now = shanghaiTimestamp(ctx.clock.now());
  const id = ctx.newId();
  await repo.insertTeam(ctx.db, {
    town_id: townId,
    id,
    name: input.name,
    category_id: input.categoryId,
    coop_id: coopId,
    duties: input.duties,
    sort_order: input.sortOrder,
    valid_from: input.validFrom,
    valid_to: input.validTo,
    created_at: now,
    updated_at: now,
  });
  await writeAssignment(ctx, townId, id, assignment);
  const created = await getTeam(ctx, townId, id, input.validFrom);
  await recordAudit(ctx, { townId, action: 'team.create', objectType: 'team', objectId: id, after: created });
  return created;
}

const TEAM_COLUMNS: ColumnsOf<UpdateTeam, Row<'teams'>> = {
  name: 'name',
  categoryId: 'category_id',
  coopId: 'coop_id',
  duties: 'duties',
  sortOrder: 'sort_order',
  validFrom: 'valid_from',
  validTo: 'valid_to',
};

/** Writes only the fields sent and changed (#13 item 1); a new category keeps the team's coop unless one is sent (R3). */
export async function updateTeam(ctx: MutationContext, townId: string, id: string, input: UpdateTeam): Promise<TeamDetail> {
  authorize(ctx.actor, 'org.manage');
  const before = await getTeam(ctx, townId, id);
  const changes = changedFields(input, before);
  if (changes.name && (await repo.findTeamByName(ctx.db, townId, changes.name))) throw duplicate(TEAM, changes.name, 'name');
  if (changes.categoryId || changes.coopId) await resolveCoop(ctx, townId, changes.categoryId ?? before.categoryId, changes.coopId ?? before.coopId);
  const validFrom = changes.validFrom ?? before.validFrom;
  const validTo = changes.validTo === undefined ? before.validTo : changes.validTo;
  assertPeriod(validFrom, validTo);
  if (validFrom !== before.validFrom || validTo !== before.validTo) assertCoversUses(TEAM, before, validFrom, validTo, await teamUses(ctx.db, townId, id));
  if (Object.keys(changes).length > 0) {
    await repo.updateTeam(ctx.db, townId, id, { ...patchColumns(changes, TEAM_COLUMNS), updated_at: shanghaiTimestamp(ctx.clock.now()) });
  }
  const after = await getTeam(ctx, townId, id);
  const { history: _h1, ...b } = before;
  const { history: _h2, ...a } = after;
  await recordAudit(ctx, { townId, action: 'team.update', objectType: 'team', objectId: id, before: b, after: a });
  return after;
}

/**
 * R5: a change of who supervises or manages a team is a new version from a date; the version in
 * force ends the day before, so the history still answers "who managed this worker in March".
 */
export async function changeAssignment(ctx: MutationContext, townId: string, teamId: string, input: AssignmentInput): Promise<TeamDetail> {
  authorize(ctx.actor, 'org.manage');
  const team = await getTeam(ctx, townId, teamId);
  if (!isInForce(team, input.validFrom)) {
    throw ruleViolation(
      {
        zh: `生效日期 ${input.validFrom} 不在服务队“${team.name}”的存续期内（${team.validFrom} 至 ${team.validTo ?? '今'}）。请选择存续期内的日期。`,
        en: `${input.validFrom} is outside the life of team "${team.name}". Choose a date inside it.`,
      },
      'validFrom',
    );
  }
  await checkAssignmentDepartments(ctx, townId, input, '');
  const latest = await repo.latestAssignment(ctx.db, townId, teamId);
  const plan = supersede(latest ? { validFrom: latest.valid_from, validTo: latest.valid_to } : undefined, input.validFrom);
  if (!plan.ok) {
    throw ruleViolation(
      {
        zh: `新的管理关系必须晚于当前管理关系的生效日期 ${latest?.valid_from}（R5：历史不可改写）。请选择之后的日期。`,
        en: `A new assignment must start after ${latest?.valid_from}, when the current one started (R5: history is not rewritten).`,
      },
      'validFrom',
    );
  }
  if (latest && plan.closePreviousOn) await repo.closeAssignment(ctx.db, townId, latest.id, plan.closePreviousOn);
  const assignmentId = await writeAssignment(ctx, townId, teamId, input);
  const after = await getTeam(ctx, townId, teamId, input.validFrom);
  await recordAudit(ctx, {
    townId,
    action: 'team.assignment.change',
    objectType: 'team_assignment',
    objectId: assignmentId,
    before: team.history[0] ?? null,
    after: after.assignment,
  });
  return after;
}
