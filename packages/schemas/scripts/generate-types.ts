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
  { schema: 'checklist.schema.json', out: 'checklist.ts' },
  { schema: 'workflow.schema.json', out: 'workflow.ts' },
  { schema: 'grid.schema.json', out: 'grid.ts' },
  { schema: 'points.schema.json', out: 'points.ts' },
  { schema: 'council.schema.json', out: 'council.ts' },
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
    const body = source.slice(BANNER.length);
    const imports = [
      ...(/\bText\b/.test(body) ? ["import type { Text } from '../text.ts';"] : []),
      ...[...crossFileTypes(schema)].map(([name, file]) => `import type { ${name} } from './${file}';`),
    ];
    out[target.out] = imports.length ? source.replace(/\*\/\n\n/, `*/\n\n${imports.join('\n')}\n\n`) : source;
  }
  return out;
}

/** A $ref to a definition of another meta-schema, e.g. resource.schema.json#/$defs/recordSchema. */
const CROSS_FILE_REF = /^([a-z-]+)\.schema\.json#\/\$defs\/([A-Za-z0-9]+)$/;

/** The type a cross-file definition is generated as in its own file: recordSchema → RecordSchema. */
function crossFileType(ref: string): { name: string; file: string } | null {
  const match = CROSS_FILE_REF.exec(ref);
  if (!match) return null;
  const [, file = '', definition = ''] = match;
  return { name: definition.charAt(0).toUpperCase() + definition.slice(1), file: `${file}.ts` };
}

/** The types of other generated files a meta-schema refers to, by name, with the file each comes from. */
function crossFileTypes(node: unknown, found = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(node)) for (const item of node) crossFileTypes(item, found);
  else if (typeof node === 'object' && node !== null) {
    const ref = (node as { $ref?: unknown }).$ref;
    const type = typeof ref === 'string' ? crossFileType(ref) : null;
    if (type) found.set(type.name, type.file);
    for (const value of Object.values(node)) crossFileTypes(value, found);
  }
  return found;
}

/**
 * Prepares a meta-schema for the generator: references to the shared Text schema become the
 * hand-written `Text` type, references to another meta-schema's definition become the type
 * generated for it there (imported), and a $ref's sibling description is dropped so that one
 * definition yields one named type (the description stays on the definition and on the property).
 * A schema that only describes (any value allowed) becomes `unknown` rather than an object type.
 */
function forTypes(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(forTypes);
  if (typeof node !== 'object' || node === null) return node;
  const entries = Object.entries(node);
  const ref = (node as { $ref?: unknown }).$ref;
  if (ref === 'text.schema.json') {
    return { tsType: 'Text', ...Object.fromEntries(entries.filter(([k]) => k === 'description')) };
  }
  const crossFile = typeof ref === 'string' ? crossFileType(ref) : null;
  if (crossFile) return { tsType: crossFile.name, ...Object.fromEntries(entries.filter(([k]) => k === 'description')) };
  if (typeof ref === 'string') return { $ref: ref };
  if (entries.every(([k]) => k === 'description')) return { tsType: 'unknown', ...node };
  return Object.fromEntries(entries.map(([k, v]) => [k, forTypes(v)]));
}
