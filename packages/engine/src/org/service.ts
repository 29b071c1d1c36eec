import type { BilingualText, OrgUnit } from '@zhili/schemas';
import type { Kysely } from 'kysely';
import { EngineError } from '../errors/engine-error.ts';
import type { CompiledModel } from '../model/types.ts';
import type { GeneratedOrgUnit } from '../seed/types.ts';
import type { Database } from '../storage/database.ts';
import { writeTransaction } from '../storage/transaction.ts';
import { childPath, ORG_CODE_PATTERN } from './path.ts';

/** An org unit (a node of the jurisdiction tree) as stored. */
export interface OrgUnitRecord {
  readonly code: string;
  readonly name: string;
  /** Id of the jurisdiction level (model.levels) the unit is on. */
  readonly level: string;
  readonly kind: string | null;
  readonly parentCode: string | null;
  /** Materialized path, e.g. "/320400/320404/"; records carry it as org_path. */
  readonly path: string;
  /** Depth in the tree: 0 for a root. Levels may be skipped, so this need not be the level's depth. */
  readonly depth: number;
}

/** What {@link OrgService.syncTree} did. */
export interface OrgSyncReport {
  /** Codes of the units inserted. */
  readonly inserted: readonly string[];
  /** Codes of the units whose name, kind or order changed. */
  readonly updated: readonly string[];
}

interface Entry {
  readonly unit: OrgUnitRecord;
  readonly position: number;
}

interface Row {
  code: string;
  name: string;
  level: string;
  kind: string | null;
  parent_code: string | null;
  path: string;
  depth: number;
  position: number;
}

/** Rows per INSERT: 8 parameters each stays far below both dialects' parameter limits. */
const INSERT_BATCH = 500;
/** Problems listed in an error's message; all of them are in its field errors. */
const LISTED_PROBLEMS = 20;

/** Loads every org unit of the database into an {@link OrgService}. */
export async function loadOrgService(db: Database, model: CompiledModel): Promise<OrgService> {
  const service = new OrgService(db, model);
  await service.load();
  return service;
}

/**
 * The jurisdiction tree (zhili_org_units), held in memory: a city has about 9,000 units, so
 * reading them all is cheap and lookups need no query. Writes go through this service, which
 * updates the cache after they commit; writes are serialized within the process.
 */
export class OrgService {
  readonly #db: Database;
  readonly #levelDepth: ReadonlyMap<string, number>;
  #entries = new Map<string, Entry>();
  #children = new Map<string | null, Entry[]>();
  #all: OrgUnitRecord[] | null = null;
  #queue: Promise<unknown> = Promise.resolve();

  /** Use {@link loadOrgService}, which also loads the units. */
  constructor(db: Database, model: CompiledModel) {
    this.#db = db;
    this.#levelDepth = new Map(model.levels.map((level) => [level.id, level.depth]));
  }

