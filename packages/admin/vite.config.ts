import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { adminPluginModules, adminPlugins } from './build/admin-plugins.ts';
import { precompress } from './build/precompress.ts';
import { sizeReport } from './build/size-report.ts';

export default defineConfig({
  plugins: [react(), adminPlugins(adminPluginModules()), sizeReport(), precompress()],
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
