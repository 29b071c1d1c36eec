import type { BilingualText, ComplianceReport, GridSummary, GridUnitSummary as UnitSummary } from '@zhili/schemas';
import type { Actor } from '../actor/actor.ts';
import { allows, grantsFor } from '../actor/actor.ts';
import type { AuditLog } from '../audit/log.ts';
import { errors } from '../errors/engine-error.ts';
import type { CompiledModel } from '../model/types.ts';
import type { OrgService, OrgUnitRecord } from '../org/service.ts';
import { ROOT_PATH } from '../org/path.ts';
import { fieldCipherFromKey } from '../pii/cipher.ts';
import type { FieldCipher } from '../pii/cipher.ts';
import type { Database } from '../storage/database.ts';
import { installCounters, rebuildCounters, verifyCounters, type CounterDrift } from './counters.ts';
import { evaluateRules, gridsUnder, ruleTitle } from './evaluate.ts';
import { createMaintenance, type GridChangeResult, type Maintenance } from './maintenance.ts';
import { chinaToday, parsePeriod } from './period.ts';
import { BUILT_IN_GRID_RULE_KINDS, type GridRuleKinds } from './rules/registry.ts';
import type { CompiledGrids, GridViolation } from './types.ts';

/** The engine resource roles grant grid actions on: read (compliance), update (maintenance). */
export const GRIDS_RESOURCE = 'grids';

const bi = (zh: string, en: string): BilingualText => ({ 'zh-CN': zh, en });

/** Subjects listed per kind in a compliance report unless the query asks for another number. */
export const DEFAULT_COMPLIANCE_LIMIT = 1000;
const MAX_COMPLIANCE_LIMIT = 50_000;

export interface ComplianceQuery {
  /** Code of the unit whose subtree is evaluated; the top of the actor's grants when absent. */
  readonly org?: string;
  /** YYYY, YYYY-MM or YYYY-MM-DD..YYYY-MM-DD; the current year when absent. */
  readonly period?: string;
  /** Grids, workers and units listed at most (each); the counts cover them all. */
  readonly limit?: number;
}

interface UnitRef {
  readonly code: string;
  readonly name: string;
  readonly level: string;
}

/** The answers of /api/grids/compliance and /summary, defined once in @zhili/schemas. */
export type { ComplianceReport, GridSummary, UnitSummary };

/**
 * Grid rules at work: compliance of a scope and period (violations per grid and worker with their
 * figures), the dashboard summary per level, grid maintenance with the rules re-checked on the
 * spot, and the counters compliance reads. Reading needs a `read` grant on `grids` covering the
 * unit asked about; maintenance an `update` grant covering every grid it changes.
 */
export interface GridService {
  /** The package's grid rules, or null when it has none (every call but this then answers NOT_FOUND). */
  readonly config: CompiledGrids | null;
  /** Installs the counters' triggers for the config (rebuilding the counters when they change). */
  install(): Promise<void>;
  compliance(ctx: { readonly actor: Actor }, query: ComplianceQuery): Promise<ComplianceReport>;
  summary(ctx: { readonly actor: Actor }, query: Omit<ComplianceQuery, 'limit'>): Promise<GridSummary>;
  /** Grid maintenance: moving households, splitting and merging grids, assigning and removing staff. */
  readonly maintenance: Maintenance;
  /** Recomputes the counters from the records (`zhili grids rebuild`). */
  rebuildCounters(): Promise<void>;
  /** Counter rows that differ from the records (`zhili grids verify`). */
  verifyCounters(): Promise<CounterDrift>;
}

export interface GridServiceOptions {
  readonly db: Database;
  readonly model: CompiledModel;
  readonly org: OrgService;
  readonly audit: AuditLog;
  /** @default () => new Date() */
  readonly now?: () => Date;
  /** @default the cipher of $ZHILI_DATA_KEY */
  readonly cipher?: FieldCipher | null;
  /** The rule kinds the package's rules are evaluated with (the engine's and its plugins'). @default the engine's */
  readonly kinds?: GridRuleKinds;
}

export type { GridChangeResult };

