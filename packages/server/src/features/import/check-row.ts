import { CreateWorkerSchema, idCheckCharacter, idNumberProblem, longNumberDamage, normaliseIdNumber, parseLooseDate, type CreateWorker, type IdNumberProblem } from '@gongyi/domain';
import type { z } from 'zod';
import type { ImportColumn } from './columns.js';
import { IMPORT_FIELD_LABELS, IMPORT_FIELDS, type ImportField } from './fields.js';
import { inForceOn, resolveCommunity, resolveDepartment, resolveTeam, teamManagingUnit, type ImportLookups } from './lookups.js';
import type { CellValue, SheetRow } from './read-sheet.js';
import * as v from './values.js';

// One sheet row → a CreateWorker, or the problems that stop it, each naming its column.

export interface RowMessage {
  field: ImportField | null;
  /** The header text of the column (the field's usual header when the sheet lacks the column). */
  column: string;
  value: string;
  message: string;
}

export interface CheckedRow {
  row: number;
  name: string;
  /** The normalised ID number when it is valid (for duplicate and existing-worker checks). */
  idNumber: string | null;
  worker: CreateWorker | null;
  messages: RowMessage[];
  /** The keyed hash of `worker`'s ID number, computed once by the active-elsewhere check and reused by the commit. */
  idHash?: string;
}

const SCIENTIFIC = (label: string, shown: string) => `${label}被 Excel 显示为科学计数法（${shown}），后几位已丢失。请将该列设置为文本格式后重新录入。`;
const AS_NUMBER = (label: string, zeros: string) => `${label}被 Excel 当作数字保存，只保留了前 15 位，末尾变成了 ${zeros}。请将该列设置为文本格式后重新录入。`;
const RECHECK = '请对照身份证核对后重新录入。';

const ID_PROBLEMS: Record<IdNumberProblem, (id: string) => string> = {
  length: (id) => `身份证号应为 18 位，表中为 ${id.length} 位。${RECHECK}`,
  characters: () => `身份证号只能由数字组成，最后一位可以是 X，表中有其他字符。${RECHECK}`,
  birth_date: (id) => `身份证号第 7–14 位的出生日期（${id.slice(6, 14)}）不是有效日期。${RECHECK}`,
  check_digit: (id) => `身份证号校验位不符：按前 17 位计算末位应为 ${idCheckCharacter(id.slice(0, 17))}，表中为 ${id[17]}，号码中有录错的数字。${RECHECK}`,
};

/** One row's cells by field, each cell's text worked out once, and the problems found so far. */
class RowReader {
  readonly messages: (RowMessage & { order: number })[] = [];
  private readonly texts = new Map<ImportField, string>();
  constructor(
    private readonly row: SheetRow,
    private readonly byField: ReadonlyMap<ImportField, ImportColumn>,
  ) {}

  raw(f: ImportField): CellValue {
    const c = this.byField.get(f);
    return c ? (this.row.cells[c.index - 1] ?? null) : null;
  }

  text(f: ImportField): string {
    let t = this.texts.get(f);
    if (t === undefined) this.texts.set(f, (t = v.displayText(this.raw(f))));
    return t;
  }

  optional(f: ImportField): string | null {
    return this.text(f) || null;
  }

  report(f: ImportField, message: string): void {
    const c = this.byField.get(f);
    const column = c ? c.header || `第 ${c.index} 列` : IMPORT_FIELD_LABELS[f];
    this.messages.push({ field: f, column, value: this.text(f), message, order: c?.index ?? 1000 + IMPORT_FIELDS.indexOf(f) });
  }

  has(f: ImportField): boolean {
    return this.messages.some((m) => m.field === f);
  }

  /** The parsed value, or (after reporting the problem) the fallback. */
  take<T>(f: ImportField, parsed: v.Parsed<T>, fallback: T): T {
    if (parsed.ok) return parsed.value;
    this.report(f, parsed.message);
    return fallback;
  }

