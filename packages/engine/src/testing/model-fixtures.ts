import { WEEKDAYS_ONLY } from '../workflows/calendar.ts';
import { createHash } from 'node:crypto';
import type { FieldSchema } from '@zhili/schemas';
import type { CompiledField, CompiledIndex, CompiledModel, CompiledResource, CompiledRole, StorageKind } from '../model/types.ts';

/** A field of a fixture resource. */
export interface FixtureField {
  readonly name: string;
  readonly kind: StorageKind;
  readonly required?: boolean;
}

/** A fixture resource: its fields and extra indexes (the standard org_path index is always added). */
export interface FixtureResource {
  readonly id: string;
  /** @default 'community' */
  readonly level?: string;
  readonly fields: readonly FixtureField[];
  readonly indexes?: readonly CompiledIndex[];
}

export interface FixtureModelOptions {
  /** @default 'fixture' */
  readonly id?: string;
  /** @default '1.0.0' */
  readonly version?: string;
  /** Level ids from the top down. @default ['city', 'district', 'street', 'community', 'grid'] */
  readonly levels?: readonly string[];
  readonly resources: readonly FixtureResource[];
  /** Compiled roles, by id. @default {} */
  readonly roles?: Readonly<Record<string, CompiledRole>>;
}

const SCHEMA_TYPES: Readonly<Record<StorageKind, FieldSchema>> = {
  text: { type: 'string' },
  integer: { type: 'integer' },
  number: { type: 'number' },
  boolean: { type: 'boolean' },
  json: { type: 'object' },
};

/**
 * A small CompiledModel built in code, for storage and org tests that need a model but not a
 * config package on disk. Only the parts storage reads are meaningful; the rest holds defaults.
 */
export function fixtureModel(options: FixtureModelOptions): CompiledModel {
  const levels = options.levels ?? ['city', 'district', 'street', 'community', 'grid'];
  const resources: Record<string, CompiledResource> = {};
  for (const resource of options.resources) {
    const fields: CompiledField[] = resource.fields.map((field) => ({
      name: field.name,
      title: field.name,
      kind: field.kind,
      required: field.required ?? false,
      scalar: field.kind !== 'json',
      format: null,
      enumValues: null,
      schema: SCHEMA_TYPES[field.kind],
    }));
    resources[resource.id] = {
      id: resource.id,
      table: resource.id,
      title: { 'zh-CN': `资源 ${resource.id}`, en: `Resource ${resource.id}` },
      description: null,
      module: null,
      level: resource.level ?? 'community',
      titleField: null,
      schema: {
        type: 'object',
        properties: Object.fromEntries(fields.map((field) => [field.name, field.schema])),
        required: fields.filter((field) => field.required).map((field) => field.name),
      },
      uiSchema: {},
      fields,
      list: { columns: [], filters: [], defaultSort: [], pageSize: 20 },
      indexes: [
        ...(resource.indexes ?? []),
        { name: `ix_${resource.id}_org_path`, columns: ['org_path', 'id'], unique: false },
      ],
      pii: [],
      sourceFile: `/fixtures/${resource.id}.yaml`,
    };
  }
  const id = options.id ?? 'fixture';
  const version = options.version ?? '1.0.0';
  return {
    id,
    title: { 'zh-CN': '测试配置包', en: 'Fixture package' },
    description: null,
    version,
    locale: 'zh-CN',
    packages: [{ name: id, id, version, dir: '/fixtures' }],
    levels: levels.map((level, depth) => ({ id: level, title: level, description: null, depth })),
    calendar: WEEKDAYS_ONLY,
    modules: [],
    resources,
    roles: options.roles ?? {},
    checklists: {},
    workflows: {},
    points: {},
    grids: null,
    councils: { bodies: {}, procedures: {} },
    orgTreeFile: null,
    demoDataModule: null,
    pluginModules: [],
    adminPluginModules: [],
    hash: createHash('sha256').update(JSON.stringify({ ...options, id, version, levels })).digest('hex'),
  };
}
