import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { pluginReference } from '../../scripts/plugin-reference.ts';

describe('docs/plugin-api.md', () => {
  it('is the reference generated from the plugin API’s types (npm run docs:plugins writes it)', async () => {
    const committed = await readFile(new URL('../../../../docs/plugin-api.md', import.meta.url), 'utf8');
    expect(committed, 'docs/plugin-api.md is out of date: run npm run docs:plugins').toBe(await pluginReference());
  });
});
