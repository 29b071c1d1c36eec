import { verifyCounters } from '../grids/counters.ts';
import { loadModel } from '../package/index.ts';
import { defaultDatabaseUrl, openEngine } from '../runtime/open-engine.ts';
import { openDatabase } from '../storage/database.ts';
import { formatCount, say, sayError } from './output.ts';

/**
 * `zhili grids rebuild|verify <pkg> [--db URL]`: rebuild recomputes the grid counters from the
 * records (after a bulk load that bypassed the triggers, say), installing the triggers when they
 * are missing; verify compares every counter with the records without changing anything and
 * exits 1 when one differs.
 */
export async function gridsCommand(options: { action: 'rebuild' | 'verify'; packageDir: string; dbUrl: string | undefined }): Promise<number> {
  if (options.action === 'rebuild') {
    const opened = await openEngine({ packageDir: options.packageDir, dbUrl: options.dbUrl });
    if (!opened.ok) {
      sayError({ 'zh-CN': '数据库迁移被拒绝，请先运行 zhili migrate 查看原因', en: 'The migration was refused; run zhili migrate to see why' });
      return 1;
    }
    const { engine } = opened;
    try {
      if (!engine.grids.config) return noRules(engine.model.id);
      const started = performance.now();
      await engine.grids.rebuildCounters();
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      say({ 'zh-CN': `网格计数已重建（${seconds} 秒）`, en: `The grid counters are rebuilt (${seconds} s)` });
      return 0;
    } finally {
      await engine.close();
    }
  }
  const model = await loadModel(options.packageDir);
  if (!model.grids) return noRules(model.id);
  const db = await openDatabase(options.dbUrl ?? defaultDatabaseUrl(model));
  try {
    const drift = await verifyCounters(db, model, model.grids);
    const total = drift.households + drift.householdCounts + drift.visitCounts;
    if (total > 0) {
      sayError({
        'zh-CN': `网格计数与记录不符：住户 ${formatCount(drift.households)} 行，户数 ${formatCount(drift.householdCounts)} 行，走访数 ${formatCount(drift.visitCounts)} 行；请运行 zhili grids rebuild`,
        en: `The grid counters differ from the records: ${formatCount(drift.households)} household rows, ${formatCount(drift.householdCounts)} household-count rows, ${formatCount(drift.visitCounts)} visit-count rows; run zhili grids rebuild`,
      });
      return 1;
    }
    say({ 'zh-CN': '网格计数与记录一致', en: 'The grid counters match the records' });
    return 0;
  } finally {
    await db.close();
  }
}

function noRules(id: string): number {
  sayError({ 'zh-CN': `配置包 ${id} 没有网格规则（grids/*.yaml）`, en: `Package ${id} has no grid rules (grids/*.yaml)` });
  return 1;
}
