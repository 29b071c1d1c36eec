import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { Actor } from '../actor/actor.ts';
import { allows } from '../actor/actor.ts';
import type { CompiledModel } from '../model/types.ts';
import type { OrgUnitRecord } from '../org/service.ts';
import { subtreeRange } from '../org/path.ts';
import { isEncrypted } from '../pii/cipher.ts';
import type { FieldCipher } from '../pii/cipher.ts';
import { maskValue } from '../pii/mask.ts';
import type { Database } from '../storage/database.ts';
import { COUNTER_TABLES } from './counters.ts';
import type { CompiledGrids } from './types.ts';

/** A grid in scope with its household count (kept by the counters). */
export interface GridFigure {
  readonly code: string;
  readonly name: string;
  /** The unit's kind: its grid type. */
  readonly kind: string | null;
  readonly path: string;
  readonly households: number;
}

/** A serving staff member of a grid in scope. */
export interface WorkerFigure {
  readonly id: string;
  /** As the actor may see it: masked unless it may read the staff's personal data there. */
  readonly name: string;
  readonly role: string;
  readonly gridPath: string;
  readonly gridCode: string;
}

/** A worker's visits over months, from the counters. */
export interface WorkerVisits extends WorkerFigure {
  readonly visits: number;
}

/** A worker's months against a monthly quota. */
export interface WorkerMonths extends WorkerFigure {
  /** Months with at least the quota. */
  readonly monthsMet: number;
  /** Fewest visits in a month of the range (0 when a month has none). */
  readonly lowest: number;
}

/** Must-visit households of a grid without a visit since a day. */
export interface OverdueFigure {
  readonly path: string;
  readonly overdue: number;
  /** Of them, never visited at all. */
  readonly never: number;
  /** The longest-ago last visit among the others, or null. */
  readonly oldest: string | null;
}

/** A staff member's value of a field. */
export interface StaffValue extends WorkerFigure {
  readonly value: number | null;
}

type Row = Record<string, unknown>;

/** Grids in a scope above which per-worker figures are aggregated once rather than looked up worker by worker. */
const MANY_GRIDS = 300;

const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/**
 * The aggregates grid rules are evaluated on, for one scope (a unit and its subtree), each computed
 * at most once by aggregate SQL over the counters and the staff table: rules share them. Nothing
 * here reads households or visits row by row.
 */
export class Figures {
  readonly #db: Database;
  readonly #config: CompiledGrids;
  readonly #model: CompiledModel;
  readonly #actor: Actor;
  readonly #cipher: FieldCipher | null;
  readonly #from: string;
  readonly #to: string;
  readonly #grids: readonly OrgUnitRecord[];
  readonly #gridByPath: ReadonlyMap<string, OrgUnitRecord>;
  readonly #memo = new Map<string, Promise<unknown>>();
  /** The unit evaluated. */
  readonly scope: OrgUnitRecord;
  /** Today (China Standard Time). */
  readonly today: string;

  constructor(options: {
    db: Database;
    model: CompiledModel;
    config: CompiledGrids;
    actor: Actor;
    cipher: FieldCipher | null;
    scope: OrgUnitRecord;
    /** Every grid-level unit of the scope's subtree. */
    grids: readonly OrgUnitRecord[];
    today: string;
  }) {
    this.#db = options.db;
    this.#model = options.model;
    this.#config = options.config;
    this.#actor = options.actor;
    this.#cipher = options.cipher;
    this.scope = options.scope;
    this.today = options.today;
    const range = subtreeRange(options.scope.path);
    this.#from = range.from;
    this.#to = range.to;
    this.#grids = options.grids;
    this.#gridByPath = new Map(options.grids.map((grid) => [grid.path, grid]));
  }

  get config(): CompiledGrids {
    return this.#config;
  }

  get dialect(): Database['dialect'] {
    return this.#db.dialect;
  }

  /** The grid at a path, if it is one of the scope. */
  gridAt(path: string): OrgUnitRecord | undefined {
    return this.#gridByPath.get(path);
  }

