import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generateTypes } from '../scripts/generate-types.ts';
import { createAjv } from './ajv.ts';
import { META_SCHEMAS, SHARED_SCHEMAS } from './meta.ts';

/** JSON pointers of the properties, anywhere in a schema, that lack a description. */
function undescribed(schema: unknown, pointer = ''): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const node = schema as Record<string, unknown>;
  const out: string[] = [];
  const subschemas = (key: string): [string, unknown][] => {
    const value = node[key];
    if (Array.isArray(value)) return value.map((v, i) => [`${pointer}/${key}/${i}`, v]);
    if (typeof value !== 'object' || value === null) return [];
    if (key === 'items' || key === 'additionalProperties') return [[`${pointer}/${key}`, value]];
    return Object.entries(value).map(([name, v]) => [`${pointer}/${key}/${name}`, v]);
  };
  for (const [path, property] of subschemas('properties')) {
    if (typeof (property as { description?: unknown }).description !== 'string') out.push(path);
  }
  for (const key of ['properties', 'patternProperties', '$defs', 'items', 'additionalProperties', 'oneOf', 'anyOf']) {
    for (const [path, sub] of subschemas(key)) out.push(...undescribed(sub, path));
  }
  return out;
}

describe('meta-schemas', () => {
  it('compile under the shared ajv setup', () => {
    const ajv = createAjv();
    for (const shared of SHARED_SCHEMAS) ajv.addSchema(shared);
    for (const schema of Object.values(META_SCHEMAS)) expect(() => ajv.compile(schema)).not.toThrow();
  });

  it('describe every property', () => {
    for (const schema of [...Object.values(META_SCHEMAS), ...SHARED_SCHEMAS]) {
      expect(undescribed(schema)).toEqual([]);
    }
  });

  it('match the committed TypeScript types (run `npm run gen:types` when this fails)', async () => {
    const generated = await generateTypes();
    for (const [file, source] of Object.entries(generated)) {
      const committed = await readFile(new URL(`./generated/${file}`, import.meta.url), 'utf8');
      expect(committed, `src/generated/${file} is stale`).toBe(source);
    }
  });
});
