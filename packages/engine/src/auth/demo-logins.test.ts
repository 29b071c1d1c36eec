import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import type { FixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import { createDemoLogins, DEMO_PASSWORD } from './demo-logins.ts';

const CHANGZHOU = fileURLToPath(new URL('../../../../examples/changzhou', import.meta.url));

describe('demo logins', () => {
  let fixture: FixtureEngine;
  beforeAll(async () => {
    fixture = await openFixtureEngine('sqlite', CHANGZHOU);
  });
  afterAll(async () => {
    await fixture.drop();
  });

  it('creates one login per role at the first unit of its level, each able to log in with its role', async () => {
    const { engine } = fixture;
    const logins = await createDemoLogins(engine);
    expect(logins.map((l) => l.role).sort()).toEqual(Object.keys(engine.model.roles).sort());
    expect(logins.map((l) => l.role)).toEqual(expect.arrayContaining(['grid-worker', 'community-worker', 'street-admin', 'district-officer', 'admin']));
    for (const login of logins) {
      const role = engine.model.roles[login.role];
      const unit = engine.org.byCode(login.orgCode);
      if (role?.level) expect(unit?.level, login.role).toBe(role.level);
      expect(login.password).toBe(DEMO_PASSWORD);
      const session = await engine.auth.login({ username: login.username, password: login.password, ip: '127.0.0.1' });
      expect(session.actor.assignments).toEqual([{ role: login.role, orgCode: login.orgCode, orgPath: unit?.path }]);
    }
    expect(logins.find((l) => l.role === 'grid-worker')?.orgCode).toBe(engine.org.all().find((u) => u.level === 'grid')?.code);
    expect(await createDemoLogins(engine)).toEqual([]);
  });
});
