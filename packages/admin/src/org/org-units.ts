import type { OrgUnitDetail, OrgUnitView } from '@zhili/schemas';
import { isRecord, requestJson } from '../providers/http.ts';
import type { EngineClient } from '../providers/http.ts';

/** The units under `parent` the actor may see, or the visible roots when `parent` is null. */
export async function fetchOrgChildren(client: EngineClient, parent: string | null): Promise<readonly OrgUnitView[]> {
  const query = parent === null ? '' : `?parent=${encodeURIComponent(parent)}`;
  const body = await requestJson(client, { method: 'GET', path: `/org/units${query}` });
  return isRecord(body) && Array.isArray(body['data']) ? (body['data'] as OrgUnitView[]) : [];
}

/** One unit with its ancestors, root first. Throws the engine's 404 when the actor may not see it. */
export async function fetchOrgUnit(client: EngineClient, code: string): Promise<OrgUnitDetail> {
  return (await requestJson(client, { method: 'GET', path: `/org/units/${encodeURIComponent(code)}` })) as OrgUnitDetail;
}

/** A node of an antd TreeSelect in simple mode (`pId` links a node to its parent). */
export interface OrgTreeNode {
  readonly id: string;
  readonly pId: string | null;
  readonly value: string;
  readonly title: string;
  readonly level: string;
  readonly isLeaf: boolean;
  readonly selectable: boolean;
}

/**
 * Which units a tree offers: `selectableLevel` limits the choice to units of one level (a record's
 * org unit), and units at or below `leafDepth` are not opened further. Both absent: any unit.
 */
export interface OrgTreeOptions {
  readonly selectableLevel?: string;
  readonly leafDepth?: number;
  /** Depth of each level id, from /api/meta's levels. */
  readonly depthOf: (level: string) => number;
}

/** The tree nodes of units listed under `parent` (null for roots). */
export function toTreeNodes(units: readonly OrgUnitView[], parent: string | null, options: OrgTreeOptions): OrgTreeNode[] {
  return units.map((unit) => {
    const atLeafDepth = options.leafDepth !== undefined && options.depthOf(unit.level) >= options.leafDepth;
    return {
      id: unit.code,
      pId: parent,
      value: unit.code,
      title: unit.name,
      level: unit.level,
      isLeaf: !unit.hasChildren || atLeafDepth,
      selectable: options.selectableLevel === undefined || unit.level === options.selectableLevel,
    };
  });
}

/** Nodes merged by id, keeping the first of each: loading a branch twice does not duplicate it. */
export function mergeNodes(existing: readonly OrgTreeNode[], added: readonly OrgTreeNode[]): OrgTreeNode[] {
  const seen = new Set(existing.map((node) => node.id));
  return [...existing, ...added.filter((node) => !seen.has(node.id) && (seen.add(node.id), true))];
}
