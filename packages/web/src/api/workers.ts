import type {
  CreateWorker,
  ImportField,
  ImportMapping,
  ImportPreview,
  ImportResult,
  Page,
  PersonUpdate,
  PostChange,
  Reveal,
  WorkerDetail,
  WorkerFacets,
  WorkerFilter,
  WorkerRow,
} from '@gongyi/domain';
import { http } from './client';
import type { ListQuery } from './organisation';

// The worker registry API (#4), one function per endpoint, typed with the shared domain types.

const town = (townId: string) => `/towns/${encodeURIComponent(townId)}`;
const worker = (townId: string, id: string) => `${town(townId)}/workers/${encodeURIComponent(id)}`;

/** Roster filters as the console keeps them: strings from the URL (the server validates them). */
export type WorkerFilters = Partial<Record<keyof WorkerFilter, string>>;
export type WorkerListQuery = WorkerFilters & Pick<ListQuery<object>, 'page' | 'pageSize'> & { sort?: string; order?: 'asc' | 'desc' };

export const listWorkers = (townId: string, query: WorkerListQuery, signal?: AbortSignal) =>
  http.get<Page<WorkerRow>>(`${town(townId)}/workers`, query, signal);
export const workerFacets = (townId: string, filters: WorkerFilters, signal?: AbortSignal) =>
  http.get<WorkerFacets>(`${town(townId)}/workers/facets`, filters, signal);
export const exportWorkers = (townId: string, filters: WorkerFilters) =>
  http.download(`${town(townId)}/workers/export.xlsx`, filters);

export const getWorker = (townId: string, id: string, signal?: AbortSignal) =>
  http.get<WorkerDetail>(worker(townId, id), undefined, signal);
export const createWorker = (townId: string, body: CreateWorker) => http.post<WorkerDetail>(`${town(townId)}/workers`, body);
export const updatePerson = (townId: string, id: string, body: PersonUpdate) =>
  http.patch<WorkerDetail>(`${worker(townId, id)}/person`, body);
export const changePost = (townId: string, id: string, body: PostChange) =>
  http.post<WorkerDetail>(`${worker(townId, id)}/posts`, body);

export type RevealField = Reveal['field'];
export const revealField = (townId: string, id: string, field: RevealField) =>
  http.post<{ field: string; value: string | null }>(`${worker(townId, id)}/reveal`, { field });

// ---------- import: every step sends the file again; the server keeps nothing between steps ----------

/** Column number (1 = A) → field, or null to ignore the column. */
export type ColumnMapping = Record<string, ImportField | null>;

function importForm(file: File, mapping?: ColumnMapping): FormData {
  const form = new FormData();
  if (mapping && Object.keys(mapping).length > 0) form.append('mapping', JSON.stringify(mapping));
  form.append('file', file, file.name);
  return form;
}

const importPath = (townId: string, step: string) => `${town(townId)}/workers/import/${step}`;

export const previewImport = (townId: string, file: File, mapping?: ColumnMapping, signal?: AbortSignal) =>
  http.upload<ImportPreview>(importPath(townId, 'preview'), importForm(file, mapping), signal);
export const commitImport = (townId: string, file: File, mapping?: ColumnMapping) =>
  http.upload<ImportResult>(importPath(townId, 'commit'), importForm(file, mapping));
export const downloadImportReport = (townId: string, file: File, mapping?: ColumnMapping) =>
  http.downloadPost(importPath(townId, 'report'), importForm(file, mapping));
export const getImportMapping = (townId: string, signal?: AbortSignal) =>
  http.get<ImportMapping>(importPath(townId, 'mapping'), undefined, signal);
export const saveImportMapping = (townId: string, body: ImportMapping) => http.put<ImportMapping>(importPath(townId, 'mapping'), body);
