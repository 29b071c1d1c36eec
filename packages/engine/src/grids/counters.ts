import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { CompiledModel } from '../model/types.ts';
import type { Database } from '../storage/database.ts';
import { writeTransaction } from '../storage/transaction.ts';
import type { CompiledGrids } from './types.ts';

/**
 * The counters grid compliance reads instead of households and visits (engine migration
 * 0006-grid-counters): per must-visit household its grid and last visit (must_visit is 1 on every
 * row); households per org path; visits per visitor per month. Database triggers on the household and visit tables keep
 * them, so every write path (the resources service, grid maintenance, SQL run by hand) does; the
 * triggers follow the config (its tables and fields), and are installed when the engine starts.
 */
export const COUNTER_TABLES = {
  households: 'zhili_grid_households',
  householdCounts: 'zhili_grid_household_counts',
  visitCounts: 'zhili_grid_visit_counts',
  state: 'zhili_grid_state',
} as const;

/** Prefix of the names of the counters' triggers (and, on Postgres, their functions). */
const TRIGGER_PREFIX = 'zhili_grid_';

interface Names {
  readonly households: string;
  readonly visits: string;
  readonly mustVisit: string | null;
  readonly householdField: string;
  readonly visitorField: string;
  readonly dateField: string;
}

function namesOf(model: CompiledModel, config: CompiledGrids): Names {
  return {
    households: model.resources[config.households.resource]?.table ?? config.households.resource,
    visits: model.resources[config.visits.resource]?.table ?? config.visits.resource,
    mustVisit: config.households.mustVisitField,
    householdField: config.visits.householdField,
    visitorField: config.visits.visitorField,
    dateField: config.visits.dateField,
  };
}

const q = (identifier: string): string => `"${identifier.replace(/"/g, '""')}"`;

/** The must-visit flag of a household row (alias `row`) as 0/1. */
function mustVisitOf(names: Names, dialect: Database['dialect'], row: string): string {
  if (!names.mustVisit) return '0';
  const column = `${row}.${q(names.mustVisit)}`;
  return dialect === 'postgres' ? `(case when ${column} then 1 else 0 end)` : `(case when ${column} = 1 then 1 else 0 end)`;
}

