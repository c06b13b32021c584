import { readFileSync } from 'node:fs';
import { hash, verify } from '@node-rs/argon2';
import type { SecuritySettings } from '@gongyi/domain';
import type { Text } from '../../http/errors.js';

// argon2id with the OWASP parameters (m=19456 KiB, t=2, p=1), about 50 ms a hash here.
// algorithm 2 is Argon2id (a const enum in the typings, which isolated modules cannot read).
const ARGON2 = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, ARGON2);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the username is unknown, so timing does not reveal accounts. */
let dummyHash: Promise<string> | undefined;
export const dummyPasswordHash = () => (dummyHash ??= hashPassword('no-such-user-placeholder'));

const COMMON = new Set(
  readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#')),
);

function classCount(password: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
}

/** Why a new password is refused under the town's policy, or null when it is acceptable. */
export function passwordProblem(password: string, settings: SecuritySettings, username: string): Text | null {
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
  if (COMMON.has(lower) || lower.includes(username.toLowerCase())) {
    return { zh: '新密码过于常见或包含用户名，容易被猜中，请换一个。', en: 'The new password is too common or contains the username; choose another.' };
  }
  return null;
}
