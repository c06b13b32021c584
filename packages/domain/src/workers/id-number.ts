import { isIsoDate } from '../dates.js';

// Resident identity numbers (GB 11643-1999): 6-digit region, 8-digit birth date, 3-digit sequence
// (odd = male, even = female), and an ISO 7064 MOD 11-2 check character (0–9 or X).

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type IdNumberProblem = 'length' | 'characters' | 'birth_date' | 'check_digit';

export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** What is wrong with an ID number, or null when it is valid. Expects normalised text (see normaliseIdNumber). */
export function idNumberProblem(id: string): IdNumberProblem | null {
  if (id.length !== 18) return 'length';
  if (!/^\d{17}[\dX]$/.test(id)) return 'characters';
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isIsoDate(birth) || birth < '1900-01-01') return 'birth_date';
  if (idCheckCharacter(id.slice(0, 17)) !== id[17]) return 'check_digit';
  return null;
}

export const isValidIdNumber = (id: string) => idNumberProblem(id) === null;

/** Birth date and sex are derived from the number, never typed (#4). */
export function idNumberFacts(id: string): { birthDate: string; sex: 'male' | 'female' } {
  return {
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
  };
}

/** Upper-case X, no spaces or full-width characters. */
export function normaliseIdNumber(text: string): string {
  return toHalfWidth(text).replace(/\s+/g, '').toUpperCase();
}

/** Full-width ASCII (０-９, Ａ-Ｚ, ｘ, the ideographic space) to half-width, as WPS/Excel users type them. */
const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/;

export function toHalfWidth(text: string): string {
  // Most text has nothing to convert: one test instead of two replacements (an import calls this ~10 times a row).
  if (!FULL_WIDTH.test(text)) return text;
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** A valid synthetic ID number for demo data and tests: region, birth date, sequence. */
export function makeIdNumber(region: string, birthDate: string, sequence: number): string {
  const first17 = `${region}${birthDate.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
}
