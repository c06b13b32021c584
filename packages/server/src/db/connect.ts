import fs from 'node:fs';
import path from 'node:path';
import SqliteDriver from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';
import type { DB } from './schema.js';
import { StartupError } from '../startup-error.js';
import { startCheckpointer } from './wal-checkpointer.js';

// pg returns int8 (count(*), bigint) as strings; amounts in fen stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export interface ConnectOptions {
  /** postgres://… selects PostgreSQL; absent selects SQLite in `dataDir`. */
  databaseUrl?: string | undefined;
  /** Folder of gongyi.sqlite (created if missing). */
  dataDir?: string | undefined;
  /** An explicit SQLite file (tests, backups); wins over dataDir. */
  sqliteFile?: string | undefined;
  /** SQLite: open an existing 0-byte file as a new database (only `seed-demo` asks; #13 item 6). */
  allowEmptyFile?: boolean | undefined;
}

export async function openDatabase(options: ConnectOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  const file = options.sqliteFile ?? path.join(options.dataDir ?? 'data', 'gongyi.sqlite');
  return openSqlite(file, options.allowEmptyFile ?? false);
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

function openSqlite(file: string, allowEmptyFile: boolean): Database {
  const createdNow = file !== ':memory:' && prepareSqliteFile(file, allowEmptyFile);
  let driver: SqliteDriver.Database;
  try {
    driver = new SqliteDriver(file);
    // Reading the schema first fails fast on a file that is not a database, before any pragma writes.
    driver.prepare('select count(*) from sqlite_master').get();
    driver.pragma('journal_mode = WAL');
    driver.pragma('synchronous = FULL');
    driver.pragma('foreign_keys = ON');
    driver.pragma('busy_timeout = 5000');
    // 64 MiB of page cache: bulk imports touch many index pages at once (the default is 2 MiB).
    driver.pragma('cache_size = -65536');
    // Checkpoints run on a thread of their own (wal-checkpointer.ts), not in the committing request.
    if (file !== ':memory:') driver.pragma('wal_autocheckpoint = 0');
  } catch (e) {
    if (isPermissionError(e)) throw new StartupError(permissionMessage(file, e));
    throw new StartupError(
      `无法打开 SQLite 数据库 ${file}：${(e as Error).message}。文件可能已损坏或不是 Gongyi 数据库；` +
        `文件未被改动。请从备份恢复（gongyi restore --from 备份文件），或用 GONGYI_DATA_DIR 指向另一个目录。`,
    );
  }
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(driver) }) });
  const checkpointer = file === ':memory:' ? null : startCheckpointer(file, () => driver.open && driver.pragma('wal_autocheckpoint = 1000'));
  return {
    db,
    kind: 'sqlite',
    location: file,
    createdNow,
    // The app's connection first: the checkpointer's, closing last, copies the log back and removes it.
    close: async () => {
      await db.destroy();
      // Kysely closes only a connection it has used: one opened and never queried must close too.
      if (driver.open) driver.close();
      await checkpointer?.stop();
    },
    // VACUUM INTO copies one read transaction's snapshot: writers go on (WAL) and never make it start
    // over, as the page-by-page backup API did under continuous writes (#13 item 5).
    backup: async (dest) => {
      driver.prepare('vacuum into ?').run(dest);
    },
    sqlite: driver,
  };
}

/**
 * Makes the data folder and, for a new database, the file itself with mode 0600 (SQLite gives its
 * -wal and -shm files the database file's mode). Returns true when this start created the file.
 * An existing 0-byte file is refused: it is what an interrupted copy or restore leaves, and opening
 * it as new would put the demo town and its known password where the real data was (#13 item 6).
 */
function prepareSqliteFile(file: string, allowEmptyFile: boolean): boolean {
  const dir = path.dirname(path.resolve(file));
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new StartupError(isPermissionError(e) ? permissionMessage(file, e) : `无法创建数据目录 ${dir}：${(e as Error).message}。请检查 GONGYI_DATA_DIR。`);
  }
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    try {
      fs.closeSync(fs.openSync(file, 'wx', 0o600));
      return true;
    } catch (e) {
      if (isPermissionError(e)) throw new StartupError(permissionMessage(file, e));
      throw e;
    }
  }
  const walSize = fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0;
  if (size === 0 && walSize === 0 && !allowEmptyFile) {
    throw new StartupError(
      `数据库文件 ${file} 是空文件（0 字节），可能是复制或恢复中断留下的；为免把演示数据写进去，已拒绝启动。` +
        `请用 gongyi restore --from 备份文件 恢复；确要从空库开始，请删除该文件后再启动（或运行 gongyi seed-demo 载入演示镇）。`,
    );
  }
  return false;
}

