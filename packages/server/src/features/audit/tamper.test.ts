import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import type { Row } from '../../db/schema.js';
import { inTransaction } from '../../http/context.js';
import { fixedClock, openTestDatabase, uniqueCode } from '../../testing/harness.js';
import { uuidv7, type Runtime } from '../../runtime.js';
import { makeKeyring, testKeyring } from '../crypto/keyring.js';
import { SYSTEM } from '../policy.js';
import { createTown } from '../towns/towns.service.js';
import { protectAuditTables } from '../../cli/audit-commands.js';
import { recordAudit } from './audit.repository.js';
import { checkpointNow, verifyTownChain } from './audit.service.js';
import { auditHash, auditMac } from './chain.js';
import { checkpointFilePath } from './checkpoint-file.js';

// #13 item 7 (R27): the tamper trials. An insider with the database (direct SQL, as on SQLite's file
// or PostgreSQL's owner) but not the key tries each way of hiding or forging an audit record; every
// trial must be found by verify, which names the town's record (seq) — 100 %, on both databases.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongyi-tamper-'));
const clock = fixedClock();
const runtime: Runtime = { clock, newId: uuidv7(clock), keyring: testKeyring(), checkpointFile: checkpointFilePath(dir) };
const forger = makeKeyring([{ id: 'k1', key: Buffer.alloc(32, 9) }], 'k1');
let database: Database;

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const write = <T>(work: Parameters<typeof inTransaction<T>>[3]) => inTransaction(database, runtime, { actor: SYSTEM, requestId: 'tamper', ip: '' }, work);

/** A town of its own with 13 records (its creation and 12 more), checkpointed as verify leaves it. */
async function freshTown(records = 12): Promise<string> {
  const code = uniqueCode('tamper');
  const town = await write((ctx) => createTown(ctx, { code, name: `试验镇${code}`, district: '试验区' }));
  for (let i = 1; i <= records; i++) await write((ctx) => recordAudit(ctx, { townId: town.id, action: 'trial.write', objectType: 'trial', objectId: String(i), after: { i } }));
  await checkpointNow(database, runtime, town.id, 'verify');
  return town.id;
}

const verify = (townId: string, withFile = true) => verifyTownChain(database.db, runtime.keyring, townId, { checkpointFile: withFile ? runtime.checkpointFile : undefined, batchSize: 4 });
const rows = (townId: string, fromSeq = 1) => database.db.selectFrom('audit_log').selectAll().where('town_id', '=', townId).where('seq', '>=', fromSeq).orderBy('seq').execute();

/** Re-hashes the chain from `fromSeq` on, as an insider without the key can (the MACs stay as they were, or are cleared). */
async function rehash(townId: string, fromSeq: number, clearMacs = false): Promise<void> {
  const before = (await rows(townId)).find((r) => Number(r.seq) === fromSeq - 1);
  let prevHash = before?.hash ?? '0'.repeat(64);
  for (const r of await rows(townId, fromSeq)) {
    const hash = auditHash({ ...r, prev_hash: prevHash });
    await database.db
      .updateTable('audit_log')
      .set({ prev_hash: prevHash, hash, ...(clearMacs ? { mac: '', prev_mac: '' } : {}) })
      .where('town_id', '=', townId)
      .where('seq', '=', r.seq)
      .execute();
    prevHash = hash;
  }
}

/** A record appended at the end with a correct seq, prev_hash, prev_mac and hash; its MAC made with a key that is not the town's. */
async function appendForged(townId: string, mac: (r: Omit<Row<'audit_log'>, 'mac'>) => string): Promise<void> {
  const last = (await rows(townId)).at(-1)!;
  const record = { ...last, seq: Number(last.seq) + 1, id: 'forged', action: 'grant.add', after_json: '{"role":"town_hr"}', prev_hash: last.hash, prev_mac: last.mac };
  const hash = auditHash(record);
  await database.db.insertInto('audit_log').values({ ...record, hash, mac: mac({ ...record, hash }) }).execute();
}

const deleteWhere = (townId: string, where: string) => sql`delete from audit_log where town_id = ${townId} and ${sql.raw(where)}`.execute(database.db);

async function deleteTownWithCheckpoints(townId: string): Promise<void> {
  await deleteWhere(townId, '1 = 1');
  await sql`delete from audit_checkpoints where town_id = ${townId}`.execute(database.db);
}

