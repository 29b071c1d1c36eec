import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openFixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import type { FixtureEngine } from '../resources/fixtures/fixture-engine.ts';
import { printListening, startServer } from './serve.ts';

describe('zhili serve', () => {
  let fixture: FixtureEngine;
  let adminDir: string;

  beforeAll(async () => {
    fixture = await openFixtureEngine('sqlite');
    adminDir = await mkdtemp(join(tmpdir(), 'zhili-serve-admin-'));
    await writeFile(join(adminDir, 'index.html'), '<!doctype html><title>admin</title>');
  });
  afterAll(async () => {
    await fixture.drop();
    await rm(adminDir, { recursive: true, force: true });
  });

  const printed = (running: { url: string; adminUrl: string | null }): string => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      printListening(running);
      return write.mock.calls.map(([chunk]) => String(chunk)).join('');
    } finally {
      write.mockRestore();
    }
  };

  it('serves the built admin at / and prints its URL', async () => {
    const running = await startServer(fixture.engine, { port: 0, host: '127.0.0.1', trustProxy: false, adminDir });
    try {
      expect(running.adminUrl).toBe(`${running.url}/`);
      expect(await (await fetch(`${running.url}/households`)).text()).toBe('<!doctype html><title>admin</title>');
      expect((await fetch(`${running.url}/api/health`)).status).toBe(200);
      expect(printed(running)).toContain(`管理端:${running.url}/  Admin: ${running.url}/`);
    } finally {
      await running.close();
    }
  });

  it('prints no admin URL when there is no built admin', async () => {
    const running = await startServer(fixture.engine, { port: 0, host: '127.0.0.1', trustProxy: false, adminDir: null });
    try {
      expect(running.adminUrl).toBeNull();
      expect(await (await fetch(`${running.url}/`)).text()).toContain('/api/r/households');
      const output = printed(running);
      expect(output).toContain(`Listening on ${running.url}`);
      expect(output).not.toContain('Admin');
    } finally {
      await running.close();
    }
  });
});
