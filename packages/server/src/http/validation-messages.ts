import { DATE_YEARS, formatYuan, MAX_ENTRY_FEN } from '@gongyi/domain';
import type { Language, Text } from './errors.js';

// Turns a zod issue into a sentence a clerk understands: which field, what is wrong, what to do.

const FIELD_LABELS: Record<string, Text> = {
  id: { zh: '编号', en: 'Id' },
  name: { zh: '名称', en: 'Name' },
  shortName: { zh: '简称', en: 'Short name' },
  code: { zh: '代码', en: 'Code' },
  district: { zh: '所属区', en: 'District' },
  kind: { zh: '类型', en: 'Kind' },
  note: { zh: '备注', en: 'Note' },
  duties: { zh: '职责', en: 'Duties' },
  validFrom: { zh: '生效日期', en: 'Valid from' },
  validTo: { zh: '失效日期', en: 'Valid to' },
  on: { zh: '查询日期', en: 'Date' },
  page: { zh: '页码', en: 'Page' },
  pageSize: { zh: '每页条数', en: 'Page size' },
  q: { zh: '搜索词', en: 'Search' },
  categoryId: { zh: '类别', en: 'Category' },
  coopId: { zh: '服务社', en: 'Cooperative' },
  defaultCoopId: { zh: '默认服务社', en: 'Default cooperative' },
  departmentId: { zh: '部门', en: 'Department' },
  seatDepartmentId: { zh: '所在部门', en: 'Seat department' },
  supervisingDepartmentId: { zh: '主管部门', en: 'Supervising department' },
  managingUnits: { zh: '日常管理单位', en: 'Daily-managing units' },
  communityScoreShare: { zh: '村居考核分值', en: 'Community score share' },
  communitySharePercent: { zh: '村居分值比例', en: 'Community share percent' },
  sortOrder: { zh: '排序号', en: 'Sort order' },
  assignment: { zh: '管理关系', en: 'Management assignment' },
  idNumber: { zh: '身份证号码', en: 'ID number' },
  idTail: { zh: '身份证号末4位', en: 'ID tail' },
  phone: { zh: '联系电话', en: 'Phone' },
  bankAccount: { zh: '银行卡号', en: 'Bank account' },
  bankName: { zh: '开户银行', en: 'Bank' },
  emergencyContactPhone: { zh: '紧急联系电话', en: 'Emergency contact phone' },
  emergencyContactName: { zh: '紧急联系人', en: 'Emergency contact' },
  teamId: { zh: '所属队伍', en: 'Team' },
  managingDepartmentId: { zh: '日常管理单位', en: 'Daily-managing unit' },
  communityId: { zh: '村居', en: 'Community' },
  startDate: { zh: '入职日期', en: 'Start date' },
  payScheme: { zh: '待遇办法', en: 'Pay scheme' },
  legacyBaseFen: { zh: '原月基本工资', en: 'Legacy base wage' },
  insurance: { zh: '参保类型', en: 'Insurance' },
  status: { zh: '状态', en: 'Status' },
  exitReason: { zh: '离岗原因', en: 'Exit reason' },
  username: { zh: '用户名', en: 'Username' },
  displayName: { zh: '姓名', en: 'Display name' },
  password: { zh: '密码', en: 'Password' },
  newPassword: { zh: '新密码', en: 'New password' },
  currentPassword: { zh: '当前密码', en: 'Current password' },
  totpCode: { zh: '动态码', en: 'Code' },
  townCode: { zh: '镇', en: 'Town' },
  grants: { zh: '授权', en: 'Grants' },
  role: { zh: '角色', en: 'Role' },
  scopeKind: { zh: '授权范围', en: 'Scope' },
  scopeId: { zh: '范围对象', en: 'Scope object' },
};

export interface IssueLike {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  keys?: string[];
  values?: unknown[];
  expected?: string;
  origin?: string;
  input?: unknown;
}

export function fieldPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

export function fieldLabel(path: readonly PropertyKey[], lang: Language): string {
  const named = [...path].reverse().find((p) => typeof p === 'string' && p in FIELD_LABELS);
  const label = named ? FIELD_LABELS[named as string]![lang] : path.length ? String(path[path.length - 1]) : '';
  const row = path.find((p) => typeof p === 'number');
  if (row === undefined) return label;
  return lang === 'zh' ? `${label}（第 ${Number(row) + 1} 项）` : `${label} (item ${Number(row) + 1})`;
}

