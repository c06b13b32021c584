import { ADMIN_ROLES, ROLE_LABELS, SCOPE_LABELS, roleAllows, type Action, type Role, type ScopeKind } from '@gongyi/domain';
import { AppError } from '../http/errors.js';

// Who may do what, in one place (#3). Every route names the action it performs; the request hook
// (http/authenticate.ts) asks `can` before the handler runs, and services ask again with
// `authorize` so that no caller (CLI, seed, a future job) slips past. Scopes narrower than the
// town (coop, department, team, community, self) are applied inside repository queries.

export type { Action };

export interface ActorGrant {
  id: string;
  role: Role;
  scopeKind: ScopeKind;
  scopeId: string | null;
  scopeName?: string | null;
}

export interface Actor {
  id: string;
  /** Shown in the audit log. */
  display: string;
  kind: 'user' | 'system' | 'anonymous';
  /** The town the user belongs to; null for the system and for anonymous callers. */
  townId: string | null;
  grants: readonly ActorGrant[];
  /** The worker a user's account belongs to (the `self` scope), when the gate has read it; undefined when unknown. */
  personId?: string | null;
}

export const SYSTEM: Actor = { id: 'system', display: '系统', kind: 'system', townId: null, grants: [] };
export const ANONYMOUS: Actor = { id: 'anonymous', display: '未登录', kind: 'anonymous', townId: null, grants: [] };

/** The grants of `actor` that allow `action`. */
export function grantsFor(actor: Actor, action: Action): ActorGrant[] {
  return actor.grants.filter((g) => roleAllows(g.role, action));
}

export function can(actor: Actor, action: Action): boolean {
  if (actor.kind === 'system') return true;
  return grantsFor(actor, action).length > 0;
}

/** "安全管理员（全镇）": the grant used, for the audit log. */
export function grantLabel(actor: Actor, action?: Action): string {
  if (actor.kind !== 'user') return actor.display;
  const grant = (action ? grantsFor(actor, action)[0] : undefined) ?? actor.grants[0];
  if (!grant) return '—';
  const scope = grant.scopeKind === 'town' || grant.scopeKind === 'self' ? SCOPE_LABELS[grant.scopeKind].zh : (grant.scopeName ?? grant.scopeId);
  return `${ROLE_LABELS[grant.role].zh}（${scope}）`;
}

export function forbidden(): AppError {
  return new AppError('forbidden', {
    zh: '您的授权不包含此操作。如确需办理，请联系安全管理员为您授权。',
    en: 'Your grants do not allow this. Ask the security administrator for a grant.',
  });
}

export function authorize(actor: Actor, action: Action): void {
  if (!can(actor, action)) throw forbidden();
}

/** 三权分立: a set of roles may contain at most one of the three administrator roles. */
export function adminRolesIn(roles: readonly Role[]): Role[] {
  return [...new Set(roles.filter((r) => ADMIN_ROLES.includes(r)))];
}
