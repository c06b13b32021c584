import { readFileSync } from 'node:fs';
import type { SecuritySettings } from '@gongyi/domain';
import type { Text } from '../../http/errors.js';
import { withFloors } from '../settings/security-settings.js';

// What makes a new password guessable (#13 item 13; OWASP ASVS 5 V6.2, 等保 2.0 口令复杂度): too
// short or too plain for the town's rules (never below the floors), on the bundled list of common and
// breached passwords, a common word dressed with digits and symbols (Password123!, P@ssw0rd2026),
// the username or town code inside it, or mostly keys next to each other, runs and repeats
// (Qwerty123!@#, 1qaz2wsx3edc, Aaaa1111!!!!).

/** The bundled list: one lowercase password or base word a line, '#' comments. */
const COMMON = new Set(
  readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((l) => l.trim().toLowerCase())
    .filter((l) => l && !l.startsWith('#')),
);

/** Symbols and digits people put for letters. */
const LEET: Record<string, string> = { '@': 'a', '4': 'a', '0': 'o', '1': 'i', '!': 'i', '3': 'e', $: 's', '5': 's', '7': 't', '+': 't', '9': 'g', '8': 'b' };
const unleet = (s: string) => [...s].map((c) => LEET[c] ?? c).join('');

/** The letters between leading and trailing digits and symbols, with look-alikes read as letters. */
const baseWord = (lower: string) => unleet(lower.replace(/^[^a-z]+|[^a-z]+$/g, ''));

/** Keyboard rows (plain and shifted), columns, the alphabet and the digits: neighbours are guessable. */
const SEQUENCES = [
  '`1234567890-=', '~!@#$%^&*()_+', 'qwertyuiop[]\\', "asdfghjkl;'", 'zxcvbnm,./', 'abcdefghijklmnopqrstuvwxyz', '0123456789',
  '1qaz', '2wsx', '3edc', '4rfv', '5tgb', '6yhn', '7ujm', '8ik,', '9ol.', '0p;/', '!qaz', '@wsx', '#edc', '$rfv', '%tgb', '^yhn', '&ujm',
];
const NEIGHBOURS = new Set(SEQUENCES.flatMap((seq) => [...seq].slice(1).flatMap((c, i) => [seq[i]! + c, c + seq[i]!])));

/** How many characters are not in a run of 3 or more neighbouring or repeated characters. */
function unpredictableCount(lower: string): number {
  const chars = [...lower];
  let left = 0;
  let runStart = 0;
  for (let i = 1; i <= chars.length; i++) {
    const continues = i < chars.length && (chars[i] === chars[i - 1] || NEIGHBOURS.has(chars[i - 1]! + chars[i]!));
    if (continues) continue;
    if (i - runStart < 3) left += i - runStart;
    runStart = i;
  }
  return left;
}

function classCount(password: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
}

const contains = (lower: string, part: string) => part.length >= 3 && (lower.includes(part) || unleet(lower).includes(unleet(part)));

/** Why a new password is refused under the town's policy (never below the floors), or null when it is acceptable. */
export function passwordProblem(password: string, townSettings: SecuritySettings, who: { username: string; townCode: string }): Text | null {
  const settings = withFloors(townSettings);
  if ([...password].length < settings.passwordMinLength) {
    return { zh: `新密码至少需要 ${settings.passwordMinLength} 个字符。`, en: `The new password needs at least ${settings.passwordMinLength} characters.` };
  }
  if (classCount(password) < settings.passwordMinClasses) {
    return {
      zh: `新密码需包含小写字母、大写字母、数字、符号中的至少 ${settings.passwordMinClasses} 类。`,
      en: `The new password needs at least ${settings.passwordMinClasses} of: lowercase, uppercase, digits, symbols.`,
    };
  }
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || COMMON.has(baseWord(lower))) {
    return {
      zh: '新密码过于常见：它是常见或已泄露的密码，或是常见词加数字、符号（如 Password123!），容易被猜中，请换一个。',
      en: 'The new password is too common: a known or breached password, or a common word with digits and symbols (like Password123!). Choose another.',
    };
  }
  if (contains(lower, who.username.toLowerCase()) || contains(lower, who.townCode.toLowerCase())) {
    return { zh: '新密码包含用户名或镇代码，容易被猜中，请换一个。', en: 'The new password contains the username or the town code; choose another.' };
  }
  if (unpredictableCount(lower) < 4) {
    return {
      zh: '新密码主要由键盘上相邻的键、连续或重复的字符组成（如 Qwerty123!@#、1qaz2wsx），容易被猜中，请换一个。',
      en: 'The new password is mostly neighbouring keys, runs or repeats (like Qwerty123!@#); choose another.',
    };
  }
  return null;
}
