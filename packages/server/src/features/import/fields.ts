import { IMPORT_FIELDS, toHalfWidth, type ImportField } from '@gongyi/domain';

export { IMPORT_FIELDS, IMPORT_FIELD_LABELS, REQUIRED_IMPORT_FIELDS as REQUIRED_FIELDS, type ImportField } from '@gongyi/domain';

// The columns a town's roster may hold, with the headers clerks actually write (#4 part 6).
// The field list and labels live in the domain (api/import.ts) so the web wizard offers the same.


const SYNONYMS: Record<ImportField, string[]> = {
  name: ['姓名'],
  idNumber: ['身份证号码', '身份证号', '公民身份号码', '身份证'],
  phone: ['联系电话', '手机号码', '电话', '手机', '手机号'],
  team: ['所属队伍', '服务队', '队伍'],
  community: ['村居', '所在村居', '村(居)'],
  managingDepartment: ['日常管理单位', '使用单位'],
  duty: ['岗位', '职责'],
  startDate: ['入职日期', '上岗日期', '参加工作日期'],
  bankAccount: ['银行卡号', '银行账号'],
  bankName: ['开户银行', '开户行'],
  householdRegistration: ['户籍', '户籍地址'],
  address: ['住址', '居住地址'],
  education: ['学历', '文化程度'],
  disabilityCertificate: ['残疾证号'],
  emergencyContactName: ['紧急联系人'],
  emergencyContactPhone: ['紧急联系电话', '紧急联系人电话'],
  offRoster: ['编外'],
  payScheme: ['待遇办法'],
  legacyBase: ['原月基本工资', '原基本工资', '本人原工资'],
  legacyBonus: ['原月奖金', '原奖金', '原绩效奖金'],
  insurance: ['参保类型'],
  employmentBasis: ['用工方式', '用工形式', '计酬方式'],
  specialPost: ['特殊岗位'],
  fieldOrHazardous: ['野外作业', '危险作业', '野外/危险作业'],
};

/** Full-width folded, no spaces or line breaks, no "*" required-markers, no trailing colon. */
export function normaliseHeader(text: string): string {
  return toHalfWidth(text)
    .replace(/\s+/g, '')
    .replace(/^\*+/, '')
    .replace(/[:：*]+$/, '');
}

const BY_HEADER = new Map<string, ImportField>(
  IMPORT_FIELDS.flatMap((field) => SYNONYMS[field].map((s) => [normaliseHeader(s), field] as const)),
);

/** The field a header names by the built-in synonyms, if any. */
export function fieldOfHeader(header: string): ImportField | undefined {
  return BY_HEADER.get(normaliseHeader(header));
}

/** The registry field (person or post) each column fills, as `matchExisting` names them; null: not compared. */
const REGISTRY_FIELD: Record<ImportField, string | null> = {
  name: 'name', idNumber: null, phone: 'phone', team: 'teamId', community: 'communityId', managingDepartment: 'managingDepartmentId',
  duty: 'duty', startDate: 'startDate', bankAccount: 'bankAccount', bankName: 'bankName', householdRegistration: 'householdRegistration',
  address: 'address', education: 'education', disabilityCertificate: 'disabilityCertificate', emergencyContactName: 'emergencyContactName',
  emergencyContactPhone: 'emergencyContactPhone', offRoster: 'offRoster', payScheme: 'payScheme', legacyBase: 'legacyBaseFen',
  legacyBonus: 'legacyBonusFen', insurance: 'insurance', employmentBasis: 'employmentBasis', specialPost: 'specialPost', fieldOrHazardous: 'fieldOrHazardous',
};

/** The registry fields a sheet's mapped columns fill: an existing person is compared on these only. */
export function comparedFields(columns: readonly { field: ImportField | null }[]): Set<string> {
  return new Set(columns.flatMap((c) => (c.field && REGISTRY_FIELD[c.field] ? [REGISTRY_FIELD[c.field]!] : [])));
}
