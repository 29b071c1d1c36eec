import type { WidgetProps } from '@rjsf/utils';
import type { AdminMeta, AjvExtensions } from '@zhili/schemas';
import { createElement, Suspense } from 'react';
import type { ComponentType } from 'react';
import type { AdminPlugin, AdminPluginPage } from './api.ts';

/** The bundled admin entries the served package enables: those of the plugins /api/meta lists, in its order. */
export function enabledPlugins(bundled: readonly AdminPlugin[], meta: AdminMeta | null): AdminPlugin[] {
  if (meta === null) return [];
  return meta.plugins.flatMap((p) => bundled.filter((entry) => entry.name === p.name));
}

/** The formats and keywords the enabled entries add, for the forms' validator. */
export function pluginAjv(plugins: readonly AdminPlugin[]): AjvExtensions {
  return { formats: plugins.flatMap((p) => p.formats ?? []), keywords: plugins.flatMap((p) => p.keywords ?? []) };
}

/**
 * The widgets the enabled entries add, by name (a later plugin's widget of the same name wins, as a
 * later plugin's hook runs last). RJSF takes only function and class components: a lazy (or memo)
 * one is rendered by a function, inside a Suspense of its own so that loading it blanks the field,
 * not the page.
 */
export function pluginWidgets(plugins: readonly AdminPlugin[]): Readonly<Record<string, ComponentType<WidgetProps>>> {
  const widgets: Record<string, ComponentType<WidgetProps>> = {};
  for (const [name, widget] of plugins.flatMap((p) => Object.entries(p.widgets ?? {}))) {
    widgets[name] = typeof widget === 'function' ? widget : (props: WidgetProps) => createElement(Suspense, { fallback: null }, createElement(widget, props));
  }
  return widgets;
}

/** A page of an enabled entry with where it lives. */
export interface PluginPageEntry {
  readonly plugin: string;
  readonly page: AdminPluginPage;
  /** /plugins/<plugin>/<path> */
  readonly route: string;
  /** Its Refine resource name. */
  readonly resource: string;
}

/** The pages of the enabled entries the actor has (see AdminPluginPage.visible). */
export function pluginPages(plugins: readonly AdminPlugin[], meta: AdminMeta): PluginPageEntry[] {
  return plugins.flatMap((plugin) =>
    (plugin.pages ?? [])
      .filter((page) => page.visible?.(meta) ?? true)
      .map((page) => ({ plugin: plugin.name, page, route: `/plugins/${plugin.name}/${page.path}`, resource: `zhili-plugin-${plugin.name}-${page.path}` })),
  );
}
