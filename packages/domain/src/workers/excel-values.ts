import { isIsoDate } from '../dates.js';
import { idNumberProblem, toHalfWidth } from './id-number.js';

// What town offices' spreadsheets do to values, and how to read them back (#4 import).

/** Excel's day 0 is 1899-12-30 (with the 1900 leap-year bug folded in). */
export function excelSerialToDate(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return undefined;
  const ms = Math.round((serial - 25569) * 86400_000);
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Reads a date as clerks type it: 2012-10-01, 2012.10.1, 2012/10/1, 2012年10月1日, 20121001, or an
 * Excel serial number. Returns YYYY-MM-DD or undefined.
 */
export function parseLooseDate(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  if (typeof value === 'number') return excelSerialToDate(value);
  if (typeof value !== 'string') return undefined;
  const text = toHalfWidth(value).trim();
  if (/^\d{5}(\.\d+)?$/.test(text)) return excelSerialToDate(Number(text));
  const m = /^(\d{4})\s*(?:[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?|(\d{2})(\d{2}))$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = m[2] ? [m[1], m[2], m[3]] : [m[1], m[4], m[5]];
  const iso = `${y}-${mo!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : undefined;
}

export type LongNumberDamage = 'scientific' | 'precision_lost';

/**
 * Excel keeps 15 significant digits: an 18-digit ID typed as a number shows as 3.10101E+17, or
 * comes back ending in 000 with a wrong check digit. Such a value cannot be repaired, only
 * re-entered as text (format the column as 文本 first).
 */
export function longNumberDamage(value: unknown): LongNumberDamage | undefined {
  if (typeof value === 'number') return value >= 1e15 ? 'precision_lost' : undefined;
  if (typeof value !== 'string') return undefined;
  const text = toHalfWidth(value).trim();
  if (/^\d(\.\d+)?E\+?\d+$/i.test(text)) return 'scientific';
  if (/^\d{15}000$/.test(text) && idNumberProblem(text) === 'check_digit') return 'precision_lost';
  return undefined;
}

/** Cell text: trimmed, full-width folded, inner runs of spaces collapsed. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && value !== null && 'text' in value) return cellText((value as { text: unknown }).text);
  if (typeof value === 'object' && value !== null && 'richText' in value) {
    return cellText((value as { richText: { text: string }[] }).richText.map((r) => r.text).join(''));
  }
  return toHalfWidth(String(value)).replace(/\s+/g, ' ').trim();
}
