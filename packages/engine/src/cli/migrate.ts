import { loadModel } from '../package/index.ts';
import { defaultDatabaseUrl } from '../runtime/open-engine.ts';
import { openDatabase } from '../storage/database.ts';
import { migrate, type MigrationReport } from '../storage/migrate.ts';
import { say } from './output.ts';

/** Prints what a migration applied and what it refused. */
export function printMigration(report: MigrationReport): void {
  for (const change of report.applied) say(change.message);
  for (const refusal of report.refused) {
    process.stderr.write(`拒绝 refused: ${refusal.message['zh-CN']}\n           ${refusal.message.en}\n`);
  }
  if (report.refused.length > 0) {
    process.stderr.write(
      '迁移包含破坏性变更,未做任何修改。  The migration contains destructive changes; nothing was changed.\n',
    );
  } else if (report.applied.length === 0) {
    say({ 'zh-CN': '数据库结构已是最新', en: 'The database schema is up to date' });
  }
}

export async function migrateCommand(options: { packageDir: string; dbUrl: string | undefined; dryRun: boolean }): Promise<number> {
  const model = await loadModel(options.packageDir);
  const db = await openDatabase(options.dbUrl ?? defaultDatabaseUrl(model));
  try {
    const report = await migrate(db, model, { dryRun: options.dryRun });
    printMigration(report);
    if (options.dryRun && report.applied.length > 0) say({ 'zh-CN': '(试运行,未修改数据库)', en: '(dry run: the database was not changed)' });
    return report.refused.length > 0 ? 1 : 0;
  } finally {
    await db.close();
  }
}
