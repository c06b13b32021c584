import type {
  AssignmentInput,
  Body,
  Category,
  Community,
  CommunityQuery,
  Coop,
  CreateCommunity,
  CreateCoop,
  CreateDepartment,
  CreateTeam,
  Department,
  DepartmentQuery,
  OrgOverview,
  Page,
  Team,
  TeamDetail,
  TeamQuery,
  UpdateCategory,
  UpdateCommunity,
  UpdateCoop,
  UpdateDepartment,
  UpdateTeam,
} from '@gongyi/domain';
import { http } from './client';

// The organisation API (R1–R5), one function per endpoint, typed with the shared domain types.

/** List queries as the console builds them: every filter optional, page and size always set. */
export type ListQuery<Q> = Partial<Q> & { page: number; pageSize: number };
type Items<T> = { items: T[] };

const town = (townId: string) => `/towns/${encodeURIComponent(townId)}`;

export const getOverview = (townId: string, signal?: AbortSignal) =>
  http.get<OrgOverview>(`${town(townId)}/overview`, undefined, signal);

// ---------- departments ----------
export const listDepartments = (townId: string, query: ListQuery<DepartmentQuery>, signal?: AbortSignal) =>
  http.get<Page<Department>>(`${town(townId)}/departments`, query, signal);
export const createDepartment = (townId: string, body: CreateDepartment) =>
  http.post<Department>(`${town(townId)}/departments`, body);
export const updateDepartment = (townId: string, id: string, body: UpdateDepartment) =>
  http.patch<Department>(`${town(townId)}/departments/${encodeURIComponent(id)}`, body);

// ---------- communities ----------
export const listCommunities = (townId: string, query: ListQuery<CommunityQuery>, signal?: AbortSignal) =>
  http.get<Page<Community>>(`${town(townId)}/communities`, query, signal);
export const createCommunity = (townId: string, body: CreateCommunity) =>
  http.post<Community>(`${town(townId)}/communities`, body);
export const updateCommunity = (townId: string, id: string, body: UpdateCommunity) =>
  http.patch<Community>(`${town(townId)}/communities/${encodeURIComponent(id)}`, body);

// ---------- coops and categories ----------
export const listCoops = (townId: string, signal?: AbortSignal) =>
  http.get<Items<Coop>>(`${town(townId)}/coops`, undefined, signal);
export const createCoop = (townId: string, body: CreateCoop) => http.post<Coop>(`${town(townId)}/coops`, body);
export const updateCoop = (townId: string, id: string, body: UpdateCoop) =>
  http.patch<Coop>(`${town(townId)}/coops/${encodeURIComponent(id)}`, body);

export const listCategories = (townId: string, signal?: AbortSignal) =>
  http.get<Items<Category>>(`${town(townId)}/categories`, undefined, signal);
export const updateCategory = (townId: string, id: string, body: UpdateCategory) =>
  http.patch<Category>(`${town(townId)}/categories/${encodeURIComponent(id)}`, body);

// ---------- teams and their management assignments ----------
export const listTeams = (townId: string, query: ListQuery<TeamQuery>, signal?: AbortSignal) =>
  http.get<Page<Team>>(`${town(townId)}/teams`, query, signal);
export const getTeam = (townId: string, id: string, on?: string, signal?: AbortSignal) =>
  http.get<TeamDetail>(`${town(townId)}/teams/${encodeURIComponent(id)}`, { on }, signal);
export const createTeam = (townId: string, body: CreateTeam) => http.post<TeamDetail>(`${town(townId)}/teams`, body);
export const updateTeam = (townId: string, id: string, body: UpdateTeam) =>
  http.patch<TeamDetail>(`${town(townId)}/teams/${encodeURIComponent(id)}`, body);
export const addAssignment = (townId: string, id: string, body: AssignmentInput) =>
  http.post<TeamDetail>(`${town(townId)}/teams/${encodeURIComponent(id)}/assignments`, body);

// ---------- named bodies ----------
export const listBodies = (townId: string, signal?: AbortSignal) =>
  http.get<Items<Body>>(`${town(townId)}/bodies`, undefined, signal);

// ---------- exports: the same filters as the lists, without paging ----------
export type ExportList = 'departments' | 'communities' | 'teams';
export const exportList = (townId: string, list: ExportList, filters: Record<string, string | undefined>) =>
  http.download(`${town(townId)}/${list}/export.xlsx`, filters);
