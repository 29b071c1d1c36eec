import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEV_ACTOR } from '../actor/actor.ts';
import { AUDIT_TABLE } from '../audit/log.ts';
import { FIXTURE_PACKAGE } from '../resources/fixtures/fixture-engine.ts';
import { openEngine } from '../runtime/open-engine.ts';
import { openDatabase } from '../storage/database.ts';
import { createTestDatabase, DIALECTS } from '../testing/databases.ts';
import type { TestDatabase } from '../testing/databases.ts';
import { runCli as run } from '../testing/cli.ts';

const work = mkdtempSync(join(tmpdir(), 'zhili-cli-audit-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));


describe('zhili audit', () => {
  it('exits 2 on a subcommand other than verify, or without a package', async () => {
    expect((await run('audit', 'check', FIXTURE_PACKAGE)).code).toBe(2);
    expect((await run('audit', 'verify')).code).toBe(2);
    expect((await run('audit', 'verify', FIXTURE_PACKAGE, 'extra')).code).toBe(2);
  });

  for (const dialect of DIALECTS) {
    it(`verify exits 0 on an intact log and 1 on a tampered one or none (${dialect})`, async () => {
      let testDb: TestDatabase | undefined;
      let url = `sqlite:${join(work, 'audit.db')}`;
      if (dialect === 'postgres') {
        testDb = await createTestDatabase('postgres');
        url = testDb.url;
      }
      try {
        const none = await run('audit', 'verify', FIXTURE_PACKAGE, '--db', url);
        expect(none.code).toBe(1);
        expect(none.stderr).toContain('has no audit log');

        const opened = await openEngine({ packageDir: FIXTURE_PACKAGE, dbUrl: url });
        if (!opened.ok) throw new Error('migration refused');
        try {
          for (let i = 0; i < 5; i++) await opened.engine.audit.append(opened.engine.db.kysely, { actor: DEV_ACTOR, action: 'update', detail: { i } });
        } finally {
          await opened.engine.close();
        }

        const intact = await run('audit', 'verify', FIXTURE_PACKAGE, '--db', url);
        expect(intact.stderr).toBe('');
        expect(intact.code).toBe(0);
        expect(intact.stdout).toContain('审计日志完整：5 条记录');
        expect(intact.stdout).toMatch(/intact: 5 rows, last hash [0-9a-f]{64}/);

        const db = await openDatabase(url);
        try {
          await db.kysely.updateTable(AUDIT_TABLE).set({ action: 'create' }).where('seq', '=', 3).execute();
        } finally {
          await db.close();
        }
        const tampered = await run('audit', 'verify', FIXTURE_PACKAGE, '--db', url);
        expect(tampered.code).toBe(1);
        expect(tampered.stderr).toContain('审计记录第 3 条已被修改');
        expect(tampered.stderr).toContain('Audit row 3 was changed');
      } finally {
        await testDb?.drop();
      }
    });
  }
});
