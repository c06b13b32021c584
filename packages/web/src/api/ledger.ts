import type { ApplicationSchema, Budget, EarmarkSchema, EntryKind, ExpenseClass, LedgerEntry, LedgerSummary, Page, ReconciliationRowSchema, TraceSchema, APPLICATION_KINDS } from '@gongyi/domain';
import { http } from './client';

// Funds (#8: R18, R20, R22), one function per endpoint. Money is integer fen both ways.

const town = (townId: string) => `/towns/${encodeURIComponent(townId)}`;
const ledger = (townId: string) => `${town(townId)}/ledger`;

export type Earmark = ReturnType<typeof EarmarkSchema.parse>;
export type Trace = ReturnType<typeof TraceSchema.parse>;
export type ReconciliationRow = ReturnType<typeof ReconciliationRowSchema.parse>;
export type Application = ReturnType<typeof ApplicationSchema.parse>;
export type ApplicationKind = (typeof APPLICATION_KINDS)[number];
export type { EntryKind, ExpenseClass };
export type Source = { code: string; name: string };
/** What a posting answers: the entry's id, its number in the town's journal and its amount. */
export type Posted = { id: string; seq: number; amountFen: number };

// ---------- the ledger ----------

export const getSummary = (townId: string, year: number, signal?: AbortSignal) => http.get<LedgerSummary>(`${ledger(townId)}/summary`, { year }, signal);
export const listSources = (townId: string, signal?: AbortSignal) => http.get<Source[]>(`${ledger(townId)}/sources`, undefined, signal);
export const addSource = (townId: string, body: Source) => http.post<Source[]>(`${ledger(townId)}/sources`, body);

export type EntryFilters = { kind?: EntryKind; period?: string; q?: string };
export const listEntries = (townId: string, query: EntryFilters & { page: number; pageSize: number }, signal?: AbortSignal) =>
  http.get<Page<LedgerEntry>>(`${ledger(townId)}/entries`, query, signal);

export interface ReceiptBody {
  sourceCode: string;
  amountFen: number;
  receiptNo: string;
  date: string;
  memo: string;
}
/** R20: the payee is always the town special account; the server refuses any other. */
export const recordReceipt = (townId: string, body: ReceiptBody) => http.post<Posted>(`${ledger(townId)}/receipts`, { ...body, payee: 'special_account' });

export interface AllocationBody {
  sourceCode: string;
  coopId: string;
  amountFen: number;
  documentRef: string;
  date: string;
  memo: string;
}
export const allocate = (townId: string, body: AllocationBody) => http.post<Posted>(`${ledger(townId)}/allocations`, body);
export const paySpecialExpense = (townId: string, body: { applicationId: string; sourceCode: string; date: string; memo: string }) =>
  http.post<Posted>(`${ledger(townId)}/special-expenses`, body);
export const reverseEntry = (townId: string, entryId: string, reason: string) => http.post<Posted>(`${ledger(townId)}/entries/${encodeURIComponent(entryId)}/reverse`, { reason });
export const closePeriod = (townId: string, period: string) => http.post<{ period: string; closedAt: string; closedBy: string }>(`${ledger(townId)}/periods`, { period });

export const listEarmarks = (townId: string, signal?: AbortSignal) => http.get<Earmark[]>(`${ledger(townId)}/earmarks`, undefined, signal);
export const addEarmark = (townId: string, body: { sourceCode: string; teamId: string | null; expenseClass: ExpenseClass; note: string }) =>
  http.post<{ id: string }>(`${ledger(townId)}/earmarks`, body);
export const removeEarmark = (townId: string, id: string) => http.delete<null>(`${ledger(townId)}/earmarks/${encodeURIComponent(id)}`);

export const getTrace = (townId: string, personId: string, signal?: AbortSignal) => http.get<Trace>(`${ledger(townId)}/trace/${encodeURIComponent(personId)}`, undefined, signal);
export const getReconciliation = (townId: string, year: number, signal?: AbortSignal) => http.get<ReconciliationRow[]>(`${ledger(townId)}/reconciliation`, { year }, signal);

// ---------- budget ----------

export const getBudget = (townId: string, year: number, signal?: AbortSignal) => http.get<Budget>(`${town(townId)}/budget/${year}`, undefined, signal);
export const setExpectedReceipt = (townId: string, year: number, body: { sourceCode: string; amountFen: number; basis: string }) =>
  http.put<Budget>(`${town(townId)}/budget/${year}/receipts`, body);

export const listApplications = (townId: string, year: number | undefined, signal?: AbortSignal) =>
  http.get<Application[]>(`${town(townId)}/budget-applications`, { year }, signal);
export interface ApplicationBody {
  year: number;
  kind: ApplicationKind;
  coopId: string;
  teamId: string | null;
  amountFen: number;
  description: string;
}
export const applyForFunds = (townId: string, body: ApplicationBody) => http.post<Application>(`${town(townId)}/budget-applications`, body);
export const decideApplication = (townId: string, id: string, body: { approve: boolean; reason: string }) =>
  http.post<Application>(`${town(townId)}/budget-applications/${encodeURIComponent(id)}/decision`, body);

// ---------- reports as xlsx ----------

export const FUNDS_REPORTS = ['ledger/balances', 'ledger/entries', 'budget/budget', 'ledger/reconciliation'] as const;
export type FundsReport = (typeof FUNDS_REPORTS)[number];
export const downloadReport = (townId: string, report: FundsReport, year: number) => http.download(`${town(townId)}/${report}.xlsx`, { year });
