import { lazy } from 'react';
import { defineAdminPlugin } from '@zhili/admin/plugin';

/** The admin entry of the grid-ledger plugin: a page that downloads the 网格台账 of a unit and period. */
export default defineAdminPlugin({
  name: 'grid-ledger',
  pages: [
    {
      path: 'export',
      title: { 'zh-CN': '网格台账导出', en: 'Grid ledger export' },
      // The ledger is the grid rules' findings: those who may read compliance have it.
      visible: (meta) => meta.capabilities.readGrids,
      component: lazy(() => import('./grid-ledger-page.tsx')),
    },
  ],
});
