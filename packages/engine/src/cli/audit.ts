import { AUDIT_HEAD_TABLE, AUDIT_TABLE, createAuditLog } from '../audit/log.ts';
import { loadModel } from '../package/index.ts';
import { defaultDatabaseUrl } from '../runtime/open-engine.ts';
import { openDatabase } from '../storage/database.ts';
import { introspectTables } from '../storage/introspect.ts';
import { formatCount, say, sayError } from './output.ts';

/**
 * `zhili audit verify <pkg> [--db URL]`: checks the hash chain of the database's audit log without
 * changing anything. Exit 0 when it is intact (printing the row count and the last hash, worth
 * keeping elsewhere), 1 with the first changed, inserted or deleted row, or when there is no log.
 */
export async function auditVerifyCommand(options: { packageDir: string; dbUrl: string | undefined }): Promise<number> {
  const model = await loadModel(options.packageDir);
  const db = await openDatabase(options.dbUrl ?? defaultDatabaseUrl(model));
  try {
    const tables = await introspectTables({ db: db.kysely, dialect: db.dialect, names: [AUDIT_TABLE, AUDIT_HEAD_TABLE] });
    if (!tables.has(AUDIT_TABLE) || !tables.has(AUDIT_HEAD_TABLE)) {
      sayError({
        'zh-CN': `数据库中没有审计日志（缺少表 ${AUDIT_TABLE} 或 ${AUDIT_HEAD_TABLE}）：尚未迁移（zhili migrate），或表已被删除`,
        en: `The database has no audit log (table ${AUDIT_TABLE} or ${AUDIT_HEAD_TABLE} is missing): it was not migrated (zhili migrate), or the tables were dropped`,
      });
      return 1;
    }
    const result = await createAuditLog(db).verify();
    if (!result.ok) {
      sayError(result.message);
      return 1;
    }
    say({
      'zh-CN': `审计日志完整：${formatCount(result.rows)} 条记录，链尾哈希 ${result.hash}`,
      en: `The audit log is intact: ${formatCount(result.rows)} rows, last hash ${result.hash}`,
    });
    return 0;
  } finally {
    await db.close();
  }
}
