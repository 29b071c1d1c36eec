import type { Actor } from '../actor/actor.ts';
import type { CompiledJurisdiction } from '../model/types.ts';
import type { OrgService } from '../org/service.ts';

/** Whether a unit at `unitPath` stands in the jurisdiction's relation to a case (or record) at `casePath`. */
export function relates(unitPath: string, casePath: string, unit: CompiledJurisdiction['unit']): boolean {
  const above = casePath.startsWith(unitPath);
  const below = unitPath.startsWith(casePath);
  switch (unit) {
    case 'case':
      return unitPath === casePath;
    case 'above':
      return above && unitPath !== casePath;
    case 'case-or-above':
      return above;
    case 'case-or-below':
      return below;
    case 'branch':
      return above || below;
  }
}

/**
 * Whether the actor holds one of `roles` at a unit in the jurisdiction's relation to `casePath`
 * (and of its level, when it names one). Built-in actors (system, dev) may do anything.
 */
export function mayAct({
  actor,
  roles,
  jurisdiction,
  casePath,
  org,
}: {
  actor: Actor;
  roles: readonly string[];
  jurisdiction: CompiledJurisdiction;
  casePath: string;
  org: Pick<OrgService, 'byCode'>;
}): boolean {
  if (actor.kind !== 'user') return true;
  return actor.assignments.some(
    (a) =>
      roles.includes(a.role) &&
      relates(a.orgPath, casePath, jurisdiction.unit) &&
      (jurisdiction.level === null || org.byCode(a.orgCode)?.level === jurisdiction.level),
  );
}
