import type { SecuritySettings } from '@gongyi/domain';
import type { Executor } from '../../db/database.js';
import { blockedUntil, clearCounts, countEvent, type RateRule } from './rate-limits.js';

// Sign-in throttling (#13 item 13; 等保 2.0 登录失败处理, OWASP ASVS 5 V6.3). Failures are counted by
// the username typed (known or not, so the answer never tells which exist):
// - per username and source address: from `lockoutThreshold` failures on, that address waits before
//   its next try, 1 minute doubling with each further failure (at most a day). Another address, the
//   owner's, is not held back by an attacker's guesses;
// - per username across all addresses: a hard ceiling of 4 × `lockoutThreshold` failures in a day,
//   then every address waits `lockoutMinutes`, doubling likewise. The security administrator, or
//   `gongyi user unlock`, lifts it.
// A success forgets both counts.

const DAY = 86_400;
const ALL_SOURCES = '*';

export const sourceRule = (s: SecuritySettings): RateRule => ({ windowSeconds: DAY, threshold: s.lockoutThreshold, baseBlockSeconds: 60, maxBlockSeconds: DAY });
export const accountRule = (s: SecuritySettings): RateRule => ({ windowSeconds: DAY, threshold: s.lockoutThreshold * 4, baseBlockSeconds: s.lockoutMinutes * 60, maxBlockSeconds: DAY });

const subjectOf = (townId: string, username: string) => ({ townId, kind: 'login' as const, subject: username });

/** When this username may next be tried from this address, or null when it may now. */
export function signInBlockedUntil(db: Executor, townId: string, username: string, source: string, now: Date): Promise<string | null> {
  return blockedUntil(db, subjectOf(townId, username), [source, ALL_SOURCES], now);
}

export interface FailureCount {
  sourceFailures: number;
  accountFailures: number;
  /** Set when this failure started or lengthened a wait for the whole account. */
  accountBlockedUntil: string | null;
}

export async function countSignInFailure(db: Executor, townId: string, username: string, source: string, settings: SecuritySettings, now: Date): Promise<FailureCount> {
  const bySource = await countEvent(db, { ...subjectOf(townId, username), source }, sourceRule(settings), now);
  const byAccount = await countEvent(db, { ...subjectOf(townId, username), source: ALL_SOURCES }, accountRule(settings), now);
  return { sourceFailures: bySource.count, accountFailures: byAccount.count, accountBlockedUntil: byAccount.blockedUntil };
}

/** After a success: this address's count and the account's count start again. */
export const forgetSignInFailures = (db: Executor, townId: string, username: string, source: string) =>
  clearCounts(db, subjectOf(townId, username), [source, ALL_SOURCES]);

/** Unlock (security administrator or CLI): every address's count for this username. */
export const clearSignInThrottle = (db: Executor, townId: string, username: string) => clearCounts(db, subjectOf(townId, username));
