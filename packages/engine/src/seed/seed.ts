import { pathToFileURL } from 'node:url';
import { SYSTEM_ACTOR } from '../actor/actor.ts';
import type { Engine } from '../engine.ts';
import { EngineError } from '../errors/engine-error.ts';
import type { DemoDataGenerator, GeneratedRecord, SeedScale } from './types.ts';

/** Records handed to the resources service per insert (one transaction each). */
const BATCH_SIZE = 2_000;

export interface SeedProgress {
  readonly resource: string;
  /** Records of this resource inserted so far. */
  readonly done: number;
  /**
   * Records of this resource the generator expects to produce: its estimate while seeding, the
   * number actually written in the last report of each resource.
   */
  readonly expected: number;
}

export interface SeedOptions {
  readonly scale: SeedScale;
  /**
   * Target counts per resource id that override the scale's, e.g. { households: 1_000_000 }; the
   * generator sizes its data by them, and no more records of a resource than its count are written.
   */
  readonly overrides?: Readonly<Record<string, number>>;
  /** Called after every batch. */
  readonly onProgress?: (progress: SeedProgress) => void;
}

export interface SeedReport {
  readonly orgUnits: number;
  readonly records: Readonly<Record<string, number>>;
  readonly milliseconds: number;
}

/**
 * Fills an empty database with the package's demo data (its `demoData` generator), as the system
 * actor and through the resources service, so every record is validated like any other write.
 * Refuses when any resource already holds records: generated ids are deterministic, and mixing
 * two seeds would be neither one.
 */
export async function seedDemoData(engine: Engine, options: SeedOptions): Promise<SeedReport> {
  const started = performance.now();
  const generator = await loadGenerator(engine);
  await assertEmpty(engine);

  const orgUnits = engine.org.all().map((unit) => ({
    code: unit.code,
    name: unit.name,
    level: unit.level,
    kind: unit.kind,
    parentCode: unit.parentCode,
  }));
  const overrides = options.overrides ?? {};
  const data = generator({ scale: options.scale, model: engine.model, orgUnits, overrides });
  const expected = { ...data.expected, ...overrides };
  const addedUnits = await engine.org.addUnits(data.orgUnits);

  const ctx = { actor: SYSTEM_ACTOR };
  const buffers = new Map<string, Record<string, unknown>[]>();
  const counts: Record<string, number> = {};
  const flush = async (resource: string): Promise<void> => {
    const batch = buffers.get(resource);
    if (!batch?.length) return;
    buffers.set(resource, []);
    await engine.resources.insertMany(ctx, resource, batch);
    counts[resource] = (counts[resource] ?? 0) + batch.length;
    options.onProgress?.({ resource, done: counts[resource] ?? 0, expected: expected[resource] ?? 0 });
  };

  const taken: Record<string, number> = {};
  for (const item of data.records) {
    // Overrides are also caps: a generator that sizes only some resources by them (households)
    // still yields no more of any resource than asked for (e.g. residents=0 for a benchmark).
    const cap = overrides[item.resource];
    if (cap !== undefined && (taken[item.resource] ?? 0) >= cap) continue;
    taken[item.resource] = (taken[item.resource] ?? 0) + 1;
    const batch = buffers.get(item.resource) ?? [];
    buffers.set(item.resource, batch);
    batch.push(toInput(item));
    if (batch.length >= BATCH_SIZE) await flush(item.resource);
  }
  for (const resource of buffers.keys()) await flush(resource);
  for (const [resource, done] of Object.entries(counts)) options.onProgress?.({ resource, done, expected: done });

  return { orgUnits: addedUnits, records: counts, milliseconds: performance.now() - started };
}

function toInput(item: GeneratedRecord): Record<string, unknown> {
  return { ...item.record, orgCode: item.orgCode };
}

async function loadGenerator(engine: Engine): Promise<DemoDataGenerator> {
  const file = engine.model.demoDataModule;
  if (!file) {
    throw new EngineError('BAD_REQUEST', {
      'zh-CN': `配置包 ${engine.model.id} 及其上级配置包均未提供演示数据生成器(manifest 的 demoData)`,
      en: `Package ${engine.model.id} and its parents name no demo-data generator (manifest key demoData)`,
    });
  }
  const mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
  if (typeof mod.default !== 'function') {
    throw new EngineError('BAD_REQUEST', {
      'zh-CN': `演示数据生成器 ${file} 的默认导出不是函数(应为 defineDemoData(…))`,
      en: `The default export of the demo-data generator ${file} is not a function (expected defineDemoData(…))`,
    });
  }
  return mod.default as DemoDataGenerator;
}

/** Whether any resource table holds a record. */
export async function hasRecords(engine: Engine): Promise<boolean> {
  for (const resource of Object.values(engine.model.resources)) {
    const row = await engine.db.kysely.selectFrom(resource.table).select('id').limit(1).executeTakeFirst();
    if (row) return true;
  }
  return false;
}

async function assertEmpty(engine: Engine): Promise<void> {
  if (await hasRecords(engine)) {
    throw new EngineError('CONFLICT', {
      'zh-CN': '数据库中已有记录;演示数据只能写入空数据库',
      en: 'The database already holds records; demo data is only seeded into an empty database',
    });
  }
}
