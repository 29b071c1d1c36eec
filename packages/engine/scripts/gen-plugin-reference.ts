import { writeFile } from 'node:fs/promises';
import { pluginReference } from './plugin-reference.ts';

await writeFile(new URL('../../../docs/plugin-api.md', import.meta.url), await pluginReference());
console.log('wrote docs/plugin-api.md');
