import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScopeGrant } from '../actor/actor.ts';
import { migrate } from '../storage/migrate.ts';
import { toDbValue } from '../storage/values.ts';
import { createTestDatabase, DIALECTS } from '../testing/databases.ts';
import type { TestDatabase } from '../testing/databases.ts';
import { fixtureModel } from '../testing/model-fixtures.ts';
import { parseListQuery } from './query.ts';
import { allOf, escapeGlob, escapeLike, filtersPredicate, grantsPredicate, orderByTerms, scopePredicate, subtreePredicate } from './sql.ts';

const model = fixtureModel({
  resources: [
    {
      id: 'notes',
      fields: [
        { name: 'title', kind: 'text' },
        { name: 'rank', kind: 'integer' },
        { name: 'done', kind: 'boolean' },
      ],
    },
  ],
});
const notes = model.resources['notes']!;

/** Rows: id n<i>, the title, its rank, its org path. */
const ROWS: readonly [string, string | null, number | null, string][] = [
  ['n01', '50%', 1, '/1/2/'],
  ['n02', '500', 2, '/1/2/3/'],
  ['n03', '5_0', 3, '/1/20/'],
  ['n04', 'a\\b', 4, '/1/20/4/'],
  ['n05', 'Abc', 5, '/1/'],
  ['n06', 'abc', 6, '/1/2/'],
  ['n07', '[x]*?', 7, '/1/2/'],
  ['n08', null, null, '/9/'],
  ['n09', '高龄老人', 9, '/1/2/'],
];

