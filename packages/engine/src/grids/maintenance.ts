import type { BilingualText, GridChangeResult } from '@zhili/schemas';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Actor } from '../actor/actor.ts';
import { allows } from '../actor/actor.ts';
import type { AuditAction, AuditLog } from '../audit/log.ts';
import { EngineError, errors } from '../errors/engine-error.ts';
import { isUuid } from '../ids/uuid.ts';
import type { CompiledModel, CompiledResource } from '../model/types.ts';
import { childPath, ORG_CODE_PATTERN } from '../org/path.ts';
import type { OrgService, OrgUnitRecord } from '../org/service.ts';
import type { FieldCipher } from '../pii/cipher.ts';
import type { Database } from '../storage/database.ts';
import { writeTransaction } from '../storage/transaction.ts';
import { evaluateRules } from './evaluate.ts';
import type { GridRuleKinds } from './rules/registry.ts';
import { chinaToday, parsePeriod } from './period.ts';
import type { CompiledGrids, GridViolation } from './types.ts';

const bi = (zh: string, en: string): BilingualText => ({ 'zh-CN': zh, en });

/** Households moved in one call at most. */
export const MAX_MOVED_HOUSEHOLDS = 5_000;

/** What a grid change did to the rules, defined once in @zhili/schemas. */
export type { GridChangeResult };

/**
 * Grid maintenance. Each change runs in one transaction: the rules are evaluated on the grids it
 * touches before and after it; a change that causes a violation of a hard rule (a household cap,
 * a staffing maximum — see the rule kinds) is refused with RULE_VIOLATED (422) and the rule's text,
 * and nothing is written; violations of the other rules are carried out and reported. Every change
 * is audited (grid-move, grid-split, grid-merge, grid-staff-assign, grid-staff-remove) in the same
 * transaction, and the counters follow through their triggers.
 */
export interface Maintenance {
  /** `{ households: [id…], to: gridCode }`: moves households (with the records that belong to them, e.g. residents) into a grid. */
  moveHouseholds(ctx: { readonly actor: Actor }, body: unknown): Promise<GridChangeResult>;
  /** `{ code, name, kind?, households: [id…], staff?: [id…] }`: a new grid beside `grid` takes over some of its households and staff. */
  split(ctx: { readonly actor: Actor }, grid: string, body: unknown): Promise<GridChangeResult>;
  /** `{ from: gridCode }`: every record of grid `from` moves into `grid`, and `from` leaves the tree. */
  merge(ctx: { readonly actor: Actor }, grid: string, body: unknown): Promise<GridChangeResult>;
  /** `{ staff: id }`: a staff member serves on `grid` (moved from wherever they were, marked serving). */
  assignStaff(ctx: { readonly actor: Actor }, grid: string, body: unknown): Promise<GridChangeResult>;
  /** A staff member of `grid` stops serving: their status becomes `status` (default: left, when the status field allows it). */
  removeStaff(ctx: { readonly actor: Actor }, grid: string, staffId: string, status: string | undefined): Promise<GridChangeResult>;
}

interface Options {
  readonly db: Database;
  readonly model: CompiledModel;
  readonly org: OrgService;
  readonly audit: AuditLog;
  readonly config: CompiledGrids | null;
  readonly kinds: GridRuleKinds;
  readonly now: () => Date;
  readonly cipher: FieldCipher | null;
  readonly need: () => CompiledGrids;
}

type Handle = Kysely<any>;

function invalid(field: string, message: BilingualText): EngineError {
  return errors.validation({ [field]: [message] });
}

const keyOf = (v: GridViolation): string => `${v.rule}|${v.subject.type}|${v.subject.code}|${v.subject.id ?? ''}|${v.figures['min'] !== undefined ? 'min' : v.figures['max'] !== undefined ? 'max' : ''}`;