  #once<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const known = this.#memo.get(key);
    if (known) return known as Promise<T>;
    const computed = compute();
    this.#memo.set(key, computed);
    return computed;
  }

  async #rows(query: RawBuilder<unknown>): Promise<Row[]> {
    return (await query.execute(this.#db.kysely)).rows as Row[];
  }

  /** `org_path` of a table in the scope, as an index range. */
  #inScope(column: string): RawBuilder<unknown> {
    return sql`${sql.ref(column)} >= ${this.#from} and ${sql.ref(column)} < ${this.#to}`;
  }

  /** Household counts by org path in scope (grids and any other unit households are attached to). */
  householdCounts(): Promise<ReadonlyMap<string, number>> {
    return this.#once('households', async () => {
      const rows = await this.#rows(
        sql`select org_path, households from ${sql.table(COUNTER_TABLES.householdCounts)} where ${this.#inScope('org_path')} and households <> 0`,
      );
      return new Map(rows.map((row) => [String(row['org_path']), num(row['households'])]));
    });
  }

  /** Every grid of the scope with its household count, in tree order. */
  async grids(): Promise<GridFigure[]> {
    const counts = await this.householdCounts();
    return this.#grids.map((grid) => ({ code: grid.code, name: grid.name, kind: grid.kind, path: grid.path, households: counts.get(grid.path) ?? 0 }));
  }

  #staffBase(): { table: RawBuilder<unknown>; role: RawBuilder<unknown>; active: RawBuilder<unknown> } {
    const staff = this.#config.staff;
    const table = this.#model.resources[staff.resource]?.table ?? staff.resource;
    return {
      table: sql.table(table),
      role: sql.ref(staff.roleField),
      active: sql`${sql.ref(staff.statusField)} in (${sql.join(staff.activeStatuses.map((s) => sql`${s}`))})`,
    };
  }

  /** Serving staff counts per grid path, per role. */
  staffByGrid(): Promise<ReadonlyMap<string, ReadonlyMap<string, number>>> {
    return this.#once('staff', async () => {
      const { table, role, active } = this.#staffBase();
      const rows = await this.#rows(
        sql`select org_path, ${role} as role, count(*) as n from ${table} where ${this.#inScope('org_path')} and ${active} group by org_path, ${role}`,
      );
      const out = new Map<string, Map<string, number>>();
      for (const row of rows) {
        const path = String(row['org_path']);
        const byRole = out.get(path) ?? new Map<string, number>();
        out.set(path, byRole);
        byRole.set(String(row['role']), num(row['n']));
      }
      return out;
    });
  }

  #worker(row: Row): WorkerFigure {
    const path = String(row['org_path']);
    return {
      id: String(row['id']),
      name: this.#staffName(row['name'], path),
      role: String(row['role']),
      gridPath: path,
      gridCode: this.#gridByPath.get(path)?.code ?? path.split('/').at(-2) ?? path,
    };
  }

  /** A staff name as the actor may see it. */
  #staffName(stored: unknown, path: string): string {
    if (typeof stored !== 'string') return '';
    const resource = this.#model.resources[this.#config.staff.resource];
    let plain = stored;
    if (isEncrypted(stored)) {
      if (!this.#cipher) return maskValue('full', stored);
      plain = this.#cipher.decrypt(stored, `${this.#config.staff.resource}.${this.#config.staff.nameField}`);
    }
    const pii = resource?.pii.find((p) => p.field === this.#config.staff.nameField);
    if (!pii || allows(this.#actor, this.#config.staff.resource, 'pii:read', path)) return plain;
    return maskValue(pii.mask, plain);
  }

  /** Serving workers of the given roles with their visits over the months [fromMonth, toMonth] (YYYY-MM). */
  workerVisits(roles: readonly string[], fromMonth: string, toMonth: string): Promise<WorkerVisits[]> {
    return this.#once(`visits:${roles.join(',')}:${fromMonth}:${toMonth}`, async () => {
      if (roles.length === 0) return [];
      const { table, role, active } = this.#staffBase();
      const name = sql.ref(this.#config.staff.nameField);
      const counts = sql.table(COUNTER_TABLES.visitCounts);
      const staff = sql`${this.#inScope('s.org_path')} and s.${active} and s.${role} in (${sql.join(roles.map((r) => sql`${r}`))})`;
      // A few grids: a lookup per worker; many: the months summed per visitor once, then joined.
      const rows = await this.#rows(
        this.#grids.length <= MANY_GRIDS
          ? sql`
        select s.id, s.org_path, s.${role} as role, s.${name} as name,
          (select coalesce(sum(v.visits), 0) from ${counts} v where v.visitor_id = s.id and v.month >= ${fromMonth} and v.month <= ${toMonth}) as visits
        from ${table} s where ${staff}`
          : sql`
        select s.id, s.org_path, s.${role} as role, s.${name} as name, coalesce(v.visits, 0) as visits
        from ${table} s left join (select visitor_id, sum(visits) as visits from ${counts} where month >= ${fromMonth} and month <= ${toMonth} group by visitor_id) v
          on v.visitor_id = s.id
        where ${staff}`,
      );
      return rows.map((row) => ({ ...this.#worker(row), visits: num(row['visits']) }));
    });
  }

  /** Serving workers of the given roles with, over the months [fromMonth, toMonth], the months they met `quota` in and their fewest visits in a month. */
  workerMonths(roles: readonly string[], fromMonth: string, toMonth: string, months: number, quota: number): Promise<WorkerMonths[]> {
    return this.#once(`months:${roles.join(',')}:${fromMonth}:${toMonth}:${quota}`, async () => {
      if (roles.length === 0) return [];
      const { table, role, active } = this.#staffBase();
      const name = sql.ref(this.#config.staff.nameField);
      const counts = sql.table(COUNTER_TABLES.visitCounts);
      const rows = await this.#rows(sql`
        select s.id, s.org_path, s.${role} as role, s.${name} as name,
          (select count(*) from ${counts} v where v.visitor_id = s.id and v.month >= ${fromMonth} and v.month <= ${toMonth} and v.visits >= ${quota}) as met,
          (select count(*) from ${counts} v where v.visitor_id = s.id and v.month >= ${fromMonth} and v.month <= ${toMonth} and v.visits > 0) as active_months,
          (select min(v.visits) from ${counts} v where v.visitor_id = s.id and v.month >= ${fromMonth} and v.month <= ${toMonth}) as lowest
        from ${table} s
        where ${this.#inScope('s.org_path')} and s.${active} and s.${role} in (${sql.join(roles.map((r) => sql`${r}`))})`);
      return rows.map((row) => ({
        ...this.#worker(row),
        monthsMet: num(row['met']),
        lowest: num(row['active_months']) < months ? 0 : num(row['lowest']),
      }));
    });
  }

  /**
   * Must-visit households per grid without a visit after `cutoff` (and up to `asOf`): from the
   * counters' last visit when `asOf` is today, else from the visits themselves.
   */
  overdueMustVisits(cutoff: string, asOf: string): Promise<OverdueFigure[]> {
    return this.#once(`overdue:${cutoff}:${asOf}`, async () => {
      const households = sql.table(COUNTER_TABLES.households);
      let rows: Row[];
      if (asOf >= this.today) {
        rows = await this.#rows(sql`
          select org_path, count(*) as overdue, sum(case when last_visit is null then 1 else 0 end) as never, min(last_visit) as oldest
          from ${households} where ${this.#inScope('org_path')} and must_visit = 1 and (last_visit is null or last_visit <= ${cutoff})
          group by org_path`);
      } else {
        const visits = this.#config.visits;
        const table = sql.table(this.#model.resources[visits.resource]?.table ?? visits.resource);
        const date = sql.ref(`v.${visits.dateField}`);
        rows = await this.#rows(sql`
          select h.org_path, count(*) as overdue,
            sum(case when not exists (select 1 from ${table} v where v.${sql.ref(visits.householdField)} = h.household_id and ${date} <= ${asOf}) then 1 else 0 end) as never,
            null as oldest
          from ${households} h where ${this.#inScope('h.org_path')} and h.must_visit = 1
            and not exists (select 1 from ${table} v where v.${sql.ref(visits.householdField)} = h.household_id and ${date} > ${cutoff} and ${date} <= ${asOf})
          group by h.org_path`);
      }
      return rows.map((row) => ({
        path: String(row['org_path']),
        overdue: num(row['overdue']),
        never: num(row['never']),
        oldest: row['oldest'] === null || row['oldest'] === undefined ? null : String(row['oldest']),
      }));
    });
  }

  /**
   * Must-visit households per grid without a visit after `cutoff` (and up to `asOf`) by a member of
   * their own grid's staff (of the given roles, or any): only visits whose visitor is on the
   * household's grid count. Read from the visits and staff tables, not the counters, which do not
   * know who visited; `oldest` is the longest-ago such visit among the overdue ones.
   */
  overdueVisitsByOwnStaff(cutoff: string, asOf: string, roles: readonly string[] | null): Promise<OverdueFigure[]> {
    return this.#once(`overdue-own:${cutoff}:${asOf}:${roles?.join(',') ?? '*'}`, async () => {
      const households = sql.table(COUNTER_TABLES.households);
      const visits = this.#config.visits;
      const table = sql.table(this.#model.resources[visits.resource]?.table ?? visits.resource);
      const { table: staff, role } = this.#staffBase();
      const date = sql.ref(`v.${visits.dateField}`);
      const ofRoles = roles === null ? sql`` : roles.length === 0 ? sql`and 1 = 0` : sql`and s.${role} in (${sql.join(roles.map((r) => sql`${r}`))})`;
      const rows = await this.#rows(sql`
        select org_path, count(*) as overdue, sum(case when last_visit is null then 1 else 0 end) as never, min(last_visit) as oldest
        from (
          select h.org_path,
            (select max(${date}) from ${table} v join ${staff} s on s.id = v.${sql.ref(visits.visitorField)}
              where v.${sql.ref(visits.householdField)} = h.household_id and s.org_path = h.org_path and ${date} <= ${asOf} ${ofRoles}) as last_visit
          from ${households} h where ${this.#inScope('h.org_path')} and h.must_visit = 1
        ) own
        where last_visit is null or last_visit <= ${cutoff}
        group by org_path`);
      return rows.map((row) => ({
        path: String(row['org_path']),
        overdue: num(row['overdue']),
        never: num(row['never']),
        oldest: row['oldest'] === null || row['oldest'] === undefined ? null : String(row['oldest']),
      }));
    });
  }

  /** Serving staff of the given roles whose numeric `field` is missing or outside [min, max]. */
  async staffOutside(roles: readonly string[], field: string, min: number | null, max: number | null): Promise<StaffValue[]> {
    if (roles.length === 0) return [];
    const { table, role, active } = this.#staffBase();
    const name = sql.ref(this.#config.staff.nameField);
    const value = sql.ref(field);
    const bounds = [sql`${value} is null`, ...(min === null ? [] : [sql`${value} < ${min}`]), ...(max === null ? [] : [sql`${value} > ${max}`])];
    const rows = await this.#rows(sql`
      select id, org_path, ${role} as role, ${name} as name, ${value} as value from ${table}
      where ${this.#inScope('org_path')} and ${active} and ${role} in (${sql.join(roles.map((r) => sql`${r}`))}) and (${sql.join(bounds, sql` or `)})`);
    return rows.map((row) => ({ ...this.#worker(row), value: row['value'] === null ? null : Number(row['value']) }));
  }

  /**
   * Per grid path, the number of distinct periods (days, ISO weeks, months or quarters) in [from, to]
   * with a record of `resource` (attached at the grid level) whose `where` field equals its value.
   */
  async periodsWithRecords(options: {
    resource: string;
    dateField: string;
    where: { field: string; equals: string | number | boolean } | null;
    every: 'day' | 'week' | 'month' | 'quarter';
    from: string;
    to: string;
  }): Promise<ReadonlyMap<string, number>> {
    const table = sql.table(this.#model.resources[options.resource]?.table ?? options.resource);
    const date = sql.ref(options.dateField);
    const bucket = periodBucket(this.#db.dialect, date, options.every);
    const equals = options.where
      ? sql`and ${sql.ref(options.where.field)} = ${typeof options.where.equals === 'boolean' ? sql.lit(this.#db.dialect === 'postgres' ? options.where.equals : Number(options.where.equals)) : options.where.equals}`
      : sql``;
    const rows = await this.#rows(sql`
      select org_path, count(distinct ${bucket}) as n from ${table}
      where ${this.#inScope('org_path')} and ${date} >= ${options.from} and ${date} <= ${options.to} ${equals}
      group by org_path`);
    return new Map(rows.map((row) => [String(row['org_path']), num(row['n'])]));
  }
}

/** The SQL that maps a date column to its day, ISO week, month or quarter. */
function periodBucket(dialect: Database['dialect'], date: RawBuilder<unknown>, every: 'day' | 'week' | 'month' | 'quarter'): RawBuilder<unknown> {
  switch (every) {
    case 'day':
      return date;
    case 'month':
      return sql`substr(${date}, 1, 7)`;
    case 'quarter':
      return sql`substr(${date}, 1, 4) || '-' || ((cast(substr(${date}, 6, 2) as integer) + 2) / 3)`;
    case 'week':
      // Weeks counted from Monday 1970-01-05, the same on both dialects.
      return dialect === 'postgres' ? sql`floor((cast(${date} as date) - date '1970-01-05') / 7)` : sql`cast((julianday(${date}) - julianday('1970-01-05')) / 7 as integer)`;
  }
}
