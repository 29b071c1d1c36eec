/**
 * Builds the admin when dist/ is missing or older than its sources, so that `npm start` on a fresh
 * clone (or after a pull) serves the current admin without a separate build step.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = join(root, 'dist/index.html');
const SOURCES = ['src', 'build', 'index.html', 'vite.config.ts', 'package.json'];

/** The newest modification time among the files at `path` (a file or a folder, recursively). */
function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), stat.mtimeMs);
}

const sourcesChanged = (): boolean => {
  const builtAt = statSync(built).mtimeMs;
  return SOURCES.some((source) => existsSync(join(root, source)) && newest(join(root, source)) > builtAt);
};

if (!existsSync(built) || sourcesChanged()) {
  process.stdout.write('构建管理端  Building the admin…\n');
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
}
