import { hash, verify } from '@node-rs/argon2';
import type { Row } from '../../db/schema.js';

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

/** Earlier passwords kept besides the current one: a change to any of the last 5 is refused (#13). */
export const PASSWORD_HISTORY = 4;

function previousHashes(user: Pick<Row<'users'>, 'previous_password_hashes'>): string[] {
  try {
    const parsed: unknown = JSON.parse(user.previous_password_hashes);
    return Array.isArray(parsed) ? parsed.filter((h): h is string => typeof h === 'string') : [];
  } catch {
    return [];
  }
}

/** Whether `password` is the current one or one of the last before it (each an argon2 verify). */
export async function isRecentPassword(user: Pick<Row<'users'>, 'password_hash' | 'previous_password_hashes'>, password: string): Promise<boolean> {
  for (const stored of [user.password_hash, ...previousHashes(user)]) {
    if (await verifyPassword(stored, password)) return true;
  }
  return false;
}

/** The history column once the current password is replaced: it joins the front, the oldest leaves. */
export const retirePassword = (user: Pick<Row<'users'>, 'password_hash' | 'previous_password_hashes'>): string =>
  JSON.stringify([user.password_hash, ...previousHashes(user)].slice(0, PASSWORD_HISTORY));
