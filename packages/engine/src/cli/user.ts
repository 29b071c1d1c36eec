import type { UserRole } from '../auth/service.ts';
import type { Engine } from '../engine.ts';
import { openEngine } from '../runtime/open-engine.ts';
import { printMigration } from './migrate.ts';
import { say } from './output.ts';

/** What `zhili user …` does. */
export type UserAction =
  | { readonly kind: 'add'; readonly username: string; readonly password: string; readonly displayName?: string; readonly roles: readonly UserRole[] }
  | { readonly kind: 'passwd'; readonly username: string; readonly password: string }
  | { readonly kind: 'disable'; readonly username: string }
  | { readonly kind: 'list' };

/** `zhili user add|passwd|disable|list <pkg>`: manages login accounts in the package's database. */
export async function userCommand(options: { readonly packageDir: string; readonly dbUrl: string | undefined; readonly action: UserAction }): Promise<number> {
  const opened = await openEngine({ packageDir: options.packageDir, dbUrl: options.dbUrl });
  if (!opened.ok) {
    printMigration(opened.migration);
    return 1;
  }
  try {
    await run(opened.engine, options.action);
    return 0;
  } finally {
    await opened.engine.close();
  }
}

async function run(engine: Engine, action: UserAction): Promise<void> {
  const { auth } = engine;
  switch (action.kind) {
    case 'add': {
      const user = await auth.addUser(action);
      const roles = user.roles.map((r) => `${r.role}@${r.orgCode}`).join(', ') || '—';
      say({ 'zh-CN': `已创建用户 ${user.username}(${user.displayName}),角色 ${roles}`, en: `Created user ${user.username} (${user.displayName}), roles ${roles}` });
      return;
    }
    case 'passwd':
      await auth.setPassword(action);
      say({ 'zh-CN': `已为 ${action.username} 设置新密码，其现有会话已全部结束`, en: `Set a new password for ${action.username} and ended its sessions` });
      return;
    case 'disable':
      await auth.disableUser(action.username);
      say({ 'zh-CN': `已停用用户 ${action.username}，其现有会话已全部结束`, en: `Disabled user ${action.username} and ended its sessions` });
      return;
    case 'list':
      for (const user of await auth.listUsers()) {
        const roles = user.roles.map((r) => `${r.role}@${r.orgCode}`).join(', ') || '—';
        process.stdout.write(`${user.username}\t${user.displayName}\t${roles}${user.disabled ? '\t停用 disabled' : ''}\n`);
      }
      return;
  }
}
