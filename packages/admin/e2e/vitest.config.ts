import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The admin's browser tests (`npm run test:e2e`), kept out of `npm test`: they need Chromium and a running engine. */
export default defineConfig({
  root: fileURLToPath(new URL('../../..', import.meta.url)),
  test: {
    include: ['packages/admin/e2e/*.e2e.ts'],
    globalSetup: ['packages/admin/e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