/** Messages set in the shared schemas are keys (packages/domain/src/api/common.ts). */
const KEYED: Record<string, Text> = {
  invalid_date: { zh: '不是有效日期，请按 2026-03-01 的格式填写', en: 'is not a valid date; use the form 2026-03-01' },
  invalid_month: { zh: '不是有效月份，请按 2026-03 的格式填写', en: 'is not a valid month; use the form 2026-03' },
  date_out_of_range: { zh: `年份须在 ${DATE_YEARS.min}–${DATE_YEARS.max} 之间，请检查是否输错`, en: `must fall in the years ${DATE_YEARS.min}–${DATE_YEARS.max}; check for a typing slip` },
  amount_too_large: { zh: `金额超出上限（单笔不超过 ${formatYuan(MAX_ENTRY_FEN)}），请检查是否多输了位数`, en: `is beyond the limit of ${formatYuan(MAX_ENTRY_FEN)} per entry; check for extra digits` },
  invalid_characters: { zh: '含有不可见的控制字符（如 NUL 或文字方向控制符），请删除后重新输入', en: 'contains hidden control characters (such as NUL or direction overrides); retype it' },
  not_negative: { zh: '不能为负数', en: 'cannot be negative' },
  required: { zh: '不能为空，请填写', en: 'is required' },
  cannot_clear: { zh: '是必填项，不能清空；不修改时请不要提交该项', en: 'is required and cannot be cleared; leave it out to keep it' },
  too_long: { zh: '太长，请缩短', en: 'is too long; shorten it' },
  invalid_code: { zh: '只能由小写字母、数字和连字符组成（2–40 位）', en: 'may hold only lowercase letters, digits and hyphens (2–40)' },
  valid_to_before_from: { zh: '早于生效日期，请改为生效日期当天或之后', en: 'is before the valid-from date; choose that day or later' },
  at_least_one_unit: { zh: '至少需要一个，请添加日常管理单位', en: 'needs at least one unit' },
  invalid_id_number: { zh: '不是有效的 18 位身份证号（请核对位数、出生日期与末位校验码）', en: 'is not a valid 18-digit resident ID number' },
  invalid_phone: { zh: '不是有效的电话号码（手机 11 位，或带区号的固定电话）', en: 'is not a valid phone number' },
  invalid_bank_account: { zh: '应为 12–30 位数字', en: 'should be 12–30 digits' },
  invalid_id_tail: { zh: '应为身份证号末 4 位（数字或 X）', en: 'should be the last 4 characters of an ID number' },
  invalid_totp: { zh: '应为 6 位数字', en: 'should be 6 digits' },
  invalid_username: { zh: '应为 3–40 位字母、数字、点、下划线或连字符', en: 'should be 3–40 letters, digits, dots, underscores or hyphens' },
  at_least_one_grant: { zh: '至少需要一项授权', en: 'needs at least one grant' },
  not_integer: { zh: '须为整数（金额以分为单位）', en: 'must be a whole number (amounts are in fen)' },
  positive: { zh: '须大于 0', en: 'must be above zero' },
  invalid_source_code: { zh: '应为 2–40 位小写字母、数字或下划线，以字母开头', en: 'should be 2–40 lowercase letters, digits or underscores, starting with a letter' },
  duplicate_unit: { zh: '中同一部门出现了两次，请合并为一行并写明各项职责', en: 'lists one department twice; merge them into one row' },
};

/** What is wrong with the field and what to do, without the field's name. */
export function issueProblem(issue: IssueLike, lang: Language): string {
  const keyed = KEYED[issue.message];
  if (keyed) return keyed[lang];
  const zh = lang === 'zh';
  switch (issue.code) {
    case 'unrecognized_keys': {
      const keys = (issue.keys ?? []).join(', ');
      return zh ? `包含系统不认识的字段 ${keys}，请删除后重试` : `contains unknown field(s) ${keys}; remove them`;
    }
    case 'invalid_type':
      if (issue.input === undefined) return zh ? '不能为空，请填写' : 'is required';
      return zh ? `类型不对（应为${typeName(issue.expected, lang)}）` : `has the wrong type (expected ${issue.expected})`;
    case 'invalid_value':
    case 'invalid_enum_value': {
      const values = (issue.values ?? []).map(String).join(' / ');
      return zh ? `取值无效，可选：${values}` : `is not one of: ${values}`;
    }
    case 'too_small':
      if (issue.origin === 'string') return zh ? `至少需要 ${issue.minimum} 个字符` : `needs at least ${issue.minimum} characters`;
      if (issue.origin === 'array') return zh ? `至少需要 ${issue.minimum} 项` : `needs at least ${issue.minimum} item(s)`;
      return zh ? `不能小于 ${issue.minimum}` : `must be at least ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return zh ? `不能超过 ${issue.maximum} 个字符` : `must be at most ${issue.maximum} characters`;
      if (issue.origin === 'array') return zh ? `不能超过 ${issue.maximum} 项` : `must have at most ${issue.maximum} item(s)`;
      return zh ? `不能大于 ${issue.maximum}` : `must be at most ${issue.maximum}`;
    case 'invalid_format':
      return zh ? '格式不正确' : 'has an invalid format';
    default:
      return zh ? '填写有误，请检查' : 'is invalid';
  }
}

function typeName(expected: string | undefined, lang: Language): string {
  if (lang === 'en') return expected ?? '';
  const names: Record<string, string> = { string: '文字', number: '数字', int: '整数', boolean: '是/否', array: '列表', object: '对象' };
  return names[expected ?? ''] ?? expected ?? '';
}

/** "生效日期：不是有效日期，请按 2026-03-01 的格式填写。" */
export function issueMessage(issue: IssueLike, lang: Language): string {
  const label = fieldLabel(issue.path, lang);
  const body = issueProblem(issue, lang);
  if (lang === 'zh') return label ? `${label}：${body}。` : `请求内容${body}。`;
  return label ? `${label} ${body}.` : `The request ${body}.`;
}
