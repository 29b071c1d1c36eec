import { defineAdminPlugin } from '@zhili/admin/plugin';
import { usccFormat } from './uscc.ts';

/** The admin entry of the claim-register plugin: the claim form checks the claimant's 统一社会信用代码 as the engine does. */
export default defineAdminPlugin({
  name: 'claim-register',
  formats: [usccFormat],
});
