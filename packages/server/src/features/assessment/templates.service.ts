import { checkTemplate, ruleValue, shanghaiTimestamp, type Indicator, type Template, type TemplateInput, type TemplateProblem } from '@gongyi/domain';
import type { Executor } from '../../db/database.js';
import type { Row } from '../../db/schema.js';
import { lockRow } from '../../db/query-helpers.js';
import type { MutationContext, ReadContext } from '../../http/context.js';
import { invalidReference, notFound, ruleViolation, type Text } from '../../http/errors.js';
import { recordAudit } from '../audit/audit.repository.js';
import { supervisorOn } from '../agreements/agreements.repository.js';
import { isTownWide } from '../staffing/staffing-scope.js';
import { authorize, grantsFor } from '../policy.js';
import { today } from '../../runtime.js';

// R25, R23: each team's indicators (business and conduct, who scores each, worth 100 points) and
// its absence deduction, set by the management body and approved by the leadership group before
// use. A new version applies from its month on; earlier months keep the version they used.

const TEMPLATE = { zh: '考核指标', en: 'Indicator template' };

function toTemplate(r: Row<'assessment_templates'> & { team_name: string }): Template {
  return {
    id: r.id,
    teamId: r.team_id,
    teamName: r.team_name,
    validFromMonth: r.valid_from_month,
    indicators: JSON.parse(r.indicators_json) as Indicator[],
    absencePointsPerDayTenths: r.absence_points_per_day_tenths,
    state: r.state as Template['state'],
    approvedBy: r.approved_by,
    approvedAt: r.approved_at,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

function templates(db: Executor, townId: string) {
  return db
    .selectFrom('assessment_templates as a')
    .innerJoin('teams as t', (j) => j.onRef('t.town_id', '=', 'a.town_id').onRef('t.id', '=', 'a.team_id'))
    .selectAll('a')
    .select('t.name as team_name')
    .where('a.town_id', '=', townId);
}

export async function listTemplates(ctx: ReadContext, townId: string, teamId?: string): Promise<Template[]> {
  authorize(ctx.actor, 'assessment.read');
  let q = templates(ctx.db, townId);
  if (teamId) q = q.where('a.team_id', '=', teamId);
  return (await q.orderBy('t.sort_order').orderBy('a.valid_from_month', 'desc').execute()).map(toTemplate);
}

/** The approved template a team uses in `month`, if any. */
export async function templateFor(db: Executor, townId: string, teamId: string, month: string): Promise<Template | null> {
  const row = await templates(db, townId).where('a.team_id', '=', teamId).where('a.state', '=', 'approved').where('a.valid_from_month', '<=', month).orderBy('a.valid_from_month', 'desc').executeTakeFirst();
  return row ? toTemplate(row) : null;
}

export async function findTemplate(db: Executor, townId: string, id: string): Promise<Template | null> {
  const row = await templates(db, townId).where('a.id', '=', id).executeTakeFirst();
  return row ? toTemplate(row) : null;
}

function problemText(p: TemplateProblem): Text {
  switch (p.kind) {
    case 'no_indicators':
      return { zh: '至少需要一项考核指标。', en: 'Add at least one indicator.' };
    case 'points_not_100':
      return { zh: `各项指标分值合计为 ${p.sumTenths / 10} 分，应为 100 分（R25）。请调整分值。`, en: `The indicators add up to ${p.sumTenths / 10} points, not 100 (R25).` };
    case 'duplicate_id':
      return { zh: `指标编号“${p.id}”重复。`, en: `Indicator id "${p.id}" is used twice.` };
    case 'no_points':
      return { zh: `指标“${p.id}”的分值须大于 0。`, en: `Indicator "${p.id}" needs points.` };
  }
}

/** A scoped author (a supervising department) may set indicators only for the teams it supervises. */
async function assertMayManage(ctx: ReadContext, townId: string, teamId: string): Promise<void> {
  if (isTownWide(ctx, 'assessment.template.manage')) return;
  const supervisor = await supervisorOn(ctx.db, townId, teamId, today(ctx.clock));
  if (!grantsFor(ctx.actor, 'assessment.template.manage').some((g) => g.scopeKind === 'department' && g.scopeId === supervisor?.supervising_department_id)) {
    throw ruleViolation({ zh: '只能为本部门主管的服务队制定考核指标。', en: 'You may set indicators only for teams your department supervises.' }, 'teamId');
  }
}

export async function createTemplate(ctx: MutationContext, townId: string, input: TemplateInput): Promise<Template> {
  authorize(ctx.actor, 'assessment.template.manage');
  const team = await ctx.db.selectFrom('teams').select('id').where('town_id', '=', townId).where('id', '=', input.teamId).executeTakeFirst();
  if (!team) throw invalidReference({ zh: '服务队', en: 'team' }, 'teamId');
  await assertMayManage(ctx, townId, input.teamId);
  const shape = { indicators: input.indicators, absencePointsPerDayTenths: input.absencePointsPerDayTenths ?? ruleValue('assessment.absencePointsPerDay', `${input.validFromMonth}-01`) * 10 };
  const problem = checkTemplate(shape)[0];
  if (problem) throw ruleViolation(problemText(problem), 'indicators');
  const used = await ctx.db.selectFrom('assessment_sheets').select('month').where('town_id', '=', townId).where('team_id', '=', input.teamId).where('month', '>=', input.validFromMonth).limit(1).executeTakeFirst();
  if (used) throw ruleViolation({ zh: `${used.month} 的考核表已按现行指标建立，新指标须从之后的月份起适用。`, en: `Sheets from ${used.month} already use the current indicators; start later.` }, 'validFromMonth');
  const id = ctx.newId();
  await ctx.db
    .insertInto('assessment_templates')
    .values({
      town_id: townId,
      id,
      team_id: input.teamId,
      valid_from_month: input.validFromMonth,
      indicators_json: JSON.stringify(input.indicators),
      absence_points_per_day_tenths: shape.absencePointsPerDayTenths,
      state: 'draft',
      approved_by: null,
      approved_at: null,
      created_by: ctx.actor.display,
      created_at: shanghaiTimestamp(ctx.clock.now()),
    })
    .execute();
  const created = (await findTemplate(ctx.db, townId, id))!;
  await recordAudit(ctx, { townId, action: 'assessment.template.create', objectType: 'assessment_template', objectId: id, after: created });
  return created;
}

/** R25: the leadership group approves a template before it is used. */
export async function approveTemplate(ctx: MutationContext, townId: string, id: string): Promise<Template> {
  authorize(ctx.actor, 'assessment.template.approve');
  await lockRow(ctx, 'assessment_templates', townId, id); // #13: approved once
  const before = await findTemplate(ctx.db, townId, id);
  if (!before) throw notFound(TEMPLATE);
  if (before.state !== 'draft') throw ruleViolation({ zh: '该考核指标已批准。', en: 'This template is already approved.' });
  await ctx.db.updateTable('assessment_templates').set({ state: 'approved', approved_by: ctx.actor.display, approved_at: shanghaiTimestamp(ctx.clock.now()) }).where('town_id', '=', townId).where('id', '=', id).execute();
  const after = (await findTemplate(ctx.db, townId, id))!;
  await recordAudit(ctx, { townId, action: 'assessment.template.approve', objectType: 'assessment_template', objectId: id, before, after });
  return after;
}