interface Trial {
  name: string;
  tamper(townId: string): Promise<unknown>;
  /** The seq verify names, and words its reason must contain. */
  seq: number;
  says: string;
  withFile?: boolean;
}

const TRIALS: Trial[] = [
  { name: 'the last rows deleted (truncation)', tamper: (id) => deleteWhere(id, 'seq > 8'), seq: 9, says: '第 9–13 条审计记录被删除（截断）' },
  { name: "all of a town's rows deleted", tamper: (id) => deleteWhere(id, '1 = 1'), seq: 1, says: '该镇的审计记录被全部删除' },
  {
    name: "all of a town's rows and its checkpoints deleted (the file remembers)",
    tamper: deleteTownWithCheckpoints,
    seq: 0,
    says: '检查点文件中的第 2 个检查点',
  },
  {
    name: "all of a town's rows and its checkpoints deleted, no file at hand",
    tamper: deleteTownWithCheckpoints,
    seq: 1,
    says: '该镇没有任何审计记录',
    withFile: false,
  },
  { name: 'a forged row appended with a correct hash and a MAC under another key', tamper: (id) => appendForged(id, (r) => auditMac(forger, r)), seq: 14, says: '密钥校验码不符' },
  { name: 'a forged row appended with a correct hash and no MAC', tamper: (id) => appendForged(id, () => ''), seq: 14, says: '没有密钥校验码' },
  {
    name: 'a row edited and the chain re-hashed',
    tamper: async (id) => {
      await sql`update audit_log set actor = ${'篡改者'} where town_id = ${id} and seq = 5`.execute(database.db);
      await rehash(id, 5);
    },
    seq: 5,
    says: '密钥校验码不符',
  },
  {
    name: 'a row edited, the whole chain re-hashed and every MAC cleared (posing as records from before the MACs)',
    tamper: async (id) => {
      await sql`update audit_log set actor = ${'篡改者'} where town_id = ${id} and seq = 5`.execute(database.db);
      await rehash(id, 1, true);
    },
    seq: 1,
    says: '第 1 个检查点',
  },
  { name: 'rows deleted from the middle', tamper: (id) => deleteWhere(id, 'seq in (5, 6)'), seq: 7, says: '第 5–6 条被删除' },
  {
    name: 'a checkpoint edited to claim a shorter chain, then the rows after it deleted',
    tamper: async (id) => {
      await sql`update audit_checkpoints set audit_seq = 8 where town_id = ${id}`.execute(database.db);
      await deleteWhere(id, 'seq > 8');
    },
    seq: 0,
    says: '密钥校验码不符（检查点被改动或伪造）',
    withFile: false,
  },
];

describe('tamper trials on the audit chain (#13 item 7, R27)', () => {
  it('verifies an untouched chain, with and without the checkpoint file', async () => {
    const townId = await freshTown();
    expect(await verify(townId)).toEqual({ ok: true, checked: 13, firstBroken: null });
    expect(await verify(townId, false)).toMatchObject({ ok: true });
  });

  it.each(TRIALS)('finds $name', async (trial) => {
    const townId = await freshTown();
    await trial.tamper(townId);
    const check = await verify(townId, trial.withFile ?? true);
    expect(check.ok).toBe(false);
    expect(check.firstBroken!.seq).toBe(trial.seq);
    expect(check.firstBroken!.reason).toContain(trial.says);
  });

  it('accepts records from before the MACs only as a prefix, and still finds an edit in it', async () => {
    const townId = await freshTown(4);
    // As the migration leaves a chain written before it: no MACs, no checkpoints.
    await sql`update audit_log set mac = '', prev_mac = '' where town_id = ${townId}`.execute(database.db);
    await sql`delete from audit_checkpoints where town_id = ${townId}`.execute(database.db);
    const file = runtime.checkpointFile;
    delete runtime.checkpointFile;
    try {
      expect(await verify(townId, false)).toMatchObject({ ok: true, checked: 5 });
      await write((ctx) => recordAudit(ctx, { townId, action: 'trial.keyed', objectType: 'trial', objectId: 'k' }));
      const keyed = (await rows(townId)).at(-1)!;
      expect(keyed.prev_mac).toBe('');
      expect(keyed.mac).not.toBe('');
      expect(await verify(townId, false)).toMatchObject({ ok: true, checked: 6 });
      await sql`update audit_log set actor = ${'篡改者'} where town_id = ${townId} and seq = 2`.execute(database.db);
      await rehash(townId, 2, true);
      const check = await verify(townId, false);
      expect(check.firstBroken).toMatchObject({ seq: 6 });
      expect(check.firstBroken!.reason).toContain('检查点');
    } finally {
      runtime.checkpointFile = file;
    }
  });
});

