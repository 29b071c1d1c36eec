/**
 * Builds the admin when dist/ is missing, older than its sources, or built with other plugin
 * admin entries, so that `npm start` on a fresh clone (or after a pull) serves the current admin
 * without a separate build step. The arguments are config packages whose plugins' admin entries
 * (their manifests' adminPlugins, parents' included) the build bundles.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModel } from '@zhili/engine';
import { ADMIN_PLUGINS_ENV } from './admin-plugins.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = join(root, 'dist/index.html');
/** What the last build bundled, beside dist/ (not in it: the admin serves dist/). */
const stamp = join(root, '.admin-plugins.json');
const SOURCES = ['src', 'build', 'index.html', 'vite.config.ts', 'package.json'];

/** The newest modification time among the files at `path` (a file or a folder, recursively). */
function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), stat.mtimeMs);
}

const packages = process.argv.slice(2);
const modules = [...new Set((await Promise.all(packages.map(async (dir) => (await loadModel(resolve(dir))).adminPluginModules))).flat())];

const stale = (): boolean => {
  if (!existsSync(built) || !existsSync(stamp)) return true;
  if (readFileSync(stamp, 'utf8') !== JSON.stringify(modules)) return true;
  const builtAt = statSync(built).mtimeMs;
  // An entry's folder holds what it imports (a shared format, its pages).
  const sources = [...SOURCES.map((source) => join(root, source)), ...modules.map((module) => dirname(module))];
  return sources.some((source) => existsSync(source) && newest(source) > builtAt);
};

if (stale()) {
  process.stdout.write(`构建管理端  Building the admin${modules.length ? ` (${modules.length} plugin admin entries)` : ''}…\n`);
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, [ADMIN_PLUGINS_ENV]: JSON.stringify(modules) } });
  writeFileSync(stamp, JSON.stringify(modules));
}
