import { addDays, type IsoDate } from '../dates.js';

/** A record in force from `validFrom` through `validTo` inclusive; `validTo` null means open-ended (R5). */
export interface Effective {
  validFrom: IsoDate;
  validTo: IsoDate | null;
}

export function isInForce(record: Effective, on: IsoDate): boolean {
  return record.validFrom <= on && (record.validTo === null || on <= record.validTo);
}

/** The version in force on a date, from a history whose versions do not overlap. */
export function versionOn<T extends Effective>(history: readonly T[], on: IsoDate): T | undefined {
  return history.find((v) => isInForce(v, on));
}

export type SupersedeResult =
  | { ok: true; closePreviousOn: IsoDate | null }
  | { ok: false; reason: 'not_after_current' | 'current_already_ended' };

/**
 * A new version of an effective-dated assignment starts on `validFrom` and ends the version in force
 * the day before, so history keeps answering "who managed this team on that day" (R5).
 * A new version may not start on or before the start of the latest one: that would rewrite history,
 * which is a correction and not a change.
 */
export function supersede(latest: Effective | undefined, validFrom: IsoDate): SupersedeResult {
  if (!latest) return { ok: true, closePreviousOn: null };
  if (validFrom <= latest.validFrom) return { ok: false, reason: 'not_after_current' };
  if (latest.validTo !== null && latest.validTo < validFrom) return { ok: true, closePreviousOn: null };
  return { ok: true, closePreviousOn: addDays(validFrom, -1) };
}
