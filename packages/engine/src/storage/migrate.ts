import { resolveText } from '@zhili/schemas';
import type { BilingualText, Text } from '@zhili/schemas';
import { Migrator, sql } from 'kysely';
import type { CompiledQuery, Kysely } from 'kysely';
import { EngineError } from '../errors/engine-error.ts';
import type { CompiledModel, StorageKind } from '../model/types.ts';
import type { Database, Dialect } from './database.ts';
import { ENGINE_MIGRATION_LOCK_TABLE, ENGINE_MIGRATION_TABLE, engineMigrations } from './engine-migrations.ts';
import { introspectTables } from './introspect.ts';
import type { ActualTable } from './introspect.ts';
import { columnType, kindsOfColumnType, planTables } from './table-plan.ts';
import type { ColumnPlan, IndexPlan, TablePlan } from './table-plan.ts';
import { writeTransaction } from './transaction.ts';

/** A change migrate applied (or, in a dry run, would apply). */
export type Change =
  | { readonly kind: 'engine-migration'; readonly name: string; readonly message: BilingualText }
  | TableChange;

/** A change to a resource table, with the SQL that makes it. */
export type TableChange =
  | { readonly kind: 'create-table'; readonly resource: string; readonly table: string; readonly sql: string; readonly message: BilingualText }
  | {
      readonly kind: 'add-column';
      readonly resource: string;
      readonly table: string;
      readonly column: string;
      readonly sql: string;
      readonly message: BilingualText;
    }
  | {
      readonly kind: 'create-index' | 'drop-index';
      readonly resource: string;
      readonly table: string;
      readonly index: string;
      readonly sql: string;
      readonly message: BilingualText;
    };

/**
 * A change migrate will not make. `drop-column`: a field was removed from the config;
 * `change-type`: a field's storage kind changed; `drop-table`: a resource was removed;
 * `incompatible-table`: a table of the resource's name exists but was not made by zhili;
 * `failed`: the database rejected an additive change (e.g. a unique index over duplicate values).
 */
export interface Refusal {
  readonly kind: 'drop-column' | 'change-type' | 'drop-table' | 'incompatible-table' | 'failed';
  readonly resource: string;
  /** The field concerned, or null when the refusal is about the whole table. */
  readonly field: string | null;
  readonly message: BilingualText;
}

/** What a migration did. When anything is refused, nothing is changed and `applied` is empty. */
export interface MigrationReport {
  readonly applied: readonly Change[];
  readonly refused: readonly Refusal[];
}

export interface MigrateOptions {
  /** Report what would change without changing anything. @default false */
  readonly dryRun?: boolean;
}

/** A table change and the statement that makes it. */
interface PlannedChange {
  readonly change: TableChange;
  readonly query: CompiledQuery;
}

/**
 * Makes the database follow the model: first the engine's own tables (kysely migrations), then
 * the resource tables by diffing planTables(model) against the tables as they are. Additive
 * changes are applied in one transaction — new tables, new columns, new indexes, and dropping
 * indexes the model no longer has. Destructive ones (a removed field or resource, a changed field
 * type) are refused, naming the resource and field, and then nothing is changed. The applied model
 * is recorded in zhili_model_state. Running it again with the same model changes nothing.
 */
export async function migrate(db: Database, model: CompiledModel, options: MigrateOptions = {}): Promise<MigrationReport> {
  const plans = planTables(model);
  const preview = await planChanges({ db: db.kysely, dialect: db.dialect, model, plans });
  if (preview.refused.length > 0) return { applied: [], refused: preview.refused };

  const migrator = await createEngineMigrator(db);
  if (options.dryRun) {
    const pending = (await migrator.getMigrations()).filter((migration) => migration.executedAt === undefined);
    return {
      applied: [...pending.map((migration) => engineMigrationChange(migration.name)), ...preview.changes.map((planned) => planned.change)],
      refused: [],
    };
  }

  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    throw new EngineError(
      'INTERNAL',
      { 'zh-CN': '引擎数据表迁移失败', en: 'Migrating the engine tables failed' },
      { cause: error },
    );
  }
  const engineChanges = results
    .filter((result) => result.status === 'Success')
    .map((result) => engineMigrationChange(result.migrationName));

  const outcome = await writeTransaction(db, async (trx) => {
    if (db.dialect === 'postgres') {
      await sql`select pg_advisory_xact_lock(hashtext('zhili.migrate.' || current_schema()))`.execute(trx);
    }
    // Planned again under the lock: another process may have migrated since the preview.
    const planned = await planChanges({ db: trx, dialect: db.dialect, model, plans });
    if (planned.refused.length > 0) return { applied: [], refused: planned.refused };
    for (const { change, query } of planned.changes) {
      try {
        await trx.executeQuery(query);
      } catch (cause) {
        throw new ApplyFailure(change, cause);
      }
    }
    await recordModelState(trx, model, plans);
    return { applied: planned.changes.map((item) => item.change), refused: [] };
  }).catch((error: unknown): MigrationReport => {
    if (error instanceof ApplyFailure) return { applied: [], refused: [error.refusal()] };
    throw error;
  });
  return { applied: [...engineChanges, ...outcome.applied], refused: outcome.refused };
}

