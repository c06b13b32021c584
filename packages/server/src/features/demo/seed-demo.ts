import { shanghaiTimestamp } from '@gongyi/domain';
import type { Database } from '../../db/database.js';
import { inTransaction, type MutationContext } from '../../http/context.js';
import type { Runtime } from '../../runtime.js';
import { recordAudit } from '../audit/audit.repository.js';
import { insertBody } from '../bodies/bodies.repository.js';
import { listCategories } from '../coops/coops.repository.js';
import { createCoop, updateCategory } from '../coops/coops.service.js';
import { createCommunity } from '../communities/communities.service.js';
import { createDepartment } from '../departments/departments.service.js';
import { SYSTEM } from '../policy.js';
import { createTeam } from '../teams/teams.service.js';
import { createTown } from '../towns/towns.service.js';
import { findTownByCode } from '../towns/towns.repository.js';
import { seedDemoUsers } from './demo-users.js';
import { seedDemoWorkers, type DemoOrg } from './demo-workers.js';
import { seedDemoStaffing } from './demo-staffing.js';
import { seedDemoAssessment } from './demo-assessment.js';
import { seedDemoPayroll } from './demo-payroll.js';
import { seedDemoLedger } from './demo-ledger.js';
import { today } from '../../runtime.js';
import { allTeams } from '../teams/teams.service.js';
import { allCommunities } from '../communities/communities.service.js';
import { BODIES, COMMUNITIES, COOPS, DATES, DEPARTMENTS, TEAMS, TOWN } from './xiaokunshan.js';

export interface SeedResult {
  townId: string;
  created: boolean;
}

/**
 * Loads 小昆山镇 with the notice's organisation, through the same services (and so the same rules
 * and audit trail) as the console, plus one demo account per role (password DEMO_PASSWORD). Does
 * nothing when the town is already there. Demo mode only: a real town starts with
 * `gongyi user create`.
 */
/** `payroll: false` skips last month's locked sheets, the pay policy and the year's funds (tests that do not need them run faster). */
export async function seedDemo(database: Database, runtime: Runtime, code = TOWN.code, options: { payroll?: boolean } = {}): Promise<SeedResult> {
  const existing = await findTownByCode(database.db, code);
  if (existing) return { townId: existing.id, created: false };
  const meta = { actor: SYSTEM, requestId: 'seed-demo', ip: '' };
  const townId = await inTransaction(database, runtime, meta, async (ctx) => {
    const id = await seedTown(ctx, code);
    await seedDemoUsers(ctx, id);
    await seedDemoWorkers(ctx, id, code, await demoOrg(ctx, id));
    await seedDemoStaffing(ctx, id, code);
    await seedDemoAssessment(ctx, id, today(runtime.clock).slice(0, 4));
    if (options.payroll !== false) {
      await seedDemoPayroll(ctx, id);
      await seedDemoLedger(ctx, id);
    }
    return id;
  });
  return { townId, created: true };
}

async function seedTown(ctx: MutationContext, code: string): Promise<string> {
  const town = await createTown(ctx, { ...TOWN, code });
  const deptId = new Map<string, string>();
  for (const d of DEPARTMENTS) {
    const created = await createDepartment(ctx, town.id, {
      name: d.name,
      shortName: d.shortName,
      kind: d.kind,
      note: d.note ?? '',
      validFrom: DATES.existing,
      validTo: null,
    });
    deptId.set(d.name, created.id);
  }
  const dept = (name: string) => {
    const id = deptId.get(name);
    if (!id) throw new Error(`demo data names an unknown department: ${name}`);
    return id;
  };
  for (const c of COMMUNITIES) {
    await createCommunity(ctx, town.id, { ...c, note: '演示数据（虚构村居）', validFrom: DATES.existing, validTo: null });
  }
  const categories = await listCategories(ctx.db, town.id);
  for (const c of COOPS) {
    const coop = await createCoop(ctx, town.id, {
      name: c.name,
      shortName: c.shortName,
      seatDepartmentId: dept('社会保障事务所'),
      note: c.note,
      validFrom: DATES.coops,
      validTo: null,
    });
    const category = categories.find((g) => g.code === c.category)!;
    await updateCategory(ctx, town.id, category.id, { defaultCoopId: coop.id });
  }
  for (const [i, t] of TEAMS.entries()) {
    await createTeam(ctx, town.id, {
      name: t.name,
      categoryId: categories.find((g) => g.code === t.category)!.id,
      duties: t.duties,
      sortOrder: (i + 1) * 10,
      validFrom: DATES.integration,
      validTo: null,
      assignment: {
        supervisingDepartmentId: dept(t.supervising),
        managingUnits: t.units.map((u) => ({ departmentId: dept(u.department), duties: u.duties })),
        communityScoreShare: t.communityShare,
        communitySharePercent: null,
        note: '松昆府字〔2012〕100号 §四(三)',
      },
    });
  }
  const now = shanghaiTimestamp(ctx.clock.now());
  for (const b of BODIES) {
    const id = ctx.newId();
    await insertBody(
      ctx.db,
      { town_id: town.id, id, kind: b.kind, name: b.name, seat_department_id: b.seat ? dept(b.seat) : null, duties: b.duties, created_at: now },
      b.members.map((m, position) => ({ position, role: m.role, holder: m.holder, department_id: m.department ? dept(m.department) : null })),
    );
    await recordAudit(ctx, { townId: town.id, action: 'body.create', objectType: 'body', objectId: id, after: b });
  }
  return town.id;
}

async function demoOrg(ctx: MutationContext, townId: string): Promise<DemoOrg> {
  const teams = await allTeams(ctx, townId, { on: DATES.integration });
  const communities = await allCommunities(ctx, townId, {});
  return {
    teams: teams.map((t) => ({ id: t.id, name: t.name, managingUnits: t.assignment?.managingUnits ?? [], communityShare: t.assignment?.communityScoreShare ?? false })),
    communityIds: communities.map((c) => c.id),
  };
}
