import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { PackageIssue } from '../package/index.ts';
import { loadPackage } from '../package/index.ts';

/**
 * Loads a throwaway package that extends `parentDir` and adds `files` (paths relative to the
 * package, e.g. points/more.yaml), and answers the issues loading it found (none when it loads),
 * each with its file's name rather than its path: the package is removed before this returns.
 */
export async function childPackageIssues(parentDir: string, files: Readonly<Record<string, string>>): Promise<(PackageIssue & { readonly fileName: string })[]> {
  const dir = await mkdtemp(join(tmpdir(), 'zhili-child-'));
  try {
    await writeFile(join(dir, 'zhili.yaml'), `id: child\ntitle: 子包\nversion: 0.1.0\nextends: [${JSON.stringify(relative(dir, parentDir))}]\n`);
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), text);
    }
    const result = await loadPackage(dir);
    return result.ok ? [] : result.issues.map((issue) => ({ ...issue, fileName: issue.file.split('/').at(-1) ?? issue.file }));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
