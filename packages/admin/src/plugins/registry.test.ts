import type { AdminMeta } from '@zhili/schemas';
import { lazy } from 'react';
import { describe, expect, it } from 'vitest';
import type { AdminPlugin } from './api.ts';
import { enabledPlugins, pluginAjv, pluginPages, pluginWidgets } from './registry.ts';

const Page = () => null;
const Widget = () => null;
const format = { name: 'cn-uscc', validate: () => true, message: { 'zh-CN': '代码', en: 'code' } };

const bundled: readonly AdminPlugin[] = [
  { name: 'claim-register', formats: [format] },
  {
    name: 'grid-ledger',
    widgets: { ledgerCode: Widget },
    pages: [
      { path: 'export', title: { 'zh-CN': '网格台账导出', en: 'Grid ledger export' }, visible: (meta) => meta.capabilities.readGrids, component: Page },
      { path: 'help', title: { 'zh-CN': '说明', en: 'Help' }, component: Page },
    ],
  },
  { name: 'elsewhere', pages: [{ path: 'x', title: { 'zh-CN': 'x', en: 'x' }, component: Page }] },
];

const meta = (plugins: string[], readGrids: boolean): AdminMeta => ({ plugins: plugins.map((name) => ({ name, version: '1.0.0' })), capabilities: { readAudit: false, readGrids, maintainGrids: false } }) as unknown as AdminMeta;

describe('the plugins’ admin entries', () => {
  it('enables the bundled entries of the plugins the served package lists, in the package’s order, and none before the meta loads', () => {
    expect(enabledPlugins(bundled, meta(['grid-ledger', 'claim-register', 'not-bundled'], true)).map((p) => p.name)).toEqual(['grid-ledger', 'claim-register']);
    expect(enabledPlugins(bundled, null)).toEqual([]);
  });

  it('adds their formats to the forms’ validator and their widgets by name', () => {
    const plugins = enabledPlugins(bundled, meta(['claim-register', 'grid-ledger'], true));
    expect(pluginAjv(plugins)).toEqual({ formats: [format], keywords: [] });
    expect(pluginWidgets(plugins)).toEqual({ ledgerCode: Widget });
  });

  it('gives RJSF a function for a lazy widget, which it takes only as a component function', () => {
    const widgets = pluginWidgets([{ name: 'lazy', widgets: { code: lazy(async () => ({ default: Widget })) } }]);
    expect(typeof widgets['code']).toBe('function');
  });

  it('gives each page a route and a menu resource, leaving out those the actor does not have', () => {
    const plugins = enabledPlugins(bundled, meta(['grid-ledger'], true));
    expect(pluginPages(plugins, meta(['grid-ledger'], true)).map((p) => [p.route, p.resource])).toEqual([
      ['/plugins/grid-ledger/export', 'zhili-plugin-grid-ledger-export'],
      ['/plugins/grid-ledger/help', 'zhili-plugin-grid-ledger-help'],
    ]);
    expect(pluginPages(plugins, meta(['grid-ledger'], false)).map((p) => p.route)).toEqual(['/plugins/grid-ledger/help']);
  });
});
