import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PluginError, setupModules } from './host.ts';
import type { PluginHost } from './host.ts';

/**
 * Imports the plugin modules a package lists (absolute paths, parents' first) and sets their
 * default exports up in that order. A module that cannot be imported, has no default export or
 * whose plugin fails its setup stops here with a PluginError naming it and its module.
 */
export async function loadPlugins(modules: readonly string[]): Promise<PluginHost> {
  return setupModules(await importPlugins(modules));
}

/** The default exports of the plugin modules, each with its module; a module that cannot be imported or has none stops here with a PluginError. */
export async function importPlugins(modules: readonly string[]): Promise<{ readonly plugin: unknown; readonly module: string }[]> {
  const entries: { plugin: unknown; module: string }[] = [];
  for (const file of modules) {
    let mod: { default?: unknown };
    try {
      mod = (await import(pathToFileURL(file).href)) as { default?: unknown };
    } catch (error) {
      const reason = String((error as Error)?.message ?? error);
      throw new PluginError(basename(file), { 'zh-CN': `无法加载插件模块 ${file}：${reason}`, en: `cannot load the plugin module ${file}: ${reason}` }, { cause: error, module: file });
    }
    if (mod.default === undefined) {
      throw new PluginError(
        basename(file),
        { 'zh-CN': `插件模块 ${file} 没有默认导出（应为 export default definePlugin(…)）`, en: `the plugin module ${file} has no default export (expected export default definePlugin(…))` },
        { module: file },
      );
    }
    entries.push({ plugin: mod.default, module: file });
  }
  return entries;
}
