import type {
  AuditQuery,
  AuditRecord,
  ChainCheck,
  CreateUser,
  GrantInput,
  Page,
  SecuritySettings,
  UpdateUser,
  User,
  UserQuery,
} from '@gongyi/domain';
import { http } from './client';
import type { ListQuery } from './organisation';

// Users and grants, security settings and the audit log of the signed-in user's town (#3).

const town = (townId: string) => `/towns/${encodeURIComponent(townId)}`;
const user = (townId: string, id: string) => `${town(townId)}/users/${encodeURIComponent(id)}`;

export interface UserWithPassword {
  user: User;
  /** Shown once: the user must change it at the first sign-in. */
  oneTimePassword: string;
}

// ---------- users and grants ----------
export const listUsers = (townId: string, query: ListQuery<UserQuery>, signal?: AbortSignal) =>
  http.get<Page<User>>(`${town(townId)}/users`, query, signal);
export const createUser = (townId: string, body: CreateUser) =>
  http.post<UserWithPassword>(`${town(townId)}/users`, body);
export const updateUser = (townId: string, id: string, body: UpdateUser) => http.patch<User>(user(townId, id), body);
export const resetPassword = (townId: string, id: string) =>
  http.post<UserWithPassword>(`${user(townId, id)}/reset-password`);
export const addGrant = (townId: string, id: string, body: GrantInput) => http.post<User>(`${user(townId, id)}/grants`, body);
export const removeGrant = (townId: string, id: string, grantId: string) =>
  http.delete<User>(`${user(townId, id)}/grants/${encodeURIComponent(grantId)}`);

// ---------- security settings ----------
export const getSecuritySettings = (townId: string, signal?: AbortSignal) =>
  http.get<SecuritySettings>(`${town(townId)}/settings/security`, undefined, signal);
export const saveSecuritySettings = (townId: string, body: SecuritySettings) =>
  http.put<SecuritySettings>(`${town(townId)}/settings/security`, body);

// ---------- audit log ----------
export type AuditFilters = Omit<AuditQuery, 'page' | 'pageSize'>;
export const listAudit = (townId: string, query: ListQuery<AuditFilters>, signal?: AbortSignal) =>
  http.get<Page<AuditRecord>>(`${town(townId)}/audit`, query, signal);
export const exportAudit = (townId: string, filters: Partial<AuditFilters>) =>
  http.download(`${town(townId)}/audit/export.xlsx`, filters);
/** The chain heads' checkpoints, one MACed JSON line each, for the supervision office to keep (#13 item 7). */
export const exportCheckpoints = (townId: string) => http.download(`${town(townId)}/audit/checkpoints`);
export const verifyAuditChain = (townId: string, signal?: AbortSignal) =>
  http.get<ChainCheck>(`${town(townId)}/audit/verify`, undefined, signal);
