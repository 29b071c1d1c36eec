import type { Engine } from '../engine.ts';
import { openEngine } from '../runtime/open-engine.ts';
import { seedDemoData } from '../seed/seed.ts';
import type { SeedScale } from '../seed/types.ts';
import { printMigration } from './migrate.ts';
import { createProgress, formatCount, say } from './output.ts';

/** Seeds demo data with progress on stderr and a summary on stdout. */
export async function seedWithProgress(engine: Engine, options: { scale: SeedScale; overrides: Readonly<Record<string, number>> }): Promise<void> {
  const progress = createProgress('演示数据 seeding');
  const report = await seedDemoData(engine, {
    scale: options.scale,
    overrides: options.overrides,
    onProgress: (p) => progress.update(p.resource, p.done, p.expected),
  });
  progress.finish();
  const counts = Object.entries(report.records).map(([resource, n]) => `${resource} ${formatCount(n)}`).join(', ');
  const seconds = (report.milliseconds / 1000).toFixed(1);
  say({
    'zh-CN': `演示数据已写入(${options.scale}):组织 ${formatCount(report.orgUnits)} 个,${counts},用时 ${seconds} 秒`,
    en: `Seeded demo data (${options.scale}): ${formatCount(report.orgUnits)} org units, ${counts}, in ${seconds} s`,
  });
}

export async function seedCommand(options: {
  packageDir: string;
  dbUrl: string | undefined;
  scale: SeedScale;
  overrides: Readonly<Record<string, number>>;
}): Promise<number> {
  const opened = await openEngine({ packageDir: options.packageDir, dbUrl: options.dbUrl });
  if (!opened.ok) {
    printMigration(opened.migration);
    return 1;
  }
  try {
    await seedWithProgress(opened.engine, options);
    return 0;
  } finally {
    await opened.engine.close();
  }
}
