import {
  cellText,
  EDUCATION_LABELS,
  EMPLOYMENT_BASIS_LABELS,
  INSURANCE_LABELS,
  parseYuan,
  PAY_SCHEME_LABELS,
  SPECIAL_POST_LABELS,
  toHalfWidth,
  type Education,
  type EmploymentBasis,
  type Fen,
  type Insurance,
  type PayScheme,
  type SpecialPost,
} from '@gongyi/domain';
import type { CellValue } from './read-sheet.js';

// What one cell means, as clerks fill rosters in: labels with variants, 是/否, yuan amounts.

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(message: string): Parsed<T> => ({ ok: false, message });

/** What Excel shows for a number: 15 significant digits, then zeros (310101198001011000). */
export function excelDigits(n: number): string {
  const [mantissa, exponent] = n.toExponential(14).split('e');
  const digits = mantissa!.replace('.', '').replace(/0+$/, '') || '0';
  const places = Number(exponent) + 1;
  return places >= digits.length ? digits.padEnd(places, '0') : String(Number(n.toPrecision(15)));
}

/** The text a clerk sees in the cell: dates as YYYY-MM-DD, long numbers as Excel shows them. */
export function displayText(value: CellValue): string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'number') return Math.abs(value) >= 1e15 ? excelDigits(value) : String(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string') return plainText(value);
  return cellText(value);
}

const WIDE = /[\uFF01-\uFF5E\u3000]/;
const SPACE = /\s/;

/** cellText of a string, without its two replacements when the text has nothing they would change (most cells). */
function plainText(value: string): string {
  const text = WIDE.test(value) ? toHalfWidth(value) : value;
  return SPACE.test(text) ? text.replace(/\s+/g, ' ').trim() : text;
}

/** Names padded for alignment (“王  芳”) lose their inner spaces; “Li Ming” keeps one. */
export function compactName(text: string): string {
  return text.replace(/(?<=[\u3400-\u9fff·])\s+(?=[\u3400-\u9fff·])/g, '');
}

const valueKey = (text: string) => toHalfWidth(text).replace(/[\s()（）]/g, '').toUpperCase();

function choiceTable<K extends string>(labels: Record<K, { zh: string }>, variants: Record<string, K>): Map<string, K> {
  const table = new Map<string, K>();
  for (const [k, label] of Object.entries(labels) as [K, { zh: string }][]) table.set(valueKey(label.zh), k);
  for (const [text, k] of Object.entries(variants)) table.set(valueKey(text), k);
  return table;
}

function choice<K extends string>(table: Map<string, K>, allowed: string, label: string) {
  return (text: string): Parsed<K> => {
    const found = table.get(valueKey(text));
    return found ? ok(found) : fail(`${label}“${text}”无法识别。可填：${allowed}。`);
  };
}

const EDUCATION = choiceTable<Education>(EDUCATION_LABELS, {
  大学本科: 'bachelor', 大学专科: 'college', 专科: 'college', 硕士: 'postgraduate', 博士: 'postgraduate',
  技校: 'vocational', 职高: 'vocational', 职校: 'vocational', 中技: 'vocational', 高职: 'college',
});
const INSURANCE = choiceTable<Insurance>(INSURANCE_LABELS, {
  城镇职工: 'urban_employee', 城保: 'urban_employee', 职工社保: 'urban_employee', 城镇职工社保: 'urban_employee',
  综保: 'community_comprehensive', 综合保险: 'community_comprehensive',
  无: 'none', 不参保: 'none', 否: 'none',
});
const SPECIAL = choiceTable<SpecialPost>(SPECIAL_POST_LABELS, { 治安: 'community_security', 环卫: 'sanitation', 保洁: 'sanitation', 泵站: 'pump_station' });
const PAY = choiceTable<PayScheme>(PAY_SCHEME_LABELS, { 新办法: 'standard', 标准: 'standard', 新: 'standard', 老办法: 'legacy', 原待遇: 'legacy', 老: 'legacy' });
// R11: elderly helpers may be paid per person served; a prescribed workload counts as full-time.
const BASIS = choiceTable<EmploymentBasis>(EMPLOYMENT_BASIS_LABELS, {
  全职: 'full_time', 全日: 'full_time',
  规定工作量: 'workload', 工作量: 'workload', 视同全日制: 'workload', 完成规定工作量: 'workload',
  按服务人数: 'per_person_served', 按服务人数计酬: 'per_person_served', 按人数: 'per_person_served', 按人头: 'per_person_served', 助老: 'per_person_served',
});
const NO_SPECIAL = new Set(['无', '否', '不是', '/', '-']);

export const parseEducation = choice(EDUCATION, Object.values(EDUCATION_LABELS).map((l) => l.zh).join('、'), '学历');
export const parseInsurance = choice(INSURANCE, '城镇职工社会保险、社区综合保险、未参保', '参保类型');
export const parseEmploymentBasis = choice(BASIS, '全日制、完成规定工作量、按服务人数计酬', '用工方式');
export const parsePayScheme = choice(PAY, '新办法、老办法', '待遇办法');
const specialChoice = choice(SPECIAL, '社区治安、环卫保洁、圩区泵站，不是特殊岗位的留空', '特殊岗位');
export const parseSpecialPost = (text: string): Parsed<SpecialPost | null> => (NO_SPECIAL.has(valueKey(text)) ? ok(null) : specialChoice(text));

const YES = new Set(['是', 'Y', 'YES', 'TRUE', '1', '√', '✓', '有']);
const NO = new Set(['否', 'N', 'NO', 'FALSE', '0', '×', '无', '不是']);

/** 是/否 and their variants; an empty cell is 否. */
export function parseYesNo(value: CellValue, label: string): Parsed<boolean> {
  if (typeof value === 'boolean') return ok(value);
  const text = displayText(value);
  if (text === '' || NO.has(valueKey(text))) return ok(false);
  if (YES.has(valueKey(text))) return ok(true);
  return fail(`${label}一栏请填写“是”或“否”（表中为“${text}”）。`);
}

/** A monthly amount in yuan (1570 or 1,570.50) as fen. */
export function parseAmount(value: CellValue, label: string): Parsed<Fen> {
  const fen = typeof value === 'number' ? Math.round(value * 100) : parseYuan(displayText(value));
  if (fen === undefined || fen < 0 || !Number.isSafeInteger(fen)) return fail(`${label}“${displayText(value)}”不是金额。请填写元，如 1570 或 1570.50。`);
  return ok(fen);
}