/** The DDL of the triggers, per dialect: what keeps the counters right on every insert, update and delete. */
function triggerStatements(names: Names, dialect: Database['dialect']): string[] {
  const H = q(names.households);
  const V = q(names.visits);
  const T = COUNTER_TABLES;
  const household = q(names.householdField);
  const visitor = q(names.visitorField);
  const date = q(names.dateField);
  const upsertCount = (path: string, delta: string) =>
    `insert into ${T.householdCounts} (org_path, households) values (${path}, ${delta}) on conflict (org_path) do update set households = ${T.householdCounts}.households + ${delta}`;
  // Only must-visit households are kept (the must-visit rule reads them); a household's row follows its grid and flag.
  const householdIn = (row: string) =>
    `insert into ${T.households} (household_id, org_path, must_visit, last_visit)
     select ${row}.id, ${row}.org_path, 1, (select max(v.${date}) from ${V} v where v.${household} = ${row}.id) where ${mustVisitOf(names, dialect, row)} = 1`;
  const householdOut = (row: string) => `delete from ${T.households} where household_id = ${row}.id`;
  const visitIn = (row: string) => [
    `update ${T.households} set last_visit = ${row}.${date} where household_id = ${row}.${household} and (last_visit is null or last_visit < ${row}.${date})`,
    `insert into ${T.visitCounts} (visitor_id, month, visits) values (${row}.${visitor}, substr(${row}.${date}, 1, 7), 1) on conflict (visitor_id, month) do update set visits = ${T.visitCounts}.visits + 1`,
  ];
  const visitOut = (row: string) => [
    `update ${T.households} set last_visit = (select max(v.${date}) from ${V} v where v.${household} = ${row}.${household}) where household_id = ${row}.${household}`,
    `update ${T.visitCounts} set visits = visits - 1 where visitor_id = ${row}.${visitor} and month = substr(${row}.${date}, 1, 7)`,
  ];
  const counted = (row: string) => `${row}.${visitor} is not null and ${row}.${date} is not null`;

  if (dialect === 'sqlite') {
    const trigger = (name: string, event: string, table: string, body: string[], when?: string) =>
      `create trigger ${TRIGGER_PREFIX}${name} after ${event} on ${table} for each row${when ? ` when ${when}` : ''} begin ${body.map((s) => `${s};`).join(' ')} end`;
    return [
      trigger('households_insert', 'insert', H, [householdIn('new'), upsertCount('new.org_path', '1')]),
      trigger('households_delete', 'delete', H, [householdOut('old'), upsertCount('old.org_path', '-1')]),
      trigger('households_update', `update of org_path${names.mustVisit ? `, ${q(names.mustVisit)}` : ''}`, H, [
        householdOut('old'),
        householdIn('new'),
        upsertCount('old.org_path', '-1'),
        upsertCount('new.org_path', '1'),
      ]),
      trigger('visits_insert', 'insert', V, visitIn('new'), counted('new')),
      trigger('visits_delete', 'delete', V, visitOut('old'), counted('old')),
      trigger('visits_update_old', `update of ${household}, ${visitor}, ${date}`, V, visitOut('old'), counted('old')),
      trigger('visits_update_new', `update of ${household}, ${visitor}, ${date}`, V, visitIn('new'), counted('new')),
    ];
  }
  const fn = (name: string, body: string) =>
    `create or replace function ${TRIGGER_PREFIX}${name}() returns trigger language plpgsql as $fn$ begin ${body} return null; end $fn$`;
  const trigger = (name: string, event: string, table: string) =>
    `create trigger ${TRIGGER_PREFIX}${name} after ${event} on ${table} for each row execute function ${TRIGGER_PREFIX}${name}()`;
  const when = (condition: string, body: string[]) => `if ${condition} then ${body.map((s) => `${s};`).join(' ')} end if;`;
  return [
    fn(
      'households',
      `if tg_op in ('UPDATE', 'DELETE') then ${householdOut('old')}; ${upsertCount('old.org_path', '-1')}; end if;
       if tg_op in ('INSERT', 'UPDATE') then ${householdIn('new')}; ${upsertCount('new.org_path', '1')}; end if;`,
    ),
    trigger('households', `insert or delete or update of org_path${names.mustVisit ? `, ${q(names.mustVisit)}` : ''}`, H),
    fn(
      'visits',
      `if tg_op in ('UPDATE', 'DELETE') then ${when(counted('old'), visitOut('old'))} end if;
       if tg_op in ('INSERT', 'UPDATE') then ${when(counted('new'), visitIn('new'))} end if;`,
    ),
    trigger('visits', `insert or delete or update of ${household}, ${visitor}, ${date}`, V),
  ];
}

/** A fingerprint of the triggers a config needs: when it changes, the triggers are replaced and the counters rebuilt. */
function signatureOf(statements: readonly string[]): string {
  return createHash('sha256').update(statements.join('\n')).digest('hex');
}

async function dropTriggers(db: Kysely<any>, dialect: Database['dialect']): Promise<void> {
  if (dialect === 'sqlite') {
    const rows = await sql<{ name: string }>`select name from sqlite_master where type = 'trigger' and name like ${`${TRIGGER_PREFIX}%`}`.execute(db);
    for (const { name } of rows.rows) await sql.raw(`drop trigger if exists ${q(name)}`).execute(db);
    return;
  }
  const rows = await sql<{ name: string; tbl: string }>`
    select t.tgname as name, c.relname as tbl from pg_trigger t join pg_class c on c.oid = t.tgrelid
    where c.relnamespace = current_schema()::regnamespace and t.tgname like ${`${TRIGGER_PREFIX}%`}`.execute(db);
  for (const { name, tbl } of rows.rows) await sql.raw(`drop trigger if exists ${q(name)} on ${q(tbl)}`).execute(db);
}

/**
 * Installs the counters' triggers for the config unless those in the database are the ones it
 * needs; when they change (a new database, a changed config), rebuilds the counters in the same
 * transaction. Returns whether it rebuilt.
 */
