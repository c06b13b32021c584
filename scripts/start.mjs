// `npm start`: build the web console once if it has not been built, then serve on SQLite
// (or on PostgreSQL when DATABASE_URL is set). The demo town loads into an empty database.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const run = (args) => spawnSync(process.execPath, args, { stdio: 'inherit' }).status ?? 1;

if (!existsSync(new URL('../packages/web/dist/index.html', import.meta.url))) {
  console.log('首次启动：正在构建网页控制台（约半分钟）…');
  const npmCli = process.env.npm_execpath;
  const status = npmCli
    ? run([npmCli, 'run', 'build', '-w', '@gongyi/web'])
    : spawnSync('npm', ['run', 'build', '-w', '@gongyi/web'], { stdio: 'inherit' }).status;
  if (status !== 0) process.exit(status ?? 1);
}
process.exitCode = run([new URL('../packages/server/bin/gongyi.js', import.meta.url).pathname, 'serve', ...process.argv.slice(2)]);
