import { describe, expect, it } from 'vitest';
import { makeKeyring } from './keyring.js';

const k1 = { id: 'k1', key: Buffer.alloc(32, 1) };
const k2 = { id: 'k2', key: Buffer.alloc(32, 2) };

describe('keyring for personal data at rest', () => {
  it('encrypts with AES-256-GCM under the current key, and reads old keys after a rotation', () => {
    const before = makeKeyring([k1], 'k1');
    const after = makeKeyring([k1, k2], 'k2');
    const sealed = before.encrypt('11010519491231002X');
    expect(sealed).toMatch(/^k1:/);
    expect(sealed).not.toContain('1101051949');
    expect(after.decrypt(sealed)).toBe('11010519491231002X');
    expect(after.encrypt('x')).toMatch(/^k2:/);
    expect(before.encrypt('same')).not.toBe(before.encrypt('same'));
  });

  it('keeps search hashes stable across a rotation and separates purposes', () => {
    const before = makeKeyring([k1], 'k1');
    const after = makeKeyring([k1, k2], 'k2');
    expect(after.hash('id', 'A')).toBe(before.hash('id', 'A'));
    expect(before.hash('id', 'A')).not.toBe(before.hash('phone', 'A'));
  });

  it('lays a ciphertext out as key id, then base64 of 12-byte IV ‖ 16-byte tag ‖ the text', () => {
    const ring = makeKeyring([k1], 'k1');
    const raw = Buffer.from(ring.encrypt('13812345678').slice(3), 'base64');
    expect(raw.length).toBe(12 + 16 + '13812345678'.length);
    expect(ring.decrypt(`k1:${raw.toString('base64')}`)).toBe('13812345678');
  });

  it('refuses a tampered ciphertext', () => {
    const ring = makeKeyring([k1], 'k1');
    const sealed = ring.encrypt('13812345678');
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[raw.length - 1] = raw[raw.length - 1]! ^ 1;
    expect(() => ring.decrypt(`k1:${raw.toString('base64')}`)).toThrow();
  });
});
