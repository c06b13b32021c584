// `npm run test:pg`: the server suite again, on PostgreSQL. TEST_DATABASE_URL picks the database
// (created if missing by the suite's global setup).
import { spawnSync } from 'node:child_process';

const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/gongyi_test';
const result = spawnSync('npx', ['vitest', 'run', '--project', 'server', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, TEST_DATABASE_URL: url, GONGYI_TEST_DB: 'postgres' },
});
process.exit(result.status ?? 1);
