/** A half-open range of materialized org paths: every path p of the subtree has from <= p < to. */
export interface OrgPathRange {
  readonly from: string;
  readonly to: string;
}

/** The materialized path of the whole tree; every unit's path starts with it. */
export const ROOT_PATH = '/';

/**
 * Unit codes: letters, digits and hyphens, as the org-tree meta-schema allows. A code never
 * contains '/', which is what makes a path the prefix of exactly its descendants' paths.
 */
export const ORG_CODE_PATTERN = /^[0-9A-Za-z][0-9A-Za-z-]{0,39}$/;

/** The path of a unit: its parent's path (or the root path) followed by its code and '/'. */
export function childPath(parentPath: string | null, code: string): string {
  return `${parentPath ?? ROOT_PATH}${code}/`;
}

/**
 * The range of org_path values in the subtree at `path` (the unit itself included), for an index
 * range scan instead of LIKE: '/320400/320404/' gives from '/320400/320404/' to '/320400/320404'
 * + '0' — '0' is the character after '/', so exactly the paths starting with `path` fall in it.
 * Relies on byte-order comparison (COLLATE "C" on Postgres).
 */
export function subtreeRange(path: string): OrgPathRange {
  if (!path.endsWith('/')) throw new RangeError(`An org path ends with '/': ${path}`);
  return { from: path, to: `${path.slice(0, -1)}0` };
}
