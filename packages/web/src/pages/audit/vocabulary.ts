import type { MessageKey, Translate } from '../../i18n';

// The audit log's codes as words. The server writes the codes (e.g. "login.success"); a code not
// listed here (a later feature's) is shown as it is.

export const AUDIT_ACTIONS: Record<string, MessageKey> = {
  'login.success': 'auditAction.login.success',
  'login.failure': 'auditAction.login.failure',
  'login.locked': 'auditAction.login.locked',
  'account.lockout': 'auditAction.account.lockout',
  'reveal.threshold': 'auditAction.reveal.threshold',
  logout: 'auditAction.logout',
  'access.denied': 'auditAction.access.denied',
  'user.create': 'auditAction.user.create',
  'user.update': 'auditAction.user.update',
  'user.unlock': 'auditAction.user.unlock',
  'user.password.change': 'auditAction.user.password.change',
  'user.password.reset': 'auditAction.user.password.reset',
  'user.totp.setup': 'auditAction.user.totp.setup',
  'user.totp.enable': 'auditAction.user.totp.enable',
  'user.totp.disable': 'auditAction.user.totp.disable',
  'grant.add': 'auditAction.grant.add',
  'grant.remove': 'auditAction.grant.remove',
  'settings.security.update': 'auditAction.settings.security.update',
  'audit.export': 'auditAction.audit.export',
  'town.create': 'auditAction.town.create',
  'department.create': 'auditAction.department.create',
  'department.update': 'auditAction.department.update',
  'community.create': 'auditAction.community.create',
  'community.update': 'auditAction.community.update',
  'coop.create': 'auditAction.coop.create',
  'coop.update': 'auditAction.coop.update',
  'category.update': 'auditAction.category.update',
  'team.create': 'auditAction.team.create',
  'team.update': 'auditAction.team.update',
  'team.assignment.change': 'auditAction.team.assignment.change',
  'body.create': 'auditAction.body.create',
};

export const AUDIT_OBJECT_TYPES: Record<string, MessageKey> = {
  user: 'auditObject.user',
  route: 'auditObject.route',
  town: 'auditObject.town',
  town_settings: 'auditObject.town_settings',
  audit_log: 'auditObject.audit_log',
  department: 'auditObject.department',
  community: 'auditObject.community',
  coop: 'auditObject.coop',
  category: 'auditObject.category',
  team: 'auditObject.team',
  team_assignment: 'auditObject.team_assignment',
  body: 'auditObject.body',
};

export const AUDIT_RESULTS = ['ok', 'denied', 'failed'] as const;
export const RESULT_COLORS: Record<string, string> = { ok: 'green', denied: 'orange', failed: 'red' };
export const RESULT_LABELS: Record<string, MessageKey> = {
  ok: 'audit.resultOk',
  denied: 'audit.resultDenied',
  failed: 'audit.resultFailed',
};

/** A code's words, or the code itself when it has none. */
export function labelOf(labels: Record<string, MessageKey>, code: string, t: Translate): string {
  const key = labels[code];
  return key ? t(key) : code;
}

/** before/after as indented JSON; text that is not JSON is shown as it is. */
export function prettyJson(text: string | null): string | null {
  if (text === null) return null;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
