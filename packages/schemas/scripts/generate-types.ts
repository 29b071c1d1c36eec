import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';

const META_DIR = new URL('../meta/', import.meta.url);

const BANNER = `/* eslint-disable */
/**
 * DO NOT EDIT: generated from packages/schemas/meta/%FILE% by \`npm run gen:types\`.
 * A test fails when this file is stale.
 */`;

/** Which meta-schema becomes which generated file. */
const TARGETS = [
  { schema: 'manifest.schema.json', out: 'manifest.ts' },
  { schema: 'resource.schema.json', out: 'resource.ts' },
  { schema: 'org-tree.schema.json', out: 'org-tree.ts' },
  { schema: 'role.schema.json', out: 'role.ts' },
] as const;

/** The TypeScript source of every generated file, by file name, from the meta-schemas on disk. */
export async function generateTypes(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const target of TARGETS) {
    const schema = JSON.parse(await readFile(new URL(target.schema, META_DIR), 'utf8')) as Record<string, unknown>;
    const source = await compile(forTypes(schema) as Record<string, unknown>, String(schema.title), {
      bannerComment: BANNER.replace('%FILE%', target.schema),
      additionalProperties: false,
      unreachableDefinitions: false,
      strictIndexSignatures: true,
      style: { singleQuote: true, printWidth: 120 },
      cwd: fileURLToPath(META_DIR),
    });
    out[target.out] = /\bText\b/.test(source.slice(BANNER.length))
      ? source.replace(/\*\/\n\n/, "*/\n\nimport type { Text } from '../text.ts';\n\n")
      : source;
  }
  return out;
}

/**
 * Prepares a meta-schema for the generator: references to the shared Text schema become the
 * hand-written `Text` type, and a $ref's sibling description is dropped so that one definition
 * yields one named type (the description stays on the definition and on the property). A schema that
 * only describes (any value allowed) becomes `unknown` rather than an object type.
 */
function forTypes(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(forTypes);
  if (typeof node !== 'object' || node === null) return node;
  const entries = Object.entries(node);
  const ref = (node as { $ref?: unknown }).$ref;
  if (ref === 'text.schema.json') {
    return { tsType: 'Text', ...Object.fromEntries(entries.filter(([k]) => k === 'description')) };
  }
  if (typeof ref === 'string') return { $ref: ref };
  if (entries.every(([k]) => k === 'description')) return { tsType: 'unknown', ...node };
  return Object.fromEntries(entries.map(([k, v]) => [k, forTypes(v)]));
}