  /** Required text: reports an empty cell or a missing column. */
  required(f: ImportField): string {
    const t = this.text(f);
    if (t !== '') return t;
    const label = IMPORT_FIELD_LABELS[f];
    this.report(f, this.byField.has(f) ? `${label}不能为空。` : `表中没有“${label}”列。请在表头加上这一列，或在列对应关系中指定。`);
    return '';
  }
}
type Reader = RowReader;

function readIdNumber(r: Reader): string | null {
  const shown = r.required('idNumber');
  if (!shown) return null;
  const damage = longNumberDamage(r.raw('idNumber'));
  if (damage) {
    r.report('idNumber', damage === 'scientific' ? SCIENTIFIC('身份证号', shown) : AS_NUMBER('身份证号', '000'));
    return null;
  }
  const id = normaliseIdNumber(shown);
  const problem = idNumberProblem(id);
  if (problem) r.report('idNumber', ID_PROBLEMS[problem](id));
  return problem ? null : id;
}

/** Excel serials, Date cells, 2012-10-01, 2012.10.1, 2012/10/1, 2012年10月1日. */
function readStartDate(r: Reader): string | null {
  const shown = r.required('startDate');
  if (!shown) return null;
  const date = parseLooseDate(r.raw('startDate'));
  if (!date) r.report('startDate', `入职日期“${shown}”无法识别。请写成 2012-10-01 的形式。`);
  return date ?? null;
}

function readBankAccount(r: Reader): string | null {
  const raw = r.raw('bankAccount');
  const damage = longNumberDamage(raw);
  if (damage === 'scientific') r.report('bankAccount', SCIENTIFIC('银行卡号', r.text('bankAccount')));
  else if (typeof raw === 'number' && damage) r.report('bankAccount', AS_NUMBER('银行卡号', '0'));
  else return r.optional('bankAccount');
  return null;
}

function readChoice<T>(r: Reader, f: ImportField, parse: (text: string) => v.Parsed<T>, empty: T): T {
  const t = r.text(f);
  return t === '' ? empty : r.take(f, parse(t), empty);
}

function readAmount(r: Reader, f: 'legacyBase' | 'legacyBonus'): number | null {
  return r.text(f) === '' ? null : r.take(f, v.parseAmount(r.raw(f), IMPORT_FIELD_LABELS[f]), null);
}

/** R12 as the registry applies it: legacy pay needs the worker's own base wage; standard has none. */
function checkPayScheme(r: Reader, payScheme: string, legacyBaseFen: number | null): void {
  if (r.has('payScheme') || r.has('legacyBase')) return;
  if (payScheme === 'legacy' && legacyBaseFen === null) r.report('legacyBase', '待遇办法为老办法时，须填写本人原月基本工资（元）（R12）。');
  if (payScheme === 'standard' && legacyBaseFen !== null) {
    r.report('legacyBase', '待遇办法为新办法时不填本人原工资；如需保留原待遇，请把待遇办法改为“老办法”（R12）。');
  }
}

/** Team, managing unit and community by name, each in force on the start date. */
function readPlacement(r: Reader, lookups: ImportLookups, startDate: string | null) {
  const teamText = r.required('team');
  const team = teamText ? r.take('team', resolveTeam(lookups, teamText), null) : null;
  const communityText = r.text('community');
  const community = communityText ? r.take('community', resolveCommunity(lookups, communityText), null) : null;
  const deptText = r.text('managingDepartment');
  let department = deptText ? r.take('managingDepartment', resolveDepartment(lookups, deptText), null) : null;
  if (!deptText && team && startDate) {
    const id = teamManagingUnit(team, startDate);
    department = lookups.departments.find((d) => d.id === id) ?? null;
    if (!department) r.report('managingDepartment', `服务队“${team.name}”没有设置日常管理单位。请在表中填写，或先在“服务队”页面设置管理关系。`);
  }
  if (startDate) {
    const checks = [['team', team, '服务队'], ['managingDepartment', department, '日常管理单位'], ['community', community, '村居']] as const;
    for (const [f, item, label] of checks) {
      const problem = item && inForceOn(item, label, startDate);
      if (problem) r.report(f, problem);
    }
  }
  return { teamId: team?.id ?? '-', managingDepartmentId: department?.id ?? '-', communityId: community?.id ?? null };
}

