import { apiList } from './api-list.ts';
import { gridCompliance } from './grid-compliance.ts';
import { points } from './points.ts';

/** Benchmarks by name: `npm run bench -- <name> [options]`. */
const BENCHMARKS: Record<string, (args: readonly string[]) => Promise<void>> = {
  'api-list': apiList,
  'grid-compliance': gridCompliance,
  points,
};

const [name, ...args] = process.argv.slice(2);
const run = name === undefined ? undefined : BENCHMARKS[name];
if (!run) {
  process.stderr.write(`usage: npm run bench -- <${Object.keys(BENCHMARKS).join('|')}> [options]\n`);
  process.exit(2);
}
await run(args);
