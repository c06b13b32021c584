import { addDays, makeIdNumber, shanghaiTimestamp, type ExitInput } from '@gongyi/domain';
import type { Row } from '../../db/schema.js';
import type { MutationContext } from '../../http/context.js';
import { today } from '../../runtime.js';
import { termEnd } from '../agreements/agreement-lifecycle.js';
import { draftAgreement } from '../agreements/agreements.service.js';
import { supervisorOn } from '../agreements/agreements.repository.js';
import { exitWorker } from '../staffing/exits.service.js';
import { decideHiring, requestHire } from '../staffing/hiring.service.js';
import { savePlan } from '../staffing/quota.service.js';
import { demoIdentity, TEAM_SIZES } from './demo-workers.js';

// The demo town's headcount and agreements (#5): the approved plan of 659 (R9) with the demo
// workers filling it, a few exits this year that opened vacancies (R10), two hiring requests
// (one waiting for town HR, one approved with its agreement in draft), a filed one-year
// agreement for everyone on post, and annual results for two teams so renewal shows both outcomes (R8).

const EXITS: { team: string; input: Omit<ExitInput, 'exitDate'>; daysAgo: number }[] = [
  { team: '社区巡逻', input: { reason: 'retirement', note: '达到法定退休年龄' }, daysAgo: 70 },
  { team: '社区环境保洁', input: { reason: 'resignation', note: '本人申请' }, daysAgo: 55 },
  { team: '社区保安', input: { reason: 'dismissal', note: '', dismissal: { basis: 'team_rule', citation: '《社区保安队管理制度》第十二条：无故连续旷工三日' } }, daysAgo: 40 },
  { team: '河道保洁', input: { reason: 'resignation', note: '外出务工' }, daysAgo: 25 },
  { team: '社区公益卫生保洁', input: { reason: 'retirement', note: '达到法定退休年龄' }, daysAgo: 12 },
];

async function teamIds(ctx: MutationContext, townId: string): Promise<Map<string, Row<'teams'>>> {
  const teams = await ctx.db.selectFrom('teams').selectAll().where('town_id', '=', townId).execute();
  return new Map(teams.map((t) => [t.name, t]));
}

export async function seedDemoStaffing(ctx: MutationContext, townId: string, code: string): Promise<void> {
  const teams = await teamIds(ctx, townId);
  const on = today(ctx.clock);
  await seedPlan(ctx, townId, teams);
  await seedAgreements(ctx, townId, on);
  for (const e of EXITS) {
    const team = teams.get(e.team)!;
    const post = await ctx.db.selectFrom('posts').select('person_id').where('town_id', '=', townId).where('team_id', '=', team.id).where('is_current', '=', 1).where('status', '=', 'active').orderBy('person_name').executeTakeFirstOrThrow();
    await exitWorker(ctx, townId, post.person_id, { ...e.input, exitDate: addDays(on, -e.daysAgo) });
  }
  await seedHiring(ctx, townId, code, teams, on);
  await seedAnnualResults(ctx, townId, teams, Number(on.slice(0, 4)));
}

async function seedPlan(ctx: MutationContext, townId: string, teams: Map<string, Row<'teams'>>): Promise<void> {
  const byCategory = new Map<string, number>();
  for (const [name, size] of Object.entries(TEAM_SIZES)) {
    const category = teams.get(name)!.category_id;
    byCategory.set(category, (byCategory.get(category) ?? 0) + size);
  }
  await savePlan(ctx, townId, {
    validFrom: '2012-01-01',
    total: 659,
    basis: '市、区核定公益性岗位总数 659 人（截至 2011-12-31，R9）；演示数据',
    categories: [...byCategory].map(([categoryId, quota]) => ({ categoryId, quota })),
    teams: Object.entries(TEAM_SIZES).map(([name, quota]) => ({ teamId: teams.get(name)!.id, quota })),
  });
}

