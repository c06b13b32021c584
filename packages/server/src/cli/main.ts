import { parseArgs, type ParseArgsConfig } from 'node:util';

// Each command loads its module when it runs: `pay calc` needs only the domain, and loading the
// server and database code for it would triple its start-up time.

interface Command {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Whether the command takes bare arguments (`gongyi user unlock 用户名`). */
  positionals?: boolean;
  /** Resolves to the exit code (0 when omitted). */
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number | void>;
}

const DB_HELP = '数据库：默认 SQLite，位于 $GONGYI_DATA_DIR/gongyi.sqlite（默认 ./data）；设置 DATABASE_URL=postgres://… 则使用 PostgreSQL。';

const COMMANDS: Record<string, Command> = {
  serve: {
    summary: '启动服务（迁移数据库；新建的数据库载入演示镇 小昆山镇）',
    usage:
      'gongyi serve [--port 8080] [--host 127.0.0.1] [--no-demo] [--workers N|auto]\n' +
      '环境变量：PORT、HOST、GONGYI_DATA_DIR、DATABASE_URL、GONGYI_WORKERS（服务进程数，默认 1；auto 为每个 CPU 一个）。',
    options: { port: { type: 'string' }, host: { type: 'string' }, 'no-demo': { type: 'boolean' }, workers: { type: 'string' } },
    run: async (v) => (await import('./serve.js')).serveCommand({ port: v.port as string | undefined, host: v.host as string | undefined, demo: !v['no-demo'], workers: v.workers as string | undefined }),
  },
  migrate: {
    summary: '把数据库迁移到最新结构',
    usage: 'gongyi migrate',
    options: {},
    run: async () => (await import('./database-commands.js')).migrateCommand(),
  },
  'seed-demo': {
    summary: '载入演示镇（小昆山镇）的组织架构；已存在则跳过',
    usage: 'gongyi seed-demo [--code xiaokunshan]',
    options: { code: { type: 'string' } },
    run: async (v) => (await import('./database-commands.js')).seedDemoCommand(v.code as string | undefined),
  },
  backup: {
    summary: '备份数据库（SQLite 在服务运行时也可；PostgreSQL 用 pg_dump 自定义格式），可连同密钥',
    usage:
      'gongyi backup --out 文件路径 [--with-key]\n' +
      '目标文件已存在时拒绝覆盖；文件权限 0600。--with-key 同时把密钥写到 文件路径.key（请与备份分开保管）。',
    options: { out: { type: 'string' }, 'with-key': { type: 'boolean' } },
    run: async (v) => (await import('./backup.js')).backupCommand(v.out as string | undefined, Boolean(v['with-key'])),
  },
  restore: {
    summary: '从 gongyi backup 的备份恢复数据库（及旁边的 .key 密钥），并核对密钥与数据库是否匹配',
    usage:
      'gongyi restore --from 备份文件 [--key 密钥文件] [--force]\n' +
      '先停止服务。密钥默认取 备份文件.key。SQLite：数据库文件已存在时需 --force（原文件改名保留）；' +
      'PostgreSQL：用 pg_restore --clean 恢复到 DATABASE_URL，库中已有数据时需 --force。',
    options: { from: { type: 'string' }, key: { type: 'string' }, force: { type: 'boolean' } },
    run: async (v) => (await import('./restore.js')).restoreCommand({ from: v.from as string | undefined, key: v.key as string | undefined, force: Boolean(v.force) }),
  },
  'user-create': {
    summary: '新建用户并打印一次性密码（例如第一个系统管理员）',
    usage: 'gongyi user-create --role system_admin --username admin [--town xiaokunshan] [--display 姓名] [--scope-id 部门等ID]',
    options: { town: { type: 'string' }, username: { type: 'string' }, role: { type: 'string' }, display: { type: 'string' }, 'scope-id': { type: 'string' } },
    run: async (v) => (await import('./user-commands.js')).userCreateCommand({ town: v.town as string, username: v.username as string, role: v.role as string, display: v.display as string, scopeId: v['scope-id'] as string }),
  },
  'user-unlock': {
    summary: '解除账号的登录锁定与各来源的等待（记入审计）',
    usage: 'gongyi user unlock 用户名 [--town xiaokunshan]',
    options: { town: { type: 'string' } },
    positionals: true,
    run: async (v, args) => (await import('./user-commands.js')).userUnlockCommand(args, v.town as string | undefined),
  },
  'audit-verify': {
    summary: '校验审计日志（哈希链、密钥校验码、检查点），发现被改动、伪造或删除的记录即报出并返回非零',
    usage: 'gongyi audit-verify [--town xiaokunshan]',
    options: { town: { type: 'string' } },
    run: async (v) => (await import('./audit-commands.js')).auditVerifyCommand(v.town as string | undefined),
  },
  'audit-protect': {
    summary: 'PostgreSQL：收回应用角色对审计表与检查点表的修改、删除权限',
    usage: 'gongyi audit-protect --role gongyi_app',
    options: { role: { type: 'string' } },
    run: async (v) => (await import('./audit-commands.js')).auditProtectCommand(v.role as string | undefined),
  },
  'audit-checkpoints': {
    summary: '导出审计与台账链头检查点文件（经校验的副本，供监察办留存）',
    usage: 'gongyi audit checkpoints --out 文件路径',
    options: { out: { type: 'string' } },
    run: async (v) => (await import('./audit-commands.js')).auditCheckpointsCommand(v.out as string | undefined),
  },
  'keys-rotate': {
    summary: '轮换个人信息加密密钥：生成新密钥并重新加密全部身份证、电话、银行卡号',
    usage: 'gongyi keys rotate',
    options: {},
    run: async () => (await import('./key-commands.js')).rotateKeysCommand(),
  },
  'ledger-check': {
    summary: '按凭证重算资金台账各账户余额，并与存储余额、已审批发放核对；发现差异即报出并返回非零',
    usage: 'gongyi ledger check [--town xiaokunshan]',
    options: { town: { type: 'string' } },
    run: async (v) => (await import('./ledger-commands.js')).ledgerCheckCommand(v.town as string | undefined),
  },
  'pay-calc': {
    summary: '薪酬测算：从标准输入读一名人员的测算场景 JSON，输出全年每月的工资明细 JSON（不连数据库）',
    usage: 'gongyi pay calc < scenario.json\n场景格式与输出见 docs/pay-calc.md；输入有误时在标准错误中逐项指明字段，退出码 2。',
    options: {},
    run: async () => (await import('./pay-calc.js')).payCalcCommand(),
  },
};

