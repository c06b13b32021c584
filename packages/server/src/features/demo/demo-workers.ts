import { addDays, makeIdNumber, type CreateWorker, type Insurance, type SpecialPost } from '@gongyi/domain';
import type { MutationContext } from '../../http/context.js';
import { importWorkers } from '../workers/worker-import.service.js';

// 659 synthetic workers (the notice's approved total, R9) across the 15 teams in the proportions a
// town has: cleaning and patrol large, coordinator teams small. Deterministic: the same seed gives
// the same people, with valid (synthetic) ID numbers from Songjiang's region code.

export const TEAM_SIZES: Record<string, number> = {
  特种设备协管: 6,
  劳动监察协管: 8,
  综合协管: 60,
  社区保安: 90,
  市容环境协管: 40,
  社区巡逻: 95,
  建筑协管: 10,
  社保协管: 12,
  就业援助: 15,
  社区公益卫生保洁: 95,
  助残协管: 12,
  助老协管: 40,
  林业养护: 40,
  河道保洁: 46,
  社区环境保洁: 90,
};

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国文兰红玉梅林琴云峰海燕根宝珍凤金荣春福生德才忠良';

/** mulberry32: a small seeded generator, so the demo is the same on every machine. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoOrg {
  teams: { id: string; name: string; managingUnits: { departmentId: string; duties: string }[]; communityShare: boolean }[];
  communityIds: string[];
}

const SPECIAL: Record<string, SpecialPost> = { 社区保安: 'community_security', 社区公益卫生保洁: 'sanitation', 社区环境保洁: 'sanitation' };
const FIELD_TEAMS = new Set(['河道保洁', '林业养护']);

/**
 * The demo town gets Songjiang's region code; any other town code (tests seed many towns into one
 * database) gets its own synthetic region and seed, since an ID number may hold only one active
 * post in the whole deployment.
 */
export function demoIdentity(code: string): { region: string; seed: number } {
  if (code === 'xiaokunshan') return { region: '310117', seed: 20121023 };
  let h = 2166136261;
  for (const ch of code) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return { region: `3${String(10000 + (h % 90000)).padStart(5, '0')}`, seed: h };
}

/**
 * Birth dates by sex: the oldest reach retirement age (60 and 50, plus the 2025 reform's months)
 * around 2026, so the retirement list holds a few people rather than a third of the town, and the
 * youngest were 18 by the earliest start date (2006-03). Both end at 1988-03.
 */
const BIRTH_RANGES = { male: { from: '1965-10-01', days: 8200 }, female: { from: '1975-10-01', days: 4550 } } as const;

export function demoWorkers(org: DemoOrg, identity = demoIdentity('xiaokunshan'), count = 659): CreateWorker[] {
  const random = seeded(identity.seed);
  const pick = <T>(items: readonly T[] | string): T => items[Math.floor(random() * items.length)] as T;
  const scale = count / 659;
  const rows: CreateWorker[] = [];
  let n = 0;
  for (const team of org.teams) {
    const size = Math.max(1, Math.round((TEAM_SIZES[team.name] ?? 10) * scale));
    for (let i = 0; i < size && rows.length < count; i++, n++) {
      const sequence = (n % 999) + 1; // its parity is the sex the ID number says (odd: male)
      const range = BIRTH_RANGES[sequence % 2 === 1 ? 'male' : 'female'];
      const born = addDays(range.from, Math.floor(random() * range.days));
      const idNumber = makeIdNumber(identity.region, born, sequence);
      const unit = team.managingUnits[i % team.managingUnits.length]!;
      const field = FIELD_TEAMS.has(team.name);
      const legacy = random() < 0.3;
      const insurance: Insurance = field ? (random() < 0.9 ? 'community_comprehensive' : 'none') : random() < 0.7 ? 'urban_employee' : 'community_comprehensive';
      const special = SPECIAL[team.name] ?? (team.name === '河道保洁' && i % 5 === 0 ? 'pump_station' : null);
      rows.push({
        person: {
          name: pick<string>(SURNAMES) + pick<string>(GIVEN) + (random() < 0.6 ? pick<string>(GIVEN) : ''),
          idNumber,
          phone: `13${String(Math.floor(random() * 1e9)).padStart(9, '0')}`,
          householdRegistration: '上海市松江区小昆山镇',
          address: `小昆山镇示范路 ${1 + Math.floor(random() * 300)} 号`,
          bankName: '上海农商银行',
          bankAccount: `6228${String(Math.floor(random() * 1e15)).padStart(15, '0')}`,
          education: pick(['primary', 'junior_high', 'junior_high', 'senior_high', 'vocational', 'college'] as const),
          disabilityCertificate: team.name === '助残协管' && i % 4 === 0 ? `3101171${String(n).padStart(11, '0')}` : '',
          emergencyContactName: pick<string>(SURNAMES) + pick<string>(GIVEN),
          emergencyContactPhone: `13${String(Math.floor(random() * 1e9)).padStart(9, '0')}`,
        },
        post: {
          teamId: team.id,
          managingDepartmentId: unit.departmentId,
          duty: unit.duties.split('、')[0] ?? '',
          communityId: team.communityShare ? org.communityIds[n % org.communityIds.length]! : null,
          specialPost: special,
          fieldOrHazardous: field,
          offRoster: random() < 0.05,
          payScheme: legacy ? 'legacy' : 'standard',
          legacyBaseFen: legacy ? 120000 + Math.floor(random() * 40) * 1000 : null,
          legacyBonusFen: legacy ? 30000 + Math.floor(random() * 20) * 1000 : null,
          employmentBasis: team.name === '助老协管' ? 'per_person_served' : 'full_time',
          insurance,
          startDate: addDays('2006-03-01', Math.floor(random() * 365 * 6.5)),
          note: '',
        },
      });
    }
  }
  return rows;
}

export async function seedDemoWorkers(ctx: MutationContext, townId: string, code: string, org: DemoOrg): Promise<void> {
  await importWorkers(ctx, townId, demoWorkers(org, demoIdentity(code)));
  // The demo worker account sees its own record (scope `self`).
  const first = await ctx.db.selectFrom('persons').select('id').where('town_id', '=', townId).orderBy('id').limit(1).executeTakeFirst();
  if (first) await ctx.db.updateTable('users').set({ person_id: first.id }).where('town_id', '=', townId).where('username', '=', 'worker1').execute();
}
