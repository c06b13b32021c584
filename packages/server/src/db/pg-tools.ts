import { spawnSync } from 'node:child_process';
import { StartupError } from '../startup-error.js';
import { redactUrl } from './connect.js';

// pg_dump and pg_restore for `gongyi backup` and `gongyi restore` on PostgreSQL (#13 item 5). The
// password travels in PGPASSWORD, not on the command line, where `ps` would show it.

export type PgTool = 'pg_dump' | 'pg_restore';

/**
 * Runs a PostgreSQL client tool, against the database at `url` when given (without it pg_restore
 * only reads the dump); its standard output is returned, a failure is one Chinese line.
 */
export function runPgTool(tool: PgTool, args: string[], url: string | null): string {
  const target = url ? new URL(url) : null;
  const password = target ? decodeURIComponent(target.password) : '';
  if (target) target.password = '';
  const env = { ...process.env, ...(password ? { PGPASSWORD: password } : {}) };
  const dbname = target ? [`--dbname=${target.toString()}`] : [];
  const result = spawnSync(tool, [...args, ...dbname], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    throw new StartupError(`找不到 ${tool}：PostgreSQL 的备份与恢复需要它。请安装 PostgreSQL 客户端（Debian/Ubuntu：apt-get install postgresql-client，版本不低于数据库服务器），使其在 PATH 中。`);
  }
  if (result.error) throw new StartupError(`无法运行 ${tool}：${result.error.message}。`);
  if (result.status !== 0) {
    const reason = (result.stderr || '').trim().split('\n').filter(Boolean).slice(0, 2).join('；');
    throw new StartupError(`${tool} 失败（${url ? redactUrl(url) : args[args.length - 1]}，退出码 ${result.status}）：${reason || '无输出'}。`);
  }
  return result.stdout;
}

/** A dump file's table contents as rows (pg_restore prints the table's COPY block as text). */
export function tableFromDump(file: string, table: string): string[][] {
  const text = runPgTool('pg_restore', ['--data-only', `--table=${table}`, '--file=-', file], null);
  const rows: string[][] = [];
  let inCopy = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('COPY ')) inCopy = true;
    else if (line === '\\.') inCopy = false;
    else if (inCopy) rows.push(line.split('\t'));
  }
  return rows;
}
