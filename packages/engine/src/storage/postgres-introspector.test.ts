import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS } from '../testing/databases.ts';
import type { TestDatabase } from '../testing/databases.ts';

describe.skipIf(!DIALECTS.includes('postgres'))('introspection on Postgres', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    await sql`create table things (id serial primary key, name text not null, note text default 'x')`.execute(db.kysely);
    await sql`create view thing_names as select name from things`.execute(db.kysely);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('sees only the tables of its own schema, with their columns', async () => {
    const tables = await db.kysely.introspection.getTables();
    expect(tables.map((t) => [t.name, t.isView])).toEqual([
      ['thing_names', true],
      ['things', false],
    ]);
    const things = tables.find((t) => t.name === 'things');
    expect(things?.columns.map((c) => [c.name, c.isNullable, c.hasDefaultValue, c.isAutoIncrementing])).toEqual([
      ['id', false, true, true],
      ['name', false, false, false],
      ['note', true, true, false],
    ]);
  });

  it('is not disturbed by other schemas being dropped meanwhile (parallel tests, other tenants)', async () => {
    const churn = async (): Promise<void> => {
      for (let i = 0; i < 10; i++) {
        const other = await createTestDatabase('postgres');
        await sql`create table t (id serial primary key, a int, b int, c int)`.execute(other.kysely);
        await other.drop();
      }
    };
    const look = async (): Promise<void> => {
      for (let i = 0; i < 30; i++) expect((await db.kysely.introspection.getTables()).map((t) => t.name)).toContain('things');
    };
    await Promise.all([churn(), churn(), look()]);
  });
});
