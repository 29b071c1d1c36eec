import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '@zhili/engine';
import { asClient, DIALECTS, openFixtureEngine, signIn, type FixtureEngine, type TestClient } from '@zhili/engine/testing';
import { PACKAGE_DIR } from './gaoxian.ts';

/** A community of 文江镇 and one of its grids. */
const COMMUNITY = '511525101001';
const GRID = '511525101001001001';

type Body = Record<string, unknown>;

for (const dialect of DIALECTS) {
  describe(`Gaoxian's claim-register plugin (${dialect})`, () => {
    let fixture: FixtureEngine;
    let grid: TestClient;
    let community: TestClient;
    const clock = { now: new Date('2026-11-23T02:00:00Z') };

    beforeAll(async () => {
      fixture = await openFixtureEngine(dialect, PACKAGE_DIR, { now: () => clock.now });
      const app = createApp(fixture.engine, { adminDir: null, logger: { error: () => undefined } });
      grid = asClient(app, await signIn(fixture.engine, { roles: [{ role: 'grid-worker', orgCode: GRID }] }));
      community = asClient(app, await signIn(fixture.engine, { roles: [{ role: 'community-worker', orgCode: COMMUNITY }] }));
    });
    afterAll(async () => {
      await fixture?.drop();
    });

    const call = async (client: TestClient, method: string, path: string, body?: unknown): Promise<Body> => {
      const response = await client.request(path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) });
      const json = (await response.json()) as Body;
      expect(response.status, `${method} ${path}: ${JSON.stringify(json)}`).toBeLessThan(300);
      return json;
    };
    const act = (id: string, action: string, version: number, extra: Body = {}) => call(community, 'POST', `/api/cases/${id}/transitions`, { action, version, ...extra });

    it('keeps the claimant on the need through claim, withdrawal and completion, and counts the claims by kind of claimant', async () => {
      const need = await call(grid, 'POST', '/api/r/resident_needs', { orgCode: GRID, title: '老旧小区楼道照明', residents: 40 });
      const kase = await call(grid, 'POST', '/api/workflows/need-claiming/cases', { record: need['id'] });
      const id = String(kase['id']);
      const read = () => call(community, 'GET', `/api/r/resident_needs/${String(need['id'])}`);
      await act(id, 'post', 1);
      const badCode = await community.request(`/api/cases/${id}/transitions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': 'en' },
        body: JSON.stringify({ action: 'claim', version: 2, data: { claimant: '高县某照明器材店', claimantKind: 'merchant', claimantCode: '91350100M000100Y44' } }),
      });
      expect(badCode.status).toBe(400);
      expect(await badCode.json()).toMatchObject({ errors: { 'data.claimantCode': ['is not a unified social credit code (18 characters with a correct check character)'] } });
      await act(id, 'claim', 2, { data: { claimant: '高县某照明器材店', claimantKind: 'merchant', claimantCode: '91350100M000100Y43' } });
      expect(await read()).toMatchObject({ claimant: '高县某照明器材店', claimantKind: 'merchant', claimedOn: '2026-11-23' });

      clock.now = new Date('2026-11-25T02:00:00Z');
      await act(id, 'withdraw', 3, { comment: '店家无法按期供货' });
      const withdrawn = await read();
      expect(withdrawn['claimant']).toBeUndefined();
      expect(withdrawn['claimedOn']).toBeUndefined();

      await act(id, 'claim', 4, { data: { claimant: '县住建局', claimantKind: 'department' } });
      clock.now = new Date('2026-12-02T02:00:00Z');
      await act(id, 'complete', 5, { data: { result: '更换楼道灯 24 盏' } });
      expect(await read()).toMatchObject({ claimant: '县住建局', claimantKind: 'department', claimedOn: '2026-11-25', metOn: '2026-12-02' });

      const other = await call(grid, 'POST', '/api/r/resident_needs', { orgCode: GRID, title: '小区停车棚维修' });
      const second = String((await call(grid, 'POST', '/api/workflows/need-claiming/cases', { record: other['id'] }))['id']);
      await act(second, 'post', 1);
      await act(second, 'claim', 2, { data: { claimant: '高县义工联合会', claimantKind: 'organisation' } });

      expect(await call(community, 'GET', `/api/plugins/claim-register?org=${COMMUNITY}`)).toEqual({
        org: COMMUNITY,
        claimed: 2,
        met: 1,
        byKind: [
          { kind: 'department', claimed: 1, met: 1 },
          { kind: 'merchant', claimed: 0, met: 0 },
          { kind: 'organisation', claimed: 1, met: 0 },
        ],
      });
    });

    it('answers an unknown unit with the records service’s error under org, in the request’s language', async () => {
      const response = await community.request('/api/plugins/claim-register?org=000000', { headers: { 'accept-language': 'en' } });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { errors?: Record<string, string[]> };
      expect(body.errors?.['org']?.[0]).toMatch(/000000/);
    });
  });
}
