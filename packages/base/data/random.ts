/**
 * A small seeded pseudo-random generator for demo data: the same seed always yields the same
 * sequence, on every machine, so generated data (ids included) is reproducible.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** One value of a weighted list. */
  weighted<T>(list: WeightedList<T>): T;
  /** n pseudo-random bytes. */
  bytes(n: number): Uint8Array;
}

/** Values with relative weights, prepared once for fast weighted picks. */
export interface WeightedList<T> {
  readonly values: readonly T[];
  /** Cumulative weights, ascending; the last one is the total. */
  readonly cumulative: readonly number[];
}

/** Prepares `[value, weight]` pairs for {@link Random.weighted}. Weights must be positive. */
export function weightedList<T>(entries: readonly (readonly [T, number])[]): WeightedList<T> {
  if (entries.length === 0) throw new RangeError('weightedList needs at least one entry');
  const values: T[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (const [value, weight] of entries) {
    if (!(weight > 0)) throw new RangeError(`weight of ${String(value)} must be positive`);
    total += weight;
    values.push(value);
    cumulative.push(total);
  }
  return { values, cumulative };
}

/** A 128-bit hash of a string (cyrb128), used to seed the generator from readable seeds. */
function hashSeed(seed: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/**
 * A generator seeded by a string (sfc32 over a cyrb128 hash of the seed). Derive one generator
 * per unit of work (e.g. `${seed}/${gridCode}`) so that each unit's data does not depend on the
 * order in which units are generated.
 */
export function createRandom(seed: string): Random {
  let [a, b, c, d] = hashSeed(seed);
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new RangeError('cannot pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    weighted: <T>(list: WeightedList<T>): T => {
      const total = list.cumulative[list.cumulative.length - 1] ?? 0;
      const target = next() * total;
      let lo = 0;
      let hi = list.cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((list.cumulative[mid] ?? 0) > target) hi = mid;
        else lo = mid + 1;
      }
      return list.values[lo] as T;
    },
    bytes: (n) => {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = Math.floor(next() * 256);
      return out;
    },
  };
  return random;
}
