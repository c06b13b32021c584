import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { randomBytesPooled } from '../../random-pool.js';
import path from 'node:path';
import { StartupError } from '../../startup-error.js';

// Personal data at rest (#4, PIPL): ID, phone and bank numbers are stored AES-256-GCM encrypted,
// and found by keyed hashes (HMAC-SHA256), never in clear. Ciphertexts name their key
// ("k2:…"), so a rotation can re-encrypt row by row while old keys still read.

export interface Key {
  id: string;
  key: Buffer;
}

export interface Keyring {
  /** "k1:" + base64(iv ‖ tag ‖ ciphertext). */
  encrypt(plain: string): string;
  decrypt(cipher: string): string;
  /** A deterministic keyed hash for exact search; `purpose` separates e.g. full ID from ID tail. */
  hash(purpose: string, value: string): string;
  readonly currentKeyId: string;
}

/** The keys a keyring was made from, for a worker thread of this process that encrypts on its behalf (never sent elsewhere). */
export interface KeySource {
  keys: Key[];
  currentId: string;
}
const sources = new WeakMap<Keyring, KeySource>();
export const keySource = (k: Keyring): KeySource | undefined => sources.get(k);

export function makeKeyring(keys: Key[], currentId: string): Keyring {
  const byId = new Map(keys.map((k) => [k.id, k.key]));
  const current = byId.get(currentId);
  if (!current) throw new StartupError(`密钥文件中没有当前密钥 ${currentId}。`);
  const subkey = (key: Buffer, info: string) => Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), info, 32));
  const encKeys = new Map([...byId].map(([id, k]) => [id, subkey(k, 'gongyi-encrypt')]));
  // Hashes use the FIRST key for ever, so a rotation need not rebuild every search index.
  const hashKey = subkey(keys[0]!.key, 'gongyi-hash');
  const currentKey = encKeys.get(currentId)!;
  const prefix = `${currentId}:`;
  const keyring: Keyring = {
    currentKeyId: currentId,
    encrypt(plain) {
      const iv = randomBytesPooled(12);
      const cipher = createCipheriv('aes-256-gcm', currentKey, iv);
      const body = cipher.update(plain, 'utf8');
      cipher.final(); // GCM is a stream mode: nothing is held back, final() only computes the tag
      // iv ‖ tag ‖ ciphertext in one buffer (a bulk import encrypts 300,000 numbers).
      const out = Buffer.allocUnsafe(28 + body.length);
      iv.copy(out, 0);
      cipher.getAuthTag().copy(out, 12);
      body.copy(out, 28);
      return prefix + out.toString('base64');
    },
    decrypt(text) {
      const sep = text.indexOf(':');
      const key = encKeys.get(text.slice(0, sep));
      if (!key) throw new Error(`unknown key ${text.slice(0, sep)}`);
      const raw = Buffer.from(text.slice(sep + 1), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    hash(purpose, value) {
      return createHmac('sha256', hashKey).update(`${purpose}\n${value}`).digest('base64url');
    },
  };
  sources.set(keyring, { keys, currentId });
  return keyring;
}

interface KeyFile {
  current: string;
  keys: { id: string; key: string }[];
}

function fromFile(file: KeyFile): Keyring {
  return makeKeyring(
    file.keys.map((k) => ({ id: k.id, key: Buffer.from(k.key, 'base64') })),
    file.current,
  );
}

/**
 * The keyring from GONGYI_SECRET_KEY (base64 of 32 bytes; every app server of a deployment gets
 * the same) or from `<dataDir>/secret.key`. Never makes a key (#13 item 4): a missing key file is
 * an error here; only `openKeyring` (key-check.ts), which knows the database is new, creates one.
 */
export function loadKeyring(dataDir: string, env: NodeJS.ProcessEnv = process.env): Keyring {
  const keyring = readKeyring(dataDir, env);
  if (!keyring) {
    throw new StartupError(`找不到密钥文件 ${keyFilePath(dataDir)}，也未设置 GONGYI_SECRET_KEY。请从备份恢复该文件；没有它，已加密的身份证、电话、银行卡号无法解密。`);
  }
  return keyring;
}

/** The configured keyring, or null when there is none yet (no key variable, no key file). */
export function readKeyring(dataDir: string, env: NodeJS.ProcessEnv = process.env): Keyring | null {
  const many = env.GONGYI_SECRET_KEYS?.trim();
  if (many) {
    // "k1:<base64>,k2:<base64>": every key reads, the last one writes (a rotation across servers).
    const keys = many.split(',').map((pair) => {
      const [id, b64] = pair.trim().split(':');
      const key = Buffer.from(b64 ?? '', 'base64');
      if (!id || key.length !== 32) throw new StartupError('GONGYI_SECRET_KEYS 格式应为 k1:<base64>,k2:<base64>，每个密钥 32 字节。');
      return { id, key };
    });
    return makeKeyring(keys, keys[keys.length - 1]!.id);
  }
  const fromEnv = env.GONGYI_SECRET_KEY?.trim();
  if (fromEnv) {
    const key = Buffer.from(fromEnv, 'base64');
    if (key.length !== 32) throw new StartupError('GONGYI_SECRET_KEY 应为 32 字节密钥的 base64 编码（例如 openssl rand -base64 32 的输出）。');
    return makeKeyring([{ id: 'k1', key }], 'k1');
  }
  const file = keyFilePath(dataDir);
  if (!fs.existsSync(file)) return null;
  try {
    return keyringFromFile(file);
  } catch (e) {
    if (e instanceof StartupError) throw e;
    throw new StartupError(`无法读取密钥文件 ${file}：${(e as Error).message}。请从备份恢复该文件；没有它，已加密的身份证、电话、银行卡号无法解密。`);
  }
}

/** Where the keys come from, for messages: the variable's name or the key file's path. */
export function keyringOrigin(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.GONGYI_SECRET_KEYS?.trim()) return '环境变量 GONGYI_SECRET_KEYS';
  if (env.GONGYI_SECRET_KEY?.trim()) return '环境变量 GONGYI_SECRET_KEY';
  return `密钥文件 ${keyFilePath(dataDir)}`;
}

