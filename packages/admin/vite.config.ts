import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { sizeReport } from './build/size-report.ts';

export default defineConfig({
  plugins: [react(), sizeReport()],
  base: '/',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
});