const PERMISSION_CODES = new Set(['EACCES', 'EPERM', 'EROFS', 'SQLITE_READONLY', 'SQLITE_CANTOPEN', 'SQLITE_PERM', 'SQLITE_AUTH']);

function isPermissionError(e: unknown): boolean {
  const code = String((e as { code?: unknown }).code ?? '');
  return PERMISSION_CODES.has(code) || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN');
}

/** Names the first of the folder and the database files this process may not write. */
function permissionMessage(file: string, e: unknown): string {
  const dir = path.dirname(path.resolve(file));
  let nearest = dir;
  while (!fs.existsSync(nearest) && path.dirname(nearest) !== nearest) nearest = path.dirname(nearest);
  const candidates = [nearest, dir, file, `${file}-wal`, `${file}-shm`].filter((p) => fs.existsSync(p));
  const blocked =
    candidates.find((p) => {
      try {
        fs.accessSync(p, fs.constants.R_OK | fs.constants.W_OK);
        return false;
      } catch {
        return true;
      }
    }) ?? dir;
  const code = String((e as { code?: unknown }).code ?? '');
  return (
    `没有权限读写 ${blocked}（${code}）：这是权限问题，不是文件损坏，文件未被改动。` +
    `运行 Gongyi 的用户需要能读写数据目录 ${dir} 及其中的 gongyi.sqlite、gongyi.sqlite-wal、gongyi.sqlite-shm；` +
    `请用 chown/chmod 改正（例如 chown -R 运行服务的用户 ${dir}），或用 GONGYI_DATA_DIR 指向可写的目录。`
  );
}

/**
 * Kysely prepares every query anew; better-sqlite3 statements can be reused, and parsing and
 * planning the roster's statements costs as much as running them. Kysely runs one query at a time
 * on this connection (its mutex), so a cached statement is never busy when it is reused.
 */
function withStatementCache(driver: SqliteDriver.Database, max = 500) {
  const cache = new Map<string, SqliteDriver.Statement>();
  return {
    close: () => driver.close(),
    prepare(text: string) {
      // Kysely opens every transaction with a deferred BEGIN. Ours all write (one per mutating request),
      // and a deferred one that reads first cannot take the write lock once another process (gongyi serve
      // --workers N, or the test files sharing one database) has committed since: SQLITE_BUSY at once,
      // without waiting. BEGIN IMMEDIATE takes the lock at the start, waiting up to busy_timeout.
      const sql = text === 'begin' ? 'begin immediate' : text;
      let stmt = cache.get(sql);
      if (!stmt) {
        stmt = driver.prepare(sql);
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
        cache.set(sql, stmt);
      }
      return stmt;
    },
  };
}

async function openPostgres(url: string): Promise<Database> {
  const database = postgresDatabase(url);
  try {
    await sql`select 1`.execute(database.db);
  } catch (e) {
    await database.close().catch(() => undefined);
    throw new StartupError(
      `无法连接 PostgreSQL（${redactUrl(url)}）：${(e as Error).message}。请确认数据库已启动、地址与用户正确，或去掉 DATABASE_URL 以使用内置 SQLite。`,
    );
  }
  return database;
}

/**
 * The pool, without probing it (openDatabase probes at start; /api/health probes on each call).
 * #13 item 3: a connection that drops must not take the process with it. pg emits 'error' on a
 * client whose socket ends (pg_terminate_backend, a PostgreSQL restart, a network cut); the pool
 * listens only while the client is idle, so a client checked out by a request between two of its
 * queries had no listener and the process died ("Unhandled 'error' event"). Every client gets a
 * listener for its whole life: the request's next query then fails ("not queryable", a 503 from the
 * error handler), and the pool drops the broken client when it is released and connects a new one.
 */
export function postgresDatabase(url: string, options: { connectionTimeoutMillis?: number } = {}): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: Number(process.env.GONGYI_PG_POOL ?? 10),
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5000,
  });
  let warned = 0;
  const warn = (err: Error) => {
    // One line per lost connection, at most a few a minute: the cause, not a stack.
    const now = Date.now();
    if (now - warned < 20_000) return;
    warned = now;
    process.stderr.write(`PostgreSQL 连接中断（${err.message}）：连接池将重新连接；进行中的请求已回滚并提示用户重试。\n`);
  };
  pool.on('error', warn);
  pool.on('connect', (client) => client.on('error', warn));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', location: redactUrl(url), close: () => db.destroy() };
}
