import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { BilingualText, ChecklistConfig, ConfigKind, CouncilConfig, GridRulesConfig, PackageManifest, PointsSchemeConfig, ResourceConfig, RoleConfig, WorkflowConfig } from '@zhili/schemas';
import { checkChecklistCodes } from './checklist-check.ts';
import { checkCrossReferences, checkManifestCalendar, checkManifestIds } from './cross-refs.ts';
import { displayPath, type PackageIssue, sortIssues } from './issues.ts';
import { mergeLayers } from './merge.ts';
import { validateMeta } from './meta-validate.ts';
import { checkOrgTreeFile } from './org-tree.ts';
import { NO_PLUGINS, PluginError, type PluginHost } from '../plugins/host.ts';
import { loadPlugins } from '../plugins/load.ts';
import { isFile, isRelativeSpecifier, locateManifest, resolveParentDir } from './resolve.ts';
import { fileIssue, issueAt, isSourceFile, pointerSegments, readSource, type SourceFile, toPointer } from './source.ts';
import type { ChecklistFile, CouncilFile, GridFile, Layer, LoadedPackage, PointsFile, ResourceFile, RoleFile, WorkflowFile } from './types.ts';

/** The outcome of loading a package: the package with its plugins set up, or every issue found in it and its parents. */
export type LoadResult =
  | { readonly ok: true; readonly pkg: LoadedPackage; readonly plugins: PluginHost }
  | { readonly ok: false; readonly issues: readonly PackageIssue[] };

/** The org tree a package has without naming one in its manifest. */
export const DEFAULT_ORG_TREE = 'data/org-tree.yaml';

/**
 * Loads the config package in `dir` with the packages it extends: parses every file (manifest,
 * resources/, roles/, checklists/, workflows/, grids/, councils/, points/) with source positions, validates each against its meta-schema, merges the
 * layers (parents first), sets up the plugins the layers list (they may add rule kinds the rules
 * name) and checks cross-references and the org tree. Never throws on bad input: all issues are
 * returned at once, sorted by file and position; a plugin that cannot be set up is one, at its
 * manifest entry.
 */
export async function loadPackage(dir: string): Promise<LoadResult> {
  const { layers, root, complete, issues } = await loadLayers(resolve(dir));
  if (!root) return { ok: false, issues: sortIssues(issues) };
  // Without a parent, references to what it declares would only add noise to the real issue.
  if (!complete) return { ok: false, issues: sortIssues(issues) };
  const merged = mergeLayers(layers);
  let plugins = NO_PLUGINS;
  try {
    plugins = await loadPlugins(merged.pluginModules);
  } catch (error) {
    if (!(error instanceof PluginError)) throw error;
    issues.push(pluginIssue(layers, error));
  }
  issues.push(...checkCrossReferences(merged, { gridRuleKinds: plugins.gridRuleKinds, councilRuleKinds: plugins.councilRuleKinds, pointsRuleKinds: plugins.pointsRuleKinds, ajv: plugins.ajv }));
  if (merged.orgTreeFile && !merged.brokenManifest.has('/levels')) {
    issues.push(...(await checkOrgTreeFile(merged.orgTreeFile, merged.levels)).issues);
  }
  if (issues.length) return { ok: false, issues: sortIssues(issues) };
  // The checks above guarantee what LoadedPackage adds over MergedPackage.
  return { ok: true, pkg: merged as unknown as LoadedPackage, plugins };
}

/** A plugin that could not be set up, reported at the manifest entry that lists its module (else at the root manifest). */
function pluginIssue(layers: readonly Layer[], error: PluginError): PackageIssue {
  const message = { 'zh-CN': `插件 ${error.plugin} 无法启用：${error.text['zh-CN']}`, en: `plugin ${error.plugin} cannot be enabled: ${error.text.en}` };
  for (const layer of layers) {
    const entries = Array.isArray(layer.manifest.plugins) ? layer.manifest.plugins : [];
    const index = entries.findIndex((value) => error.module !== null && resolve(layer.dir, value) === error.module);
    if (index >= 0) return issueAt(layer.manifestSource, `/plugins/${index}`, message);
  }
  const leaf = layers.at(-1);
  return leaf ? issueAt(leaf.manifestSource, '/plugins', message) : fileIssue(error.module ?? error.plugin, message);
}

