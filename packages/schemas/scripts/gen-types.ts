import { writeFile } from 'node:fs/promises';
import { generateTypes } from './generate-types.ts';

const outDir = new URL('../src/generated/', import.meta.url);
for (const [file, source] of Object.entries(await generateTypes())) {
  await writeFile(new URL(file, outDir), source);
  console.log(`wrote src/generated/${file}`);
}