export function createMaintenance(options: Options): Maintenance {
  const { db, model, org, audit, need } = options;

  const resource = (id: string): CompiledResource => {
    const found = model.resources[id];
    if (!found) throw new Error(`grid rules name resource ${id}, which the model lacks`);
    return found;
  };

  /** A grid of the tree by code, which the actor may change. */
  const gridFor = (actor: Actor, code: unknown, field: string): OrgUnitRecord => {
    const config = need();
    if (typeof code !== 'string' || code === '') throw invalid(field, bi('必须填写网格编码', 'a grid code is required'));
    const unit = org.byCode(code);
    if (!unit || unit.level !== config.level) throw errors.notFound(bi(`网格“${code}”不存在`, `There is no grid "${code}"`));
    mayChange(actor, unit);
    return unit;
  };

  const mayChange = (actor: Actor, unit: OrgUnitRecord): void => {
    if (!allows(actor, 'grids', 'update', unit.path)) {
      throw errors.forbidden(bi(`无权调整网格 ${unit.code}（${unit.name}）`, `You may not change grid ${unit.code} (${unit.name})`));
    }
  };

  const idList = (value: unknown, field: string, required: boolean): string[] => {
    if (value === undefined && !required) return [];
    if (!Array.isArray(value) || (required && value.length === 0)) throw invalid(field, bi('应为非空的 id 数组', 'must be a non-empty array of ids'));
    if (value.length > MAX_MOVED_HOUSEHOLDS) throw invalid(field, bi(`一次至多 ${MAX_MOVED_HOUSEHOLDS} 条`, `at most ${MAX_MOVED_HOUSEHOLDS} at a time`));
    const ids = value.filter((v): v is string => typeof v === 'string' && isUuid(v));
    if (ids.length !== value.length) throw invalid(field, bi('每一项都应为记录 id（UUID）', 'every entry must be a record id (a UUID)'));
    if (new Set(ids).size !== ids.length) throw invalid(field, bi('id 有重复', 'an id is given twice'));
    return ids;
  };

  const objectBody = (body: unknown): Record<string, unknown> => {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw errors.validation({ $: [bi('请求体必须是 JSON 对象', 'the body must be a JSON object')] });
    return body as Record<string, unknown>;
  };

  /** org_path of records of a resource by id; ids not found are NOT_FOUND. */
  const pathsOf = async (trx: Handle, res: CompiledResource, ids: readonly string[]): Promise<Map<string, string>> => {
    const rows = await trx.selectFrom(res.table).select(['id', 'org_path']).where('id', 'in', ids).execute();
    const found = new Map(rows.map((row) => [String(row.id), String(row.org_path)]));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) throw errors.notFound(bi(`${res.id} 记录不存在：${missing.slice(0, 5).join('、')}`, `No ${res.id} record ${missing.slice(0, 5).join(', ')}`));
    return found;
  };

  const touch = (actor: Actor) => ({ version: sql`version + 1`, updated_at: options.now().toISOString(), updated_by: actor.id, config_version: model.version });

  /** Resources at the grid level whose records belong to a household (a field referring to the household resource), the visits aside. */
  const memberResources = (config: CompiledGrids): { res: CompiledResource; field: string }[] =>
    Object.values(model.resources).flatMap((res) => {
      if (res.level !== config.level || res.id === config.households.resource || res.id === config.visits.resource) return [];
      const field = res.fields.find((f) => (f.schema as { 'x-ref'?: unknown })['x-ref'] === config.households.resource);
      return field ? [{ res, field: field.name }] : [];
    });

  const moveHouseholdRows = async (trx: Handle, actor: Actor, config: CompiledGrids, ids: readonly string[], to: OrgUnitRecord): Promise<void> => {
    const households = resource(config.households.resource);
    for (let i = 0; i < ids.length; i += 500) {
      const batch = ids.slice(i, i + 500);
      await trx.updateTable(households.table).set({ org_path: to.path, ...touch(actor) }).where('id', 'in', batch).execute();
      for (const { res, field } of memberResources(config)) {
        await trx.updateTable(res.table).set({ org_path: to.path, ...touch(actor) }).where(field, 'in', batch).execute();
      }
    }
  };

  /** The violations of grids and their workers, evaluated on a transaction's handle. */
  const violationsOf = async (trx: Handle, actor: Actor, grids: readonly OrgUnitRecord[]): Promise<GridViolation[]> => {
    const config = need();
    const today = chinaToday(options.now());
    const period = parsePeriod(undefined, today);
    const out: GridViolation[] = [];
    for (const grid of grids) {
      const evaluation = await evaluateRules({ db: { ...db, kysely: trx }, model, config, kinds: options.kinds, actor, cipher: options.cipher, scope: grid, grids: [grid], period, today });
      out.push(...evaluation.violations.filter((v) => v.subject.type !== 'unit'));
    }
    return out;
  };

  /**
   * Runs a change: the rules before and after on the grids it touches, refusal of a hard violation
   * it causes, the audit row; then reloads the tree when the change added or removed a unit.
   */
  const change = async (actor: Actor, spec: {
    action: AuditAction;
    /** The grids as they are before the change. */
    before: readonly OrgUnitRecord[];
    /** The grids as they are after it. */
    after: readonly OrgUnitRecord[];
    apply: (trx: Handle) => Promise<Record<string, unknown>>;
    record: OrgUnitRecord;
    treeChanged?: boolean;
  }): Promise<GridChangeResult> => {
    const result = await writeTransaction(db, async (trx) => {
      const before = await violationsOf(trx, actor, spec.before);
      const detail = await spec.apply(trx);
      const after = await violationsOf(trx, actor, spec.after);
      const previous = new Map(before.map((v) => [keyOf(v), v]));
      const caused = after.filter((v) => {
        const was = previous.get(keyOf(v));
        return !was || (v.hard && (v.measure ?? 0) > (was.measure ?? 0));
      });
      const refused = caused.filter((v) => v.hard);
      if (refused.length) {
        throw new EngineError('RULE_VIOLATED', {
          'zh-CN': `违反网格规则，未作调整：${refused.map((v) => v.message['zh-CN']).join('；')}`,
          en: `Refused, it would break the grid rules: ${refused.map((v) => v.message.en).join('; ')}`,
        });
      }
      await audit.append(trx, {
        actor,
        action: spec.action,
        resource: 'grids',
        recordId: spec.record.code,
        orgPath: spec.record.path,
        detail: { ...detail, caused: caused.map((v) => v.message['zh-CN']) },
      });
      return { grids: spec.after.map((g) => g.code), caused, violations: after };
    });
    if (spec.treeChanged) await org.load();
    return result;
  };

  const staffResource = (): CompiledResource => resource(need().staff.resource);

  return {
    async moveHouseholds(ctx, body) {
      const config = need();
      const input = objectBody(body);
      const ids = idList(input['households'], 'households', true);
      const to = gridFor(ctx.actor, input['to'], 'to');
      const paths = await pathsOf(db.kysely, resource(config.households.resource), ids);
      const sources = new Map<string, OrgUnitRecord>();
      for (const [id, path] of paths) {
        if (path === to.path) throw invalid('households', bi(`住户 ${id} 已在网格 ${to.code}`, `household ${id} is in grid ${to.code} already`));
        const code = path.split('/').at(-2) ?? '';
        const unit = org.byCode(code);
        if (!unit) throw errors.notFound(bi(`住户 ${id} 所在的组织单位不存在`, `The unit of household ${id} does not exist`));
        mayChange(ctx.actor, unit);
        sources.set(unit.code, unit);
      }
      const grids = [...sources.values(), to];
      return change(ctx.actor, {
        action: 'grid-move',
        before: grids,
        after: grids,
        record: to,
        apply: async (trx) => {
          await moveHouseholdRows(trx, ctx.actor, config, ids, to);
          return { to: to.code, from: [...sources.keys()], households: ids };
        },
      });
    },

    async split(ctx, code, body) {
      const config = need();
      const input = objectBody(body);
      const grid = gridFor(ctx.actor, code, 'grid');
      const newCode = input['code'];
      const name = input['name'];
      const kind = input['kind'] ?? grid.kind;
      if (typeof newCode !== 'string' || !ORG_CODE_PATTERN.test(newCode)) throw invalid('code', bi('新网格编码只能由字母、数字和连字符组成（至多 40 位）', 'the new grid code is letters, digits and hyphens (at most 40)'));
      if (org.byCode(newCode)) throw invalid('code', bi(`编码 ${newCode} 已被占用`, `the code ${newCode} is taken`));
      if (typeof name !== 'string' || name.trim() === '' || name.length > 100) throw invalid('name', bi('必须填写新网格名称（至多 100 字）', 'the new grid needs a name (at most 100 characters)'));
      if (kind !== null && typeof kind !== 'string') throw invalid('kind', bi('网格类型应为文本', 'the grid type must be text'));
      const households = idList(input['households'], 'households', true);
      const staffIds = idList(input['staff'], 'staff', false);
      for (const [id, path] of await pathsOf(db.kysely, resource(config.households.resource), households)) {
        if (path !== grid.path) throw invalid('households', bi(`住户 ${id} 不在网格 ${grid.code}`, `household ${id} is not in grid ${grid.code}`));
      }
      if (staffIds.length) {
        for (const [id, path] of await pathsOf(db.kysely, staffResource(), staffIds)) {
          if (path !== grid.path) throw invalid('staff', bi(`人员 ${id} 不在网格 ${grid.code}`, `staff member ${id} is not in grid ${grid.code}`));
        }
      }
      const parent = grid.parentCode === null ? null : (org.byCode(grid.parentCode) ?? null);
      const created: OrgUnitRecord = {
        code: newCode,
        name: name.trim(),
        level: grid.level,
        kind: kind ?? null,
        parentCode: grid.parentCode,
        path: childPath(parent?.path ?? null, newCode),
        depth: grid.depth,
      };
      const position = Math.max(0, ...(await db.kysely.selectFrom('zhili_org_units').select('position').where('parent_code', '=', grid.parentCode).execute()).map((r) => Number(r.position))) + 1;
      return change(ctx.actor, {
        action: 'grid-split',
        before: [grid],
        after: [grid, created],
        record: grid,
        treeChanged: true,
        apply: async (trx) => {
          await trx
            .insertInto('zhili_org_units')
            .values({ code: created.code, name: created.name, level: created.level, kind: created.kind, parent_code: created.parentCode, path: created.path, depth: created.depth, position })
            .execute();
          await moveHouseholdRows(trx, ctx.actor, config, households, created);
          if (staffIds.length) await trx.updateTable(staffResource().table).set({ org_path: created.path, ...touch(ctx.actor) }).where('id', 'in', staffIds).execute();
          return { grid: grid.code, newGrid: { code: created.code, name: created.name, kind: created.kind }, households, staff: staffIds };
        },
      });
    },

    async merge(ctx, code, body) {
      const config = need();
      const input = objectBody(body);
      const into = gridFor(ctx.actor, code, 'grid');
      const from = gridFor(ctx.actor, input['from'], 'from');
      if (from.code === into.code) throw invalid('from', bi('不能把网格并入它自己', 'a grid cannot be merged into itself'));
      if (org.children(from.code).length) throw errors.conflict(bi(`网格 ${from.code} 下还有组织单位，不能并入其他网格`, `Grid ${from.code} has units under it and cannot be merged`));
      const holders = await db.kysely.selectFrom('zhili_user_roles').select(['user_id', 'role']).where('org_code', '=', from.code).execute();
      if (holders.length) {
        throw errors.conflict(
          bi(
            `有 ${holders.length} 个用户角色设在网格 ${from.code}，请先调整这些用户的角色再合并`,
            `${holders.length} user role(s) are held at grid ${from.code}; move them before merging`,
          ),
        );
      }
      const moved = Object.values(model.resources).filter((res) => res.level === config.level);
      return change(ctx.actor, {
        action: 'grid-merge',
        before: [from, into],
        after: [into],
        record: into,
        treeChanged: true,
        apply: async (trx) => {
          const counts: Record<string, number> = {};
          for (const res of moved) {
            const result = await trx.updateTable(res.table).set({ org_path: into.path, ...touch(ctx.actor) }).where('org_path', '=', from.path).executeTakeFirst();
            counts[res.id] = Number(result.numUpdatedRows);
          }
          await trx.deleteFrom('zhili_org_units').where('code', '=', from.code).execute();
          return { into: into.code, from: { code: from.code, name: from.name, kind: from.kind }, moved: counts };
        },
      });
    },

    async assignStaff(ctx, code, body) {
      const config = need();
      const input = objectBody(body);
      const grid = gridFor(ctx.actor, code, 'grid');
      const [id] = idList(input['staff'] === undefined ? undefined : [input['staff']], 'staff', true);
      const staff = staffResource();
      const path = (await pathsOf(db.kysely, staff, [id as string])).get(id as string) as string;
      const source = org.byCode(path.split('/').at(-2) ?? '');
      if (source && source.code !== grid.code) mayChange(ctx.actor, source);
      const grids = source && source.code !== grid.code && source.level === config.level ? [source, grid] : [grid];
      return change(ctx.actor, {
        action: 'grid-staff-assign',
        before: grids,
        after: grids,
        record: grid,
        apply: async (trx) => {
          await trx
            .updateTable(staff.table)
            .set({ org_path: grid.path, [config.staff.statusField]: config.staff.activeStatuses[0], ...touch(ctx.actor) })
            .where('id', '=', id as string)
            .execute();
          return { grid: grid.code, staff: id, from: source?.code ?? null };
        },
      });
    },

    async removeStaff(ctx, code, staffId, status) {
      const config = need();
      const grid = gridFor(ctx.actor, code, 'grid');
      const [id] = idList([staffId], 'staff', true);
      const staff = staffResource();
      const path = (await pathsOf(db.kysely, staff, [id as string])).get(id as string);
      if (path !== grid.path) throw errors.notFound(bi(`人员 ${id} 不在网格 ${grid.code}`, `Staff member ${id} is not in grid ${grid.code}`));
      const allowed = staff.fields.find((f) => f.name === config.staff.statusField)?.enumValues?.map(String) ?? null;
      const inactive = allowed?.filter((value) => !config.staff.activeStatuses.includes(value)) ?? [];
      const next = status ?? (inactive.includes('left') ? 'left' : inactive[0]);
      if (next === undefined || config.staff.activeStatuses.includes(next) || (allowed && !allowed.includes(next))) {
        throw invalid('status', bi(`离岗后的状态应为 ${inactive.join('、') || '非在岗的值'}`, `the status after removal must be one of ${inactive.join(', ') || 'the values that are not serving'}`));
      }
      return change(ctx.actor, {
        action: 'grid-staff-remove',
        before: [grid],
        after: [grid],
        record: grid,
        apply: async (trx) => {
          await trx.updateTable(staff.table).set({ [config.staff.statusField]: next, ...touch(ctx.actor) }).where('id', '=', id as string).execute();
          return { grid: grid.code, staff: id, status: next };
        },
      });
    },
  };
}
