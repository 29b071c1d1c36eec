import { loadModel } from '../package/index.ts';
import { verifyLedger } from '../points/verify.ts';
import { defaultDatabaseUrl } from '../runtime/open-engine.ts';
import { openDatabase } from '../storage/database.ts';
import { formatCount, say, sayError } from './output.ts';

/** How many broken invariants are listed before the count of the rest. */
const SHOWN = 20;

/**
 * `zhili points verify <pkg> [--db URL]`: checks the points ledger without changing anything —
 * balanced postings, accounts summing to zero per scheme and currency, balances equal to their
 * lines, no overdrawn account, no negative stock — and exits 1 when an invariant is broken.
 */
export async function pointsVerifyCommand(options: { packageDir: string; dbUrl: string | undefined }): Promise<number> {
  const model = await loadModel(options.packageDir);
  const db = await openDatabase(options.dbUrl ?? defaultDatabaseUrl(model));
  try {
    const problems = await verifyLedger(db, model);
    if (problems.length > 0) {
      for (const problem of problems.slice(0, SHOWN)) sayError({ 'zh-CN': `${problem.check} ${problem.subject}：${problem.detail}`, en: `${problem.check} ${problem.subject}: ${problem.detail}` });
      sayError({ 'zh-CN': `积分账本有 ${formatCount(problems.length)} 处不一致`, en: `The points ledger breaks ${formatCount(problems.length)} invariant(s)` });
      return 1;
    }
    say({ 'zh-CN': '积分账本一致：每笔记账借贷平衡，余额与明细相符', en: 'The points ledger holds: every posting balances and every balance matches its lines' });
    return 0;
  } finally {
    await db.close();
  }
}