interface Visit {
  readonly dir: string;
  /** Packages on the way from the root to here, for cycle detection. */
  readonly chain: readonly { readonly dir: string; readonly name: string }[];
  /** The extends entry that led here (absent for the root). */
  readonly site?: { readonly source: SourceFile; readonly pointer: string; readonly specifier: string };
}

/** Reads the package and its parents, depth first, parents before children; each package once. */
async function loadLayers(rootDir: string): Promise<{ layers: Layer[]; root: Layer | undefined; complete: boolean; issues: PackageIssue[] }> {
  const layers: Layer[] = [];
  const issues: PackageIssue[] = [];
  const seen = new Set<string>();
  /** False once a package of the chain could not be found or read. */
  let complete = true;

  async function visit({ dir, chain, site }: Visit): Promise<Layer | undefined> {
    const located = await locateManifest(dir);
    if (!('location' in located)) {
      issues.push(...(located.issues ?? []));
      complete = false;
      if (site) {
        issues.push(
          issueAt(site.source, site.pointer, {
            'zh-CN': `找不到上级包 "${site.specifier}"：${located.problem['zh-CN']}`,
            en: `parent package "${site.specifier}" not found: ${located.problem.en}`,
          }),
        );
      } else {
        issues.push(fileIssue(dir, located.problem));
      }
      return undefined;
    }
    const { location } = located;
    const cycleStart = chain.findIndex((c) => c.dir === location.dir);
    if (cycleStart >= 0 && site) {
      const names = [...chain.slice(cycleStart).map((c) => c.name), location.name].join(' → ');
      issues.push(issueAt(site.source, site.pointer, { 'zh-CN': `extends 形成循环：${names}`, en: `extends forms a cycle: ${names}` }));
      return undefined;
    }
    if (seen.has(location.dir)) return undefined;
    seen.add(location.dir);

    const read = await readSource(location.manifestFile);
    issues.push(...read.issues);
    if (!read.source) {
      complete = false;
      await loadResources(location.dir, issues);
      await loadRoles(location.dir, issues);
      await loadChecklists(location.dir, issues);
      await loadWorkflows(location.dir, issues);
      await loadGrids(location.dir, issues);
      await loadPoints(location.dir, issues);
      await loadCouncils(location.dir, issues);
      return undefined;
    }
    const source = read.source;
    const validated = validateFile(source, 'manifest');
    issues.push(...validated.issues);
    const manifest = (validated.data ?? {}) as Partial<PackageManifest>;

    const here = [...chain, { dir: location.dir, name: location.name }];
    for (const [i, specifier] of (manifest.extends ?? []).entries()) {
      const pointer = toPointer(['extends', i]);
      const parentDir = await resolveParentDir(location.dir, specifier);
      if (parentDir) {
        await visit({ dir: parentDir, chain: here, site: { source, pointer, specifier } });
      } else {
        complete = false;
        issues.push(issueAt(source, pointer, parentNotFound(specifier, location.dir)));
      }
    }

    const layer: Layer = {
      dir: location.dir,
      name: location.name,
      manifestSource: source,
      manifest,
      broken: validated.broken,
      resources: await loadResources(location.dir, issues),
      roles: await loadRoles(location.dir, issues),
      checklists: await loadChecklists(location.dir, issues),
      workflows: await loadWorkflows(location.dir, issues),
      grids: await loadGrids(location.dir, issues),
      points: await loadPoints(location.dir, issues),
      councils: await loadCouncils(location.dir, issues),
      ...(await ownFiles({ dir: location.dir, manifest, source, issues })),
    };
    issues.push(...checkManifestIds(layer), ...checkManifestCalendar(layer), ...checkChecklistCodes(layer));
    layers.push(layer);
    return layer;
  }

  const root = await visit({ dir: rootDir, chain: [] });
  return { layers, root, complete, issues };
}

