/**
 * The admin side of a plugin, as '@zhili/admin/plugin': a module a config package lists in
 * `adminPlugins`, bundled when the admin is built, whose default export is defineAdminPlugin(…).
 * The admin enables it when the served package lists the plugin of the same name.
 */
import type { WidgetProps } from '@rjsf/utils';
import type { AdminMeta, BilingualText, FormatDefinition, KeywordDefinition } from '@zhili/schemas';
import type { ComponentType } from 'react';

/** A page of a plugin: at /plugins/<plugin>/<path>, with a menu entry. */
export interface AdminPluginPage {
  /** Lower-case letters, digits and hyphens. */
  readonly path: string;
  /** The menu entry and the page's heading. */
  readonly title: BilingualText;
  /** Whether the signed-in actor has the page (in the menu and at its address). @default everyone signed in */
  readonly visible?: (meta: AdminMeta) => boolean;
  /** The page's content, inside the admin's frame; it reads the meta, client and language with useAdmin(). */
  readonly component: ComponentType;
}

/** What a plugin adds to the admin. */
export interface AdminPlugin {
  /** The name of the plugin this entry belongs to (its definePlugin name). */
  readonly name: string;
  /** String formats the forms check: the same definitions the plugin registers on the server (api.format). */
  readonly formats?: readonly FormatDefinition[];
  /** Validation keywords the forms check: the same definitions as the plugin's api.keyword. */
  readonly keywords?: readonly KeywordDefinition[];
  /** RJSF widgets by name, as a resource's or a form's uiSchema names them in `ui:widget`; a widget may be lazy (loaded when a form uses it). */
  readonly widgets?: Readonly<Record<string, ComponentType<WidgetProps>>>;
  /** Pages, each with a menu entry. */
  readonly pages?: readonly AdminPluginPage[];
}

/** Declares a plugin's admin entry: the default export of a module a package lists in adminPlugins. */
export function defineAdminPlugin<const P extends AdminPlugin>(plugin: P): P {
  return plugin;
}

export { useAdmin } from '../app/admin-context.ts';
export type { AdminContextValue } from '../app/admin-context.ts';
export { SchemaForm } from '../forms/schema-form.tsx';
export { PeriodPicker, usePeriodParam } from '../grids/period-picker.tsx';
export { OrgTreeSelect } from '../org/org-tree-select.tsx';
export { downloadFile } from '../providers/download.ts';
export { requestJson } from '../providers/http.ts';
export type { EngineClient } from '../providers/http.ts';
