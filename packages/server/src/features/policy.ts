import { AppError } from '../http/errors.js';

// Who may do what, in one place. Until identity and grants arrive (#3), every request acts as the
// open console (the UI says so in a banner) and the policy lets it manage the organisation.
// #3 replaces `Actor` with the signed-in user's grants; call sites stay as they are.

export type Action = 'org.read' | 'org.manage' | 'town.create';

export interface Actor {
  id: string;
  /** Shown in the audit log. */
  display: string;
  kind: 'open_console' | 'system';
}

export const OPEN_CONSOLE: Actor = { id: 'open-console', display: '开放控制台（未启用登录）', kind: 'open_console' };
export const SYSTEM: Actor = { id: 'system', display: '系统', kind: 'system' };

export function can(actor: Actor, action: Action): boolean {
  switch (actor.kind) {
    case 'system':
      return true;
    case 'open_console':
      return action === 'org.read' || action === 'org.manage' || action === 'town.create';
  }
}

export function authorize(actor: Actor, action: Action): void {
  if (!can(actor, action)) {
    throw new AppError('rule_violation', {
      zh: '您没有执行此操作的权限。如需办理，请联系系统管理员授权。',
      en: 'You are not allowed to do this. Ask a system administrator for a grant.',
    });
  }
}