/** `gongyi user create`, `gongyi audit verify`, `gongyi ledger check`, `gongyi pay calc` are spelled with a space too. */
function normalise(argv: string[]): string[] {
  const [a, b, ...rest] = argv;
  if ((a === 'user' || a === 'audit' || a === 'keys' || a === 'pay' || a === 'ledger') && b && !b.startsWith('-')) return [`${a}-${b}`, ...rest];
  return argv;
}

function overview(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(13)} ${c.summary}`);
  return `用法：gongyi <命令> [选项]\n\n命令：\n${lines.join('\n')}\n\n每个命令都可加 --help 查看说明。\n${DB_HELP}`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = normalise(argv);
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(overview());
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`未知命令“${name}”。可用命令：${Object.keys(COMMANDS).join('、')}。运行 gongyi --help 查看说明。`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(`${command.summary}\n\n用法：${command.usage}\n\n${DB_HELP}`);
    return 0;
  }
  let parsed: { values: Record<string, string | boolean | undefined>; positionals: string[] };
  try {
    parsed = parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: command.positionals ?? false }) as typeof parsed;
  } catch (e) {
    console.error(`参数有误：${(e as Error).message}。用法：${command.usage.split('\n')[0]}`);
    return 2;
  }
  return (await command.run(parsed.values, parsed.positionals)) ?? 0;
}

try {
  const code = await main(process.argv.slice(2));
  if (code !== 0) process.exit(code);
} catch (e) {
  // Any error a command did not turn into a message: one Chinese line, exit 1 (#13 item 6).
  if (process.env.GONGYI_DEBUG === '1') console.error(e);
  console.error((await import('./fatal.js')).fatalMessage(e));
  process.exit(1);
}
