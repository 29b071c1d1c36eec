import { TreeSelect } from 'antd';
import type { CSSProperties } from 'react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useAdmin } from '../app/admin-context.ts';
import { fetchOrgChildren, fetchOrgUnit, mergeNodes, toTreeNodes } from './org-units.ts';
import type { OrgTreeNode, OrgTreeOptions } from './org-units.ts';

export interface OrgTreeSelectProps {
  readonly value: string | null;
  readonly onChange: (code: string | null) => void;
  /** Only units of this level may be chosen; deeper levels are not opened. */
  readonly level?: string;
  readonly placeholder?: string;
  readonly allowClear?: boolean;
  readonly disabled?: boolean;
  readonly style?: CSSProperties;
  readonly id?: string;
  readonly 'aria-label'?: string;
  readonly status?: 'error';
}

/**
 * A tree of the org units the actor may see, loaded a level at a time as it is opened. A value
 * set from outside (a saved choice, a record's unit) opens the tree down to it so that its name shows.
 */
export function OrgTreeSelect(props: OrgTreeSelectProps) {
  const { client, meta } = useAdmin();
  const { value, level } = props;
  const options = useMemo<OrgTreeOptions>(() => {
    const depths = new Map((meta?.levels ?? []).map((l) => [l.id, l.depth]));
    const depthOf = (id: string): number => depths.get(id) ?? Number.MAX_SAFE_INTEGER;
    return level === undefined ? { depthOf } : { depthOf, selectableLevel: level, leafDepth: depthOf(level) };
  }, [meta, level]);
  const [nodes, setNodes] = useState<OrgTreeNode[]>([]);
  const [expanded, setExpanded] = useState<readonly string[]>([]);
  const expand = (codes: readonly string[]) => setExpanded((current) => [...new Set([...current, ...codes])]);

  const load = useCallback(
    async (parent: string | null) => {
      const units = await fetchOrgChildren(client, parent);
      const added = toTreeNodes(units, parent, options);
      setNodes((current) => mergeNodes(current, added));
      return added;
    },
    [client, options],
  );

  useEffect(() => {
    // A single root (the city, or the unit a worker is assigned to) opens by itself.
    void load(null).then(async (roots) => {
      const [only] = roots;
      if (roots.length !== 1 || only === undefined || only.isLeaf) return;
      await load(only.id);
      expand([only.id]);
    });
  }, [load]);

  useEffect(() => {
    if (value === null || nodes.some((node) => node.id === value)) return;
    let cancelled = false;
    void (async () => {
      try {
        const unit = await fetchOrgUnit(client, value);
        const branches = await Promise.all(unit.ancestors.map(async (a) => ({ parent: a.code, units: await fetchOrgChildren(client, a.code) })));
        if (cancelled) return;
        setNodes((current) => branches.reduce((all, b) => mergeNodes(all, toTreeNodes(b.units, b.parent, options)), current));
        expand(unit.ancestors.map((a) => a.code));
      } catch {
        // A unit the actor can no longer see: the choice is dropped rather than shown as a bare code.
        if (!cancelled) props.onChange(null);
      }
    })();
    return () => {
      cancelled = true;
    };
    // Only a new value needs its branch; the nodes it adds must not start another round.
  }, [value, client, options]);

  return (
    <TreeSelect<string>
      id={props.id}
      aria-label={props['aria-label']}
      status={props.status}
      style={props.style}
      disabled={props.disabled}
      allowClear={props.allowClear}
      placeholder={props.placeholder}
      showSearch
      treeNodeFilterProp="title"
      treeDataSimpleMode
      treeData={nodes.map((node) => ({ ...node, pId: node.pId ?? undefined }))}
      loadData={async (node) => {
        const code = String(node.value);
        if (!nodes.some((n) => n.pId === code)) await load(code);
      }}
      treeExpandedKeys={[...expanded]}
      onTreeExpand={(keys) => setExpanded(keys.map(String))}
      value={value ?? undefined}
      onChange={(next) => props.onChange(next ?? null)}
      popupMatchSelectWidth={false}
      listHeight={400}
    />
  );
}
