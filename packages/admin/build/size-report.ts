import { gzipSync } from 'node:zlib';
import type { Plugin, Rollup } from 'vite';

type OutputBundle = Rollup.OutputBundle;
type OutputChunk = Rollup.OutputChunk;

/** A chunk's name with its raw and gzip size in bytes. */
export interface ChunkSize {
  readonly fileName: string;
  readonly raw: number;
  readonly gzip: number;
  /** Loaded with the page (the entry and what it imports statically), not on a route change. */
  readonly initial: boolean;
}

/** The sizes of the JS chunks of a bundle, the initial ones marked. */
export function chunkSizes(bundle: OutputBundle): ChunkSize[] {
  const chunks = Object.values(bundle).filter((o): o is OutputChunk => o.type === 'chunk');
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const initial = new Set<string>();
  const visit = (chunk: OutputChunk): void => {
    if (initial.has(chunk.fileName)) return;
    initial.add(chunk.fileName);
    for (const name of chunk.imports) {
      const next = byName.get(name);
      if (next) visit(next);
    }
  };
  for (const chunk of chunks) if (chunk.isEntry) visit(chunk);
  return chunks
    .map((c) => ({ fileName: c.fileName, raw: Buffer.byteLength(c.code), gzip: gzipSync(c.code).length, initial: initial.has(c.fileName) }))
    .sort((a, b) => b.gzip - a.gzip);
}

const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;

/** Prints every JS chunk's raw and gzip size and the initial JS total after `vite build`. */
export function sizeReport(): Plugin {
  return {
    name: 'zhili-size-report',
    apply: 'build',
    generateBundle(_options, bundle) {
      const sizes = chunkSizes(bundle);
      const lines = sizes.map((s) => `  ${s.initial ? '*' : ' '} ${s.fileName.padEnd(48)} ${kB(s.raw).padStart(10)}  gzip ${kB(s.gzip).padStart(9)}`);
      const initial = sizes.filter((s) => s.initial);
      const sum = (list: readonly ChunkSize[], key: 'raw' | 'gzip'): number => list.reduce((n, s) => n + s[key], 0);
      console.log(
        [
          '',
          'JS chunks (* = loaded with the page):',
          ...lines,
          `initial JS: ${kB(sum(initial, 'raw'))} raw, ${kB(sum(initial, 'gzip'))} gzip (${initial.length} chunks); all JS: ${kB(sum(sizes, 'raw'))} raw, ${kB(sum(sizes, 'gzip'))} gzip`,
          '',
        ].join('\n'),
      );
    },
  };
}
