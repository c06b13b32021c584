import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { ReadContext } from '../../http/context.js';
import { today } from '../../runtime.js';
import { grantsFor, type Action, type ActorGrant } from '../policy.js';
import { sheetRows } from './sheets.repository.js';

// Which monthly sheets a grant sees (#3 scopes, applied in SQL): the town all; a coop its teams'
// sheets; a department the sheets it fills as daily-managing unit and those of the teams it
// supervises; a team its own; a community the sheets with a worker stationed there; a worker the
// sheets with their own row.

type Sheets = ExpressionBuilder<DB & { s: DB['assessment_sheets'] }, 's'>;
/** A sheet `s` joined with its entries `e` (the month's aggregate). */
type SheetEntries = ExpressionBuilder<DB & { s: DB['assessment_sheets']; e: DB['assessment_entries'] }, 's' | 'e'>;

const TRUE = sql<SqlBool>`1 = 1`;
const FALSE = sql<SqlBool>`1 = 0`;

function townWide(ctx: ReadContext, action: Action): boolean {
  return ctx.actor.kind === 'system' || grantsFor(ctx.actor, action).some((g) => g.scopeKind === 'town');
}

/** The sheets one grant (narrower than the town) sees. */
function grantSees(ctx: ReadContext, eb: Sheets, g: ActorGrant, on: string): Expression<SqlBool> {
  const entriesWith = (column: 'community_id' | 'person_id', value: string) =>
    eb.exists(eb.selectFrom('assessment_entries as e').select('e.person_id').whereRef('e.town_id', '=', 's.town_id').whereRef('e.sheet_id', '=', 's.id').where(`e.${column}`, '=', value));
  const id = g.scopeId ?? '';
  switch (g.scopeKind) {
    case 'coop':
      return eb('s.team_id', 'in', eb.selectFrom('teams as st').select('st.id').whereRef('st.town_id', '=', 's.town_id').where('st.coop_id', '=', id));
    case 'team':
      return eb('s.team_id', '=', id);
    case 'community':
      return entriesWith('community_id', id);
    case 'department':
      return eb.or([eb('s.department_id', '=', id), eb('s.team_id', 'in', supervisedTeams(eb, id, on))]);
    case 'self':
      return ctx.actor.personId ? entriesWith('person_id', ctx.actor.personId) : FALSE;
    default:
      return FALSE;
  }
}

function anyOf(eb: Sheets, conditions: Expression<SqlBool>[]): Expression<SqlBool> {
  return conditions.length === 0 ? FALSE : eb.or(conditions);
}

export function sheetCondition(ctx: ReadContext, action: Action): (eb: Sheets) => Expression<SqlBool> {
  const on = today(ctx.clock);
  return (eb) => (townWide(ctx, action) ? TRUE : anyOf(eb, grantsFor(ctx.actor, action).map((g) => grantSees(ctx, eb, g, on))));
}

// #13 item 10: a community (grid manager) grant sees a sheet because one of its workers is on it,
// but only that community's rows of it: never the names, attendance, scores or grades of other
// villages. Every other grant sees the whole of each sheet it sees.

/** The rows (entries `e` of sheets `s`) the caller sees, for queries over many sheets. */
export function entryCondition(ctx: ReadContext, action: Action): (eb: SheetEntries) => Expression<SqlBool> {
  const on = today(ctx.clock);
  return (eb) => {
    if (townWide(ctx, action)) return TRUE;
    const sheets = eb as unknown as Sheets;
    return anyOf(sheets, grantsFor(ctx.actor, action).map((g) => (g.scopeKind === 'community' ? eb('e.community_id', '=', g.scopeId ?? '') : grantSees(ctx, sheets, g, on))));
  };
}

/**
 * For one sheet: null when the caller sees all its rows, otherwise the communities whose rows it
 * sees (its community grants, when no other grant of it sees the sheet).
 */
export async function rowCommunities(ctx: ReadContext, townId: string, sheetId: string, action: Action): Promise<string[] | null> {
  if (townWide(ctx, action)) return null;
  const grants = grantsFor(ctx.actor, action);
  const communities = grants.flatMap((g) => (g.scopeKind === 'community' ? [g.scopeId ?? ''] : []));
  if (communities.length === 0) return null;
  const others = grants.filter((g) => g.scopeKind !== 'community');
  if (others.length === 0) return communities;
  const on = today(ctx.clock);
  const whole = await sheetRows(ctx.db, townId)
    .where('s.id', '=', sheetId)
    .where((eb) => anyOf(eb, others.map((g) => grantSees(ctx, eb, g, on))))
    .select('s.id')
    .executeTakeFirst();
  return whole ? null : communities;
}

function supervisedTeams(eb: Sheets, departmentId: string, on: string) {
  return eb
    .selectFrom('team_assignments as sa')
    .select('sa.team_id')
    .whereRef('sa.town_id', '=', 's.town_id')
    .where('sa.supervising_department_id', '=', departmentId)
    .where('sa.valid_from', '<=', on)
    .where((e) => e.or([e('sa.valid_to', 'is', null), e('sa.valid_to', '>=', on)]));
}

/** Whether the actor acts for `departmentId` with `action` (its own department grant, or town-wide). */
export function actsFor(ctx: ReadContext, action: Action, departmentId: string): boolean {
  if (ctx.actor.kind === 'system') return true;
  return grantsFor(ctx.actor, action).some((g) => g.scopeKind === 'town' || (g.scopeKind === 'department' && g.scopeId === departmentId));
}
