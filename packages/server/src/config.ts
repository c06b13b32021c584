import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { StartupError } from './startup-error.js';
import { parseTrustProxy } from './http/trusted-proxies.js';

/** Settings come from the environment; command-line flags override them. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  webDir: string;
  /** Reverse proxies whose X-Forwarded-For hops are believed (GONGYI_TRUST_PROXY); false = none. */
  trustProxy: string[] | false;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = env.PORT ? Number(env.PORT) : 8080;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new StartupError(`PORT=${env.PORT} 不是有效端口号。请设为 1–65535 之间的整数，例如 PORT=8080。`);
  }
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new StartupError(`DATABASE_URL 应以 postgres:// 开头（当前为 ${databaseUrl.split(':')[0]}:…）。去掉它即使用内置 SQLite。`);
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir: path.resolve(env.GONGYI_DATA_DIR ?? 'data'),
    databaseUrl,
    webDir: env.GONGYI_WEB_DIR ?? fileURLToPath(new URL('../../web/dist', import.meta.url)),
    trustProxy: parseTrustProxy(env.GONGYI_TRUST_PROXY),
  };
}
