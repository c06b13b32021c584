import type { ChangePassword, Login, Session, TotpSetup } from '@gongyi/domain';
import { http } from './client';

// Sign-in and the signed-in user's own account (#3).

export interface PublicTown {
  id: string;
  code: string;
  name: string;
}

export const listLoginTowns = (signal?: AbortSignal) =>
  http.get<{ items: PublicTown[] }>('/auth/towns', undefined, signal);

export const login = (body: Login) => http.post<Session>('/auth/login', body);
export const getSession = (signal?: AbortSignal) => http.get<Session>('/auth/session', undefined, signal);
export const logout = () => http.post<{ ok: true }>('/auth/logout');

export const changePassword = (body: ChangePassword) => http.post<Session>('/auth/password', body);
export const setupTotp = () => http.post<TotpSetup>('/auth/totp/setup');
export const enableTotp = (code: string) => http.post<Session>('/auth/totp/enable', { code });
export const disableTotp = (code: string) => http.post<Session>('/auth/totp/disable', { code });
