import type { OrgUnit } from '@zhili/schemas';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EngineError } from '../errors/engine-error.ts';
import type { GeneratedOrgUnit } from '../seed/types.ts';
import { migrate } from '../storage/migrate.ts';
import { createTestDatabase, DIALECTS } from '../testing/databases.ts';
import type { TestDatabase } from '../testing/databases.ts';
import { fixtureModel } from '../testing/model-fixtures.ts';
import { subtreeRange } from './path.ts';
import { loadOrgService } from './service.ts';

const model = fixtureModel({ resources: [] });

function changzhou(): OrgUnit[] {
  return [
    {
      code: '320400',
      name: '常州市',
      level: 'city',
      children: [
        {
          code: '320404',
          name: '钟楼区',
          level: 'district',
          children: [
            {
              code: '320404001',
              name: '南大街街道',
              level: 'street',
              children: [{ code: '320404001001', name: '西新桥社区', level: 'community', kind: 'urban' }],
            },
          ],
        },
        { code: '320402', name: '天宁区', level: 'district' },
        // A county-level city sits on the district level.
        { code: '320481', name: '溧阳市', level: 'district' },
      ],
    },
  ];
}

async function refusal(promise: Promise<unknown>): Promise<EngineError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EngineError);
  return error as EngineError;
}

