import { resolveText } from '@zhili/schemas';
import type { BilingualText } from '@zhili/schemas';
import type { Action, Actor, ScopeGrant } from '../actor/actor.ts';
import { grantCovers, grantsFor } from '../actor/actor.ts';
import { errors } from '../errors/engine-error.ts';
import type { CompiledChecklist, CompiledModel } from '../model/types.ts';
import { ROOT_PATH } from '../org/path.ts';
import type { OrgService } from '../org/service.ts';
import { codeOfPath } from '../resources/service.ts';
import type { ChecklistPermissions } from './types.ts';

/** The engine resource roles grant checklist actions on: read (drafts), update (edit drafts), publish. */
export const CHECKLISTS_RESOURCE = 'checklists';
/** The engine resource roles grant admission-request actions on: read, create (submit), approve (decide). */
export const ADMISSION_REQUESTS_RESOURCE = 'admission_requests';
/** The engine resource roles grant claim actions on: read, create (record a claim), update (mark done, withdraw). */
export const CLAIMS_RESOURCE = 'checklist_claims';

/**
 * The grant by which the actor acts as an authority of `level` or above: a grant for the action on
 * the engine resource held at a unit of that level or higher (a grant over the whole tree counts).
 * The highest such grant is returned (its path places the audit row); null when there is none.
 * With `covering`, only grants whose scope includes that unit count.
 */
export function authorityGrant(options: {
  readonly actor: Actor;
  readonly model: CompiledModel;
  readonly org: Pick<OrgService, 'byCode'>;
  readonly resource: string;
  readonly action: Action;
  readonly level: string;
  /** Only grants that also cover this unit (the unit a request came from, say). */
  readonly covering?: string;
}): ScopeGrant | null {
  const { model, org, covering } = options;
  const depthOf = (level: string): number => model.levels.find((l) => l.id === level)?.depth ?? Number.POSITIVE_INFINITY;
  const required = depthOf(options.level);
  const qualifying = grantsFor(options.actor, options.resource, options.action).filter((grant) => {
    if (covering !== undefined && !grantCovers(grant, covering)) return false;
    if (grant.path === ROOT_PATH) return grant.subtree;
    const unit = org.byCode(codeOfPath(grant.path));
    return unit !== undefined && depthOf(unit.level) <= required;
  });
  return [...qualifying].sort((a, b) => a.path.length - b.path.length)[0] ?? null;
}

/** The authority grant, or FORBIDDEN naming the level and the action the actor lacks. */
export function requireAuthority(options: Parameters<typeof authorityGrant>[0] & { readonly what: BilingualText }): ScopeGrant {
  const grant = authorityGrant(options);
  if (grant) return grant;
  const level = options.model.levels.find((l) => l.id === options.level);
  const title = level ? { zh: resolveText(level.title, 'zh-CN'), en: resolveText(level.title, 'en') } : { zh: options.level, en: options.level };
  throw errors.forbidden({
    'zh-CN': `无权${options.what['zh-CN']}：需要在${title.zh}或更高层级持有相应权限`,
    en: `You may not ${options.what.en}: that takes a grant held at the level ${title.en} or above`,
  });
}

/**
 * What an actor may do with a checklist: see drafts (and the checklist at all when it is not
 * public) with any `read` grant on checklists; edit and publish with an `update` / `publish` grant
 * held at the checklist's owner level or above; submit admission requests with a `create` grant on
 * admission_requests, and decide them with an `approve` grant at the approver level or above, when
 * the checklist has admission control.
 */
export function checklistPermissions(options: {
  readonly actor: Actor;
  readonly model: CompiledModel;
  readonly org: Pick<OrgService, 'byCode'>;
  readonly checklist: CompiledChecklist;
}): ChecklistPermissions {
  const { actor, model, org, checklist } = options;
  const authority = (resource: string, action: Action, level: string): boolean => authorityGrant({ actor, model, org, resource, action, level }) !== null;
  const admission = checklist.admission;
  const claims = (action: Action): boolean => checklist.claiming !== null && grantsFor(actor, CLAIMS_RESOURCE, action).length > 0;
  return {
    readDrafts: grantsFor(actor, CHECKLISTS_RESOURCE, 'read').length > 0,
    edit: authority(CHECKLISTS_RESOURCE, 'update', checklist.owner),
    publish: authority(CHECKLISTS_RESOURCE, 'publish', checklist.owner),
    submitRequests: admission !== null && grantsFor(actor, ADMISSION_REQUESTS_RESOURCE, 'create').length > 0,
    decideRequests: admission !== null && authority(ADMISSION_REQUESTS_RESOURCE, 'approve', admission.approverLevel),
    readClaims: claims('read'),
    claim: claims('create'),
    closeClaims: claims('update'),
  };
}
