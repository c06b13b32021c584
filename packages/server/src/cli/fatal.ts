import path from 'node:path';
import { loadConfig } from '../config.js';
import { StartupError } from '../startup-error.js';

// The CLI's last word on an error no command caught (#13 item 6): one Chinese line naming the
// database and what to do, never a stack trace (GONGYI_DEBUG=1 shows it for a developer).

function databaseName(): string {
  try {
    const config = loadConfig();
    return config.databaseUrl ? 'PostgreSQL 数据库' : `数据库文件 ${path.join(config.dataDir, 'gongyi.sqlite')}`;
  } catch {
    return '数据库';
  }
}

const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();

export function fatalMessage(e: unknown): string {
  if (e instanceof StartupError) return `错误：${oneLine(e.message)}`;
  const err = e instanceof Error ? e : new Error(String(e));
  const code = String((err as { code?: unknown }).code ?? '');
  const detail = oneLine(err.message);
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return `错误：${databaseName()} 已损坏（${detail}），命令未完成，文件未被改动。请从备份恢复：gongyi restore --from 备份文件。`;
  }
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return `错误：没有权限读写 ${databaseName()} 或其所在目录（${code}）：这是权限问题，不是文件损坏。请用 chown/chmod 让运行 Gongyi 的用户可读写该目录及文件。`;
  }
  if (code.startsWith('SQLITE_BUSY')) return `错误：${databaseName()} 正被其他进程长时间占用（${code}），请稍后重试。`;
  if (/^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|57P0\d|08\d{3})$/.test(code) || /Connection terminated/i.test(detail)) {
    return `错误：与 PostgreSQL 的连接失败（${detail}），命令未完成。请确认数据库已启动、DATABASE_URL 正确后重试。`;
  }
  return `错误：命令意外失败（${err.name}${code ? ` ${code}` : ''}：${detail}）。设置 GONGYI_DEBUG=1 可查看详细信息。`;
}
