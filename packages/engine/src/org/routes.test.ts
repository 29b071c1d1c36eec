import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../api/app.ts';
import { openFixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import type { FixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import { DIALECTS } from '../testing/databases.ts';
import { asClient, signIn } from '../testing/sessions.ts';
import type { TestClient } from '../testing/sessions.ts';
import type { OrgUnitDetail, OrgUnitView } from '@zhili/schemas';

const GRID = '320404001001-01';

for (const dialect of DIALECTS) {
  describe(`/api/org (${dialect})`, () => {
    let fixture: FixtureEngine;
    let admin: TestClient;
    let gridWorker: TestClient;
    let anonymous: TestClient;

    const codes = async (client: TestClient, path: string): Promise<string[]> => {
      const response = await client.request(path);
      expect(response.status, path).toBe(200);
      return ((await response.json()) as { data: OrgUnitView[] }).data.map((unit) => unit.code);
    };

    beforeAll(async () => {
      fixture = await openFixtureEngine(dialect);
      const app = createApp(fixture.engine, { adminDir: null });
      admin = asClient(app, await signIn(fixture.engine, { roles: [{ role: 'admin', orgCode: '320400' }] }));
      gridWorker = asClient(app, await signIn(fixture.engine, { roles: [{ role: 'grid-worker', orgCode: GRID }] }));
      anonymous = { request: async (path, init) => app.request(path, init) };
    });
    afterAll(async () => {
      await fixture.drop();
    });

    it('lists the roots and the children of a unit, each with its level title in the request language', async () => {
      const roots = await admin.request('/api/org/units?locale=en');
      expect(await roots.json()).toEqual({ data: [{ code: '320400', name: '常州市', level: 'city', levelTitle: 'City', kind: null, hasChildren: true }] });
      expect(await codes(admin, '/api/org/units?parent=320400')).toEqual(['320404', '320411']);
      const grids = (await (await admin.request('/api/org/units?parent=320404001001')).json()) as { data: OrgUnitView[] };
      expect(grids.data).toEqual([
        { code: GRID, name: '第一网格', level: 'grid', levelTitle: '网格', kind: null, hasChildren: false },
        { code: '320404001001-02', name: '第二网格', level: 'grid', levelTitle: '网格', kind: null, hasChildren: false },
      ]);
      expect(await codes(admin, `/api/org/units?parent=${GRID}`)).toEqual([]);
    });

    it('gives one unit with its ancestors from the root down', async () => {
      const response = await admin.request(`/api/org/units/${GRID}?locale=en`);
      expect(response.status).toBe(200);
      const unit = (await response.json()) as OrgUnitDetail;
      expect(unit).toMatchObject({ code: GRID, name: '第一网格', levelTitle: 'Grid', hasChildren: false });
      expect(unit.ancestors.map((ancestor) => [ancestor.code, ancestor.levelTitle, ancestor.hasChildren])).toEqual([
        ['320400', 'City', true],
        ['320404', 'District', true],
        ['320404001', 'Street', true],
        ['320404001001', 'Community', true],
      ]);
      expect(((await (await admin.request('/api/org/units/320400')).json()) as OrgUnitDetail).ancestors).toEqual([]);
    });

    it('shows a grid worker only the path down to its grid and the grid itself', async () => {
      expect(await codes(gridWorker, '/api/org/units')).toEqual(['320400']);
      expect(await codes(gridWorker, '/api/org/units?parent=320400')).toEqual(['320404']);
      expect(await codes(gridWorker, '/api/org/units?parent=320404001')).toEqual(['320404001001']);
      expect(await codes(gridWorker, '/api/org/units?parent=320404001001')).toEqual([GRID]);
      const own = (await (await gridWorker.request(`/api/org/units/${GRID}`)).json()) as OrgUnitDetail;
      expect(own.ancestors.map((ancestor) => ancestor.code)).toEqual(['320400', '320404', '320404001', '320404001001']);
    });

    it('answers 404 for a unit the actor may not see, as for one that does not exist', async () => {
      for (const path of ['/api/org/units/320411', '/api/org/units/320404001001-02', '/api/org/units?parent=320411', '/api/org/units/nothing', '/api/org/units?parent=nothing']) {
        const response = await gridWorker.request(path);
        expect(response.status, path).toBe(404);
        expect(((await response.json()) as { code: string }).code, path).toBe('NOT_FOUND');
      }
      expect((await admin.request('/api/org/units/320411')).status).toBe(200);
      expect((await admin.request('/api/org/units/nothing')).status).toBe(404);
    });

    it('shows nothing to a user without any read grant, and needs a session', async () => {
      const nobody = asClient(createApp(fixture.engine, { adminDir: null }), await signIn(fixture.engine, { roles: [] }));
      expect(await codes(nobody, '/api/org/units')).toEqual([]);
      expect((await nobody.request('/api/org/units/320400')).status).toBe(404);
      expect((await anonymous.request('/api/org/units')).status).toBe(401);
      expect((await anonymous.request('/api/org/units/320400')).status).toBe(401);
    });
  });
}
