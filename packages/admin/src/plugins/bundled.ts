import bundled from 'virtual:zhili/admin-plugins';
import type { AdminPlugin } from './api.ts';

/** The admin entries bundled into this build of the admin (see build/admin-plugins.ts): enabled per package by enabledPlugins. */
export const BUNDLED_PLUGINS: readonly AdminPlugin[] = bundled;
