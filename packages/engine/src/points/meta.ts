import { resolveText } from '@zhili/schemas';
import type { AdminPoints, Locale, PointsPermissions, Text } from '@zhili/schemas';
import type { Actor } from '../actor/actor.ts';
import { grantsFor } from '../actor/actor.ts';
import type { CompiledPointsScheme } from './types.ts';
import type { PointsRuleKinds } from './rule-kinds.ts';

/** A points scheme for /api/meta, texts in one locale. */
export function adminPoints(scheme: CompiledPointsScheme, locale: Locale, ruleKinds: PointsRuleKinds): AdminPoints {
  const text = (value: Text): string => resolveText(value, locale);
  const maybe = (value: Text | null): string | null => (value === null ? null : text(value));
  return {
    id: scheme.id,
    title: text(scheme.title),
    description: maybe(scheme.description),
    unit: text(scheme.unit),
    holder: scheme.holder,
    adoption: scheme.adoption === null ? null : { body: maybe(scheme.adoption.body), date: scheme.adoption.date, resolution: scheme.adoption.resolution },
    allowNegative: scheme.allowNegative,
    categories: scheme.categories.map((c) => ({ id: c.id, title: text(c.title), description: maybe(c.description) })),
    rules: scheme.rules.map((rule) => ({
      code: rule.code,
      category: rule.category,
      title: text(rule.title),
      description: maybe(rule.description),
      points: rule.points,
      unit: rule.unit,
      maxQuantity: rule.maxQuantity,
      caps: rule.caps,
      roles: rule.roles,
      claim: rule.claim,
      auto: rule.auto === null ? null : { workflow: rule.auto.workflow, transitions: rule.auto.transitions },
      counting: rule.kind === null ? null : text(ruleKinds.get(rule.kind.name)?.title ?? rule.kind.name),
      illustrative: rule.illustrative,
    })),
    redemption:
      scheme.redemption === null
        ? null
        : {
            title: text(scheme.redemption.title),
            roles: scheme.redemption.roles,
            items: scheme.redemption.items.map((item) => ({
              code: item.code,
              title: text(item.title),
              description: maybe(item.description),
              cost: item.cost,
              stocked: item.stock !== null,
              limit: item.limit,
              illustrative: item.illustrative,
            })),
          },
    expiry: scheme.expiry,
    timeBank:
      scheme.timeBank === null
        ? null
        : {
            title: text(scheme.timeBank.title),
            coin: text(scheme.timeBank.coin),
            coinsPerHour: scheme.timeBank.coinsPerHour,
            maxHours: scheme.timeBank.maxHours,
            roles: scheme.timeBank.roles,
            services: scheme.timeBank.services.map((s) => ({ code: s.code, title: text(s.title) })),
          },
    publication: scheme.publication,
  };
}

/** What the actor may do with a scheme somewhere: the grant on points, and a role the scheme names for the act. */
export function pointsPermissions(actor: Actor, scheme: CompiledPointsScheme): PointsPermissions {
  const any = (action: 'read' | 'create' | 'approve') => grantsFor(actor, 'points', action).length > 0;
  const holds = (roles: readonly string[]) => actor.kind !== 'user' || actor.assignments.some((a) => roles.includes(a.role));
  const create = any('create');
  const approve = any('approve');
  return {
    read: any('read'),
    post: create ? scheme.rules.filter((r) => r.roles.length > 0 && holds(r.roles)).map((r) => r.code) : [],
    claim: create ? scheme.rules.filter((r) => r.claim !== null && holds(r.claim.roles)).map((r) => r.code) : [],
    review: approve ? scheme.rules.filter((r) => r.claim !== null && holds(r.claim.reviewers)).map((r) => r.code) : [],
    redeem: create && scheme.redemption !== null && holds(scheme.redemption.roles),
    timeBank: create && scheme.timeBank !== null && holds(scheme.timeBank.roles),
    reverse: approve,
  };
}
