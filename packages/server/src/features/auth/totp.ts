import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Keyring } from '../crypto/keyring.js';

// RFC 6238 time-based one-time passwords (HMAC-SHA1, 6 digits, 30-second steps), the scheme every
// authenticator app (微信/支付宝 小程序, Google Authenticator, Microsoft Authenticator) speaks.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of text.replace(/=+$/, '').toUpperCase()) {
    const idx = ALPHABET.indexOf(ch);
    if (idx < 0) throw new Error('invalid base32');
    value = (value << 5) | idx;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export const newTotpSecret = () => base32Encode(randomBytes(20));

/** A TOTP secret as stored: encrypted by the keyring like the personal numbers ("k1:…"), since it lets anyone who reads it pass the second factor. */
export const sealTotpSecret = (keyring: Keyring, secret: string) => keyring.encrypt(secret);

/**
 * The secret behind a stored value. A value without a key prefix is a secret stored in clear by a
 * version before encryption (base32 has no ':'); it still signs in, and `gongyi keys rotate`
 * encrypts it.
 */
export const openTotpSecret = (keyring: Keyring, stored: string | null): string | null =>
  stored === null ? null : stored.includes(':') ? keyring.decrypt(stored) : stored;

/** The code for a 30-second step counter (RFC 4226 dynamic truncation). */
export function hotp(secret: string, counter: number): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', base32Decode(secret)).update(msg).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(code).padStart(6, '0');
}

export const totpAt = (secret: string, at: Date) => hotp(secret, Math.floor(at.getTime() / 30_000));

/**
 * The 30-second step whose code `code` is, among the current step and one either side (clock drift
 * of ±30 s), or null. The caller refuses a step at or before the last one used (RFC 6238 §5.2), so a
 * code works once.
 */
export function totpStep(secret: string, code: string, at: Date): number | null {
  const step = Math.floor(at.getTime() / 30_000);
  const given = Buffer.from(code.padEnd(6).slice(0, 6));
  // Every candidate compared, in constant time, whichever matches.
  const matches = [-1, 0, 1].map((d) => (timingSafeEqual(Buffer.from(hotp(secret, step + d)), given) ? step + d : null));
  return matches.reduce<number | null>((found, m) => m ?? found, null);
}

export const verifyTotp = (secret: string, code: string, at: Date): boolean => totpStep(secret, code, at) !== null;

export function otpauthUrl(secret: string, account: string, issuer = 'Gongyi 公益岗'): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  return `otpauth://totp/${label}?secret=${secret}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=6&period=30`;
}
