import { useMemo } from 'react';
import { useAdmin } from '../app/admin-context.ts';
import type { AdminPlugin } from './api.ts';
import { BUNDLED_PLUGINS } from './bundled.ts';
import { enabledPlugins, pluginAjv, pluginPages, pluginWidgets } from './registry.ts';
import type { PluginPageEntry } from './registry.ts';

/** The enabled plugin entries of the served package, with what they add. */
export function usePlugins(): { readonly plugins: readonly AdminPlugin[]; readonly pages: readonly PluginPageEntry[]; readonly ajv: ReturnType<typeof pluginAjv>; readonly widgets: ReturnType<typeof pluginWidgets> } {
  const { meta } = useAdmin();
  return useMemo(() => {
    const plugins = enabledPlugins(BUNDLED_PLUGINS, meta);
    return { plugins, pages: meta === null ? [] : pluginPages(plugins, meta), ajv: pluginAjv(plugins), widgets: pluginWidgets(plugins) };
  }, [meta]);
}
