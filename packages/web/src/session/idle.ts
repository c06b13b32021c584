// When to warn and when to sign out an idle user. The server slides its idle deadline at most
// once a minute (packages/server/src/features/auth/sessions.ts, touchSession), so its deadline
// may fall up to a minute before "last request + idle timeout": the console ends the session a
// margin earlier, so that "继续使用" in the warning never meets a session already gone.

export const WARNING_MS = 60_000;
const SERVER_SLIDE_MS = 60_000;

export interface IdlePlan {
  /** Show the warning from this moment (ms since the epoch). */
  warnAt: number;
  /** Sign out at this moment. */
  expireAt: number;
}

export function idlePlan(lastActivity: number, idleTimeoutSeconds: number): IdlePlan {
  const idle = Math.max(0, idleTimeoutSeconds) * 1000;
  // Short timeouts (a test town set to 1 minute) keep most of their length.
  const margin = Math.min(SERVER_SLIDE_MS, idle / 4);
  const expireAt = lastActivity + idle - margin;
  const warning = Math.min(WARNING_MS, (idle - margin) / 2);
  return { warnAt: expireAt - warning, expireAt };
}

export type IdlePhase = 'active' | 'warning' | 'expired';

export function idlePhase(plan: IdlePlan, now: number): IdlePhase {
  if (now >= plan.expireAt) return 'expired';
  if (now >= plan.warnAt) return 'warning';
  return 'active';
}