describe('tamper trials on the checkpoint file (#13 item 7)', () => {
  const lines = () => fs.readFileSync(runtime.checkpointFile!, 'utf8').trimEnd().split('\n');
  const rewrite = (next: string[]) => fs.writeFileSync(runtime.checkpointFile!, `${next.join('\n')}\n`);

  it('is written 0600, and finds a line edited, removed or forged', async () => {
    const townId = await freshTown(2);
    await freshTown(2);
    expect(fs.statSync(runtime.checkpointFile!).mode & 0o777).toBe(0o600);
    const original = lines();
    expect(original.length).toBeGreaterThanOrEqual(2);
    const edited = JSON.parse(original[0]!);
    edited.audit_seq = 1;
    const forgedLine = { ...JSON.parse(original.at(-1)!), seq: 99, line_prev: JSON.parse(original.at(-1)!).line_mac };
    const trials: [string, string[]][] = [
      ['密钥校验码不符', [JSON.stringify(edited), ...original.slice(1)]],
      ['接不上', original.slice(1)],
      ['密钥校验码不符', [...original, JSON.stringify(forgedLine)]],
      ['不是有效的检查点记录', [...original.slice(0, -1), '{']],
    ];
    for (const [says, next] of trials) {
      rewrite(next);
      const check = await verify(townId);
      expect(check.ok, says).toBe(false);
      expect(check.firstBroken!.reason).toContain(says);
    }
    rewrite(original);
    expect((await verify(townId)).ok).toBe(true);
  });
});

describe.runIf(process.env.GONGYI_TEST_DB === 'postgres')('audit protect on PostgreSQL (#13 item 7)', () => {
  it('leaves the app role only reading and appending in sequence', async () => {
    const townId = await freshTown(2);
    const role = `gongyi_app_${uniqueCode('r').slice(2)}`.replace(/-/g, '_');
    await sql`create role ${sql.id(role)}`.execute(database.db);
    try {
      await protectAuditTables(database.db, role);
      const asApp = async (statement: ReturnType<typeof sql>) =>
        database.db.transaction().execute(async (trx) => {
          await sql`set local role ${sql.id(role)}`.execute(trx);
          await statement.execute(trx);
        });
      await expect(asApp(sql`update audit_log set actor = 'x' where town_id = ${townId}`)).rejects.toThrow(/permission denied/);
      await expect(asApp(sql`delete from audit_log where town_id = ${townId}`)).rejects.toThrow(/permission denied/);
      await expect(asApp(sql`truncate audit_log`)).rejects.toThrow(/permission denied/);
      await expect(asApp(sql`delete from audit_checkpoints where town_id = ${townId}`)).rejects.toThrow(/permission denied/);
      const last = (await rows(townId)).at(-1)!;
      const outOfSequence = sql`insert into audit_log (town_id, seq, id, at, actor_id, actor, grant_label, action, object_type, object_id, result, prev_hash, hash, prev_mac, mac)
        values (${townId}, ${Number(last.seq) + 5}, 'x', '', '', '', '', '', '', '', 'ok', '', '', ${last.mac}, '')`;
      await expect(asApp(outOfSequence)).rejects.toThrow(/不接在第/);
      const wrongPrev = sql`insert into audit_log (town_id, seq, id, at, actor_id, actor, grant_label, action, object_type, object_id, result, prev_hash, hash, prev_mac, mac)
        values (${townId}, ${Number(last.seq) + 1}, 'x', '', '', '', '', '', '', '', 'ok', '', '', 'not-the-last-mac', '')`;
      await expect(asApp(wrongPrev)).rejects.toThrow(/不接在第/);
      await asApp(sql`select 1`);
      expect((await verify(townId)).ok).toBe(true);
    } finally {
      await sql`drop owned by ${sql.id(role)}`.execute(database.db);
      await sql`drop role ${sql.id(role)}`.execute(database.db);
    }
  });
});
