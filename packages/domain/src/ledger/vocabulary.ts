import type { Labels } from '../staffing/vocabulary.js';

// Words of #8 (the town special account as a double-entry ledger) with Chinese and English labels.

/** R20, R22: where the money comes from. A town may add its own sources. */
export const DEFAULT_SOURCES = ['city_unemployment_fund', 'district_employment_fund', 'district_disability_fund', 'town_subsidy'] as const;
export const SOURCE_LABELS: Record<string, { zh: string; en: string }> = {
  city_unemployment_fund: { zh: '市失保基金', en: 'City unemployment insurance fund' },
  district_employment_fund: { zh: '区促进就业专项资金', en: 'District employment promotion fund' },
  district_disability_fund: { zh: '区残保金', en: 'District disability employment fund' },
  town_subsidy: { zh: '镇财政补贴', en: 'Town fiscal subsidy' },
};
/** R22: the town pays any shortfall from this source (缺额镇级给付). */
export const TOWN_SUBSIDY = 'town_subsidy';

/**
 * The chart of accounts. `fund` records what a source has given (credit-normal); `special` is the
 * town special account's sub-account per source; `coop` a coop's account per source (allocations
 * keep their source, so every fen paid can be traced back); `payable` the wages a coop owes after
 * an approved run; `expense` spending per class and source (R22 keeps the classes apart).
 */
export const ACCOUNT_TYPES = ['fund', 'special', 'coop', 'payable', 'expense'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];
export const ACCOUNT_TYPE_LABELS: Labels<AccountType> = {
  fund: { zh: '资金来源', en: 'Fund source' },
  special: { zh: '镇专户（分户）', en: 'Town special account' },
  coop: { zh: '服务社账户', en: 'Cooperative account' },
  payable: { zh: '应付工资', en: 'Wages payable' },
  expense: { zh: '支出', en: 'Expense' },
};
/** Which side increases an account of each type. */
export const NORMAL_SIDE: Record<AccountType, 'debit' | 'credit'> = { fund: 'credit', special: 'debit', coop: 'debit', payable: 'credit', expense: 'debit' };

/** R22: personnel, special (uniforms, training, health checks, insurance) and business funds kept apart. */
export const EXPENSE_CLASSES = ['personnel', 'special', 'business'] as const;
export type ExpenseClass = (typeof EXPENSE_CLASSES)[number];
export const EXPENSE_CLASS_LABELS: Labels<ExpenseClass> = {
  personnel: { zh: '人员经费', en: 'Personnel' },
  special: { zh: '专项经费（服装、培训、体检、保险）', en: 'Special (uniforms, training, health checks, insurance)' },
  business: { zh: '业务经费', en: 'Business' },
};

export const ENTRY_KINDS = ['receipt', 'allocation', 'payroll_expense', 'payroll_payment', 'special_expense', 'reversal'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
export const ENTRY_KIND_LABELS: Labels<EntryKind> = {
  receipt: { zh: '资金到账', en: 'Receipt' },
  allocation: { zh: '拨付服务社', en: 'Allocation to a cooperative' },
  payroll_expense: { zh: '工资计提（审批后）', en: 'Payroll expense (approved run)' },
  payroll_payment: { zh: '工资发放', en: 'Payroll payment' },
  special_expense: { zh: '专项支出', en: 'Special expense' },
  reversal: { zh: '冲销', en: 'Reversal' },
};
