import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PluginError, setupPlugins } from './host.ts';
import type { PluginHost } from './host.ts';

/**
 * Imports the plugin modules a package lists (absolute paths, parents' first) and sets their
 * default exports up in that order. A module that cannot be imported, has no default export or
 * whose plugin fails its setup stops here with a PluginError naming it.
 */
export async function loadPlugins(modules: readonly string[]): Promise<PluginHost> {
  const plugins: unknown[] = [];
  for (const file of modules) {
    let mod: { default?: unknown };
    try {
      mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
    } catch (error) {
      throw new PluginError(basename(file), { 'zh-CN': `无法加载插件模块 ${file}：${String((error as Error)?.message ?? error)}`, en: `cannot load the plugin module ${file}: ${String((error as Error)?.message ?? error)}` }, { cause: error });
    }
    if (mod.default === undefined) {
      throw new PluginError(basename(file), { 'zh-CN': `插件模块 ${file} 没有默认导出（应为 export default definePlugin(…)）`, en: `the plugin module ${file} has no default export (expected export default definePlugin(…))` });
    }
    plugins.push(mod.default);
  }
  return setupPlugins(plugins);
}
