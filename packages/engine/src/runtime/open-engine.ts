import { createEngine, type Engine } from '../engine.ts';
import type { CompiledModel } from '../model/types.ts';
import { loadOrgTree, loadPackageModel } from '../package/index.ts';
import { openDatabase } from '../storage/database.ts';
import { migrate, type MigrationReport } from '../storage/migrate.ts';

export interface OpenEngineOptions {
  /** Folder of the config package to serve. */
  readonly packageDir: string;
  /** Database URL; defaults to $ZHILI_DB_URL, then sqlite:.zhili/<package id>.db. */
  readonly dbUrl?: string | undefined;
}

export type OpenEngineResult =
  | { readonly ok: true; readonly engine: Engine; readonly migration: MigrationReport }
  | { readonly ok: false; readonly model: CompiledModel; readonly migration: MigrationReport };

/** The database URL used when none is given. */
export function defaultDatabaseUrl(model: CompiledModel): string {
  return process.env.ZHILI_DB_URL || `sqlite:.zhili/${model.id}.db`;
}

/**
 * Everything `serve`, `migrate` and `seed` share: load and compile the package (throws
 * PackageError listing every issue, a plugin that cannot be set up among them), open the database, apply additive migrations, load the
 * package's jurisdiction tree, and assemble the engine. A refused migration changes nothing and is
 * reported, not thrown.
 */
export async function openEngine(options: OpenEngineOptions): Promise<OpenEngineResult> {
  const { model, plugins } = await loadPackageModel(options.packageDir);
  const tree = await loadOrgTree(model);
  const db = await openDatabase(options.dbUrl ?? defaultDatabaseUrl(model));
  try {
    const migration = await migrate(db, model);
    if (migration.refused.length > 0) {
      await db.close();
      return { ok: false, model, migration };
    }
    const engine = await createEngine({ model, db, plugins });
    if (tree) await engine.org.syncTree(tree);
    return { ok: true, engine, migration };
  } catch (error) {
    await db.close();
    throw error;
  }
}