for (const dialect of DIALECTS) {
  describe(dialect, () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase(dialect);
      const report = await migrate(db, model);
      expect(report.refused).toEqual([]);
      await db.kysely
        .insertInto('notes')
        .values(
          ROWS.map(([id, title, rank, path]) => ({
            id,
            org_path: path,
            version: 1,
            created_at: '2024-01-01T00:00:00.000Z',
            created_by: 't',
            updated_at: '2024-01-01T00:00:00.000Z',
            updated_by: 't',
            config_version: '1.0.0',
            title,
            rank,
            done: toDbValue('boolean', rank !== null && rank % 2 === 1, dialect),
          })),
        )
        .execute();
    });
    afterAll(async () => {
      await db.drop();
    });

    /** Ids of the rows a query string selects, in the query's order. */
    async function ids(query: string): Promise<string[]> {
      const parsed = parseListQuery(notes, new URLSearchParams(query));
      const where = filtersPredicate(parsed.filters, db.dialect);
      let builder = db.kysely.selectFrom('notes').select('id');
      if (where) builder = builder.where(where);
      const rows = await builder.orderBy(orderByTerms(parsed.sort)).execute();
      return rows.map((row) => String(row.id));
    }

    it('matches LIKE wildcards and the escape character literally', async () => {
      expect(await ids('title[contains]=50%')).toEqual(['n01']);
      expect(await ids('title[contains]=5_')).toEqual(['n03']);
      expect(await ids(`title[contains]=${encodeURIComponent('\\')}`)).toEqual(['n04']);
      expect(await ids('title[startswith]=%')).toEqual([]);
      expect(await ids('title[endswiths]=%')).toEqual(['n01']);
      expect(await ids('title[containss]=_')).toEqual(['n03']);
    });

    it('matches GLOB metacharacters literally in case-sensitive prefix and suffix matches', async () => {
      expect(await ids(`title[startswiths]=${encodeURIComponent('[x]*')}`)).toEqual(['n07']);
      expect(await ids(`title[endswiths]=${encodeURIComponent('*?')}`)).toEqual(['n07']);
      expect(await ids(`title[startswiths]=${encodeURIComponent('[')}`)).toEqual(['n07']);
      expect(await ids(`title[startswiths]=${encodeURIComponent('?')}`)).toEqual([]);
    });

    it('folds case in contains, startswith, endswith and not in their …s variants', async () => {
      expect(await ids('title[contains]=AB')).toEqual(['n05', 'n06']);
      expect(await ids('title[containss]=Ab')).toEqual(['n05']);
      expect(await ids('title[startswith]=a')).toEqual(['n04', 'n05', 'n06']);
      expect(await ids('title[startswiths]=a')).toEqual(['n04', 'n06']);
      expect(await ids('title[endswith]=BC')).toEqual(['n05', 'n06']);
      expect(await ids('title[endswiths]=BC')).toEqual([]);
      expect(await ids('title[endswiths]=bc')).toEqual(['n05', 'n06']);
      expect(await ids('title[contains]=老')).toEqual(['n09']);
    });

    it('includes empty fields in negated matches', async () => {
      expect(await ids('title[ncontains]=5')).toEqual(['n04', 'n05', 'n06', 'n07', 'n08', 'n09']);
      expect(await ids('title[nstartswiths]=a&title[nendswith]=C')).toEqual(['n01', 'n02', 'n03', 'n07', 'n08', 'n09']);
      expect(await ids('rank[ne]=1&rank[nin]=2,3&rank[nbetween]=4,6')).toEqual(['n07', 'n08', 'n09']);
    });

    it('compares, lists, ranges and null checks', async () => {
      expect(await ids('rank[lt]=2')).toEqual(['n01']);
      expect(await ids('rank[lte]=2')).toEqual(['n01', 'n02']);
      expect(await ids('rank[gt]=7')).toEqual(['n09']);
      expect(await ids('rank[gte]=7')).toEqual(['n07', 'n09']);
      expect(await ids('rank[in]=3,9')).toEqual(['n03', 'n09']);
      expect(await ids('rank[between]=2,4')).toEqual(['n02', 'n03', 'n04']);
      expect(await ids('rank[null]=true')).toEqual(['n08']);
      expect(await ids('title[nnull]=true')).toHaveLength(8);
      expect(await ids('done=true')).toEqual(['n01', 'n03', 'n05', 'n07', 'n09']);
      expect(await ids('done[ne]=true')).toEqual(['n02', 'n04', 'n06', 'n08']);
    });

    it('combines JSON or/and groups', async () => {
      const filter = [{ operator: 'or', value: [{ field: 'rank', operator: 'eq', value: 1 }, { operator: 'and', value: [{ field: 'rank', operator: 'gt', value: 5 }, { field: 'title', operator: 'startswith', value: 'A' }] }] }];
      expect(await ids(`filter=${encodeURIComponent(JSON.stringify(filter))}`)).toEqual(['n01', 'n06']);
      expect(await ids(`filter=${encodeURIComponent('[{"operator":"or","value":[]}]')}`)).toHaveLength(ROWS.length);
    });

    it('sorts with id as the tiebreaker in the last key\'s direction', async () => {
      expect(await ids('done=true&sort=-done')).toEqual(['n09', 'n07', 'n05', 'n03', 'n01']);
      expect(await ids('rank[lte]=3&sort=-rank')).toEqual(['n03', 'n02', 'n01']);
      expect(await ids('rank[lte]=3&sort=-id')).toEqual(['n03', 'n02', 'n01']);
    });

    it('narrows to scope grants: subtrees by range scans on org_path, never LIKE, single units by equality', async () => {
      const subtrees = (paths: readonly string[]): ScopeGrant[] => paths.map((path) => ({ path, subtree: true }));
      const select = async (grants: readonly ScopeGrant[]): Promise<string[]> => {
        const predicate = scopePredicate(grants);
        let builder = db.kysely.selectFrom('notes').select('id').orderBy('id');
        if (predicate) builder = builder.where(predicate);
        return (await builder.execute()).map((row) => String(row.id));
      };
      expect(await select(subtrees(['/1/2/']))).toEqual(['n01', 'n02', 'n06', 'n07', 'n09']);
      expect(await select(subtrees(['/1/20/', '/9/']))).toEqual(['n03', 'n04', 'n08']);
      expect(await select([{ path: '/1/2/', subtree: false }])).toEqual(['n01', 'n06', 'n07', 'n09']);
      expect(await select([])).toEqual([]);
      expect(scopePredicate([{ path: '/', subtree: true }, { path: '/1/', subtree: false }])).toBeNull();

      const compiled = db.kysely.selectFrom('notes').select('id').where(scopePredicate(subtrees(['/1/2/']))!).compile();
      expect(compiled.sql).toMatch(/"org_path" >= .* and "org_path" < /);
      expect(compiled.sql).not.toMatch(/like/i);
      expect(compiled.parameters).toEqual(['/1/2/', '/1/20']);
      // Another column, e.g. of a joined table: the same ranges on it.
      const aliased = await db.kysely.selectFrom('notes as n').select('n.id').where(grantsPredicate(subtrees(['/1/2/']), 'n.org_path')).orderBy('n.id').execute();
      expect(aliased.map((row) => row.id)).toEqual(['n01', 'n02', 'n06', 'n07', 'n09']);
      expect((await db.kysely.selectFrom('notes').select('id').where(grantsPredicate([{ path: '/', subtree: true }])).execute()).length).toBeGreaterThan(5);
    });

    it('narrows to a unit without children by equality, to any other unit by range', async () => {
      const leaf = db.kysely.selectFrom('notes').select('id').where(subtreePredicate('/1/2/3/', { leaf: true })).compile();
      expect(leaf.sql).toMatch(/"org_path" = (\?|\$1)/);
      expect((await db.kysely.selectFrom('notes').select('id').where(subtreePredicate('/1/2/', { leaf: true })).orderBy('id').execute()).map((r) => r.id)).toEqual(['n01', 'n06', 'n07', 'n09']);
      expect((await db.kysely.selectFrom('notes').select('id').where(subtreePredicate('/1/2/', { leaf: false })).orderBy('id').execute()).map((r) => r.id)).toEqual(['n01', 'n02', 'n06', 'n07', 'n09']);
    });

    it('ANDs the scope, the org and the filters', async () => {
      const parsed = parseListQuery(notes, new URLSearchParams('rank[gte]=4'));
      const predicate = allOf([scopePredicate([{ path: '/1/', subtree: true }]), scopePredicate([{ path: '/1/20/', subtree: true }]), filtersPredicate(parsed.filters, db.dialect)]);
      const rows = await db.kysely.selectFrom('notes').select('id').where(predicate!).execute();
      expect(rows.map((row) => row.id)).toEqual(['n04']);
    });
  });
}

describe('escaping', () => {
  it('escapes LIKE wildcards and backslashes', () => {
    expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });
  it('escapes GLOB metacharacters as classes', () => {
    expect(escapeGlob('a*b?[c]')).toBe('a[*]b[?][[]c]');
  });
});
