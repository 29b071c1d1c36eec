import { readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import type { BilingualText } from '@zhili/schemas';
import type { PackageIssue } from './issues.ts';
import { issueAt, parseSource, type SourceFile } from './source.ts';

/** Manifest file names looked for in a package folder, in order. */
export const MANIFEST_NAMES = ['zhili.yaml', 'zhili.yml', 'zhili.json'] as const;

/** Where a package's manifest is, and what the package is called. */
export interface ManifestLocation {
  /** Absolute, symlinks resolved: the identity of the package when detecting cycles. */
  readonly dir: string;
  /** Absolute path of the manifest file. */
  readonly manifestFile: string;
  /** npm package name, or the folder name when there is no package.json. */
  readonly name: string;
}

export async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isFile() ?? false;
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isDirectory() ?? false;
}

/**
 * Finds the manifest of the package in `dir`: the file named by the "zhili" key of its
 * package.json when there is one, else zhili.yaml, zhili.yml or zhili.json.
 * Returns the reason in both languages when there is none.
 */
export async function locateManifest(dir: string): Promise<{ location: ManifestLocation } | { problem: BilingualText; issues?: PackageIssue[] }> {
  if (!(await isDirectory(dir))) {
    return { problem: { 'zh-CN': `目录 ${dir} 不存在`, en: `folder ${dir} does not exist` } };
  }
  const real = await realpath(dir);
  const packageJsonPath = join(real, 'package.json');
  let name = basename(real);
  if (await isFile(packageJsonPath)) {
    const { source, issues } = parseSource(packageJsonPath, await readFile(packageJsonPath, 'utf8'));
    if (!source) return { problem: { 'zh-CN': `${packageJsonPath} 无法解析`, en: `${packageJsonPath} cannot be parsed` }, issues };
    const json = source.data as { name?: unknown; zhili?: unknown } | null;
    if (typeof json?.name === 'string') name = json.name;
    if (json && 'zhili' in json) return manifestNamedBy(source, real, name);
  }
  for (const file of MANIFEST_NAMES) {
    const path = join(real, file);
    if (await isFile(path)) return { location: { dir: real, manifestFile: path, name } };
  }
  return {
    problem: {
      'zh-CN': `目录 ${real} 中没有 zhili.yaml、zhili.yml 或 zhili.json，package.json 也没有 "zhili" 键`,
      en: `folder ${real} has no zhili.yaml, zhili.yml or zhili.json, and no package.json "zhili" key`,
    },
  };
}

async function manifestNamedBy(
  packageJson: SourceFile,
  dir: string,
  name: string,
): Promise<{ location: ManifestLocation } | { problem: BilingualText; issues: PackageIssue[] }> {
  const value = (packageJson.data as { zhili: unknown }).zhili;
  const wrong = (message: BilingualText) => ({ problem: message, issues: [issueAt(packageJson, '/zhili', message)] });
  if (typeof value !== 'string' || value === '' || isAbsolute(value)) {
    return wrong({
      'zh-CN': 'package.json 的 "zhili" 应当是清单文件相对于包目录的路径，如 "zhili.yaml"',
      en: 'the "zhili" key of package.json must be the manifest path relative to the package folder, e.g. "zhili.yaml"',
    });
  }
  const manifestFile = resolve(dir, value);
  if (!(await isFile(manifestFile))) {
    return wrong({ 'zh-CN': `package.json 的 "zhili" 指向的文件 ${value} 不存在`, en: `the file ${value} named by the "zhili" key of package.json does not exist` });
  }
  return { location: { dir, manifestFile, name } };
}

/** Whether an extends entry is a relative path rather than a package name. */
export function isRelativeSpecifier(specifier: string): boolean {
  return specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../');
}

/**
 * The folder of a parent package: a relative path from the child's folder, or an npm package
 * name looked up in node_modules folders from the child's folder upwards (Node resolution;
 * workspace symlinks are followed). Null when it cannot be found.
 */
export async function resolveParentDir(fromDir: string, specifier: string): Promise<string | null> {
  if (isRelativeSpecifier(specifier)) {
    const target = resolve(fromDir, specifier);
    if (await isDirectory(target)) return target;
    return (await isFile(target)) ? dirname(target) : null;
  }
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', specifier);
    if (await isFile(join(candidate, 'package.json'))) return realpath(candidate);
    if (dirname(dir) === dir) return null;
  }
}
