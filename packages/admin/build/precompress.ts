import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** Files worth compressing: text, and big enough that gzip's framing does not outweigh the gain. */
const COMPRESSIBLE = /\.(js|css|html|svg|json|txt)$/;
const MIN_BYTES = 1024;

/**
 * Writes a gzip copy (`<file>.gz`, level 9) beside each compressible file of the build, which the
 * engine sends to browsers that accept gzip: compressing once at build time costs nothing per
 * request, and the sizes the build reports are the sizes browsers download. It reads the files as
 * written, after every other plugin has had its say (Vite fills in its preload helpers late).
 */
export function precompress(): Plugin {
  return {
    name: 'zhili-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir;
      if (dir === undefined) return;
      await Promise.all(
        Object.keys(bundle)
          .filter((fileName) => COMPRESSIBLE.test(fileName))
          .map(async (fileName) => {
            const bytes = await readFile(join(dir, fileName));
            if (bytes.byteLength >= MIN_BYTES) await writeFile(join(dir, `${fileName}.gz`), gzipSync(bytes, { level: 9 }));
          }),
      );
    },
  };
}
