import type { ZhiliPlugin } from './types.ts';

/**
 * Declares a plugin: the default export of a module a config package lists in `plugins`.
 *
 * ```ts
 * export default definePlugin({
 *   name: 'household-notes',
 *   version: '1.0.0',
 *   setup(api) {
 *     api.onRecord(['households'], { beforeCreate: ({ fields }) => ({ ...fields, notes: String(fields['notes'] ?? '').trim() }) });
 *   },
 * });
 * ```
 */
export function definePlugin<const P extends ZhiliPlugin>(plugin: P): P {
  return plugin;
}