for (const dialect of DIALECTS) {
  describe(dialect, () => {
    let db: TestDatabase;
    beforeEach(async () => {
      db = await createTestDatabase(dialect);
      await migrate(db, model);
    });
    afterEach(async () => {
      await db.drop();
    });

    async function storedCodes(): Promise<string[]> {
      const rows = await db.kysely.selectFrom('zhili_org_units').select('code').orderBy('code').execute();
      return rows.map((row) => String(row.code));
    }

    it('syncs a nested tree: paths, depths, children in file order, and the same tree after a reload', async () => {
      const org = await loadOrgService(db, model);
      const report = await org.syncTree(changzhou());
      expect(report.inserted).toEqual(['320400', '320404', '320404001', '320404001001', '320402', '320481']);
      expect(org.byCode('320404001001')).toEqual({
        code: '320404001001',
        name: '西新桥社区',
        level: 'community',
        kind: 'urban',
        parentCode: '320404001',
        path: '/320400/320404/320404001/320404001001/',
        depth: 3,
      });
      expect(org.roots().map((unit) => unit.code)).toEqual(['320400']);
      expect(org.children('320400').map((unit) => unit.name)).toEqual(['钟楼区', '天宁区', '溧阳市']);
      expect(org.children('320402')).toEqual([]);
      expect(org.all().map((unit) => unit.code)).toEqual(['320400', '320404', '320404001', '320404001001', '320402', '320481']);
      const reloaded = await loadOrgService(db, model);
      expect(reloaded.all()).toEqual(org.all());
    });

    it('changes nothing when synced again, and updates names and kinds', async () => {
      const org = await loadOrgService(db, model);
      await org.syncTree(changzhou());
      expect(await org.syncTree(changzhou())).toEqual({ inserted: [], updated: [] });
      const renamed = changzhou();
      const district = renamed[0]?.children?.[0];
      if (!district) throw new Error('fixture');
      district.name = '钟楼区（新）';
      district.kind = 'urban';
      expect(await org.syncTree(renamed)).toEqual({ inserted: [], updated: ['320404'] });
      expect(org.byCode('320404')).toMatchObject({ name: '钟楼区（新）', kind: 'urban' });
      expect((await loadOrgService(db, model)).byCode('320404')?.name).toBe('钟楼区（新）');
    });

    it('refuses a unit whose parent changed, in both languages, and changes nothing', async () => {
      const org = await loadOrgService(db, model);
      await org.syncTree(changzhou());
      const moved = changzhou();
      const root = moved[0];
      if (!root?.children?.[0]) throw new Error('fixture');
      root.children[0].name = '改名不应生效';
      const street = root.children[0].children?.pop();
      if (!street) throw new Error('fixture');
      root.children[1] = { ...root.children[1]!, children: [street] };
      const error = await refusal(org.syncTree(moved));
      expect(error.code).toBe('BAD_REQUEST');
      expect(error.text['zh-CN']).toContain('320404001');
      expect(error.text['zh-CN']).toContain('上级');
      expect(error.text.en).toMatch(/320404001 .*parent 320404 in the database but 320402/);
      expect(error.fieldErrors?.['320404001']).toHaveLength(1);
      expect(org.byCode('320404')?.name).toBe('钟楼区');
      expect((await loadOrgService(db, model)).byCode('320404001')?.parentCode).toBe('320404');
    });

    it('refuses unknown levels, levels not below the parent, bad and duplicate codes, all at once', async () => {
      const org = await loadOrgService(db, model);
      const error = await refusal(
        org.syncTree([
          {
            code: '320400',
            name: '常州市',
            level: 'city',
            children: [
              { code: '320404', name: '钟楼区', level: 'province' },
              { code: '320402', name: '天宁区', level: 'city' },
              { code: '3204/1', name: '斜杠', level: 'district' },
              { code: '320481', name: '溧阳市', level: 'district' },
              { code: '320481', name: '溧阳市', level: 'district' },
            ],
          },
        ]),
      );
      expect(Object.keys(error.fieldErrors ?? {}).sort()).toEqual(['3204/1', '320402', '320404', '320481']);
      expect(error.text.en).toContain('4 problem(s)');
      expect(await storedCodes()).toEqual([]);
      expect(org.all()).toEqual([]);
    });

    it('adds 9,000 generated units in one go and finds them in the cache and the database', async () => {
      const org = await loadOrgService(db, model);
      await org.syncTree(changzhou());
      function* grids(): Generator<GeneratedOrgUnit> {
        for (let community = 0; community < 900; community++) {
          const communityCode = `320481${String(community).padStart(6, '0')}`;
          yield { code: communityCode, name: `社区 ${community}`, level: 'community', parentCode: '320481' };
          for (let grid = 0; grid < 9; grid++) {
            yield { code: `${communityCode}-${grid}`, name: `网格 ${grid}`, level: 'grid', kind: 'residential', parentCode: communityCode };
          }
        }
      }
      const started = performance.now();
      expect(await org.addUnits(grids())).toBe(9_000);
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(org.children('320481')).toHaveLength(900);
      expect(org.byCode('320481000899-8')).toMatchObject({ path: '/320400/320481/320481000899/320481000899-8/', depth: 3, kind: 'residential' });
      expect(org.all()).toHaveLength(9_006);
      expect((await loadOrgService(db, model)).all()).toEqual(org.all());
      expect(await org.addUnits(grids())).toBe(0);
    });

    it('refuses generated units with a missing parent or a level not below it, adding none', async () => {
      const org = await loadOrgService(db, model);
      await org.syncTree(changzhou());
      const before = await storedCodes();
      const error = await refusal(
        org.addUnits([
          { code: 'g1', name: '网格 1', level: 'grid', parentCode: '320404001001' },
          { code: 'g2', name: '网格 2', level: 'grid', parentCode: 'nowhere' },
          { code: 'g3', name: '网格 3', level: 'street', parentCode: '320404001001' },
          { code: '320402', name: '另一个天宁区', level: 'district', parentCode: '320400' },
        ]),
      );
      expect(Object.keys(error.fieldErrors ?? {}).sort()).toEqual(['320402', 'g2', 'g3']);
      expect(error.text['zh-CN']).toContain('nowhere');
      expect(await storedCodes()).toEqual(before);
      expect(org.byCode('g1')).toBeUndefined();
    });

    it('selects exactly a subtree by a range scan on the stored paths', async () => {
      const org = await loadOrgService(db, model);
      await org.syncTree(changzhou());
      await org.addUnits([{ code: '320404-1', name: '相似编码', level: 'street', parentCode: '320400' }]);
      const district = org.byCode('320404');
      if (!district) throw new Error('fixture');
      const { from, to } = subtreeRange(district.path);
      const rows = await db.kysely
        .selectFrom('zhili_org_units')
        .select('code')
        .where('path', '>=', from)
        .where('path', '<', to)
        .orderBy('path')
        .execute();
      expect(rows.map((row) => row.code)).toEqual(['320404', '320404001', '320404001001']);
    });
  });
}
