import {
  checkPolicy,
  computeYear,
  defaultPolicy,
  gradeOf,
  policyProblemText,
  ruleValue,
  ScenarioSchema,
  type PayPolicy,
  type Scenario,
  type YearPay,
} from '@gongyi/domain';
import { festivalDates } from '../features/payroll/festivals.js';
import { fieldPath, issueProblem } from '../http/validation-messages.js';

// `gongyi pay calc` (#7 part 6): a what-if for one worker's year. The scenario (ScenarioSchema,
// docs/pay-calc.md) comes on stdin; each month's pay lines go to stdout as JSON, computed by
// computeYear, the same domain code the monthly runs use. Bad input is named field by field on
// stderr with exit code 2 and no stack, since the reader is a clerk or a script, not a developer.

export interface PayCalcOutput extends YearPay {
  year: number;
  /** Whether the scenario gave its policy or the notice's defaults (zero team amounts) were used. */
  policySource: 'scenario' | 'default';
  festivalDates: ReturnType<typeof festivalDates>;
}

type Outcome = { ok: true; output: PayCalcOutput; warnings: string[] } | { ok: false; errors: string[] };

/** Month-keyed maps ("1"–"12") as numbers; a bad key is named by its path. */
function byMonth(map: Record<string, number>, field: string, errors: string[], toValue: (v: number, path: string) => number | undefined): Partial<Record<number, number>> {
  const out: Partial<Record<number, number>> = {};
  for (const [key, value] of Object.entries(map)) {
    const month = Number(key);
    const path = `${field}.${key}`;
    if (!/^\d{1,2}$/.test(key) || month < 1 || month > 12) errors.push(`${path}：月份应为 1–12（例如 "3" 表示三月）。`);
    else {
      const v = toValue(value, path);
      if (v !== undefined) out[month] = v;
    }
  }
  return out;
}

/** Points with at most one decimal → tenths (the assessment's unit, R25). */
function tenths(errors: string[]) {
  return (points: number, path: string) => {
    const t = Math.round(points * 10);
    if (Math.abs(points * 10 - t) > 1e-6) {
      errors.push(`${path}：月度考核分最多保留一位小数（例如 86.5）。`);
      return undefined;
    }
    return t;
  };
}

function policyOf(s: Scenario, errors: string[], warnings: string[]): PayPolicy {
  const on = `${s.year}-01-01`;
  if (!s.policy) {
    warnings.push(`提示：未提供 policy，已按通知默认值（保底、福利、上限、年度考核奖比例）计算，服务队“${s.worker.teamId}”的基本工资和绩效奖按 0 计。请在 policy 中写明 teams.${s.worker.teamId}.baseFen 和 bonusFen。`);
    return defaultPolicy(on, [s.worker.teamId]);
  }
  for (const p of checkPolicy(s.policy, on)) errors.push(`policy.${p.field}：${policyProblemText(p).zh}`);
  if (s.worker.scheme === 'standard' && !(s.worker.teamId in s.policy.teams)) {
    warnings.push(`提示：policy.teams 中没有服务队“${s.worker.teamId}”，其基本工资和绩效奖按 0 计。`);
  }
  return s.policy;
}

/** The scenario's text → the year's pay, or every problem found, each naming its field. */
export function payCalc(text: string): Outcome {
  if (text.trim() === '') return { ok: false, errors: ['标准输入为空：请通过标准输入提供测算场景 JSON，例如 npx gongyi pay calc < scenario.json（格式见 docs/pay-calc.md）。'] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`输入不是有效的 JSON：${(e as Error).message}。请检查引号、逗号和括号（格式见 docs/pay-calc.md）。`] };
  }
  const parsed = ScenarioSchema.safeParse(json);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => `${fieldPath(i.path) || '场景'}：${issueProblem(i, 'zh')}。`) };
  const s = parsed.data;
  const errors: string[] = [];
  const warnings: string[] = [];
  const monthlyTotalsTenths = byMonth(s.monthlyTotals, 'monthlyTotals', errors, tenths(errors));
  const peopleServed = byMonth(s.peopleServed, 'peopleServed', errors, (v) => v);
  const policy = policyOf(s, errors, warnings);
  if (errors.length > 0) return { ok: false, errors };
  const bands = ruleValue('assessment.gradeBands', `${s.year}-01-01`);
  const dates = festivalDates(s.year);
  const pay = computeYear(() => policy, s.worker, { year: s.year, monthlyTotalsTenths, peopleServed, festivalDates: dates, annualOutcome: s.annualOutcome, gradeOf: (t) => gradeOf(t, bands) });
  return { ok: true, warnings, output: { year: s.year, policySource: s.policy ? 'scenario' : 'default', festivalDates: dates, ...pay } };
}

async function readAll(input: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

export async function payCalcCommand(input: NodeJS.ReadableStream = process.stdin): Promise<number> {
  if (process.stdin.isTTY && input === process.stdin) console.error('请粘贴测算场景 JSON，以 Ctrl-D 结束；或 npx gongyi pay calc < scenario.json（格式见 docs/pay-calc.md）。');
  const result = payCalc(await readAll(input));
  if (!result.ok) {
    console.error(`测算场景有误，未计算：\n${result.errors.map((e) => `  - ${e}`).join('\n')}`);
    return 2;
  }
  for (const w of result.warnings) console.error(w);
  process.stdout.write(`${JSON.stringify(result.output, null, 2)}\n`);
  return 0;
}
