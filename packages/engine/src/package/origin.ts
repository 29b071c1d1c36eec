import type { BilingualText } from '@zhili/schemas';
import type { PackageIssue } from './issues.ts';
import { issueAt, pointerSegments, type SourceFile, toPointer } from './source.ts';

/**
 * Where a merged value was written: a file and the pointer of the value in it. A value whose
 * parts come from several files (a resource overridden by a child package, its merged fields,
 * its union of required names) has an origin per part in `children`; a part without its own
 * entry was written in the same file, at the same relative place, as its parent.
 */
export interface Origin {
  readonly source: SourceFile;
  readonly pointer: string;
  readonly children?: ReadonlyMap<string, Origin>;
}

/** The origin of one part of a value. */
export function childOrigin(origin: Origin, key: string | number): Origin {
  return origin.children?.get(String(key)) ?? { source: origin.source, pointer: origin.pointer + toPointer([key]) };
}

/** The file and pointer where the merged value at `pointer` (relative to the origin's value) was written. */
export function locate(origin: Origin, pointer: string): { source: SourceFile; pointer: string } {
  let current = origin;
  for (const segment of pointerSegments(pointer)) current = childOrigin(current, segment);
  return { source: current.source, pointer: current.pointer };
}

/** An issue about a merged value, positioned where the offending part was written. */
export function issueIn(origin: Origin, pointer: string, message: BilingualText): PackageIssue {
  const at = locate(origin, pointer);
  return issueAt(at.source, at.pointer, message);
}
