import { createRandom } from './random.ts';

/** An org unit as demo data sees it: the engine's seed units and generated units alike. */
export interface SiteUnit {
  readonly code: string;
  readonly name: string;
  readonly level: string;
  readonly kind?: string | null;
  readonly parentCode: string | null;
}

/** A grid that records are generated for. */
export interface GridSite {
  /** Code of the grid's org unit; every record of the grid attaches to it. */
  readonly code: string;
  readonly name: string;
  /** 6-digit county-level division code: the first digits of locally registered ID numbers. */
  readonly countyCode: string;
  /** Address down to the community, e.g. 常州市钟楼区五星街道三堡街社区. */
  readonly addressPrefix: string;
  /** Village grid (self-built houses, farming) rather than a town one. */
  readonly rural: boolean;
  /** Households to generate in the grid. */
  readonly households: number;
}

/** Used for ID numbers when no ancestor carries a county-level division code (东城区, 北京市). */
const FALLBACK_COUNTY_CODE = '110101';

/** Relative household counts by grid kind: dedicated grids (商圈, 园区 …) hold few households. */
const KIND_WEIGHT: Readonly<Record<string, number>> = { dedicated: 0.3, rural: 0.8 };

/**
 * Splits `total` into integer parts proportional to `weights` (cumulative rounding): the parts
 * always add up to `total`.
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (weights.length === 0 || sum <= 0) return weights.map(() => 0);
  const parts: number[] = [];
  let cumulative = 0;
  let given = 0;
  for (const weight of weights) {
    cumulative += weight;
    const upTo = Math.round((total * cumulative) / sum);
    parts.push(upTo - given);
    given = upTo;
  }
  return parts;
}

/**
 * The grids to generate records for, with their address, county code and household count.
 * Households are spread over the grids by kind (a dedicated grid holds fewer, a village grid a
 * little fewer) with ±30 % variation drawn per grid, and add up to `households` exactly.
 */
export function gridSites(options: {
  readonly units: readonly SiteUnit[];
  readonly grids: readonly SiteUnit[];
  readonly households: number;
  readonly seed: string;
  /** Level whose units carry the county-level division code. @default 'district' */
  readonly countyLevel?: string;
}): GridSite[] {
  const byCode = new Map(options.units.map((u) => [u.code, u]));
  for (const g of options.grids) byCode.set(g.code, g);
  const countyLevel = options.countyLevel ?? 'district';
  const described = options.grids.map((grid) => {
    const ancestors: SiteUnit[] = [];
    for (let code = grid.parentCode; code !== null;) {
      const unit = byCode.get(code);
      if (!unit) break;
      ancestors.unshift(unit);
      code = unit.parentCode;
    }
    const county = ancestors.find((a) => a.level === countyLevel)?.code ?? grid.code;
    const rural = grid.kind === 'rural' || ancestors.some((a) => a.kind === 'rural');
    const jitter = 0.7 + createRandom(`${options.seed}/${grid.code}/size`).next() * 0.6;
    return {
      grid,
      countyCode: /^[1-9]\d{5}/.test(county) ? county.slice(0, 6) : FALLBACK_COUNTY_CODE,
      addressPrefix: ancestors.map((a) => a.name).join(''),
      rural,
      weight: (KIND_WEIGHT[grid.kind === 'dedicated' ? 'dedicated' : rural ? 'rural' : ''] ?? 1) * jitter,
    };
  });
  const counts = allocate(
    options.households,
    described.map((d) => d.weight),
  );
  return described.map((d, i) => ({
    code: d.grid.code,
    name: d.grid.name,
    countyCode: d.countyCode,
    addressPrefix: d.addressPrefix,
    rural: d.rural,
    households: counts[i] ?? 0,
  }));
}
