import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { shanghaiTimestamp, type Calendar, type CalendarInput, type WorkCalendar } from '@gongyi/domain';
import type { Executor } from '../../db/database.js';
import type { MutationContext, ReadContext } from '../../http/context.js';
import { ruleViolation } from '../../http/errors.js';
import { recordAudit } from '../audit/audit.repository.js';
import { authorize, can } from '../policy.js';

// The statutory calendar (#6 part 3): public holidays and 调休 make-up workdays from the
// chinese-days package (it ships a year's data with each release), and any year an administrator
// entered because the package lacks it. The package's data is read once: it is static.

interface PackageDays {
  holidays: Map<string, string>;
  workdays: Map<string, string>;
  years: Set<number>;
}

let packageDays: PackageDays | null = null;
function fromPackage(): PackageDays {
  if (!packageDays) {
    // The package exports only its script; the JSON sits beside it in dist/.
    const file = join(dirname(createRequire(import.meta.url).resolve('chinese-days')), 'chinese-days.json');
    const data = JSON.parse(readFileSync(file, 'utf8')) as Record<'holidays' | 'workdays', Record<string, string>>;
    const named = (m: Record<string, string>) => new Map(Object.entries(m).map(([d, v]) => [d, v.split(',')[1] ?? '']));
    const holidays = named(data.holidays);
    packageDays = { holidays, workdays: named(data.workdays), years: new Set([...holidays.keys()].map((d) => Number(d.slice(0, 4)))) };
  }
  return packageDays;
}

async function adminDays(db: Executor, year?: number) {
  let q = db.selectFrom('calendar_days').selectAll();
  if (year !== undefined) q = q.where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`);
  return q.orderBy('date').execute();
}

/** The calendar the scoring reads: the package's years, with an administrator's years added (and preferred). */
export async function workCalendar(db: Executor): Promise<WorkCalendar> {
  const pkg = fromPackage();
  const admin = await adminDays(db);
  const adminYears = new Set(admin.map((d) => Number(d.date.slice(0, 4))));
  const keep = (m: Map<string, string>) => [...m.keys()].filter((d) => !adminYears.has(Number(d.slice(0, 4))));
  return {
    years: new Set([...pkg.years, ...adminYears]),
    holidays: new Set([...keep(pkg.holidays), ...admin.filter((d) => d.kind === 'holiday').map((d) => d.date)]),
    workdays: new Set([...keep(pkg.workdays), ...admin.filter((d) => d.kind === 'workday').map((d) => d.date)]),
  };
}

/** Read by everyone who reads assessments, and by the administrator who keeps the calendar. */
export async function getCalendar(ctx: ReadContext, year: number): Promise<Calendar> {
  if (!can(ctx.actor, 'calendar.manage')) authorize(ctx.actor, 'assessment.read');
  const admin = await adminDays(ctx.db, year);
  if (admin.length > 0) {
    const of = (kind: string) => admin.filter((d) => d.kind === kind).map((d) => ({ date: d.date, name: d.name }));
    return { year, source: 'admin', holidays: of('holiday'), workdays: of('workday') };
  }
  const pkg = fromPackage();
  if (!pkg.years.has(year)) return { year, source: 'missing', holidays: [], workdays: [] };
  const inYear = (m: Map<string, string>) => [...m].filter(([d]) => d.startsWith(`${year}-`)).sort(([a], [b]) => a.localeCompare(b)).map(([date, name]) => ({ date, name }));
  return { year, source: 'package', holidays: inYear(pkg.holidays), workdays: inYear(pkg.workdays) };
}

/** An administrator enters (or replaces) a year's holidays and make-up workdays. */
export async function saveCalendar(ctx: MutationContext, townId: string, year: number, input: CalendarInput): Promise<Calendar> {
  authorize(ctx.actor, 'calendar.manage');
  const all = [...input.holidays.map((d) => ({ ...d, kind: 'holiday' })), ...input.workdays.map((d) => ({ ...d, kind: 'workday' }))];
  for (const [i, d] of all.entries()) {
    if (!d.date.startsWith(`${year}-`)) throw ruleViolation({ zh: `日期 ${d.date} 不在 ${year} 年内。`, en: `${d.date} is not in ${year}.` }, `days.${i}.date`);
  }
  if (new Set(all.map((d) => d.date)).size !== all.length) throw ruleViolation({ zh: '同一天不能既是假日又是调休上班日。', en: 'A day cannot be both a holiday and a workday.' }, 'workdays');
  const before = await getCalendar(ctx, year);
  await ctx.db.deleteFrom('calendar_days').where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`).execute();
  const now = shanghaiTimestamp(ctx.clock.now());
  if (all.length > 0) await ctx.db.insertInto('calendar_days').values(all.map((d) => ({ date: d.date, kind: d.kind, name: d.name, entered_by: ctx.actor.display, entered_at: now }))).execute();
  const after = await getCalendar(ctx, year);
  await recordAudit(ctx, { townId, action: 'calendar.save', objectType: 'calendar', objectId: String(year), before, after });
  return after;
}