function parentNotFound(specifier: string, fromDir: string): BilingualText {
  if (isRelativeSpecifier(specifier)) {
    const target = displayPath(resolve(fromDir, specifier));
    return { 'zh-CN': `找不到上级包 "${specifier}"：目录 ${target} 不存在`, en: `parent package "${specifier}" not found: folder ${target} does not exist` };
  }
  const from = displayPath(fromDir);
  return {
    'zh-CN': `找不到上级包 "${specifier}"：从 ${from} 向上的各级 node_modules 中都没有（是否已安装？）`,
    en: `parent package "${specifier}" not found in any node_modules folder from ${from} upwards (is it installed?)`,
  };
}

/**
 * Validates a parsed file and returns its data with the failing parts left out, and their
 * pointers. Record fields fail one by one (/schema/properties/<name>, /itemSchema/properties/<name>),
 * checklist items one by one (/items/<i>); anything else by top-level key.
 */
function validateFile(source: SourceFile, kind: ConfigKind): { data: Record<string, unknown> | null; broken: Set<string>; issues: PackageIssue[] } {
  const { issues, errorPointers } = validateMeta(kind, source);
  const broken = new Set(errorPointers.map(brokenPart));
  if (broken.has('') || typeof source.data !== 'object' || source.data === null || Array.isArray(source.data)) {
    return { data: null, broken, issues };
  }
  const data = structuredClone(source.data) as Record<string, unknown>;
  // Later array elements first, so that removing one leaves the indexes of the others as they were.
  const elementIndex = (segments: readonly string[]): number => (segments.length === 2 && /^\d+$/.test(segments[1] ?? '') ? Number(segments[1]) : -1);
  const parts = [...broken].map(pointerSegments).sort((a, b) => elementIndex(b) - elementIndex(a));
  for (const segments of parts) removeAt(data, segments);
  return { data, broken, issues };
}

/** Record schemas whose fields fail one by one. */
const SCHEMA_KEYS: ReadonlySet<string> = new Set(['schema', 'itemSchema']);

function brokenPart(pointer: string): string {
  const segments = pointerSegments(pointer);
  let depth = 1;
  if (SCHEMA_KEYS.has(segments[0] ?? '') && segments[1] === 'properties' && segments.length >= 3) depth = 3;
  else if (segments[0] === 'items' && segments.length >= 2 && /^\d+$/.test(segments[1] ?? '')) depth = 2;
  return toPointer(segments.slice(0, depth));
}

/** Removes the node at `segments`: a property of an object, or an element of an array (the rest move up). */
function removeAt(data: Record<string, unknown>, segments: readonly string[]): void {
  let node: unknown = data;
  for (const segment of segments.slice(0, -1)) {
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[segment] : undefined;
  }
  const last = segments.at(-1);
  if (last === undefined || typeof node !== 'object' || node === null) return;
  if (Array.isArray(node)) node.splice(Number(last), 1);
  else delete (node as Record<string, unknown>)[last];
}

/** The resources/ files of one package, validated; a duplicate id within the package is an issue. */
function loadResources(dir: string, issues: PackageIssue[]): Promise<ResourceFile[]> {
  return loadConfigFolder<ResourceConfig>({ dir, folder: 'resources', kind: 'resource', noun: { 'zh-CN': '资源', en: 'resource' }, issues });
}

/** The roles/ files of one package, validated; a duplicate id within the package is an issue. */
function loadRoles(dir: string, issues: PackageIssue[]): Promise<RoleFile[]> {
  return loadConfigFolder<RoleConfig>({ dir, folder: 'roles', kind: 'role', noun: { 'zh-CN': '角色', en: 'role' }, issues });
}

/** The checklists/ files of one package, validated; a duplicate id within the package is an issue. */
function loadChecklists(dir: string, issues: PackageIssue[]): Promise<ChecklistFile[]> {
  return loadConfigFolder<ChecklistConfig>({ dir, folder: 'checklists', kind: 'checklist', noun: { 'zh-CN': '清单', en: 'checklist' }, issues });
}

/** The workflows/ files of one package, validated; a duplicate id within the package is an issue. */
function loadWorkflows(dir: string, issues: PackageIssue[]): Promise<WorkflowFile[]> {
  return loadConfigFolder<WorkflowConfig>({ dir, folder: 'workflows', kind: 'workflow', noun: { 'zh-CN': '流程', en: 'workflow' }, issues });
}

