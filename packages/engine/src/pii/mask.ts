import type { PiiField } from '@zhili/schemas';

/** How a pii field is masked for readers without pii:read. */
export type MaskRule = PiiField['mask'];

/**
 * Where a Chinese address reaches the community: what a masked address keeps. The community or
 * village unit first ("…兰陵社区" of "常州市天宁区兰陵街道兰陵社区兰陵苑12幢301室"), else a
 * residential compound ("兰陵苑" of "兰陵苑12幢2单元301室"); within a tier the earliest wins.
 */
const COMMUNITY_MARKERS: readonly (readonly string[])[] = [
  ['社区', '小区', '新村', '村'],
  ['花园', '家园', '公寓', '大厦', '广场', '苑', '园', '里', '府', '城', '湾', '邸'],
];
const ADDRESS_FALLBACK_LENGTH = 6;
const HIDDEN = '***';

/**
 * A pii value as a reader without pii:read sees it: id-number keeps the first 4 and last 4
 * characters (3204**********1234), phone the first 3 and last 4 (138****5678), name the first
 * character with one * per remaining one (张*), address up to the community part (or its first 6
 * characters) then ***, full is ***. Too short a value to keep anything of is all stars.
 * Characters are code points, so a name outside the BMP keeps its first character whole.
 */
export function maskValue(rule: MaskRule, value: string): string {
  // Code points differ from UTF-16 units only around surrogate pairs; skip the split without them.
  const chars: readonly string[] | string = SURROGATE.test(value) ? Array.from(value) : value;
  switch (rule) {
    case 'id-number':
      return keepEnds(chars, 4, 4);
    case 'phone':
      return keepEnds(chars, 3, 4);
    case 'name':
      return chars.length === 0 ? '' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
    case 'address':
      return `${join(chars.slice(0, addressKeep(value, chars.length)))}${HIDDEN}`;
    case 'full':
      return HIDDEN;
  }
}

const SURROGATE = /[\uD800-\uDFFF]/;

function join(chars: readonly string[] | string): string {
  return typeof chars === 'string' ? chars : chars.join('');
}

function keepEnds(chars: readonly string[] | string, head: number, tail: number): string {
  if (chars.length <= head + tail) return '*'.repeat(chars.length);
  return `${join(chars.slice(0, head))}${'*'.repeat(chars.length - head - tail)}${join(chars.slice(-tail))}`;
}

/**
 * How many characters of an address a masked one keeps: through the first community marker, else
 * the first 6; never the whole address, nothing of one that short.
 */
function addressKeep(value: string, length: number): number {
  if (length <= ADDRESS_FALLBACK_LENGTH) return 0;
  let end = -1;
  for (const tier of COMMUNITY_MARKERS) {
    for (const marker of tier) {
      const at = value.indexOf(marker);
      if (at > 0 && (end === -1 || at + marker.length < end)) end = at + marker.length;
    }
    if (end !== -1) break;
  }
  const keep = end === -1 ? ADDRESS_FALLBACK_LENGTH : Array.from(value.slice(0, end)).length;
  return Math.min(keep, length - 1);
}

/**
 * A record as a reader without pii:read sees it: its pii fields masked, its sensitive ones left
 * out. The key order is kept; a record without pii values is returned as it is.
 */
export function maskRecord<T extends Readonly<Record<string, unknown>>>(pii: readonly Required<PiiField>[], record: T): T {
  if (!pii.some((p) => record[p.field] !== undefined)) return record;
  const masked: Record<string, unknown> = { ...record };
  for (const rule of pii) {
    const value = masked[rule.field];
    if (value === undefined) continue;
    if (rule.sensitive) delete masked[rule.field];
    else masked[rule.field] = typeof value === 'string' ? maskValue(rule.mask, value) : HIDDEN;
  }
  return masked as T;
}