export function createGridService(options: GridServiceOptions): GridService {
  const { db, model, org } = options;
  const config = model.grids;
  const now = options.now ?? (() => new Date());
  const cipher = options.cipher === undefined ? fieldCipherFromKey() : options.cipher;
  const kinds = options.kinds ?? BUILT_IN_GRID_RULE_KINDS;

  const need = (): CompiledGrids => {
    if (!config) throw errors.notFound(bi(`配置包 ${model.id} 没有网格规则（grids/*.yaml）`, `Package ${model.id} has no grid rules (grids/*.yaml)`));
    return config;
  };

  /** The unit asked about, checked against the actor's read grants. */
  const scopeOf = (actor: Actor, code: string | undefined): OrgUnitRecord => {
    if (code !== undefined) {
      const unit = org.byCode(code);
      if (!unit) throw errors.notFound(bi(`组织单位“${code}”不存在`, `The org unit "${code}" does not exist`));
      if (!allows(actor, GRIDS_RESOURCE, 'read', unit.path)) {
        throw errors.forbidden(bi(`无权查看 ${unit.name} 的网格规则执行情况`, `You may not read the grid compliance of ${unit.name}`));
      }
      return unit;
    }
    const grant = grantsFor(actor, GRIDS_RESOURCE, 'read')[0];
    if (!grant) throw errors.forbidden(bi('无权查看网格规则执行情况', 'You may not read grid compliance'));
    const unit = grant.path === ROOT_PATH ? org.roots()[0] : org.byCode(grant.path.split('/').at(-2) ?? '');
    if (!unit) throw errors.notFound(bi('辖区树为空', 'The jurisdiction tree is empty'));
    return unit;
  };

  const evaluate = async (actor: Actor, query: Omit<ComplianceQuery, 'limit'>) => {
    const grids = need();
    const scope = scopeOf(actor, query.org);
    const today = chinaToday(now());
    const period = parsePeriod(query.period, today);
    const evaluation = await evaluateRules({ db, model, config: grids, kinds, actor, cipher, scope, grids: gridsUnder(org, grids, scope), period, today });
    return { grids, scope, period, evaluation };
  };

  const unitRef = (unit: OrgUnitRecord): UnitRef => ({ code: unit.code, name: unit.name, level: unit.level });

  return {
    config,
    maintenance: createMaintenance({ ...options, config, kinds, now, cipher, need }),

    async install() {
      if (config) await installCounters(db, model, config);
    },

    async compliance(ctx, query) {
      const limit = query.limit ?? DEFAULT_COMPLIANCE_LIMIT;
      if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_COMPLIANCE_LIMIT) {
        throw errors.badRequest(bi('查询参数有误', 'The query parameters are invalid'), {
          limit: [bi(`应为 1 到 ${MAX_COMPLIANCE_LIMIT} 之间的整数`, `must be a whole number from 1 to ${MAX_COMPLIANCE_LIMIT}`)],
        });
      }
      const { grids: config, scope, period, evaluation } = await evaluate(ctx.actor, query);
      const { figures, violations, informational } = evaluation;
      const byGrid = new Map<string, GridViolation[]>();
      const byWorker = new Map<string, { name: string; gridCode: string; violations: GridViolation[] }>();
      const byUnit = new Map<string, { name: string; violations: GridViolation[] }>();
      const perRule = new Map<string, number>();
      for (const violation of violations) {
        perRule.set(violation.rule, (perRule.get(violation.rule) ?? 0) + 1);
        const { subject } = violation;
        if (subject.type === 'grid') byGrid.set(subject.code, [...(byGrid.get(subject.code) ?? []), violation]);
        else if (subject.type === 'worker') {
          const key = subject.id ?? subject.name;
          const entry = byWorker.get(key) ?? { name: subject.name, gridCode: subject.code, violations: [] };
          entry.violations.push(violation);
          byWorker.set(key, entry);
        } else {
          const entry = byUnit.get(subject.code) ?? { name: subject.name, violations: [] };
          entry.violations.push(violation);
          byUnit.set(subject.code, entry);
        }
      }
      const allGrids = await figures.grids();
      const staff = byGrid.size ? await figures.staffByGrid() : new Map<string, ReadonlyMap<string, number>>();
      const listedGrids = allGrids.filter((grid) => byGrid.has(grid.code));
      const notes = new Map(informational.map((i) => [i.rule, i.message]));
      return {
        org: unitRef(scope),
        period,
        rules: config.rules.map((rule) => ({
          id: rule.id,
          kind: rule.kind,
          title: ruleTitle(rule, kinds),
          hard: kinds.get(rule.kind)?.hard ?? false,
          violations: perRule.get(rule.id) ?? 0,
          note: notes.get(rule.id) ?? null,
        })),
        counts: {
          grids: allGrids.length,
          households: [...(await figures.householdCounts()).values()].reduce((a, b) => a + b, 0),
          violations: violations.length,
          gridsInViolation: byGrid.size,
          workersInViolation: byWorker.size,
        },
        grids: listedGrids.slice(0, limit).map((grid) => ({
          code: grid.code,
          name: grid.name,
          kind: grid.kind,
          households: grid.households,
          staff: Object.fromEntries(staff.get(grid.path) ?? []),
          violations: byGrid.get(grid.code) ?? [],
        })),
        workers: [...byWorker].slice(0, limit).map(([id, entry]) => ({ id, ...entry })),
        units: [...byUnit].slice(0, limit).map(([code, entry]) => ({ code, ...entry })),
        truncated: listedGrids.length > limit || byWorker.size > limit || byUnit.size > limit,
      };
    },

    async summary(ctx, query) {
      const { grids: config, scope, period, evaluation } = await evaluate(ctx.actor, query);
      const { figures, violations } = evaluation;
      const allGrids = await figures.grids();
      const staff = await figures.staffByGrid();
      const quotaRoles = new Set(config.rules.filter((r) => r.kind === 'visit-quota').flatMap((r) => (r.options['roles'] as string[] | undefined) ?? []));
      const byCode = new Map(allGrids.map((grid) => [grid.code, grid]));
      const counters = new Map<string, { overCap: boolean; under: boolean; over: boolean; overdue: number; violations: number; workersFailing: Set<string> }>();
      const counterOf = (code: string) => {
        const known = counters.get(code);
        if (known) return known;
        const fresh = { overCap: false, under: false, over: false, overdue: 0, violations: 0, workersFailing: new Set<string>() };
        counters.set(code, fresh);
        return fresh;
      };
      for (const violation of violations) {
        if (violation.subject.type === 'unit' || !byCode.has(violation.subject.code)) continue;
        const c = counterOf(violation.subject.code);
        c.violations += 1;
        if (violation.kind === 'household-cap') c.overCap = true;
        if (violation.kind === 'staffing') {
          if (violation.figures['min'] !== undefined) c.under = true;
          if (violation.figures['max'] !== undefined) c.over = true;
        }
        if (violation.kind === 'must-visit') c.overdue += Number(violation.figures['households'] ?? 0);
        if (violation.kind === 'visit-quota' && violation.subject.id) c.workersFailing.add(violation.subject.id);
      }
      const unitViolations = violations.filter((v) => v.subject.type === 'unit').length;
      const summarize = (unit: OrgUnitRecord, extra: number): UnitSummary => {
        const inside = unit.level === config.level ? allGrids.filter((g) => g.path === unit.path) : allGrids.filter((g) => g.path.startsWith(unit.path));
        const out = { grids: 0, coveredGrids: 0, households: 0, overCap: 0, understaffed: 0, overstaffed: 0, workers: 0, workersMeetingQuota: 0, mustVisitOverdue: 0, violations: extra };
        for (const grid of inside) {
          const c = counters.get(grid.code);
          const workers = [...quotaRoles].reduce((sum, role) => sum + (staff.get(grid.path)?.get(role) ?? 0), 0);
          out.grids += 1;
          out.coveredGrids += grid.households > 0 ? 1 : 0;
          out.households += grid.households;
          out.workers += workers;
          out.workersMeetingQuota += Math.max(0, workers - (c?.workersFailing.size ?? 0));
          if (!c) continue;
          out.overCap += c.overCap ? 1 : 0;
          out.understaffed += c.under ? 1 : 0;
          out.overstaffed += c.over ? 1 : 0;
          out.mustVisitOverdue += c.overdue;
          out.violations += c.violations;
        }
        return { ...unitRef(unit), ...out };
      };
      return {
        org: unitRef(scope),
        period,
        total: summarize(scope, unitViolations),
        children: org.children(scope.code).map((child) => summarize(child, 0)),
      };
    },

    async rebuildCounters() {
      await rebuildCounters(db, model, need());
    },

    async verifyCounters() {
      return verifyCounters(db, model, need());
    },
  };
}
