import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../actor/actor.ts';
import { DEV_ACTOR } from '../actor/actor.ts';
import { EngineError } from '../errors/engine-error.ts';
import { loadModel } from '../package/index.ts';
import { FIXTURE_PACKAGE, openFixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import type { FixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import { openDatabase } from '../storage/database.ts';
import { migrate } from '../storage/migrate.ts';
import { writeTransaction } from '../storage/transaction.ts';
import { DIALECTS } from '../testing/databases.ts';
import { GENESIS_HASH, hashMatches } from './chain.ts';
import type { AuditRow } from './chain.ts';
import { AUDIT_HEAD_TABLE, AUDIT_TABLE, createAuditLog } from './log.ts';
import type { AuditLog } from './log.ts';

const CHANGZHOU = '/320400/';
const TIANNING = '/320400/320404/';
const COMMUNITY = '/320400/320404/320404001/320404001001/';
const GRID_1 = `${COMMUNITY}320404001001-01/`;
const GRID_2 = `${COMMUNITY}320404001001-02/`;
const XINBEI_GRID = '/320400/320411/320411001/320411001001/320411001001-01/';

const APPEND_WORKER = fileURLToPath(new URL('./fixtures/append-worker.ts', import.meta.url));
const REPOSITORY = fileURLToPath(new URL('../../../..', import.meta.url));

const worker: Actor = { ...DEV_ACTOR, id: 'u-worker', username: 'wangwu', displayName: '王五', kind: 'user', sessionId: 'session-1' };

/** An actor whose only grant is reading the audit log at the given scopes. */
function auditReader(id: string, scopes: readonly { path: string; subtree: boolean }[]): Actor {
  return { ...DEV_ACTOR, id, username: id, kind: 'user', grants: { audit: { read: scopes } } };
}

for (const dialect of DIALECTS) {
  describe(dialect, () => {
    let fixture: FixtureEngine;
    let audit: AuditLog;
    const rows = async (): Promise<AuditRow[]> =>
      (await fixture.engine.db.kysely.selectFrom(AUDIT_TABLE).selectAll().orderBy('seq').execute()).map((row) => ({ ...(row as AuditRow), seq: Number(row.seq) }));

    beforeAll(async () => {
      fixture = await openFixtureEngine(dialect);
      audit = fixture.engine.audit;
    });
    afterAll(async () => {
      await fixture.drop();
    });
    beforeEach(async () => {
      await fixture.engine.db.kysely.deleteFrom(AUDIT_TABLE).execute();
      await fixture.engine.db.kysely.updateTable(AUDIT_HEAD_TABLE).set({ seq: 0, hash: GENESIS_HASH }).execute();
    });

    it('verifies an empty log', async () => {
      expect(await audit.verify()).toEqual({ ok: true, rows: 0, hash: GENESIS_HASH });
    });

    it('chains many appends, numbered without gaps, each linked to the one before', async () => {
      await writeTransaction(fixture.engine.db, async (trx) => {
        for (let i = 0; i < 1100; i++) {
          await audit.append(trx, {
            actor: worker,
            action: i % 2 === 0 ? 'create' : 'update',
            resource: 'households',
            recordId: `r-${i}`,
            orgPath: i % 3 === 0 ? GRID_1 : GRID_2,
            detail: { after: { memberCount: i, z: null, a: ['x'] } },
          });
        }
      });
      await audit.append(fixture.engine.db.kysely, { actor: DEV_ACTOR, action: 'login' });
      const stored = await rows();
      expect(stored.map((row) => row.seq)).toEqual(Array.from({ length: 1101 }, (_, i) => i + 1));
      expect(stored[0]?.prev_hash).toBe(GENESIS_HASH);
      for (let i = 1; i < stored.length; i++) expect(stored[i]?.prev_hash).toBe(stored[i - 1]?.hash);
      expect(stored.every(hashMatches)).toBe(true);
      expect(stored[1]).toMatchObject({ actor_id: 'u-worker', actor_name: 'wangwu', session_id: 'session-1', action: 'update', org_path: GRID_2 });
      // Details are stored as canonical JSON: keys sorted at every depth.
      expect(stored[1]?.detail).toBe('{"after":{"a":["x"],"memberCount":1,"z":null}}');
      expect(stored.at(-1)).toMatchObject({ action: 'login', resource: null, record_id: null, org_path: null, detail: null, session_id: null });
      expect(await audit.verify()).toEqual({ ok: true, rows: 1101, hash: stored.at(-1)?.hash });
    });

    it("appends in the caller's transaction: a rolled-back write leaves no row and no gap", async () => {
      await audit.append(fixture.engine.db.kysely, { actor: worker, action: 'create' });
      await expect(
        writeTransaction(fixture.engine.db, async (trx) => {
          await audit.append(trx, { actor: worker, action: 'update' });
          throw new Error('the write failed');
        }),
      ).rejects.toThrow('the write failed');
      await audit.append(fixture.engine.db.kysely, { actor: worker, action: 'delete' });
      expect((await rows()).map((row) => [row.seq, row.action])).toEqual([
        [1, 'create'],
        [2, 'delete'],
      ]);
      expect(await audit.verify()).toMatchObject({ ok: true, rows: 2 });
    });

    it('serializes concurrent appends from many transactions', async () => {
      const db = fixture.engine.db;
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          i % 2 === 0
            ? audit.append(db.kysely, { actor: worker, action: 'login', detail: { i } })
            : writeTransaction(db, (trx) => audit.append(trx, { actor: worker, action: 'create', detail: { i } })),
        ),
      );
      expect(await audit.verify()).toMatchObject({ ok: true, rows: 40 });
    });

    if (dialect === 'postgres') {
      it('serializes concurrent appends from two connection pools (two API processes)', async () => {
        const other = await openDatabase(fixture.engine.db.url);
        try {
          const otherAudit = createAuditLog(other);
          const appendMany = (log: AuditLog, database: typeof other, label: string) =>
            Promise.all(
              Array.from({ length: 30 }, (_, i) =>
                writeTransaction(database, async (trx) => {
                  await log.append(trx, { actor: worker, action: 'update', detail: { label, i } });
                }),
              ),
            );
          await Promise.all([appendMany(audit, fixture.engine.db, 'a'), appendMany(otherAudit, other, 'b')]);
        } finally {
          await other.close();
        }
        expect(await audit.verify()).toMatchObject({ ok: true, rows: 60 });
      });
    }

    if (dialect === 'sqlite') {
      it('serializes concurrent appends from two processes on one database file', async () => {
        const folder = mkdtempSync(join(tmpdir(), 'zhili-audit-'));
        const url = `sqlite:${join(folder, 'audit.db')}`;
        const db = await openDatabase(url);
        try {
          await migrate(db, await loadModel(FIXTURE_PACKAGE));
          const run = promisify(execFile);
          const appendFrom = (label: string) => run(process.execPath, ['--import', 'tsx', APPEND_WORKER, url, label, '100'], { cwd: REPOSITORY });
          await Promise.all([appendFrom('a'), appendFrom('b')]);
          expect(await createAuditLog(db).verify()).toMatchObject({ ok: true, rows: 200 });
        } finally {
          await db.close();
          rmSync(folder, { recursive: true, force: true });
        }
      });
    }

    describe('list', () => {
      beforeEach(async () => {
        const events: [string | undefined, 'create' | 'update' | 'login'][] = [
          [GRID_1, 'create'],
          [GRID_2, 'update'],
          [XINBEI_GRID, 'create'],
          [COMMUNITY, 'update'],
          [TIANNING, 'create'],
          [undefined, 'login'],
        ];
        for (const [orgPath, action] of events) {
          await audit.append(fixture.engine.db.kysely, {
            actor: orgPath === XINBEI_GRID ? { ...worker, id: 'u-other' } : worker,
            action,
            resource: action === 'login' ? undefined : 'households',
            recordId: orgPath,
            ...(orgPath === undefined ? {} : { orgPath }),
            detail: { orgPath },
          });
        }
      });

      const seqs = async (actor: Actor, query: Parameters<AuditLog['list']>[1] = {}) => (await audit.list({ actor }, query)).data.map((entry) => entry.seq);

      it('returns the rows within the grants of audit / read, newest first', async () => {
        expect(await seqs(DEV_ACTOR)).toEqual([6, 5, 4, 3, 2, 1]);
        expect(await seqs(auditReader('tianning', [{ path: TIANNING, subtree: true }]))).toEqual([5, 4, 2, 1]);
        expect(await seqs(auditReader('community-only', [{ path: COMMUNITY, subtree: false }]))).toEqual([4]);
        expect(await seqs(auditReader('two-grids', [{ path: GRID_1, subtree: true }, { path: XINBEI_GRID, subtree: false }]))).toEqual([3, 1]);
        // Events without an org path (logins of users without roles) only for the whole tree.
        expect(await seqs(auditReader('city', [{ path: CHANGZHOU, subtree: true }]))).toEqual([5, 4, 3, 2, 1]);
        expect(await seqs(auditReader('root', [{ path: '/', subtree: true }]))).toEqual([6, 5, 4, 3, 2, 1]);
      });

      it('refuses an actor without any grant to read the audit log', async () => {
        const noAudit: Actor = { ...worker, grants: { households: { read: [{ path: '/', subtree: true }] } } };
        const error = await audit.list({ actor: noAudit }, {}).then(
          () => undefined,
          (reason: unknown) => reason,
        );
        expect(error).toBeInstanceOf(EngineError);
        expect((error as EngineError).code).toBe('FORBIDDEN');
      });

      it('filters by action, resource, record, actor and time, and pages', async () => {
        expect(await seqs(DEV_ACTOR, { action: 'create' })).toEqual([5, 3, 1]);
        expect(await seqs(DEV_ACTOR, { resource: 'households', action: 'update' })).toEqual([4, 2]);
        expect(await seqs(DEV_ACTOR, { recordId: GRID_2 })).toEqual([2]);
        expect(await seqs(DEV_ACTOR, { actorId: 'u-other' })).toEqual([3]);
        const all = (await audit.list({ actor: DEV_ACTOR }, {})).data;
        const third = all.find((entry) => entry.seq === 3);
        expect(await seqs(DEV_ACTOR, { from: third?.at })).toEqual(all.filter((entry) => entry.at >= (third?.at ?? '')).map((entry) => entry.seq));
        expect(await seqs(DEV_ACTOR, { to: '2000-01-01T00:00:00.000Z' })).toEqual([]);
        expect(await seqs(DEV_ACTOR, { from: '2000-01-01T00:00:00.000Z', to: '2999-01-01T00:00:00.000Z' })).toEqual([6, 5, 4, 3, 2, 1]);
        const page = await audit.list({ actor: DEV_ACTOR }, { page: 2, pageSize: 4 });
        expect(page).toMatchObject({ total: 6, page: 2, pageSize: 4 });
        expect(page.data.map((entry) => entry.seq)).toEqual([2, 1]);
        expect(page.data[0]).toMatchObject({
          actorId: 'u-worker',
          actorName: 'wangwu',
          sessionId: 'session-1',
          action: 'update',
          resource: 'households',
          recordId: GRID_2,
          orgPath: GRID_2,
          detail: { orgPath: GRID_2 },
        });
        expect(page.data[0]?.prevHash).toBe(page.data[1]?.hash);
      });
    });
  });
}