const POST_FIELDS: Record<string, ImportField> = { teamId: 'team', managingDepartmentId: 'managingDepartment', communityId: 'community', legacyBaseFen: 'legacyBase', legacyBonusFen: 'legacyBonus' };

function issueMessage(issue: z.core.$ZodIssue, label: string): string {
  if (issue.message === 'invalid_phone') return `${label}不是有效的号码：应为 11 位手机号，或带区号的固定电话（如 021-57831234）。`;
  if (issue.message === 'invalid_bank_account') return `${label}应为 12–30 位数字。请核对后重新录入。`;
  if (issue.code === 'too_big') return `${label}太长（最多 ${String(issue.maximum)} 字），请缩短。`;
  if (issue.message === 'required') return `${label}不能为空。`;
  return `${label}填写有误，请检查。`;
}

/** The domain schema has the last word, so the import's rules are the registry's rules. */
function parseWorker(r: Reader, candidate: unknown): CreateWorker | null {
  const parsed = CreateWorkerSchema.safeParse(candidate);
  if (parsed.success) return r.messages.length === 0 ? parsed.data : null;
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[1] ?? issue.path[0] ?? '');
    const field = (POST_FIELDS[key] ?? key) as ImportField;
    if (!IMPORT_FIELDS.includes(field)) r.messages.push({ field: null, column: '', value: '', message: `本行不符合登记规则（${key}）。请检查后重新导入。`, order: 2000 });
    else if (!r.has(field)) r.report(field, issueMessage(issue, IMPORT_FIELD_LABELS[field]));
  }
  return null;
}

export function checkRow(row: SheetRow, byField: ReadonlyMap<ImportField, ImportColumn>, lookups: ImportLookups): CheckedRow {
  const r = new RowReader(row, byField);
  const name = v.compactName(r.required('name'));
  const idNumber = readIdNumber(r);
  const startDate = readStartDate(r);
  const placement = readPlacement(r, lookups, startDate);
  const payScheme = readChoice(r, 'payScheme', v.parsePayScheme, 'standard');
  const legacyBaseFen = readAmount(r, 'legacyBase');
  checkPayScheme(r, payScheme, legacyBaseFen);
  const candidate = {
    person: {
      name: name || '-',
      idNumber: idNumber ?? '',
      phone: r.optional('phone'),
      householdRegistration: r.text('householdRegistration'),
      address: r.text('address'),
      bankName: r.text('bankName'),
      bankAccount: readBankAccount(r),
      education: readChoice(r, 'education', v.parseEducation, null),
      disabilityCertificate: r.text('disabilityCertificate'),
      emergencyContactName: r.text('emergencyContactName'),
      emergencyContactPhone: r.optional('emergencyContactPhone'),
    },
    post: {
      ...placement,
      duty: r.text('duty'),
      specialPost: readChoice(r, 'specialPost', v.parseSpecialPost, null),
      fieldOrHazardous: r.take('fieldOrHazardous', v.parseYesNo(r.raw('fieldOrHazardous'), IMPORT_FIELD_LABELS.fieldOrHazardous), false),
      offRoster: r.take('offRoster', v.parseYesNo(r.raw('offRoster'), IMPORT_FIELD_LABELS.offRoster), false),
      payScheme,
      legacyBaseFen,
      legacyBonusFen: readAmount(r, 'legacyBonus'),
      insurance: readChoice(r, 'insurance', v.parseInsurance, 'none'),
      employmentBasis: readChoice(r, 'employmentBasis', v.parseEmploymentBasis, 'full_time'),
      startDate: startDate ?? '1900-01-01',
    },
  };
  const worker = parseWorker(r, candidate);
  const messages = r.messages.sort((a, b) => a.order - b.order).map(({ order: _order, ...m }) => m);
  return { row: row.row, name, idNumber, worker, messages };
}
