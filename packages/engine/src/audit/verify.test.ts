import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEV_ACTOR } from '../actor/actor.ts';
import { openFixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import type { FixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import { DIALECTS } from '../testing/databases.ts';
import { GENESIS_HASH, rowHash } from './chain.ts';
import type { AuditRow } from './chain.ts';
import { AUDIT_HEAD_TABLE, AUDIT_TABLE } from './log.ts';

const ROWS = 10;

for (const dialect of DIALECTS) {
  describe(dialect, () => {
    let fixture: FixtureEngine;
    // Kysely<any>: tampering goes around the audit log, straight to its tables.
    const db = () => fixture.engine.db.kysely;
    const row = async (seq: number): Promise<AuditRow> => {
      const found = (await db().selectFrom(AUDIT_TABLE).selectAll().where('seq', '=', seq).executeTakeFirstOrThrow()) as AuditRow;
      return { ...found, seq: Number(found.seq) };
    };
    /** A row that chains onto `prev` exactly as an append would. */
    const forged = (seq: number, prevHash: string): AuditRow => {
      const content = {
        seq,
        at: new Date().toISOString(),
        actor_id: 'mallory',
        actor_name: 'mallory',
        session_id: null,
        action: 'delete',
        resource: 'households',
        record_id: 'r-forged',
        org_path: null,
        detail: null,
      };
      return { ...content, prev_hash: prevHash, hash: rowHash(prevHash, content) };
    };
    const verify = () => fixture.engine.audit.verify();

    beforeAll(async () => {
      fixture = await openFixtureEngine(dialect);
    });
    afterAll(async () => {
      await fixture.drop();
    });
    beforeEach(async () => {
      await db().deleteFrom(AUDIT_TABLE).execute();
      await db().deleteFrom(AUDIT_HEAD_TABLE).execute();
      await db().insertInto(AUDIT_HEAD_TABLE).values({ id: 1, seq: 0, hash: GENESIS_HASH }).execute();
      for (let i = 1; i <= ROWS; i++) {
        await fixture.engine.audit.append(db(), { actor: DEV_ACTOR, action: 'update', resource: 'households', recordId: `r-${i}`, detail: { i } });
      }
      expect(await verify()).toMatchObject({ ok: true, rows: ROWS });
    });

    it('reports an UPDATEd row as changed, with a message in both languages', async () => {
      await db().updateTable(AUDIT_TABLE).set({ detail: '{"i":400}' }).where('seq', '=', 4).execute();
      const result = await verify();
      expect(result).toMatchObject({ ok: false, seq: 4, problem: 'changed' });
      if (result.ok) return;
      expect(result.message['zh-CN']).toContain('第 4 条');
      expect(result.message.en).toContain('row 4 was changed');
    });

    it('reports a row rewritten with a recomputed hash as changed', async () => {
      const original = await row(4);
      const rewritten = { ...original, actor_id: 'someone-else' };
      await db().updateTable(AUDIT_TABLE).set({ actor_id: 'someone-else', hash: rowHash(original.prev_hash, rewritten) }).where('seq', '=', 4).execute();
      expect(await verify()).toMatchObject({ ok: false, seq: 4, problem: 'changed' });
    });

    it('reports a changed hash or prev_hash column as changed', async () => {
      await db().updateTable(AUDIT_TABLE).set({ hash: 'f'.repeat(64) }).where('seq', '=', 6).execute();
      expect(await verify()).toMatchObject({ ok: false, seq: 6, problem: 'changed' });
      await db().updateTable(AUDIT_TABLE).set({ hash: (await row(5)).hash }).where('seq', '=', 6).execute();
      expect(await verify()).toMatchObject({ ok: false, seq: 6, problem: 'changed' });
    });

    it('reports a DELETEd row as deleted, the first row too', async () => {
      await db().deleteFrom(AUDIT_TABLE).where('seq', '=', 5).execute();
      const result = await verify();
      expect(result).toMatchObject({ ok: false, seq: 5, problem: 'deleted' });
      if (!result.ok) expect(result.message.en).toContain('row 5 was deleted');
      await db().deleteFrom(AUDIT_TABLE).where('seq', '=', 1).execute();
      expect(await verify()).toMatchObject({ ok: false, seq: 1, problem: 'deleted' });
    });

    it('reports a truncated tail as deleted from the first missing row', async () => {
      await db().deleteFrom(AUDIT_TABLE).where('seq', '>', 7).execute();
      const result = await verify();
      expect(result).toMatchObject({ ok: false, seq: 8, problem: 'deleted' });
      if (!result.ok) expect(result.message.en).toContain(`the chain ends at row ${ROWS}, but the last row is 7`);
      await db().deleteFrom(AUDIT_TABLE).execute();
      expect(await verify()).toMatchObject({ ok: false, seq: 1, problem: 'deleted' });
    });

    it('reports a deleted record of the chain end', async () => {
      await db().deleteFrom(AUDIT_HEAD_TABLE).execute();
      expect(await verify()).toMatchObject({ ok: false, seq: ROWS + 1, problem: 'deleted' });
    });

    it('reports a forged row INSERTed at the end as inserted, however well it chains', async () => {
      await db().insertInto(AUDIT_TABLE).values({ ...forged(ROWS + 1, 'bogus'), hash: 'bogus' }).execute();
      expect(await verify()).toMatchObject({ ok: false, seq: ROWS + 1, problem: 'inserted' });
      await db().deleteFrom(AUDIT_TABLE).where('seq', '=', ROWS + 1).execute();
      await db().insertInto(AUDIT_TABLE).values(forged(ROWS + 1, (await row(ROWS)).hash)).execute();
      const result = await verify();
      expect(result).toMatchObject({ ok: false, seq: ROWS + 1, problem: 'inserted' });
      if (!result.ok) expect(result.message['zh-CN']).toContain('插入');
    });

    it('reports a forged row INSERTed before the first as inserted', async () => {
      await db().insertInto(AUDIT_TABLE).values(forged(0, GENESIS_HASH)).execute();
      expect(await verify()).toMatchObject({ ok: false, seq: 0, problem: 'inserted' });
    });

    it('reports a forged row INSERTed in the middle (later rows renumbered) as inserted', async () => {
      // Two steps: moving the keys by one in a single UPDATE would collide on the primary key.
      await db().updateTable(AUDIT_TABLE).set({ seq: sql`seq + 1000` }).where('seq', '>=', 5).execute();
      await db().updateTable(AUDIT_TABLE).set({ seq: sql`seq - 999` }).where('seq', '>=', 1005).execute();
      await db().insertInto(AUDIT_TABLE).values({ ...forged(5, 'bogus'), hash: 'bogus' }).execute();
      expect(await verify()).toMatchObject({ ok: false, seq: 5, problem: 'inserted' });
      await db().deleteFrom(AUDIT_TABLE).where('seq', '=', 5).execute();
      await db().insertInto(AUDIT_TABLE).values(forged(5, (await row(4)).hash)).execute();
      expect(await verify()).toMatchObject({ ok: false, seq: 5, problem: 'inserted' });
    });

    it('refuses to append to a chain whose end record is gone', async () => {
      await db().deleteFrom(AUDIT_HEAD_TABLE).execute();
      await expect(fixture.engine.audit.append(db(), { actor: DEV_ACTOR, action: 'login' })).rejects.toThrow('end of the audit chain is missing');
    });
  });
}