class ApplyFailure extends Error {
  readonly change: TableChange;
  constructor(change: TableChange, cause: unknown) {
    super(`Applying ${change.kind} on ${change.table} failed`, { cause });
    this.change = change;
  }

  refusal(): Refusal {
    const reason = this.cause instanceof Error ? this.cause.message : String(this.cause);
    return {
      kind: 'failed',
      resource: this.change.resource,
      field: this.change.kind === 'add-column' ? this.change.column : null,
      message: {
        'zh-CN': `数据库拒绝了变更“${this.change.message['zh-CN']}”：${reason}。未做任何修改。`,
        en: `The database rejected the change "${this.change.message.en}": ${reason}. Nothing was changed.`,
      },
    };
  }
}

async function createEngineMigrator(db: Database): Promise<Migrator> {
  const migrations = engineMigrations(db.dialect);
  // On Postgres kysely looks for its bookkeeping tables in every schema unless told which one.
  const schema =
    db.dialect === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db.kysely)).rows[0]?.schema
      : undefined;
  return new Migrator({
    db: db.kysely,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    migrationTableName: ENGINE_MIGRATION_TABLE,
    migrationLockTableName: ENGINE_MIGRATION_LOCK_TABLE,
    // Migration ids are handed out ahead to work landing in parallel (0009 may ship after 0010): a database
    // that has a later one applies an earlier newcomer instead of refusing to start.
    allowUnorderedMigrations: true,
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
}

function engineMigrationChange(name: string): Change {
  return {
    kind: 'engine-migration',
    name,
    message: { 'zh-CN': `引擎数据表迁移 ${name}`, en: `Engine table migration ${name}` },
  };
}

// Kysely<any> throughout: resource tables and the catalogue have no static types.

async function recordedPlans(db: Kysely<any>, dialect: Dialect): Promise<TablePlan[] | null> {
  const state = await introspectTables({ db, dialect, names: ['zhili_model_state'] });
  if (!state.has('zhili_model_state')) return null;
  const row = await db.selectFrom('zhili_model_state').select(['tables']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row ? (JSON.parse(String(row.tables)) as TablePlan[]) : null;
}

async function recordModelState(db: Kysely<any>, model: CompiledModel, plans: readonly TablePlan[]): Promise<void> {
  const last = await db.selectFrom('zhili_model_state').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  if (last && last.hash === model.hash) return;
  await db
    .insertInto('zhili_model_state')
    .values({
      seq: last ? Number(last.seq) + 1 : 1,
      package_id: model.id,
      version: model.version,
      hash: model.hash,
      applied_at: new Date().toISOString(),
      tables: JSON.stringify(plans),
    })
    .execute();
}

async function planChanges(options: {
  readonly db: Kysely<any>;
  readonly dialect: Dialect;
  readonly model: CompiledModel;
  readonly plans: readonly TablePlan[];
}): Promise<{ changes: PlannedChange[]; refused: Refusal[] }> {
  const { db, dialect, model, plans } = options;
  const recorded = await recordedPlans(db, dialect);
  const planned = new Set(plans.map((plan) => plan.table));
  const removed = (recorded ?? []).filter((plan) => !planned.has(plan.table));
  const actual = await introspectTables({
    db,
    dialect,
    names: [...plans.map((plan) => plan.table), ...removed.map((plan) => plan.table)],
  });

  const changes: PlannedChange[] = [];
  const refused: Refusal[] = [];
  for (const plan of plans) {
    const resource = model.resources[plan.resource];
    const title = resource ? bilingual(resource.title) : { 'zh-CN': plan.resource, en: plan.resource };
    const table = actual.get(plan.table);
    const diff = { db, dialect, plan, title };
    if (!table) {
      changes.push(createTable(diff), ...plan.indexes.map((index) => createIndex({ ...diff, index })));
      continue;
    }
    const before = recorded?.find((item) => item.table === plan.table) ?? null;
    const columnDiff = diffColumns({ ...diff, table, before });
    changes.push(...columnDiff.changes);
    refused.push(...columnDiff.refused);
    changes.push(...diffIndexes({ ...diff, table }));
  }
  for (const plan of removed) {
    if (!actual.has(plan.table)) continue;
    refused.push({
      kind: 'drop-table',
      resource: plan.resource,
      field: null,
      message: {
        'zh-CN': `资源 ${plan.resource} 已从配置中删除，但数据库中仍有它的表 ${plan.table}。删除表会丢失数据，已拒绝，未做任何修改。请恢复该资源，或由数据库管理员备份后手工删除该表。`,
        en: `Resource ${plan.resource} was removed from the config, but its table ${plan.table} is still in the database. Dropping it would lose data, so the migration is refused and nothing was changed. Restore the resource, or have a database administrator back the table up and drop it by hand.`,
      },
    });
  }
  return { changes, refused };
}

interface TableDiff {
  readonly db: Kysely<any>;
  readonly dialect: Dialect;
  readonly plan: TablePlan;
  readonly title: BilingualText;
}

function diffColumns(options: TableDiff & { readonly table: ActualTable; readonly before: TablePlan | null }): {
  changes: PlannedChange[];
  refused: Refusal[];
} {
  const { dialect, plan, title, table, before } = options;
  const changes: PlannedChange[] = [];
  const refused: Refusal[] = [];
  for (const column of plan.columns) {
    const existing = table.columns.get(column.name);
    if (!existing) {
      if (column.field === null) refused.push(incompatibleTable(plan, title, column.name));
      else changes.push(addColumn({ ...options, column }));
      continue;
    }
    const possible = kindsOfColumnType(existing.type, dialect);
    const recordedKind = before?.columns.find((item) => item.name === column.name)?.kind;
    const actualKind = recordedKind !== undefined && possible.includes(recordedKind) ? recordedKind : possible.length === 1 ? possible[0] : undefined;
    const matches = actualKind === undefined ? possible.includes(column.kind) : actualKind === column.kind;
    if (matches) continue;
    if (column.field === null) {
      refused.push(incompatibleTable(plan, title, column.name));
      continue;
    }
    const was = kindLabel(actualKind ?? existing.type);
    refused.push({
      kind: 'change-type',
      resource: plan.resource,
      field: column.field,
      message: {
        'zh-CN': `资源“${title['zh-CN']}”（${plan.resource}）的字段 ${column.field} 的存储类型由 ${was['zh-CN']} 改为 ${kindLabel(column.kind)['zh-CN']}。改变列类型可能丢失数据，已拒绝，未做任何修改。请保留原类型，或改用一个新的字段名。`,
        en: `The storage type of field ${column.field} of resource "${title.en}" (${plan.resource}) changed from ${was.en} to ${kindLabel(column.kind).en}. Changing a column's type could lose data, so the migration is refused and nothing was changed. Keep the old type, or use a new field name.`,
      },
    });
  }
  const planned = new Set(plan.columns.map((column) => column.name));
  for (const name of table.columns.keys()) {
    if (planned.has(name)) continue;
    refused.push({
      kind: 'drop-column',
      resource: plan.resource,
      field: name,
      message: {
        'zh-CN': `资源“${title['zh-CN']}”（${plan.resource}）的字段 ${name} 已从配置中删除，但表 ${plan.table} 中仍有该列。删除列会丢失数据，已拒绝，未做任何修改。请恢复该字段，或由数据库管理员备份后手工删除该列。`,
        en: `Field ${name} of resource "${title.en}" (${plan.resource}) was removed from the config, but table ${plan.table} still has the column. Dropping it would lose data, so the migration is refused and nothing was changed. Restore the field, or have a database administrator back the column up and drop it by hand.`,
      },
    });
  }
  return { changes, refused };
}

function diffIndexes(options: TableDiff & { readonly table: ActualTable }): PlannedChange[] {
  const { plan, table } = options;
  const changes: PlannedChange[] = [];
  const wanted = new Map(plan.indexes.map((index) => [index.name, index]));
  for (const existing of table.indexes.values()) {
    const index = wanted.get(existing.name);
    if (!index || !sameIndex(index, existing)) changes.push(dropIndex({ ...options, index: existing.name }));
  }
  for (const index of plan.indexes) {
    const existing = table.indexes.get(index.name);
    if (!existing || !sameIndex(index, existing)) changes.push(createIndex({ ...options, index }));
  }
  return changes;
}

function sameIndex(a: IndexPlan, b: IndexPlan): boolean {
  return a.unique === b.unique && a.columns.length === b.columns.length && a.columns.every((column, i) => b.columns[i] === column);
}

function columnSqlType(column: ColumnPlan, dialect: Dialect) {
  const type = columnType(column.kind, dialect);
  return sql.raw(column.byteOrdered && dialect === 'postgres' ? `${type} collate "C"` : type);
}

function createTable({ db, dialect, plan, title }: TableDiff): PlannedChange {
  let builder = db.schema.createTable(plan.table);
  for (const column of plan.columns) {
    builder = builder.addColumn(column.name, columnSqlType(column, dialect), (col) => {
      if (column.primaryKey) return col.primaryKey();
      return column.notNull ? col.notNull() : col;
    });
  }
  const query = builder.compile();
  return {
    query,
    change: {
      kind: 'create-table',
      resource: plan.resource,
      table: plan.table,
      sql: query.sql,
      message: {
        'zh-CN': `新建表 ${plan.table}（资源“${title['zh-CN']}”）`,
        en: `Create table ${plan.table} (resource "${title.en}")`,
      },
    },
  };
}

function addColumn({ db, dialect, plan, title, column }: TableDiff & { readonly column: ColumnPlan }): PlannedChange {
  const query = db.schema.alterTable(plan.table).addColumn(column.name, columnSqlType(column, dialect)).compile();
  const kind = kindLabel(column.kind);
  return {
    query,
    change: {
      kind: 'add-column',
      resource: plan.resource,
      table: plan.table,
      column: column.name,
      sql: query.sql,
      message: {
        'zh-CN': `为资源“${title['zh-CN']}”新增字段 ${column.name}（表 ${plan.table} 新增${kind['zh-CN']}列）`,
        en: `Add field ${column.name} to resource "${title.en}" (new ${kind.en} column in table ${plan.table})`,
      },
    },
  };
}

function createIndex({ db, plan, index }: TableDiff & { readonly index: IndexPlan }): PlannedChange {
  let builder = db.schema.createIndex(index.name).on(plan.table).columns([...index.columns]);
  if (index.unique) builder = builder.unique();
  const query = builder.compile();
  const columns = index.columns.join(', ');
  return {
    query,
    change: {
      kind: 'create-index',
      resource: plan.resource,
      table: plan.table,
      index: index.name,
      sql: query.sql,
      message: {
        'zh-CN': `新建${index.unique ? '唯一' : ''}索引 ${index.name}（表 ${plan.table}：${columns}）`,
        en: `Create ${index.unique ? 'unique ' : ''}index ${index.name} (table ${plan.table}: ${columns})`,
      },
    },
  };
}

function dropIndex({ db, plan, index }: TableDiff & { readonly index: string }): PlannedChange {
  const query = db.schema.dropIndex(index).compile();
  return {
    query,
    change: {
      kind: 'drop-index',
      resource: plan.resource,
      table: plan.table,
      index,
      sql: query.sql,
      message: {
        'zh-CN': `删除配置中已没有或已改变的索引 ${index}（表 ${plan.table}）`,
        en: `Drop index ${index}, which the config no longer has or has changed (table ${plan.table})`,
      },
    },
  };
}

function incompatibleTable(plan: TablePlan, title: BilingualText, column: string): Refusal {
  return {
    kind: 'incompatible-table',
    resource: plan.resource,
    field: null,
    message: {
      'zh-CN': `资源“${title['zh-CN']}”（${plan.resource}）的表 ${plan.table} 已存在，但标准列 ${column} 缺失或类型不符：这张表不是 zhili 建的。已拒绝，未做任何修改。`,
      en: `Table ${plan.table} of resource "${title.en}" (${plan.resource}) exists, but its standard column ${column} is missing or of another type: zhili did not create it. The migration is refused and nothing was changed.`,
    },
  };
}

const KIND_LABELS: Readonly<Record<StorageKind, BilingualText>> = {
  text: { 'zh-CN': '文本（text）', en: 'text' },
  integer: { 'zh-CN': '整数（integer）', en: 'integer' },
  number: { 'zh-CN': '数字（number）', en: 'number' },
  boolean: { 'zh-CN': '布尔（boolean）', en: 'boolean' },
  json: { 'zh-CN': 'JSON', en: 'JSON' },
};

function kindLabel(kind: string): BilingualText {
  return Object.hasOwn(KIND_LABELS, kind) ? KIND_LABELS[kind as StorageKind] : { 'zh-CN': kind, en: kind };
}

function bilingual(text: Text): BilingualText {
  return { 'zh-CN': resolveText(text, 'zh-CN'), en: resolveText(text, 'en') };
}