/** A new key file (mode 0600) with one fresh key; refuses to overwrite one. */
export function createKeyFile(dataDir: string): Keyring {
  const file = keyFilePath(dataDir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const created: KeyFile = { current: 'k1', keys: [{ id: 'k1', key: randomBytes(32).toString('base64') }] };
  fs.writeFileSync(file, JSON.stringify(created, null, 2), { mode: 0o600, flag: 'wx' });
  return fromFile(created);
}

/** The key file's content for a keyring (a backup's X.key), whichever way its keys were given. */
export function keyFileText(keyring: Keyring): string {
  const source = sources.get(keyring)!;
  const file: KeyFile = { current: source.currentId, keys: source.keys.map((k) => ({ id: k.id, key: k.key.toString('base64') })) };
  return JSON.stringify(file, null, 2);
}

/** Reads a key file at any path (a backup's X.key). */
export function keyringFromFile(file: string): Keyring {
  return fromFile(JSON.parse(fs.readFileSync(file, 'utf8')) as KeyFile);
}

export const keyFilePath = (dataDir: string) => path.join(dataDir, 'secret.key');

/** Adds a new current key to the key file (old keys stay to read old ciphertexts). */
export function addKeyToFile(dataDir: string): { file: string; newId: string } {
  const file = keyFilePath(dataDir);
  const data = JSON.parse(fs.readFileSync(file, 'utf8')) as KeyFile;
  const newId = `k${data.keys.length + 1}`;
  data.keys.push({ id: newId, key: randomBytes(32).toString('base64') });
  data.current = newId;
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(data, null, 2), { mode: 0o600 });
  fs.renameSync(`${file}.tmp`, file);
  return { file, newId };
}

/** A fixed keyring for tests and benchmarks. */
export const testKeyring = () => makeKeyring([{ id: 'k1', key: Buffer.alloc(32, 7) }], 'k1');
