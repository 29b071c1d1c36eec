import { isAbsolute } from 'node:path';
import type { Plugin } from 'vite';

/** The environment variable that names the admin entries to bundle: a JSON array of absolute paths (see ensure-built.ts). */
export const ADMIN_PLUGINS_ENV = 'ZHILI_ADMIN_PLUGINS';

const VIRTUAL = 'virtual:zhili/admin-plugins';
const RESOLVED = `\0${VIRTUAL}`;

/** The admin entries named by ZHILI_ADMIN_PLUGINS, none when it is unset; anything but a JSON array of absolute paths is refused. */
export function adminPluginModules(env: NodeJS.ProcessEnv = process.env): string[] {
  const text = env[ADMIN_PLUGINS_ENV];
  if (text === undefined || text === '') return [];
  let modules: unknown;
  try {
    modules = JSON.parse(text);
  } catch {
    modules = null;
  }
  if (!Array.isArray(modules) || modules.some((m) => typeof m !== 'string' || !isAbsolute(m))) {
    throw new Error(`${ADMIN_PLUGINS_ENV} 应为绝对路径的 JSON 数组 / should be a JSON array of absolute paths: ${text}`);
  }
  return modules as string[];
}

/**
 * The module virtual:zhili/admin-plugins: the default exports of the given admin entries, in order.
 * The admin enables those of the plugins the served package lists (plugins/registry.ts).
 */
export function adminPlugins(modules: readonly string[]): Plugin {
  return {
    name: 'zhili-admin-plugins',
    resolveId: (source) => (source === VIRTUAL ? RESOLVED : null),
    load(id) {
      if (id !== RESOLVED) return null;
      const imports = modules.map((module, i) => `import plugin${i} from ${JSON.stringify(module)};`);
      return `${imports.join('\n')}\nexport default [${modules.map((_, i) => `plugin${i}`).join(', ')}];\n`;
    },
  };
}
