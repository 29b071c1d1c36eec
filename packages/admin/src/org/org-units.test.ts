import type { OrgUnitView } from '@zhili/schemas';
import { describe, expect, it } from 'vitest';
import { mergeNodes, toTreeNodes } from './org-units.ts';

const DEPTHS: Record<string, number> = { city: 0, district: 1, street: 2, community: 3, grid: 4 };
const depthOf = (level: string): number => DEPTHS[level] ?? 99;

const unit = (code: string, level: string, hasChildren = true): OrgUnitView => ({ code, name: `单位${code}`, level, levelTitle: level, kind: null, hasChildren });

describe('org tree nodes', () => {
  it('links children to their parent and lets any unit be chosen in the navigator', () => {
    const nodes = toTreeNodes([unit('320402', 'district'), unit('320404', 'district', false)], '320400', { depthOf });
    expect(nodes).toEqual([
      { id: '320402', pId: '320400', value: '320402', title: '单位320402', level: 'district', isLeaf: false, selectable: true },
      { id: '320404', pId: '320400', value: '320404', title: '单位320404', level: 'district', isLeaf: true, selectable: true },
    ]);
  });

  it('offers only units of a record level and does not open units below it', () => {
    const options = { depthOf, selectableLevel: 'community', leafDepth: depthOf('community') };
    const [street] = toTreeNodes([unit('320402003', 'street')], '320402', options);
    const [community] = toTreeNodes([unit('320402003011', 'community')], '320402003', options);
    expect(street).toMatchObject({ selectable: false, isLeaf: false });
    expect(community).toMatchObject({ selectable: true, isLeaf: true });
  });

  it('does not duplicate a branch loaded twice', () => {
    const once = toTreeNodes([unit('320402', 'district')], null, { depthOf });
    const merged = mergeNodes(once, [...once, ...toTreeNodes([unit('320404', 'district')], null, { depthOf })]);
    expect(merged.map((n) => n.id)).toEqual(['320402', '320404']);
  });
});
