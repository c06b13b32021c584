import { randomBytes, randomInt } from 'node:crypto';
import { makeIdNumber } from '@gongyi/domain';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../http/app.js';
import { demoTown, fixedClock, openTestDatabase, type Api, type TestTown } from '../testing/harness.js';
import { widenQuota } from '../testing/quota.js';
import { MESSY_HEADER, multipart, workbookOf, type Cell } from '../features/import/test-workbooks.js';
import { testKeyring } from '../features/crypto/keyring.js';
import { uuidv7 } from '../runtime.js';
import { openDatabase, postgresDatabase } from './connect.js';

// #13 item 3: a dropped PostgreSQL connection killed the server ("Unhandled 'error' event …
// Connection terminated unexpectedly"), and /api/health said "ok" while PostgreSQL refused
// connections. Here the app's connections are cut with pg_terminate_backend while it writes and
// imports: the process lives on, requests in flight succeed or get a 503 in Chinese, nothing is half
// written, and the next requests succeed on fresh connections.

const target = inject('testDatabase');
const UNAVAILABLE = '数据库暂时不可用，请稍后重试';

describe.skipIf(target.kind !== 'postgres')('PostgreSQL connections cut under load (#13 item 3)', () => {
  const appName = `gongyi-cut-${randomBytes(4).toString('hex')}`;
  let t: TestTown;
  let hr: Api;
  let killer: pg.Client;
  const url = target.kind === 'postgres' ? target.url : '';

  beforeAll(async () => {
    // The app's own pool is named, so that only its connections are cut (other test files share the database).
    const withName = new URL(url);
    withName.searchParams.set('application_name', appName);
    t = await demoTown({ database: await openDatabase({ databaseUrl: withName.toString() }) });
    hr = await t.as('hr');
    await widenQuota(hr, { 河道保洁: 1000 });
    killer = new pg.Client({ connectionString: url });
    await killer.connect();
  });
  afterAll(async () => {
    await killer?.end();
    await t?.close();
  });

  /** What the issue ran, limited to this app's pool. */
  const cut = async () =>
    (await killer.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and application_name = $1 and pid <> pg_backend_pid()', [appName])).rowCount ?? 0;

  function workbook(rows: number) {
    const region = `5${String(randomInt(10000, 100000))}`;
    const ids = Array.from({ length: rows }, (_, i) => makeIdNumber(region, `19${70 + (i % 25)}-0${1 + (i % 9)}-1${i % 10}`, 100 + Math.floor(i / 225)));
    const data: Cell[][] = ids.map((id, i) => [i + 1, `断线${[...String(i)].map((d) => '零一二三四五六七八九'[Number(d)]).join('')}`, id, null, '河道保洁', null, '2013/3/1', null, null, null]);
    return { ids, file: workbookOf(MESSY_HEADER, data, '小昆山镇公益性岗位人员花名册') };
  }
  const importFile = (data: Buffer) => {
    const { payload, contentType } = multipart({ name: '花名册.xlsx', data });
    return hr('POST', '/workers/import/commit', payload, { 'content-type': contentType });
  };
  const stored = async () =>
    Number((await t.database.db.selectFrom('persons').select((eb) => eb.fn.countAll<number>().as('n')).where('town_id', '=', t.townId).where('name', 'like', '断线%').executeTakeFirstOrThrow()).n);

  it('survives pg_terminate_backend during writes and an import: 503 or success, then the next requests succeed', async () => {
    const { ids, file } = workbook(300);
    const data = await file;
    const writes = Array.from({ length: 30 }, (_, i) => t.api('POST', '/departments', { name: `断线测试部门${i}`, kind: 'town_office', validFrom: '2026-01-01' }));
    const imported = importFile(data);
    let terminated = 0;
    for (let i = 0; i < 8; i++) {
      terminated += await cut();
      await new Promise((r) => setTimeout(r, 15));
    }
    const results = [...(await Promise.all(writes)), await imported];
    expect(terminated).toBeGreaterThan(0);
    const summary = JSON.stringify(results.map((r) => [r.status, r.body?.error?.message]));
    for (const r of results) {
      expect([200, 201, 503], summary).toContain(r.status);
      if (r.status === 503) expect(r.body.error).toMatchObject({ code: 'unavailable', message: expect.stringContaining(UNAVAILABLE) });
    }
    expect(results.some((r) => r.status === 503), summary).toBe(true);
    // An import is one transaction: all its rows or none.
    const before = await stored();
    expect([0, ids.length]).toContain(before);

    // The pool has replaced the cut connections: writes, reads, the import and health all answer.
    expect((await t.api('POST', '/departments', { name: '断线后部门', kind: 'town_office', validFrom: '2026-01-01' })).status).toBe(201);
    expect((await t.api('GET', '/api/health')).status).toBe(200);
    if (before === 0) {
      const again = await importFile(data);
      expect(again.status, JSON.stringify(again.body)).toBe(200);
      expect(again.body.created).toBe(ids.length);
    }
    expect(await stored()).toBe(ids.length);
  });

  it('survives a cut while a transaction waits between its queries (the client is checked out and idle)', async () => {
    const database = t.database;
    const pending = database.db.transaction().execute(async (trx) => {
      await trx.selectFrom('towns').select('id').where('id', '=', t.townId).execute();
      await cut(); // the socket ends while this request holds the client between two queries
      await new Promise((r) => setTimeout(r, 100));
      await trx.selectFrom('towns').select('id').execute();
    });
    await expect(pending).rejects.toThrow();
    expect((await t.api('GET', '/departments?pageSize=5')).status).toBe(200);
  });
});

describe('health answers 503 when the database does not (#13 item 3)', () => {
  it('reports PostgreSQL unreachable (port 1) as 503 with a status body, and requests as a Chinese 503', async () => {
    const database = postgresDatabase('postgres://postgres@127.0.0.1:1/gongyi_none', { connectionTimeoutMillis: 1000 });
    const clock = fixedClock();
    const app = await buildApp({ database, runtime: { clock, newId: uuidv7(clock), keyring: testKeyring() } });
    try {
      const health = await app.inject({ method: 'GET', url: '/api/health' });
      expect(health.statusCode).toBe(503);
      expect(health.json()).toEqual({ status: 'unavailable', database: 'postgres', version: expect.any(String), message: expect.stringContaining(UNAVAILABLE) });
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { townCode: 'x', username: 'admin', password: 'whatever-123' } });
      expect(login.statusCode).toBe(503);
      expect(login.json().error).toMatchObject({ code: 'unavailable', message: expect.stringContaining(UNAVAILABLE) });
    } finally {
      await app.close();
      await database.close();
    }
  });

  it('reports a closed database as 503 and an open one as ok', async () => {
    const database = await openTestDatabase();
    const clock = fixedClock();
    const app = await buildApp({ database, runtime: { clock, newId: uuidv7(clock), keyring: testKeyring() } });
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    await database.close();
    const down = await app.inject({ method: 'GET', url: '/api/health' });
    expect(down.statusCode).toBe(503);
    expect(down.json().status).toBe('unavailable');
    await app.close();
  });
});
