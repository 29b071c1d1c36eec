import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../api/app.ts';
import { loadModel } from '../package/index.ts';
import { openFixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import type { FixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import { DIALECTS } from '../testing/databases.ts';
import { asClient, signIn } from '../testing/sessions.ts';
import type { TestClient } from '../testing/sessions.ts';
import { loadPlugins } from './load.ts';

const PACKAGE = fileURLToPath(new URL('./fixtures/with-plugins', import.meta.url));
const GRID = '320404001001-01';

describe('a package’s plugins', () => {
  it('are listed by the package, set up in its order, and a missing module is a config error at its place', async () => {
    const model = await loadModel(PACKAGE);
    expect(model.pluginModules.map((m) => m.split('/').at(-1))).toEqual(['tidy-address.ts', 'household-summary.ts']);
    const host = await loadPlugins(model.pluginModules);
    expect(host.plugins).toEqual([
      { name: 'tidy-address', version: '1.0.0' },
      { name: 'household-summary', version: '0.2.0' },
    ]);
    await expect(loadPlugins([fileURLToPath(new URL('./fixtures/with-plugins/zhili.yaml', import.meta.url))])).rejects.toMatchObject({ name: 'PluginError', plugin: 'zhili.yaml' });
  });
});

for (const dialect of DIALECTS) {
  describe(`plugins in the engine (${dialect})`, () => {
    let fixture: FixtureEngine;
    let client: TestClient;
    let anonymous: TestClient;

    beforeAll(async () => {
      fixture = await openFixtureEngine(dialect, PACKAGE);
      const app = createApp(fixture.engine, { adminDir: null, logger: { error: () => undefined } });
      client = asClient(app, await signIn(fixture.engine, { roles: [{ role: 'grid-worker', orgCode: GRID }] }));
      anonymous = asClient(app, { token: 'none' });
    });
    afterAll(async () => {
      await fixture?.drop();
    });

    const create = (body: Record<string, unknown>) =>
      client.request('/api/r/households', { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'en' }, body: JSON.stringify({ orgCode: GRID, memberCount: 2, ...body }) });

    it('runs a before hook on writes: it tidies what is stored, or refuses with its field error and stores nothing', async () => {
      const created = await create({ address: '  兰陵苑\u30003幢   201室 ', householderName: '王芳' });
      expect(created.status).toBe(201);
      const record = (await created.json()) as Record<string, unknown>;
      expect(record['address']).toBe('兰陵苑 3幢 201室');

      const refused = await create({ address: '兰陵苑4幢', householderName: '王芳2' });
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: { householderName: ['a householder name has no digits'] } });
      const listed = (await (await client.request('/api/r/households?pageSize=50')).json()) as { data: Record<string, unknown>[] };
      expect(listed.data.some((r) => r['address'] === '兰陵苑4幢')).toBe(false);

      const updated = await client.request(`/api/r/households/${String(record['id'])}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ version: record['version'], address: '兰陵苑  3幢 202室' }),
      });
      expect(((await updated.json()) as Record<string, unknown>)['address']).toBe('兰陵苑 3幢 202室');
    });

    it('mounts a plugin’s routes at /api/plugins/<name> behind the sign-in, acting as the user', async () => {
      expect((await anonymous.request('/api/plugins/household-summary')).status).toBe(401);
      const answer = await client.request('/api/plugins/household-summary');
      expect(answer.status).toBe(200);
      const body = (await answer.json()) as { plugin: unknown; households: number };
      const visible = (await (await client.request('/api/r/households?pageSize=1')).json()) as { total: number };
      expect(body).toEqual({ plugin: { name: 'household-summary', version: '0.2.0' }, households: visible.total });
      expect((await client.request('/api/plugins/nobody')).status).toBe(404);
    });
  });
}
