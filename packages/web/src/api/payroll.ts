import type { AdjustmentSchema, Page, PayPolicy, PolicyVersion, PolicyVersionInput, Run, RunDetail, RunKind, Simulation, Slip } from '@gongyi/domain';
import { http } from './client';

// Payroll (#7: R11–R15, R17, R19, R21), one function per endpoint. Money is integer fen both ways.

const town = (townId: string) => `/towns/${encodeURIComponent(townId)}/payroll`;
const run = (townId: string, runId: string) => `${town(townId)}/runs/${encodeURIComponent(runId)}`;

export type Adjustment = ReturnType<typeof AdjustmentSchema.parse>;
export type Signoff = RunDetail['signoffs'][number];
export type Pending = RunDetail['pending'][number];
export type PayLine = Slip['lines'][number];

// ---------- policy versions ----------

export const listPolicies = (townId: string, signal?: AbortSignal) => http.get<PolicyVersion[]>(`${town(townId)}/policies`, undefined, signal);
/** The version in force on `on`; id '' when the town has none yet (the notice's defaults). */
export const getCurrentPolicy = (townId: string, on: string, signal?: AbortSignal) =>
  http.get<PolicyVersion>(`${town(townId)}/policies/current`, { on }, signal);
export const createPolicy = (townId: string, body: PolicyVersionInput) => http.post<PolicyVersion>(`${town(townId)}/policies`, body);
export const simulate = (townId: string, month: string, policy: PayPolicy) => http.post<Simulation>(`${town(townId)}/simulate`, { month, policy });

// ---------- runs ----------

export type RunFilters = { kind?: RunKind; coopId?: string; month?: string; state?: string };
export const listRuns = (townId: string, query: RunFilters & { page: number; pageSize: number }, signal?: AbortSignal) =>
  http.get<Page<Run>>(`${town(townId)}/runs`, query, signal);
export const createRun = (townId: string, body: { kind: RunKind; coopId: string; month: string }) => http.post<RunDetail>(`${town(townId)}/runs`, body);
export const getRun = (townId: string, runId: string, signal?: AbortSignal) => http.get<RunDetail>(run(townId, runId), undefined, signal);
export const recalculateRun = (townId: string, runId: string, version: number) => http.post<RunDetail>(`${run(townId, runId)}/recalculate`, { version });

export type SlipFilters = { teamId?: string; departmentId?: string; q?: string };
export const listSlips = (townId: string, runId: string, query: SlipFilters & { page: number; pageSize: number }, signal?: AbortSignal) =>
  http.get<Page<Slip>>(`${run(townId, runId)}/slips`, query, signal);

/** The four sign-off steps (R21), each on the run version the signer saw. */
export type SignVerb = 'confirm' | 'review' | 'approve' | 'release';
export const signRun = (townId: string, runId: string, verb: SignVerb, version: number, departmentId?: string) =>
  http.post<RunDetail>(`${run(townId, runId)}/${verb}`, departmentId ? { version, departmentId } : { version });

export interface AmountInput {
  personId: string;
  amountFen: number;
  reason: string;
}
/** Before approval: a manual line on one worker's slip (voids the later sign-offs). */
export const addManualLine = (townId: string, runId: string, body: AmountInput & { version: number }) =>
  http.post<RunDetail>(`${run(townId, runId)}/manual-lines`, body);
/** After approval: a correction paid in the coop's next monthly run. */
export const addAdjustment = (townId: string, runId: string, body: AmountInput) => http.post<Adjustment>(`${run(townId, runId)}/adjustments`, body);
export const listAdjustments = (townId: string, coopId: string | undefined, signal?: AbortSignal) =>
  http.get<Adjustment[]>(`${town(townId)}/adjustments`, { coopId }, signal);

// ---------- files ----------

export const downloadRegister = (townId: string, runId: string) => http.download(`${run(townId, runId)}/register.xlsx`);
export const downloadBankFile = (townId: string, runId: string, format: 'xlsx' | 'csv') => http.download(`${run(townId, runId)}/bank-file.${format}`);
export const downloadPayslips = (townId: string, runId: string, personId?: string) => http.download(`${run(townId, runId)}/payslips.pdf`, { personId });

// ---------- the worker's own payslips ----------

export const listMySlips = (townId: string, signal?: AbortSignal) => http.get<Slip[]>(`${town(townId)}/my-slips`, undefined, signal);
export const downloadMySlip = (townId: string, runId: string) => http.download(`${town(townId)}/my-slips/${encodeURIComponent(runId)}/pdf`);
