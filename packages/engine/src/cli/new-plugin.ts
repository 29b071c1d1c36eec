import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { errors } from '../errors/engine-error.ts';
import { locateManifest } from '../package/resolve.ts';
import { say } from './output.ts';

const NAME = /^[a-z][a-z0-9-]{0,62}$/;

const bi = (zh: string, en: string) => ({ 'zh-CN': zh, en });

/** The plugin module a new plugin starts from: a route that answers who is signed in. */
function pluginSource(name: string): string {
  return `import { Hono } from 'hono';
import { definePlugin } from '@zhili/engine';
import type { PluginEnv } from '@zhili/engine';

/**
 * ${name}: GET /api/plugins/${name} answers the plugin and the signed-in user. Grow it from here:
 * api.onRecord, api.onTransition, api.onPosting, api.gridRuleKind and api.job (see docs/plugins.md).
 */
export default definePlugin({
  name: '${name}',
  version: '0.1.0',
  setup(api) {
    const app = new Hono<PluginEnv>();
    app.get('/', (c) => c.json({ plugin: api.plugin, user: c.var.actor.displayName }));
    api.routes(app);
  },
});
`;
}

/** Its test: the package sets the plugin up, and the route answers behind the sign-in, on every dialect. */
function testSource(name: string, pluginImport: string): string {
  return `import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, loadPackageModel } from '@zhili/engine';
import { asClient, DIALECTS, openFixtureEngine, signIn, type FixtureEngine, type TestClient } from '@zhili/engine/testing';
import plugin from '${pluginImport}';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

describe('the ${name} plugin', () => {
  it('is set up with the package', async () => {
    const { plugins } = await loadPackageModel(PACKAGE_DIR);
    expect(plugins.plugins).toContainEqual({ name: plugin.name, version: plugin.version });
  });
});

for (const dialect of DIALECTS) {
  describe(\`the ${name} plugin's route (\${dialect})\`, () => {
    let fixture: FixtureEngine;
    let client: TestClient;
    let anonymous: TestClient;

    beforeAll(async () => {
      fixture = await openFixtureEngine(dialect, PACKAGE_DIR);
      const app = createApp(fixture.engine, { adminDir: null });
      client = asClient(app, await signIn(fixture.engine, { roles: [], username: 'plugin-tester' }));
      anonymous = asClient(app, { token: 'none' });
    });
    afterAll(async () => {
      await fixture?.drop();
    });

    it('answers the signed-in user, and no one else', async () => {
      const answer = await client.request('/api/plugins/${name}');
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual({ plugin: { name: '${name}', version: '0.1.0' }, user: 'plugin-tester' });
      expect((await anonymous.request('/api/plugins/${name}')).status).toBe(401);
    });
  });
}
`;
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/**
 * `zhili new plugin <name> [<pkg>]`: writes plugins/<name>.ts and test/<name>.test.ts into the
 * package and lists the module in its manifest's plugins (comments and layout kept). Refuses a bad
 * name, a folder that is not a package, and files or a manifest entry that exist already, changing
 * nothing then.
 */
export async function newPluginCommand(options: { readonly name: string; readonly packageDir: string }): Promise<number> {
  const { name } = options;
  if (!NAME.test(name)) {
    throw errors.badRequest(bi(`插件名 ${name} 应为小写字母开头，由小写字母、数字和连字符组成`, `the plugin name ${name} should be lower-case letters, digits and hyphens, starting with a letter`));
  }
  const located = await locateManifest(resolve(options.packageDir));
  if (!('location' in located)) throw errors.badRequest(located.problem);
  const { dir, manifestFile: manifestPath } = located.location;
  const pluginPath = join(dir, 'plugins', `${name}.ts`);
  const testPath = join(dir, 'test', `${name}.test.ts`);
  for (const path of [pluginPath, testPath]) {
    if (await exists(path)) throw errors.conflict(bi(`文件 ${relative(process.cwd(), path)} 已存在`, `the file ${relative(process.cwd(), path)} exists already`));
  }
  const entry = `plugins/${name}.ts`;
  const manifest = withPlugin(manifestPath, await readFile(manifestPath, 'utf8'), entry);

  await mkdir(join(dir, 'plugins'), { recursive: true });
  await mkdir(join(dir, 'test'), { recursive: true });
  await writeFile(pluginPath, pluginSource(name), { flag: 'wx' });
  await writeFile(testPath, testSource(name, `../plugins/${name}.ts`), { flag: 'wx' });
  await writeFile(manifestPath, manifest);
  say(bi(`已创建插件 ${name}：${relative(process.cwd(), pluginPath)}，测试 ${relative(process.cwd(), testPath)}`, `Created the plugin ${name}: ${relative(process.cwd(), pluginPath)}, its test ${relative(process.cwd(), testPath)}`));
  say(bi(`已加入 ${relative(process.cwd(), manifestPath)} 的 plugins`, `Listed in the plugins of ${relative(process.cwd(), manifestPath)}`));
  return 0;
}

/** The manifest's text with `entry` added to its plugins (a YAML manifest keeps its comments and layout). */
function withPlugin(path: string, text: string, entry: string): string {
  const unreadable = errors.badRequest(bi(`无法解析 ${path}：请先修正它（zhili validate）`, `cannot parse ${path}: fix it first (zhili validate)`));
  const notList = errors.badRequest(bi(`${path} 的 plugins 应为列表`, `plugins in ${path} should be a list`));
  const listedAlready = errors.conflict(bi(`${path} 已列出 ${entry}`, `${path} lists ${entry} already`));
  if (path.endsWith('.json')) {
    let manifest: unknown;
    try {
      manifest = JSON.parse(text);
    } catch {
      throw unreadable;
    }
    if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) throw unreadable;
    const plugins = (manifest as Record<string, unknown>)['plugins'] ?? [];
    if (!Array.isArray(plugins)) throw notList;
    if (plugins.includes(entry)) throw listedAlready;
    return `${JSON.stringify({ ...manifest, plugins: [...plugins, entry] }, null, 2)}\n`;
  }
  const manifest = parseDocument(text);
  if (manifest.errors.length > 0 || !isMap(manifest.contents)) throw unreadable;
  const listed = manifest.get('plugins');
  if (listed !== undefined && !isSeq(listed)) throw notList;
  if (isSeq(listed)) {
    if (listed.items.some((item) => (isScalar(item) ? item.value : item) === entry)) throw listedAlready;
    listed.add(entry);
  } else {
    manifest.set('plugins', manifest.createNode([entry], { flow: true }));
  }
  return manifest.toString();
}
