/**
 * The hand-written baseline of the api-list benchmark: hono + better-sqlite3 with no engine in
 * between, answering GET /households?grid=<code>&page=&pageSize= with the SQL the engine runs for a
 * grid (a leaf of the tree) and the same JSON (camelCase standard fields, JSON and boolean columns
 * converted, personal data masked as for a reader without pii:read, total). It knows the households
 * table by heart, as hand-written code would, and masks with the engine's own pure masking rules.
 * Usage: node --import tsx bench/api-list-baseline.ts <sqlite file> <port>
 */
import { serve } from '@hono/node-server';
import Database from 'better-sqlite3';
import { Hono } from 'hono';
import { maskValue, type MaskRule } from '@zhili/engine';

const [file, portArg] = process.argv.slice(2);
if (!file || !portArg) throw new Error('usage: api-list-baseline.ts <sqlite file> <port>');

const db = new Database(file, { readonly: true });
db.pragma('journal_mode = WAL');

const paths = new Map<string, string>();
for (const row of db.prepare('SELECT code, path FROM zhili_org_units').all() as { code: string; path: string }[]) {
  paths.set(row.code, row.path);
}
const jsonColumns = new Set(['categories']);
const booleanColumns = new Set(['mustVisit']);
const masks = new Map<string, MaskRule>([
  ['householderName', 'name'],
  ['householderIdNumber', 'id-number'],
  ['phone', 'phone'],
  ['address', 'address'],
]);
const STANDARD_COLUMNS = new Set(['id', 'org_path', 'version', 'created_at', 'created_by', 'updated_at', 'updated_by', 'config_version']);

const page = db.prepare('SELECT * FROM households WHERE org_path = ? ORDER BY address ASC, id ASC LIMIT ? OFFSET ?');
const count = db.prepare('SELECT count(*) AS n FROM households WHERE org_path = ?');

function toRecord(row: Record<string, unknown>): Record<string, unknown> {
  const orgPath = String(row.org_path);
  const record: Record<string, unknown> = {
    id: row.id,
    orgCode: orgPath.slice(orgPath.lastIndexOf('/', orgPath.length - 2) + 1, -1),
    orgPath,
    version: row.version,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    configVersion: row.config_version,
  };
  for (const [column, value] of Object.entries(row)) {
    if (value === null || STANDARD_COLUMNS.has(column)) continue;
    if (jsonColumns.has(column)) record[column] = JSON.parse(String(value));
    else if (booleanColumns.has(column)) record[column] = value === 1;
    else {
      const mask = masks.get(column);
      record[column] = mask ? maskValue(mask, String(value)) : value;
    }
  }
  return record;
}

const app = new Hono();
app.get('/households', (c) => {
  const path = paths.get(c.req.query('grid') ?? '');
  if (!path) return c.json({ message: 'unknown grid' }, 400);
  const pageNo = Number(c.req.query('page') ?? 1);
  const pageSize = Number(c.req.query('pageSize') ?? 20);
  const rows = page.all(path, pageSize, (pageNo - 1) * pageSize) as Record<string, unknown>[];
  const { n } = count.get(path) as { n: number };
  return c.json({ data: rows.map(toRecord), total: n, page: pageNo, pageSize });
});

serve({ fetch: app.fetch, port: Number(portArg), hostname: '127.0.0.1' }, () => {
  process.stdout.write('listening\n');
});
