import type {
  Agreement,
  AgreementAction,
  AgreementBatchAction,
  AgreementBatchWitness,
  AgreementDraftInput,
  AgreementQuery,
  AnnualResultInput,
  ExitInput,
  ExitRow,
  HiringDecision,
  HiringRequest,
  HiringRequestInput,
  Page,
  QuotaBoard,
  QuotaPlan,
  QuotaPlanInput,
  QuotaProposal,
  QuotaProposalDecision,
  QuotaProposalInput,
  RenewalInput,
  RenewalResult,
  RetirementRow,
  TransferInput,
  WitnessInput,
  WorkerDetail,
} from '@gongyi/domain';
import { http } from './client';

// Headcount, hiring, exits and work agreements (#5, R6–R10), one function per endpoint.

const town = (townId: string) => `/towns/${encodeURIComponent(townId)}`;
const id = (value: string) => encodeURIComponent(value);

/** List filters as the console keeps them: strings from the URL (the server validates them). */
export type StringQuery<Q> = Partial<Record<keyof Q, string>> & { page: number; pageSize: number };

// ---------- quota (R9, R10) ----------

export const getQuotaBoard = (townId: string, on: string | undefined, signal?: AbortSignal) =>
  http.get<QuotaBoard>(`${town(townId)}/quota/board`, { on }, signal);
export const exportQuotaBoard = (townId: string, on: string | undefined) => http.download(`${town(townId)}/quota/board.xlsx`, { on });
export const listQuotaPlans = (townId: string, signal?: AbortSignal) => http.get<QuotaPlan[]>(`${town(townId)}/quota/plans`, undefined, signal);
export const createQuotaPlan = (townId: string, body: QuotaPlanInput) => http.post<QuotaPlan>(`${town(townId)}/quota/plans`, body);

export const listProposals = (townId: string, query: StringQuery<{ state: string }>, signal?: AbortSignal) =>
  http.get<Page<QuotaProposal>>(`${town(townId)}/quota/proposals`, query, signal);
export const createProposal = (townId: string, body: QuotaProposalInput) => http.post<QuotaProposal>(`${town(townId)}/quota/proposals`, body);
export const decideProposal = (townId: string, proposalId: string, body: QuotaProposalDecision) =>
  http.post<QuotaProposal>(`${town(townId)}/quota/proposals/${id(proposalId)}/decision`, body);

// ---------- hiring and transfers (R10) ----------

export const listHiring = (townId: string, query: StringQuery<{ state: string; teamId: string }>, signal?: AbortSignal) =>
  http.get<Page<HiringRequest>>(`${town(townId)}/hiring`, query, signal);
export const requestHire = (townId: string, body: HiringRequestInput) => http.post<HiringRequest>(`${town(townId)}/hiring`, body);
export const requestTransfer = (townId: string, body: TransferInput) => http.post<HiringRequest>(`${town(townId)}/hiring/transfers`, body);
export const decideHiring = (townId: string, requestId: string, body: HiringDecision) =>
  http.post<HiringRequest>(`${town(townId)}/hiring/${id(requestId)}/decision`, body);
export const cancelHiring = (townId: string, requestId: string, reason: string) =>
  http.post<HiringRequest>(`${town(townId)}/hiring/${id(requestId)}/cancel`, { reason });

// ---------- exits and retirements ----------

export type ExitFilters = { from?: string; to?: string; reason?: string };
export const listExits = (townId: string, query: ExitFilters & { page: number; pageSize: number }, signal?: AbortSignal) =>
  http.get<Page<ExitRow>>(`${town(townId)}/exits`, query, signal);
export const exportExits = (townId: string, filters: ExitFilters) => http.download(`${town(townId)}/exits.xlsx`, filters);
export const recordExit = (townId: string, personId: string, body: ExitInput) =>
  http.post<WorkerDetail>(`${town(townId)}/workers/${id(personId)}/exit`, body);
export const listRetirements = (townId: string, withinDays: number, signal?: AbortSignal) =>
  http.get<RetirementRow[]>(`${town(townId)}/retirements`, { withinDays }, signal);

// ---------- agreements (R6, R8) ----------

export type AgreementFilters = Partial<Record<keyof Omit<AgreementQuery, 'page' | 'pageSize'>, string>>;
export const listAgreements = (townId: string, query: AgreementFilters & { page: number; pageSize: number }, signal?: AbortSignal) =>
  http.get<Page<Agreement>>(`${town(townId)}/agreements`, query, signal);
export const exportAgreements = (townId: string, filters: AgreementFilters) => http.download(`${town(townId)}/agreements/export.xlsx`, filters);
export const getAgreement = (townId: string, agreementId: string, signal?: AbortSignal) =>
  http.get<Agreement>(`${town(townId)}/agreements/${id(agreementId)}`, undefined, signal);
export const draftAgreement = (townId: string, body: AgreementDraftInput) => http.post<Agreement>(`${town(townId)}/agreements`, body);
export const actOnAgreement = (townId: string, agreementId: string, body: AgreementAction) =>
  http.post<Agreement>(`${town(townId)}/agreements/${id(agreementId)}/actions`, body);
export const witnessAgreement = (townId: string, agreementId: string, body: WitnessInput) =>
  http.post<Agreement>(`${town(townId)}/agreements/${id(agreementId)}/witness`, body);

export interface BatchResult {
  done: number;
  agreements: Agreement[];
}
export const batchAgreements = (townId: string, body: AgreementBatchAction) => http.post<BatchResult>(`${town(townId)}/agreements/batch`, body);
export const batchWitness = (townId: string, body: AgreementBatchWitness) =>
  http.post<BatchResult>(`${town(townId)}/agreements/batch-witness`, body);
export const renewAgreements = (townId: string, body: RenewalInput) => http.post<RenewalResult>(`${town(townId)}/agreements/renewals`, body);

/** The agreement as an A4 PDF, for an <iframe> or a new tab (same-origin GET: the session cookie goes along). */
export const agreementPdfUrl = (townId: string, agreementId: string) => `/api${town(townId)}/agreements/${id(agreementId)}/pdf`;
/** Several agreements in one PDF, one page each, for printing in batch. */
export const agreementsPdfUrl = (townId: string, agreementIds: readonly string[]) =>
  `/api${town(townId)}/agreements/pdf?ids=${agreementIds.map(id).join(',')}`;

export const recordAnnualResult = (townId: string, body: AnnualResultInput) => http.post<unknown>(`${town(townId)}/annual-results`, body);
