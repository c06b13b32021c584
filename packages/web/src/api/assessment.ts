import type {
  AnnualDecisionInput,
  AnnualRow,
  Calendar,
  CalendarInput,
  CellProblem,
  CorrectionInput,
  EntryInput,
  Sheet,
  SheetCreate,
  SheetEvent,
  SheetState,
  SheetSummary,
  Template,
  TemplateInput,
} from '@gongyi/domain';
import { http } from './client';

// Attendance and assessment (#6, R25, R23, R11), one function per endpoint.

const town = (townId: string) => `/towns/${encodeURIComponent(townId)}`;
const id = (value: string) => encodeURIComponent(value);

export interface SaveEntriesResult {
  saved: number;
  problems: CellProblem[];
  sheet: Sheet;
}

export interface OverdueRow {
  departmentId: string;
  departmentName: string;
  teamId: string;
  teamName: string;
  month: string;
  dueDate: string;
  sheetId: string | null;
  state: SheetState | null;
  workers: number;
  overdue: boolean;
}

// ---------- indicator templates (R25) ----------

export const listTemplates = (townId: string, teamId: string | undefined, signal?: AbortSignal) =>
  http.get<Template[]>(`${town(townId)}/assessment/templates`, { teamId }, signal);
export const createTemplate = (townId: string, body: TemplateInput) => http.post<Template>(`${town(townId)}/assessment/templates`, body);
export const approveTemplate = (townId: string, templateId: string) => http.post<Template>(`${town(townId)}/assessment/templates/${id(templateId)}/approve`);

// ---------- the statutory calendar ----------

export const getCalendar = (townId: string, year: number, signal?: AbortSignal) => http.get<Calendar>(`${town(townId)}/calendar/${year}`, undefined, signal);
export const saveCalendar = (townId: string, year: number, body: CalendarInput) => http.put<Calendar>(`${town(townId)}/calendar/${year}`, body);

// ---------- monthly sheets ----------

export type SheetFilters = { month?: string; state?: string; teamId?: string };
export const listSheets = (townId: string, query: SheetFilters, signal?: AbortSignal) =>
  http.get<SheetSummary[]>(`${town(townId)}/assessment/sheets`, query, signal);
export const createSheet = (townId: string, body: SheetCreate) => http.post<Sheet>(`${town(townId)}/assessment/sheets`, body);
export const getSheet = (townId: string, sheetId: string, signal?: AbortSignal) => http.get<Sheet>(`${town(townId)}/assessment/sheets/${id(sheetId)}`, undefined, signal);
/** The unit's cells (attendance and its indicators), or the community's share with `community`. */
export const saveEntries = (townId: string, sheetId: string, rows: EntryInput[], community = false) =>
  http.put<SaveEntriesResult>(`${town(townId)}/assessment/sheets/${id(sheetId)}/${community ? 'community-entries' : 'entries'}`, { rows });
/** The unit's 填报表, or with `community` the community's own part (its workers, its indicators; R25). */
export const downloadSheetXlsx = (townId: string, sheetId: string, community = false) =>
  http.download(`${town(townId)}/assessment/sheets/${id(sheetId)}/${community ? 'community-sheet' : 'sheet'}.xlsx`);
export function uploadSheetXlsx(townId: string, sheetId: string, file: File, community = false): Promise<SaveEntriesResult> {
  const form = new FormData();
  form.append('file', file);
  return http.upload<SaveEntriesResult>(`${town(townId)}/assessment/sheets/${id(sheetId)}/${community ? 'community-upload' : 'upload'}`, form);
}
export const transitionSheet = (townId: string, sheetId: string, event: SheetEvent, reason = '') =>
  http.post<Sheet>(`${town(townId)}/assessment/sheets/${id(sheetId)}/transition`, { event, reason });
export const correctSheet = (townId: string, sheetId: string, body: CorrectionInput) =>
  http.post<Sheet>(`${town(townId)}/assessment/sheets/${id(sheetId)}/corrections`, body);
export const getOverdue = (townId: string, month: string, signal?: AbortSignal) =>
  http.get<OverdueRow[]>(`${town(townId)}/assessment/overdue`, { month }, signal);

// ---------- the annual assessment ----------

export const computeAnnual = (townId: string, year: number, teamId?: string) =>
  http.post<{ computed: number }>(`${town(townId)}/assessment/annual/compute`, { year, ...(teamId ? { teamId } : {}) });
export const listAnnual = (townId: string, year: number, teamId: string | undefined, signal?: AbortSignal) =>
  http.get<AnnualRow[]>(`${town(townId)}/assessment/annual`, { year, teamId }, signal);
export const exportAnnual = (townId: string, year: number, teamId: string | undefined) => http.download(`${town(townId)}/assessment/annual.xlsx`, { year, teamId });
export const decideAnnual = (townId: string, personId: string, body: AnnualDecisionInput) =>
  http.post<AnnualRow>(`${town(townId)}/assessment/annual/${id(personId)}/decision`, body);
