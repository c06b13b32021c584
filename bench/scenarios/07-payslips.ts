import { computeMonth, defaultPolicy, type PayPolicy, type Slip, type WorkerPay } from '@gongyi/domain';
import { festivalDates } from '../../packages/server/src/features/payroll/festivals.ts';
import { payslipsPdf } from '../../packages/server/src/features/payroll/payslip-pdf.ts';
import { defineScenario } from '../scenario.ts';

// #7 part 8: payslip PDFs at ≥ 300 pages/s. A coop's September of BENCH_PAYSLIPS workers (default
// 2,000: full months, hires mid-month, failed assessments topped up to the floor, allowances,
// high-temperature pay, in-kind value, deductions), lines computed by the domain engine, printed
// into one batch PDF (two slips to a page). No database: the figure is the PDF's alone. The font
// is parsed once per process (http/pdf.ts), so the first iteration also warms its caches; the
// median of the iterations is reported. Reported besides: slips/s, pages, the file's size and
// singleSlipMs, one worker's own payslip (the median of 20 after the batch).

const SLIPS = Number(process.env.BENCH_PAYSLIPS ?? 2_000);
const MONTH = '2026-09';
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = ['建国', '晓梅', '志强', '秀英', '海燕', '国平', '丽华', '春生', '桂芳', '永军'];
const TEAMS = [
  { id: 't1', name: '社区保安队', unit: '派出所', post: 'community_security' },
  { id: 't2', name: '环境卫生保洁队', unit: '城市管理办公室', post: 'sanitation' },
  { id: 't3', name: '圩区泵站管理队', unit: '水务站', post: null },
] as const;

const policy: PayPolicy = {
  ...defaultPolicy(`${MONTH}-01`),
  teams: { t1: { baseFen: 120_000, bonusFen: 60_000 }, t2: { baseFen: 110_000, bonusFen: 50_000 }, t3: { baseFen: 130_000, bonusFen: 40_000 } },
  specialAllowanceFen: { community_security: 20_000, sanitation: 15_000, pump_station: 10_000 },
  deductionFen: { urban_employee: 25_000, community_comprehensive: 5_000, none: 0 },
};

function slipOf(i: number): Slip {
  const team = TEAMS[i % TEAMS.length]!;
  const worker: WorkerPay = {
    teamId: team.id,
    categoryCode: 'public_service',
    scheme: i % 17 === 0 ? 'legacy' : 'standard',
    legacyBaseFen: 150_000,
    legacyBonusFen: 30_000,
    specialPost: team.post,
    employmentBasis: 'full_time',
    insurance: i % 5 === 0 ? 'community_comprehensive' : 'urban_employee',
    periods: [{ from: i % 11 === 0 ? `${MONTH}-${String(1 + (i % 28)).padStart(2, '0')}` : '2020-01-01', to: null }],
  };
  const total = 550 + ((i * 37) % 450);
  const pay = computeMonth(policy, worker, {
    month: MONTH,
    assessment: { totalTenths: total, grade: total >= 900 ? 'excellent' : total >= 750 ? 'pass' : total >= 600 ? 'basic_pass' : 'fail' },
    peopleServed: null,
    festivalDates: festivalDates(2026),
    yearToDate: { highTemperatureFen: (i % 4) * 25_000, inKindFen: (i % 3) * 10_000 },
  });
  const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]}`;
  const { daysInPost, grossFen, deductionFen, netFen, inKindFen, lines } = pay;
  return { runId: 'bench', month: MONTH, kind: 'monthly', personId: `p${i}`, name, teamId: team.id, teamName: team.name, departmentId: team.unit, departmentName: team.unit, daysInPost, grossFen, deductionFen, netFen, inKindFen, lines };
}

const header = { townName: '小昆山镇', coopName: '小昆山镇社会事务服务社', month: MONTH, kindLabel: '月度发放' };
const pagesOf = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;

export default defineScenario({
  name: 'payslips pdf',
  backends: ['sqlite'],
  async run({ time }) {
    const slips = Array.from({ length: SLIPS }, (_, i) => slipOf(i));
    const start = performance.now();
    const pdf = await time(() => payslipsPdf(slips, header));
    const seconds = (performance.now() - start) / 1000;
    const single: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      await payslipsPdf([slips[i]!], header);
      single.push(performance.now() - t);
    }
    single.sort((a, b) => a - b);
    const pages = pagesOf(pdf);
    return { size: pages, metrics: { slips: SLIPS, slipsPerSecond: Math.round(SLIPS / seconds), pagesPerSecond: Math.round(pages / seconds), fileMb: pdf.length / 1e6, singleSlipMs: single[10]! } };
  },
});