  /** (Re)reads every unit from the database. */
  async load(): Promise<void> {
    const rows = await this.#db.kysely
      .selectFrom('zhili_org_units')
      .select(['code', 'name', 'level', 'kind', 'parent_code', 'path', 'depth', 'position'])
      .execute();
    this.#entries = new Map();
    this.#children = new Map();
    this.#all = null;
    for (const row of rows as Row[]) this.#remember(row);
    for (const siblings of this.#children.values()) siblings.sort(bySiblingOrder);
  }

  byCode(code: string): OrgUnitRecord | undefined {
    return this.#entries.get(code)?.unit;
  }

  /** Units directly under `code`, in their order; empty for a leaf or an unknown code. */
  children(code: string): readonly OrgUnitRecord[] {
    return (this.#children.get(code) ?? []).map((entry) => entry.unit);
  }

  roots(): readonly OrgUnitRecord[] {
    return (this.#children.get(null) ?? []).map((entry) => entry.unit);
  }

  /** Every unit, depth first: parents before children, siblings in their order. */
  all(): readonly OrgUnitRecord[] {
    if (this.#all) return this.#all;
    const result: OrgUnitRecord[] = [];
    const visit = (parent: string | null): void => {
      for (const entry of this.#children.get(parent) ?? []) {
        result.push(entry.unit);
        visit(entry.unit.code);
      }
    };
    visit(null);
    this.#all = result;
    return result;
  }

  /**
   * Makes the stored tree follow a package's org tree (nested units): inserts new units and
   * updates the names, kinds and sibling order of known ones. Units only in the database (e.g.
   * generated grids) are kept. A unit whose parent or level differs from the stored one, an unknown
   * level, a level not below the parent's, or a duplicate code is refused: the whole sync is then
   * refused with every problem listed, and nothing is changed.
   */
  async syncTree(units: readonly OrgUnit[]): Promise<OrgSyncReport> {
    return this.#exclusive(async () => {
      const problems = new Problems();
      const inserts: Row[] = [];
      const updates: Row[] = [];
      const seen = new Set<string>();
      const walk = (nodes: readonly OrgUnit[], parent: OrgUnitRecord | null): void => {
        for (const [position, node] of nodes.entries()) {
          if (seen.has(node.code)) {
            problems.add(node.code, {
              'zh-CN': `组织单位编码 ${node.code} 在组织树中出现了不止一次`,
              en: `Org unit code ${node.code} occurs more than once in the org tree`,
            });
            continue;
          }
          seen.add(node.code);
          const row = this.#checkedRow({ unit: { ...node, kind: node.kind ?? null }, parent, position, problems });
          if (!row) continue;
          const existing = this.#entries.get(node.code);
          if (!existing) inserts.push(row);
          else if (existing.unit.parentCode !== row.parent_code) {
            problems.add(node.code, {
              'zh-CN': `组织单位 ${node.code}（${node.name}）的上级在数据库中是 ${existing.unit.parentCode ?? '（无）'}，在组织树中是 ${row.parent_code ?? '（无）'}。移动单位会改变其下所有记录的路径，因此拒绝`,
              en: `Org unit ${node.code} (${node.name}) has parent ${existing.unit.parentCode ?? '(none)'} in the database but ${row.parent_code ?? '(none)'} in the org tree. Moving a unit would change the path of every record below it, so this is refused`,
            });
          } else if (existing.unit.level !== row.level) {
            problems.add(node.code, {
              'zh-CN': `组织单位 ${node.code}（${node.name}）的层级在数据库中是 ${existing.unit.level}，在组织树中是 ${row.level}。不能改变已有单位的层级，因此拒绝`,
              en: `Org unit ${node.code} (${node.name}) is on level ${existing.unit.level} in the database but on ${row.level} in the org tree. The level of an existing unit cannot change, so this is refused`,
            });
          } else if (existing.unit.name !== row.name || existing.unit.kind !== row.kind || existing.position !== row.position) {
            updates.push(row);
          }
          walk(node.children ?? [], toRecord(row));
        }
      };
      walk(units, null);
      problems.throwIfAny({ 'zh-CN': '组织树未能同步', en: 'The org tree could not be synchronized' });

      await writeTransaction(this.#db, async (trx) => {
        await insertRows(trx, inserts);
        for (const row of updates) {
          await trx
            .updateTable('zhili_org_units')
            .set({ name: row.name, kind: row.kind, position: row.position })
            .where('code', '=', row.code)
            .execute();
        }
      });
      if (inserts.length > 0 || updates.length > 0) await this.load();
      return { inserted: inserts.map((row) => row.code), updated: updates.map((row) => row.code) };
    });
  }

  /**
   * Adds generated units (e.g. a demo-data generator's grids) in one transaction, in batches.
   * Each unit's parent must exist or come earlier, and its level must be below the parent's; a
   * unit already stored with the same name, level and parent is skipped. Any problem refuses the
   * whole call, listing every problem, and nothing is added. Resolves with the number added.
   */
  async addUnits(units: Iterable<GeneratedOrgUnit>): Promise<number> {
    return this.#exclusive(async () => {
      const problems = new Problems();
      const rows: Row[] = [];
      const added = new Map<string, OrgUnitRecord>();
      const nextPosition = new Map<string, number>();
      for (const unit of units) {
        const existing = this.#entries.get(unit.code)?.unit ?? added.get(unit.code);
        if (existing) {
          if (existing.parentCode !== unit.parentCode || existing.level !== unit.level || existing.name !== unit.name) {
            problems.add(unit.code, {
              'zh-CN': `组织单位 ${unit.code} 已存在（${existing.name}，层级 ${existing.level}，上级 ${existing.parentCode ?? '（无）'}），与要添加的单位（${unit.name}，层级 ${unit.level}，上级 ${unit.parentCode}）不同`,
              en: `Org unit ${unit.code} already exists (${existing.name}, level ${existing.level}, parent ${existing.parentCode ?? '(none)'}) and differs from the unit to add (${unit.name}, level ${unit.level}, parent ${unit.parentCode})`,
            });
          }
          continue;
        }
        const parent = this.#entries.get(unit.parentCode)?.unit ?? added.get(unit.parentCode) ?? null;
        if (!parent) {
          problems.add(unit.code, {
            'zh-CN': `组织单位 ${unit.code}（${unit.name}）的上级 ${unit.parentCode} 不存在`,
            en: `The parent ${unit.parentCode} of org unit ${unit.code} (${unit.name}) does not exist`,
          });
          continue;
        }
        const position = nextPosition.get(parent.code) ?? this.#lastPosition(parent.code) + 1;
        nextPosition.set(parent.code, position + 1);
        const row = this.#checkedRow({ unit: { ...unit, kind: unit.kind ?? null }, parent, position, problems });
        if (!row) continue;
        rows.push(row);
        added.set(row.code, toRecord(row));
      }
      problems.throwIfAny({ 'zh-CN': '组织单位未能添加', en: 'The org units could not be added' });
      if (rows.length === 0) return 0;
      await writeTransaction(this.#db, (trx) => insertRows(trx, rows));
      for (const row of rows) this.#remember(row);
      for (const parent of nextPosition.keys()) this.#children.get(parent)?.sort(bySiblingOrder);
      return rows.length;
    });
  }