/** A filed one-year agreement for this year for everyone on post (R6). */
async function seedAgreements(ctx: MutationContext, townId: string, on: string): Promise<void> {
  const year = on.slice(0, 4);
  const start = `${year}-01-01`;
  const posts = await ctx.db.selectFrom('posts').selectAll().where('town_id', '=', townId).where('is_current', '=', 1).where('status', '!=', 'exited').orderBy('person_name').orderBy('id').execute();
  const supervisors = new Map<string, string>();
  const teamCoops = new Map((await ctx.db.selectFrom('teams').select(['id', 'coop_id']).where('town_id', '=', townId).execute()).map((t) => [t.id, t.coop_id]));
  for (const teamId of new Set(posts.map((p) => p.team_id))) supervisors.set(teamId, (await supervisorOn(ctx.db, townId, teamId, start))!.supervising_department_id);
  const now = shanghaiTimestamp(ctx.clock.now());
  const signed = `${Number(year) - 1}-12-20`;
  await ctx.insertRows(
    'agreements',
    posts.map((p, i) => ({
      town_id: townId,
      id: ctx.newId(),
      person_id: p.person_id,
      employment_id: p.employment_id,
      team_id: p.team_id,
      coop_id: teamCoops.get(p.team_id)!,
      supervising_department_id: supervisors.get(p.team_id)!,
      managing_department_id: p.managing_department_id,
      community_id: p.community_id,
      duty: p.duty,
      pay_scheme: p.pay_scheme,
      term_start: start,
      term_end: termEnd(start, 12),
      state: 'filed',
      signed_on: signed,
      witnessed_on: `${Number(year) - 1}-12-24`,
      witness_department_id: supervisors.get(p.team_id)!,
      filing_number: `昆公益备〔${year}〕${String(i + 1).padStart(3, '0')}号`,
      filed_on: `${Number(year) - 1}-12-28`,
      terminated_on: null,
      termination_reason: '',
      hiring_request_id: null,
      previous_agreement_id: null,
      created_by: '演示数据',
      created_at: now,
      updated_at: now,
    })),
  );
}

async function seedHiring(ctx: MutationContext, townId: string, code: string, teams: Map<string, Row<'teams'>>, on: string): Promise<void> {
  const { region } = demoIdentity(code);
  const candidates = [
    { name: '陆佳敏', born: '1986-04-12', sequence: 802, team: '社区环境保洁' },
    { name: '沈国平', born: '1979-09-03', sequence: 811, team: '社区巡逻' },
  ];
  for (const [i, c] of candidates.entries()) {
    const team = teams.get(c.team)!;
    const unit = await ctx.db.selectFrom('team_assignment_units as u').innerJoin('team_assignments as a', (j) => j.onRef('a.town_id', '=', 'u.town_id').onRef('a.id', '=', 'u.assignment_id')).select(['u.department_id', 'u.duties']).where('a.town_id', '=', townId).where('a.team_id', '=', team.id).orderBy('u.position').executeTakeFirstOrThrow();
    const request = await requestHire(ctx, townId, {
      person: {
        name: c.name,
        idNumber: makeIdNumber(region, c.born, c.sequence),
        phone: `1391234${String(5670 + i).padStart(4, '0')}`,
        householdRegistration: '上海市松江区小昆山镇',
        address: '小昆山镇示范路 18 号',
        bankName: '上海农商银行',
        bankAccount: null,
        education: 'senior_high',
        disabilityCertificate: '',
        emergencyContactName: '',
        emergencyContactPhone: null,
      },
      post: {
        teamId: team.id,
        managingDepartmentId: unit.department_id,
        duty: unit.duties.split('、')[0] ?? '',
        communityId: null,
        specialPost: null,
        fieldOrHazardous: false,
        offRoster: false,
        payScheme: 'standard',
        legacyBaseFen: null,
        legacyBonusFen: null,
        employmentBasis: 'full_time',
        insurance: 'urban_employee',
        startDate: addDays(on, 15 + i * 15),
        note: '',
      },
      reason: `补充${c.team}离岗空岗（R10 一进一出）`,
    });
    if (i === 0) {
      await decideHiring(ctx, townId, request.id, { decision: 'approve', reason: '' });
      await draftAgreement(ctx, townId, { hiringRequestId: request.id });
    }
  }
}

/** The year's annual results for two teams, one worker failing in each (R8 renewal shows both outcomes). */
async function seedAnnualResults(ctx: MutationContext, townId: string, teams: Map<string, Row<'teams'>>, year: number): Promise<void> {
  const now = shanghaiTimestamp(ctx.clock.now());
  for (const name of ['河道保洁', '林业养护']) {
    const posts = await ctx.db.selectFrom('posts').select('person_id').where('town_id', '=', townId).where('team_id', '=', teams.get(name)!.id).where('is_current', '=', 1).where('status', '=', 'active').orderBy('person_name').orderBy('id').execute();
    for (const [i, p] of posts.entries()) {
      const outcome = i === 3 ? 'fail' : i % 7 === 0 ? 'excellent' : 'pass';
      await ctx.db.insertInto('annual_results').values({ town_id: townId, person_id: p.person_id, year, outcome, note: '演示数据', recorded_by: '演示数据', recorded_at: now }).execute();
    }
  }
}
