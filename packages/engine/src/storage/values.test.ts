import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { StorageKind } from '../model/types.ts';
import { createTestDatabase, DIALECTS } from '../testing/databases.ts';
import { fromDbValue, toDbValue } from './values.ts';

const SAMPLES: readonly { kind: StorageKind; value: unknown }[] = [
  { kind: 'text', value: '高龄老人' },
  { kind: 'integer', value: 42 },
  { kind: 'number', value: 3.25 },
  { kind: 'boolean', value: true },
  { kind: 'boolean', value: false },
  { kind: 'json', value: ['困境儿童', '独居老人'] },
  { kind: 'json', value: { address: { street: '延陵西路', no: 1 }, tags: [] } },
];

for (const dialect of DIALECTS) {
  describe(dialect, () => {
    it('round-trips every storage kind, and null, through a real table', async () => {
      const db = await createTestDatabase(dialect);
      try {
        const jsonType = dialect === 'sqlite' ? 'text' : 'jsonb';
        const booleanType = dialect === 'sqlite' ? 'integer' : 'boolean';
        const realType = dialect === 'sqlite' ? 'real' : 'double precision';
        const intType = dialect === 'sqlite' ? 'integer' : 'bigint';
        await sql
          .raw(
            `create table v (i integer, text text, integer ${intType}, number ${realType}, boolean ${booleanType}, json ${jsonType})`,
          )
          .execute(db.kysely);
        for (const [i, { kind, value }] of SAMPLES.entries()) {
          await db.kysely
            .insertInto('v')
            .values({ i, [kind]: toDbValue(kind, value, dialect) })
            .execute();
        }
        const rows = await db.kysely.selectFrom('v').selectAll().orderBy('i').execute();
        for (const [i, { kind, value }] of SAMPLES.entries()) {
          const row = rows[i] as Record<string, unknown>;
          expect(fromDbValue(kind, row[kind], dialect)).toEqual(value);
          const other: StorageKind = kind === 'text' ? 'integer' : 'text';
          expect(fromDbValue(other, row[other], dialect)).toBeNull();
        }
      } finally {
        await db.drop();
      }
    });
  });
}

describe('toDbValue', () => {
  it('writes JSON as a string on Postgres so arrays do not become Postgres arrays', () => {
    expect(toDbValue('json', [1, 2], 'postgres')).toBe('[1,2]');
    expect(toDbValue('boolean', true, 'sqlite')).toBe(1);
    expect(toDbValue('text', undefined, 'postgres')).toBeNull();
  });
});