  /** The row for a unit placed under `parent`, or null (with the problem recorded) when it is invalid. */
  #checkedRow(options: {
    readonly unit: { readonly code: string; readonly name: string; readonly level: string; readonly kind: string | null };
    readonly parent: OrgUnitRecord | null;
    readonly position: number;
    readonly problems: Problems;
  }): Row | null {
    const { unit, parent, position, problems } = options;
    if (!ORG_CODE_PATTERN.test(unit.code)) {
      problems.add(unit.code, {
        'zh-CN': `组织单位编码“${unit.code}”无效：只能包含字母、数字和连字符，以字母或数字开头，最多 40 个字符`,
        en: `Org unit code "${unit.code}" is invalid: letters, digits and hyphens only, starting with a letter or digit, at most 40 characters`,
      });
      return null;
    }
    const depth = this.#levelDepth.get(unit.level);
    if (depth === undefined) {
      problems.add(unit.code, {
        'zh-CN': `组织单位 ${unit.code}（${unit.name}）的层级 ${unit.level} 不是配置包定义的层级（${[...this.#levelDepth.keys()].join('、')}）`,
        en: `The level ${unit.level} of org unit ${unit.code} (${unit.name}) is not one of the package's levels (${[...this.#levelDepth.keys()].join(', ')})`,
      });
      return null;
    }
    const parentDepth = parent ? this.#levelDepth.get(parent.level) : undefined;
    if (parent && (parentDepth === undefined || parentDepth >= depth)) {
      problems.add(unit.code, {
        'zh-CN': `组织单位 ${unit.code}（${unit.name}）的层级 ${unit.level} 必须低于其上级 ${parent.code}（${parent.name}）的层级 ${parent.level}`,
        en: `The level ${unit.level} of org unit ${unit.code} (${unit.name}) must be below the level ${parent.level} of its parent ${parent.code} (${parent.name})`,
      });
      return null;
    }
    return {
      code: unit.code,
      name: unit.name,
      level: unit.level,
      kind: unit.kind,
      parent_code: parent?.code ?? null,
      path: childPath(parent?.path ?? null, unit.code),
      depth: parent ? parent.depth + 1 : 0,
      position,
    };
  }

  #lastPosition(parentCode: string): number {
    const siblings = this.#children.get(parentCode) ?? [];
    return siblings.reduce((max, entry) => Math.max(max, entry.position), -1);
  }

  #remember(row: Row): void {
    const entry: Entry = { unit: toRecord(row), position: Number(row.position) };
    this.#entries.set(entry.unit.code, entry);
    const siblings = this.#children.get(entry.unit.parentCode);
    if (siblings) siblings.push(entry);
    else this.#children.set(entry.unit.parentCode, [entry]);
    this.#all = null;
  }

  /** Runs write operations one after another, so each validates against the state the previous one left. */
  #exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(work, work);
    this.#queue = result.catch(() => undefined);
    return result;
  }
}

function toRecord(row: Row): OrgUnitRecord {
  return Object.freeze({
    code: row.code,
    name: row.name,
    level: row.level,
    kind: row.kind,
    parentCode: row.parent_code,
    path: row.path,
    depth: Number(row.depth),
  });
}

function bySiblingOrder(a: Entry, b: Entry): number {
  return a.position - b.position || (a.unit.code < b.unit.code ? -1 : a.unit.code > b.unit.code ? 1 : 0);
}

// Kysely<any>: the transaction handle is as untyped as Database.kysely.
async function insertRows(trx: Kysely<any>, rows: readonly Row[]): Promise<void> {
  for (let start = 0; start < rows.length; start += INSERT_BATCH) {
    await trx.insertInto('zhili_org_units').values(rows.slice(start, start + INSERT_BATCH)).execute();
  }
}

/** Problems found while checking units, thrown together as one EngineError. */
class Problems {
  readonly #byCode = new Map<string, BilingualText[]>();
  #count = 0;

  add(code: string, message: BilingualText): void {
    const list = this.#byCode.get(code);
    if (list) list.push(message);
    else this.#byCode.set(code, [message]);
    this.#count++;
  }

  throwIfAny(summary: BilingualText): void {
    if (this.#count === 0) return;
    const messages = [...this.#byCode.values()].flat();
    const listed = messages.slice(0, LISTED_PROBLEMS);
    const more = messages.length - listed.length;
    const lines = (locale: 'zh-CN' | 'en'): string =>
      listed.map((message) => `\n- ${message[locale]}`).join('') +
      (more > 0 ? (locale === 'zh-CN' ? `\n…… 另有 ${more} 处问题` : `\n… and ${more} more`) : '');
    throw new EngineError(
      'BAD_REQUEST',
      {
        'zh-CN': `${summary['zh-CN']}：共 ${this.#count} 处问题，未做任何修改。${lines('zh-CN')}`,
        en: `${summary.en}: ${this.#count} problem(s); nothing was changed.${lines('en')}`,
      },
      { fieldErrors: Object.fromEntries(this.#byCode) },
    );
  }
}
