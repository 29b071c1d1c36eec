import { parseArgs, type ParseArgsConfig } from 'node:util';
import { EngineError } from '../errors/engine-error.ts';
import { formatIssues, loadPackage, PackageError } from '../package/index.ts';
import { SEED_SCALES, type SeedScale } from '../seed/types.ts';
import { auditVerifyCommand } from './audit.ts';
import { gridsCommand } from './grids.ts';
import { pointsVerifyCommand } from './points.ts';
import { migrateCommand } from './migrate.ts';
import { newPluginCommand } from './new-plugin.ts';
import { sayError } from './output.ts';
import { seedCommand } from './seed.ts';
import { serveCommand } from './serve.ts';
import { userCommand } from './user.ts';
import type { UserAction } from './user.ts';

/** Exit codes: 0 ok; 1 invalid package, refused migration or failed work; 2 usage. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

const USAGE = `zhili — 社区治理低代码框架 community-governance low-code engine

用法 Usage:
  zhili validate <pkg>                                   校验配置包 validate a config package
  zhili serve <pkg> [--db URL] [--port N] [--host H] [--seed tiny|demo|city] [--trust-proxy]
                                                         启动服务 serve the API (and seed an empty database)
                                                         --trust-proxy: 在反向代理之后 behind one reverse proxy
  zhili migrate <pkg> [--db URL] [--dry-run]             迁移数据库 apply additive schema changes
  zhili seed <pkg> [--db URL] [--scale tiny|demo|city] [--count resource=N …]
                                                         写入演示数据 seed demo data into an empty database
  zhili audit verify <pkg> [--db URL]                    校验审计日志哈希链 verify the audit log's hash chain
  zhili grids rebuild|verify <pkg> [--db URL]            重建/核对网格计数 rebuild or check the grid counters
  zhili points verify <pkg> [--db URL]                   核对积分账本 check the points ledger's invariants
  zhili user add <pkg> [--db URL] --username U --password P [--display-name N] [--role ROLE --org ORG_CODE …]
                                                         创建登录账号 create a login (roles pair with orgs in order)
  zhili user passwd <pkg> [--db URL] --username U --password P
                                                         重设密码并结束其会话 set a password, ending the user's sessions
  zhili user disable <pkg> [--db URL] --username U       停用账号 disable a login
  zhili user list <pkg> [--db URL]                       列出账号 list logins
  zhili new plugin <name> [<pkg>]                        新建插件及其测试 scaffold a plugin with a passing test

  --db URL   sqlite:<path> (默认 default sqlite:.zhili/<package id>.db, or $ZHILI_DB_URL) | postgres://…
退出码 Exit codes: 0 成功 ok · 1 配置无效/迁移被拒/执行失败 invalid package, refused migration, failure · 2 用法错误 usage
`;

class UsageError extends Error {}

const COMMON = { db: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;
const OPTIONS = {
  validate: { help: COMMON.help },
  serve: { ...COMMON, port: { type: 'string' }, host: { type: 'string' }, seed: { type: 'string' }, 'trust-proxy': { type: 'boolean' } },
  migrate: { ...COMMON, 'dry-run': { type: 'boolean' } },
  seed: { ...COMMON, scale: { type: 'string' }, count: { type: 'string', multiple: true } },
  audit: { ...COMMON },
  grids: { ...COMMON },
  points: { ...COMMON },
  new: { help: COMMON.help },
  user: {
    ...COMMON,
    username: { type: 'string' },
    password: { type: 'string' },
    'display-name': { type: 'string' },
    role: { type: 'string', multiple: true },
    org: { type: 'string', multiple: true },
  },
} as const satisfies Record<string, ParseArgsConfig['options']>;

type Command = keyof typeof OPTIONS;

function isCommand(value: string | undefined): value is Command {
  return value !== undefined && Object.hasOwn(OPTIONS, value);
}

/** Runs the CLI with the given arguments (without node and the script) and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  try {
    if (!isCommand(command)) throw new UsageError(`未知命令 unknown command: ${command}`);
    const { values, positionals } = parseArgs({ args: [...rest], options: OPTIONS[command], allowPositionals: true, strict: true });
    if ('help' in values && values.help) {
      process.stdout.write(USAGE);
      return EXIT.ok;
    }
    if (command === 'user') {
      const [sub, packageDir, ...extra] = positionals;
      if (packageDir === undefined || extra.length > 0) throw new UsageError('用法 usage: zhili user add|passwd|disable|list <pkg> …');
      const dbUrl = 'db' in values && typeof values.db === 'string' ? values.db : undefined;
      return await userCommand({ packageDir, dbUrl, action: parseUserAction(sub ?? '', values as UserValues) });
    }
    if (command === 'new') {
      const [kind, name, packageDir = '.', ...extra] = positionals;
      if (kind !== 'plugin' || name === undefined || extra.length > 0) throw new UsageError('用法 usage: zhili new plugin <name> [<pkg>]');
      return await newPluginCommand({ name, packageDir });
    }
    if (command === 'audit') {
      const [sub, packageDir, ...extra] = positionals;
      if (sub !== 'verify' || packageDir === undefined || extra.length > 0) throw new UsageError('用法 usage: zhili audit verify <pkg> [--db URL]');
      return await auditVerifyCommand({ packageDir, dbUrl: 'db' in values && typeof values.db === 'string' ? values.db : undefined });
    }
    if (command === 'grids') {
      const [sub, packageDir, ...extra] = positionals;
      if ((sub !== 'rebuild' && sub !== 'verify') || packageDir === undefined || extra.length > 0) throw new UsageError('用法 usage: zhili grids rebuild|verify <pkg> [--db URL]');
      return await gridsCommand({ action: sub, packageDir, dbUrl: 'db' in values && typeof values.db === 'string' ? values.db : undefined });
    }
    if (command === 'points') {
      const [sub, packageDir, ...extra] = positionals;
      if (sub !== 'verify' || packageDir === undefined || extra.length > 0) throw new UsageError('用法 usage: zhili points verify <pkg> [--db URL]');
      return await pointsVerifyCommand({ packageDir, dbUrl: 'db' in values && typeof values.db === 'string' ? values.db : undefined });
    }
    if (positionals.length !== 1) throw new UsageError('需要且只需要一个配置包目录 expected exactly one package folder');
    const packageDir = positionals[0] ?? '.';
    const db = 'db' in values && typeof values.db === 'string' ? values.db : undefined;
    switch (command) {
      case 'validate':
        return await validateCommand(packageDir);
      case 'serve': {
        const v = values as { port?: string; host?: string; seed?: string; 'trust-proxy'?: boolean };
        return await serveCommand({
          packageDir,
          dbUrl: db,
          port: v.port === undefined ? Number(process.env.PORT ?? 3000) : parsePort(v.port),
          host: v.host ?? '127.0.0.1',
          seed: v.seed === undefined ? undefined : parseScale(v.seed),
          trustProxy: v['trust-proxy'] === true,
        });
      }
      case 'migrate':
        return await migrateCommand({ packageDir, dbUrl: db, dryRun: (values as { 'dry-run'?: boolean })['dry-run'] === true });
      case 'seed': {
        const v = values as { scale?: string; count?: string[] };
        return await seedCommand({
          packageDir,
          dbUrl: db,
          scale: v.scale === undefined ? 'demo' : parseScale(v.scale),
          overrides: parseCounts(v.count ?? []),
        });
      }
    }
  } catch (error) {
    return report(error);
  }
}

async function validateCommand(packageDir: string): Promise<number> {
  const result = await loadPackage(packageDir);
  if (!result.ok) {
    process.stderr.write(`${formatIssues(result.issues)}\n`);
    process.stderr.write(`配置包无效:${result.issues.length} 个问题  invalid package: ${result.issues.length} issue(s)\n`);
    return EXIT.failed;
  }
  process.stdout.write(`配置包有效  package is valid: ${packageDir}\n`);
  return EXIT.ok;
}

function report(error: unknown): number {
  if (error instanceof UsageError || (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
    process.stderr.write(`${error.message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (error instanceof PackageError) {
    process.stderr.write(`${formatIssues(error.issues)}\n`);
    process.stderr.write(`配置包无效:${error.issues.length} 个问题  invalid package: ${error.issues.length} issue(s)\n`);
    return EXIT.failed;
  }
  if (error instanceof EngineError) {
    sayError(error.text);
    for (const [path, messages] of Object.entries(error.fieldErrors ?? {})) {
      for (const message of messages) process.stderr.write(`  ${path}: ${message['zh-CN']}  ${message.en}\n`);
    }
    return error.code === 'BAD_REQUEST' ? EXIT.usage : EXIT.failed;
  }
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return EXIT.failed;
}

interface UserValues {
  username?: string;
  password?: string;
  'display-name'?: string;
  role?: string[];
  org?: string[];
}

function parseUserAction(sub: string, values: UserValues): UserAction {
  const need = (name: 'username' | 'password'): string => {
    const value = values[name];
    if (value === undefined) throw new UsageError(`zhili user ${sub} 需要 --${name}  needs --${name}`);
    return value;
  };
  switch (sub) {
    case 'add': {
      const roles = values.role ?? [];
      const orgs = values.org ?? [];
      if (roles.length !== orgs.length) throw new UsageError('每个 --role 都要配一个 --org  every --role needs an --org (paired in order)');
      const displayName = values['display-name'];
      return {
        kind: 'add',
        username: need('username'),
        password: need('password'),
        ...(displayName === undefined ? {} : { displayName }),
        roles: roles.map((role, i) => ({ role, orgCode: orgs[i] ?? '' })),
      };
    }
    case 'passwd':
      return { kind: 'passwd', username: need('username'), password: need('password') };
    case 'disable':
      return { kind: 'disable', username: need('username') };
    case 'list':
      return { kind: 'list' };
    default:
      throw new UsageError(`未知的 user 子命令 unknown user subcommand: ${sub}  (add|passwd|disable|list)`);
  }
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`端口无效 invalid port: ${value}`);
  return port;
}

function parseScale(value: string): SeedScale {
  const scale = SEED_SCALES.find((s) => s === value);
  if (!scale) throw new UsageError(`规模应为 ${SEED_SCALES.join('|')}  scale must be one of ${SEED_SCALES.join('|')}: ${value}`);
  return scale;
}

function parseCounts(entries: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const entry of entries) {
    const match = /^([a-z][a-z0-9_]*)=(\d+)$/.exec(entry);
    if (!match?.[1] || !match[2]) throw new UsageError(`--count 应形如 resource=N  --count must look like resource=N: ${entry}`);
    out[match[1]] = Number(match[2]);
  }
  return out;
}
