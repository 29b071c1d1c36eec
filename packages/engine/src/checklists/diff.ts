import type { Text } from '@zhili/schemas';
import type { ChecklistItem } from './types.ts';

/** What changed between two versions of a checklist, item by item. */
export interface ChecklistDiff {
  readonly checklist: string;
  readonly from: number;
  readonly to: number;
  /** Items active in `to` that are not active in `from` (new ones), with their place (0-based) in `to`. */
  readonly added: readonly { readonly code: string; readonly title: Text; readonly position: number }[];
  /** Items active in `from` that are not active in `to` (retired there, or gone from it). */
  readonly retired: readonly { readonly code: string; readonly title: Text }[];
  /** Items in both whose title or attributes differ: the keys that changed (title, or attribute names), with their values before and after. */
  readonly changed: readonly ItemChange[];
  /** Items in both whose place relative to the other common items changed, with their places (0-based) in each version. */
  readonly moved: readonly { readonly code: string; readonly from: number; readonly to: number }[];
}

export interface ItemChange {
  readonly code: string;
  readonly title: Text;
  /** "title" and/or the names of the attributes that changed. */
  readonly keys: readonly string[];
  /** The values before and after, by key; a key absent on one side had no value there. */
  readonly before: Readonly<Record<string, unknown>>;
  readonly after: Readonly<Record<string, unknown>>;
}

/**
 * Compares two versions' item lists. An item is identified by its code. Moved items are the
 * fewest whose moving explains the new order: the common items outside a longest run of items
 * that kept their relative order, so that inserting one item does not mark those after it.
 */
export function diffItems(options: {
  readonly checklist: string;
  readonly from: { readonly version: number; readonly items: readonly ChecklistItem[] };
  readonly to: { readonly version: number; readonly items: readonly ChecklistItem[] };
}): ChecklistDiff {
  const { from, to } = options;
  const before = new Map(from.items.map((item, i) => [item.code, { item, position: i }]));
  const after = new Map(to.items.map((item, i) => [item.code, { item, position: i }]));

  const activeIn = (items: ReadonlyMap<string, { item: ChecklistItem }>, code: string): boolean => items.get(code)?.item.status === 'active';
  const added = to.items.flatMap((item, position) =>
    item.status === 'active' && !activeIn(before, item.code) ? [{ code: item.code, title: item.title, position }] : [],
  );
  const retired = from.items.flatMap((item) => (item.status === 'active' && !activeIn(after, item.code) ? [{ code: item.code, title: item.title }] : []));

  const changed: ItemChange[] = [];
  for (const item of to.items) {
    const was = before.get(item.code)?.item;
    if (!was) continue;
    const change = itemChange(was, item);
    if (change) changed.push(change);
  }

  const common = to.items.filter((item) => before.has(item.code)).map((item) => item.code);
  const kept = longestIncreasingRun(common.map((code) => before.get(code)?.position ?? 0));
  const moved = common.flatMap((code, i) => (kept.has(i) ? [] : [{ code, from: before.get(code)?.position ?? 0, to: after.get(code)?.position ?? 0 }]));
  return { checklist: options.checklist, from: from.version, to: to.version, added, retired, changed, moved };
}

/** The title and attribute changes of one item (its status is reported as retired, not here); null when there are none. */
function itemChange(was: ChecklistItem, is: ChecklistItem): ItemChange | null {
  const keys: string[] = [];
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const note = (key: string, a: unknown, b: unknown): void => {
    if (JSON.stringify(a) === JSON.stringify(b)) return;
    keys.push(key);
    if (a !== undefined) before[key] = a;
    if (b !== undefined) after[key] = b;
  };
  note('title', was.title, is.title);
  for (const name of new Set([...Object.keys(was.attributes), ...Object.keys(is.attributes)])) note(name, was.attributes[name], is.attributes[name]);
  return keys.length ? { code: is.code, title: is.title, keys, before, after } : null;
}

/** Indexes of one longest strictly increasing subsequence of `values` (patience sorting, O(n log n)). */
function longestIncreasingRun(values: readonly number[]): Set<number> {
  const tails: number[] = [];
  const previous: number[] = new Array<number>(values.length).fill(-1);
  for (const [i, value] of values.entries()) {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((values[tails[mid] ?? 0] ?? 0) < value) low = mid + 1;
      else high = mid;
    }
    if (low > 0) previous[i] = tails[low - 1] ?? -1;
    tails[low] = i;
  }
  const run = new Set<number>();
  for (let i = tails.at(-1) ?? -1; i >= 0; i = previous[i] ?? -1) run.add(i);
  return run;
}