/** The grids/ files of one package, validated; a duplicate id within the package is an issue. */
function loadGrids(dir: string, issues: PackageIssue[]): Promise<GridFile[]> {
  return loadConfigFolder<GridRulesConfig>({ dir, folder: 'grids', kind: 'grid', noun: { 'zh-CN': '网格规则', en: 'grid rule set' }, issues });
}

/** The points/ files of one package, validated; a duplicate id within the package is an issue. */
function loadPoints(dir: string, issues: PackageIssue[]): Promise<PointsFile[]> {
  return loadConfigFolder<PointsSchemeConfig>({ dir, folder: 'points', kind: 'points', noun: { 'zh-CN': '积分方案', en: 'points scheme' }, issues });
}

/** The councils/ files of one package, validated; a duplicate id within the package is an issue. */
function loadCouncils(dir: string, issues: PackageIssue[]): Promise<CouncilFile[]> {
  return loadConfigFolder<CouncilConfig>({ dir, folder: 'councils', kind: 'council', noun: { 'zh-CN': '议事规则', en: 'council set' }, issues });
}

/** The files of one kind in a package folder, in file-name order, each validated and with a valid id of its own. */
async function loadConfigFolder<T extends { id: string }>({ dir, folder, kind, noun, issues }: {
  dir: string;
  folder: string;
  kind: ConfigKind;
  /** What the kind is called in messages. */
  noun: BilingualText;
  issues: PackageIssue[];
}): Promise<{ source: SourceFile; config: T; broken: Set<string> }[]> {
  const path = join(dir, folder);
  const names = (await readdir(path).catch(() => [] as string[])).filter(isSourceFile).sort();
  const files: { source: SourceFile; config: T; broken: Set<string> }[] = [];
  const byId = new Map<string, SourceFile>();
  for (const name of names) {
    const read = await readSource(join(path, name));
    issues.push(...read.issues);
    if (!read.source) continue;
    const { data, broken, issues: metaIssues } = validateFile(read.source, kind);
    issues.push(...metaIssues);
    if (!data || broken.has('/id')) continue;
    const config = data as unknown as T;
    const first = byId.get(config.id);
    if (first) {
      issues.push(
        issueAt(read.source, '/id', {
          'zh-CN': `${noun['zh-CN']} id "${config.id}" 在本包中重复（已在 ${displayPath(first.path)} 中声明）`,
          en: `${noun.en} id "${config.id}" is declared twice in this package (first in ${displayPath(first.path)})`,
        }),
      );
      continue;
    }
    byId.set(config.id, read.source);
    files.push({ source: read.source, config, broken });
  }
  return files;
}

/** The org tree, demo-data module and plugin modules a package names (or, for the tree, has at the default place). */
async function ownFiles({ dir, manifest, source, issues }: {
  dir: string;
  manifest: Partial<PackageManifest>;
  source: SourceFile;
  issues: PackageIssue[];
}): Promise<{ orgTreeFile: string | null; demoDataModule: string | null; pluginModules: string[]; adminPluginModules: string[] }> {
  const named = async (key: 'orgTree' | 'demoData'): Promise<string | null> => {
    const value = manifest[key];
    if (value === undefined) return null;
    const path = resolve(dir, value);
    if (await isFile(path)) return path;
    issues.push(issueAt(source, `/${key}`, { 'zh-CN': `${key} 指向的文件 ${value} 不存在`, en: `the file ${value} named by ${key} does not exist` }));
    return null;
  };
  const defaultTree = join(dir, DEFAULT_ORG_TREE);
  const orgTree = manifest.orgTree !== undefined ? await named('orgTree') : (await isFile(defaultTree)) ? defaultTree : null;
  const modules = async (key: 'plugins' | 'adminPlugins'): Promise<string[]> => {
    const found: string[] = [];
    for (const [i, value] of (Array.isArray(manifest[key]) ? manifest[key] : []).entries()) {
      const path = resolve(dir, value);
      if (await isFile(path)) found.push(path);
      else issues.push(issueAt(source, `/${key}/${i}`, { 'zh-CN': `插件模块 ${value} 不存在`, en: `the plugin module ${value} does not exist` }));
    }
    return found;
  };
  return { orgTreeFile: orgTree, demoDataModule: await named('demoData'), pluginModules: await modules('plugins'), adminPluginModules: await modules('adminPlugins') };
}
