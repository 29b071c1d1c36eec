import type { CompiledModel } from '../model/types.ts';

/** Size of the demo data: tiny for tests, demo for `npm start`, city for benchmarks. */
export type SeedScale = 'tiny' | 'demo' | 'city';
export const SEED_SCALES: readonly SeedScale[] = ['tiny', 'demo', 'city'];

/** An org unit of the tree as the generator sees it (already in the database). */
export interface SeedOrgUnit {
  readonly code: string;
  readonly name: string;
  readonly level: string;
  readonly kind: string | null;
  readonly parentCode: string | null;
}

/** An org unit the generator adds below the package's tree (e.g. synthetic grids at city scale). */
export interface GeneratedOrgUnit {
  readonly code: string;
  readonly name: string;
  readonly level: string;
  readonly kind?: string;
  /** Code of an existing unit or of one generated earlier. */
  readonly parentCode: string;
}

/** One record to insert. */
export interface GeneratedRecord {
  readonly resource: string;
  /** Code of the org unit (of the resource's level) the record attaches to. */
  readonly orgCode: string;
  /** The record's own fields, valid against the resource schema, with an `id` (UUIDv7) when other records refer to it. */
  readonly record: Readonly<Record<string, unknown>> & { readonly id?: string };
}

export interface DemoDataContext {
  readonly scale: SeedScale;
  readonly model: CompiledModel;
  /** The package's org tree as loaded, parents before children. */
  readonly orgUnits: readonly SeedOrgUnit[];
  /** Target record counts per resource id that override the scale's (e.g. { households: 1_000_000 } for a benchmark). */
  readonly overrides: Readonly<Record<string, number>>;
}

export interface DemoData {
  /** Org units to add before any record, parents before children. */
  readonly orgUnits: Iterable<GeneratedOrgUnit>;
  /** The records, in an order where a referenced record comes before the records that refer to it. */
  readonly records: Iterable<GeneratedRecord>;
  /** Expected record count per resource, for progress output. */
  readonly expected: Readonly<Record<string, number>>;
}

/**
 * A package's demo-data generator (the default export of the module named by `demoData` in the
 * manifest). Must be deterministic: the same context yields the same data, ids included.
 */
export type DemoDataGenerator = (context: DemoDataContext) => DemoData;

/** Identity helper that types a generator: `export default defineDemoData((ctx) => …)`. */
export function defineDemoData(generator: DemoDataGenerator): DemoDataGenerator {
  return generator;
}
