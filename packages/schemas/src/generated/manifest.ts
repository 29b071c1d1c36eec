/* eslint-disable */
/**
 * DO NOT EDIT: generated from packages/schemas/meta/manifest.schema.json by `npm run gen:types`.
 * A test fails when this file is stale.
 */

import type { Text } from '../text.ts';

/**
 * The manifest of a config package (zhili.yaml, or the file named by the "zhili" key of its package.json): who the package is, what it extends, and the jurisdiction levels its records attach to.
 */
export interface PackageManifest {
  /**
   * Optional URL or path of this meta-schema, for editor support. Ignored by the engine.
   */
  $schema?: string;
  /**
   * Stable identifier of the package in kebab-case, e.g. "changzhou". Recorded with every migration.
   */
  id: string;
  /**
   * Name of the locality or package, e.g. 常州市社区治理.
   */
  title: Text;
  /**
   * What the package configures and for whom.
   */
  description?: Text;
  /**
   * Semantic version of the package. Stored as config_version on every record written under it.
   */
  version: string;
  /**
   * Packages this one layers on, by npm package name (resolved with Node resolution from this package's folder) or by relative path. Parents are applied in order; this package is applied last and may add or override by id.
   */
  extends?: string[];
  /**
   * Jurisdiction levels from the top of the tree down (e.g. 市—区(市)—街道(镇)—社区(村)—网格). When given, replaces the levels of the parent packages as a whole.
   *
   * @minItems 1
   */
  levels?: [Level, ...Level[]];
  /**
   * Default locale of the admin and of API messages when the request names none.
   */
  locale?: 'zh-CN' | 'en';
  /**
   * Menu groups of the admin. Resources name one by id; a child package may add groups or override a parent's group by id.
   */
  modules?: Module[];
  /**
   * Path, relative to the package folder, of the jurisdiction tree file (org-tree.schema.json). When absent the engine looks for data/org-tree.yaml, then uses the nearest parent's tree.
   */
  orgTree?: string;
  calendar?: Calendar;
  /**
   * 插件模块（相对配置包目录的 TypeScript 或 JavaScript 文件，默认导出 definePlugin(…)），按所列顺序加载，上级配置包的插件在前；任何一个加载或初始化失败，服务不启动。Plugin modules, relative to the package folder (TypeScript or JavaScript, default export definePlugin(…)), set up in the order listed, the parents' first; if any fails to load or set up, the engine does not start.
   */
  plugins?: string[];
  /**
   * 插件的管理端入口（相对配置包目录的 TypeScript/TSX 或 JavaScript 文件，默认导出 defineAdminPlugin(…)），构建管理端时打包进去；管理端只启用本配置包 plugins 中同名插件的入口。The plugins' admin entries, relative to the package folder (TypeScript, TSX or JavaScript, default export defineAdminPlugin(…)), bundled when the admin is built; the admin enables the entry of a plugin the package lists in plugins, by name.
   */
  adminPlugins?: string[];
  /**
   * Path, relative to the package folder, of a TypeScript or JavaScript module whose default export is the demo-data generator used by `zhili seed`. Inherited from the nearest parent when absent.
   */
  demoData?: string;
}
/**
 * One level of the jurisdiction tree.
 */
export interface Level {
  /**
   * Identifier of the level in kebab-case, e.g. "street" or "grid". Resources and org units name levels by it.
   */
  id: string;
  /**
   * Name of the level, e.g. 街道(镇).
   */
  title: Text;
  /**
   * What units of this level are, in this locality.
   */
  description?: Text;
}
/**
 * A menu group of the admin.
 */
export interface Module {
  /**
   * Identifier of the group in kebab-case, e.g. "grid".
   */
  id: string;
  /**
   * Label of the group in the menu, e.g. 网格治理.
   */
  title: Text;
  /**
   * Position in the menu; smaller comes first.
   */
  order?: number;
  /**
   * Name of an Ant Design icon, e.g. "HomeOutlined".
   */
  icon?: string;
}
/**
 * A working calendar: Monday to Friday are working days (China time) except the holidays, and the make-up working days are working days too.
 */
export interface Calendar {
  /**
   * Days off that would otherwise be working days, one day (2026-10-01) or a range of days (2026-10-01..2026-10-07) each; weekend days inside a range may be included.
   */
  holidays?: string[];
  /**
   * Saturdays and Sundays worked to make up for a holiday (调休上班日).
   */
  workdays?: string[];
  /**
   * Where the days come from, e.g. 国务院办公厅关于2026年部分节假日安排的通知.
   */
  source?: Text;
}
