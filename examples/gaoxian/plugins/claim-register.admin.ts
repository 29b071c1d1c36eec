import { lazy } from 'react';
import { defineAdminPlugin } from '@zhili/admin/plugin';
import { usccFormat } from './uscc.ts';

/**
 * The admin entry of the claim-register plugin: the claim form checks the claimant's 统一社会信用代码
 * with the format the engine checks it with, and types it in the widget `uscc` (loaded when a form
 * uses it).
 */
export default defineAdminPlugin({
  name: 'claim-register',
  formats: [usccFormat],
  widgets: { uscc: lazy(() => import('./uscc-widget.tsx')) },
});