export async function installCounters(db: Database, model: CompiledModel, config: CompiledGrids): Promise<boolean> {
  const statements = triggerStatements(namesOf(model, config), db.dialect);
  const signature = signatureOf(statements);
  const current = await db.kysely.selectFrom(COUNTER_TABLES.state).select('signature').where('id', '=', 1).executeTakeFirst();
  if (current?.signature === signature) return false;
  await writeTransaction(db, async (trx) => {
    await dropTriggers(trx, db.dialect);
    for (const statement of statements) await sql.raw(statement).execute(trx);
    await rebuildIn(trx, db.dialect, model, config);
    await trx.deleteFrom(COUNTER_TABLES.state).execute();
    await trx.insertInto(COUNTER_TABLES.state).values({ id: 1, signature }).execute();
  });
  return true;
}

/** Removes the counters' triggers (bulk loads that rebuild the counters afterwards) and forgets their signature. */
export async function removeCounterTriggers(db: Database): Promise<void> {
  await writeTransaction(db, async (trx) => {
    await dropTriggers(trx, db.dialect);
    await trx.deleteFrom(COUNTER_TABLES.state).execute();
  });
}

/** The counters as they follow from the records, by aggregate SQL (one select per counter table). */
function expectedSelects(names: Names, dialect: Database['dialect']): Record<keyof Omit<typeof COUNTER_TABLES, 'state'>, string> {
  const H = q(names.households);
  const V = q(names.visits);
  const date = q(names.dateField);
  return {
    households: `select h.id as household_id, h.org_path, 1 as must_visit, lv.last_visit
      from ${H} h left join (select ${q(names.householdField)} as household_id, max(${date}) as last_visit from ${V} group by ${q(names.householdField)}) lv
      on lv.household_id = h.id where ${mustVisitOf(names, dialect, 'h')} = 1`,
    householdCounts: `select org_path, count(*) as households from ${H} group by org_path`,
    visitCounts: `select ${q(names.visitorField)} as visitor_id, substr(${date}, 1, 7) as month, count(*) as visits from ${V}
      where ${q(names.visitorField)} is not null and ${date} is not null group by ${q(names.visitorField)}, substr(${date}, 1, 7)`,
  };
}

const COLUMNS = {
  households: 'household_id, org_path, must_visit, last_visit',
  householdCounts: 'org_path, households',
  visitCounts: 'visitor_id, month, visits',
} as const;

async function rebuildIn(trx: Kysely<any>, dialect: Database['dialect'], model: CompiledModel, config: CompiledGrids): Promise<void> {
  const selects = expectedSelects(namesOf(model, config), dialect);
  for (const key of ['households', 'householdCounts', 'visitCounts'] as const) {
    await sql.raw(`delete from ${COUNTER_TABLES[key]}`).execute(trx);
    await sql.raw(`insert into ${COUNTER_TABLES[key]} (${COLUMNS[key]}) ${selects[key]}`).execute(trx);
  }
}

/** Recomputes every counter from the records (`zhili grids rebuild`), and makes sure the triggers are there. */
export async function rebuildCounters(db: Database, model: CompiledModel, config: CompiledGrids): Promise<void> {
  if (await installCounters(db, model, config)) return;
  await writeTransaction(db, (trx) => rebuildIn(trx, db.dialect, model, config));
}

/** Counter rows that differ from what the records say, per counter table (`zhili grids verify`). */
export interface CounterDrift {
  readonly households: number;
  readonly householdCounts: number;
  readonly visitCounts: number;
}

/** Compares every counter with the records; rows missing on either side or with another value count as drift. */
export async function verifyCounters(db: Database, model: CompiledModel, config: CompiledGrids): Promise<CounterDrift> {
  const selects = expectedSelects(namesOf(model, config), db.dialect);
  const drift = async (key: keyof CounterDrift, zeroFilter: string): Promise<number> => {
    const stored = `select ${COLUMNS[key]} from ${COUNTER_TABLES[key]}${zeroFilter}`;
    const expected = `select ${COLUMNS[key]} from (${selects[key]}) e${zeroFilter}`;
    const rows = await sql
      .raw<{ n: number | string }>(`select (select count(*) from (${stored} except ${expected}) a) + (select count(*) from (${expected} except ${stored}) b) as n`)
      .execute(db.kysely);
    return Number(rows.rows[0]?.n ?? 0);
  };
  return {
    households: await drift('households', ''),
    householdCounts: await drift('householdCounts', ' where households <> 0'),
    visitCounts: await drift('visitCounts', ' where visits <> 0'),
  };
}
