import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from './database.ts';
import { councilsMigration } from '../councils/migration.ts';

/** Name of the table kysely's Migrator records applied engine migrations in. */
export const ENGINE_MIGRATION_TABLE = 'zhili_engine_migration';
export const ENGINE_MIGRATION_LOCK_TABLE = 'zhili_engine_migration_lock';

/**
 * The engine-owned tables, as ordinary kysely migrations applied in name order. Add a migration
 * with a new, later name; never edit one that has shipped.
 */
export function engineMigrations(dialect: Dialect): Record<string, Migration> {
  // Materialized org paths are range-scanned by prefix; on Postgres that needs byte order.
  const pathType = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
  return {
    '0001-org-units-and-model-state': {
      // Kysely<any>: migrations run against the schema as it was, which no static type describes.
      async up(db: Kysely<any>): Promise<void> {
        await db.schema
          .createTable('zhili_org_units')
          .addColumn('code', 'text', (col) => col.primaryKey())
          .addColumn('name', 'text', (col) => col.notNull())
          .addColumn('level', 'text', (col) => col.notNull())
          .addColumn('kind', 'text')
          .addColumn('parent_code', 'text', (col) => col.references('zhili_org_units.code'))
          .addColumn('path', pathType, (col) => col.notNull().unique())
          .addColumn('depth', 'integer', (col) => col.notNull())
          .addColumn('position', 'integer', (col) => col.notNull())
          .execute();
        await db.schema.createIndex('ix_zhili_org_units_parent').on('zhili_org_units').columns(['parent_code', 'position']).execute();
        await db.schema
          .createTable('zhili_model_state')
          .addColumn('seq', 'integer', (col) => col.primaryKey())
          .addColumn('package_id', 'text', (col) => col.notNull())
          .addColumn('version', 'text', (col) => col.notNull())
          .addColumn('hash', 'text', (col) => col.notNull())
          .addColumn('applied_at', 'text', (col) => col.notNull())
          .addColumn('tables', 'text', (col) => col.notNull())
          .execute();
      },
    },
    '0002-auth': {
      async up(db: Kysely<any>): Promise<void> {
        await db.schema
          .createTable('zhili_users')
          .addColumn('id', 'text', (col) => col.primaryKey())
          .addColumn('username', 'text', (col) => col.notNull().unique())
          .addColumn('display_name', 'text', (col) => col.notNull())
          .addColumn('password_hash', 'text', (col) => col.notNull())
          .addColumn('disabled', 'boolean', (col) => col.notNull().defaultTo(false))
          .addColumn('created_at', 'text', (col) => col.notNull())
          .addColumn('updated_at', 'text', (col) => col.notNull())
          .execute();
        await db.schema
          .createTable('zhili_user_roles')
          .addColumn('user_id', 'text', (col) => col.notNull().references('zhili_users.id').onDelete('cascade'))
          .addColumn('role', 'text', (col) => col.notNull())
          .addColumn('org_code', 'text', (col) => col.notNull())
          .addPrimaryKeyConstraint('pk_zhili_user_roles', ['user_id', 'role', 'org_code'])
          .execute();
        // The id is the SHA-256 of the token: a leaked table holds no usable token.
        await db.schema
          .createTable('zhili_sessions')
          .addColumn('id', 'text', (col) => col.primaryKey())
          .addColumn('user_id', 'text', (col) => col.notNull().references('zhili_users.id').onDelete('cascade'))
          .addColumn('csrf_token', 'text', (col) => col.notNull())
          .addColumn('created_at', 'text', (col) => col.notNull())
          .addColumn('expires_at', 'text', (col) => col.notNull())
          .addColumn('last_seen_at', 'text', (col) => col.notNull())
          .execute();
        await db.schema.createIndex('ix_zhili_sessions_user').on('zhili_sessions').column('user_id').execute();
        await db.schema.createIndex('ix_zhili_sessions_expires').on('zhili_sessions').column('expires_at').execute();
        await db.schema
          .createTable('zhili_login_throttle')
          .addColumn('key', 'text', (col) => col.primaryKey())
          .addColumn('failures', 'integer', (col) => col.notNull())
          .addColumn('window_start', 'text', (col) => col.notNull())
          .addColumn('locked_until', 'text')
          .execute();
      },
    },
    '0003-audit': {
      // Rows are hash-chained (audit/chain.ts); seq is assigned by the append, 1, 2, 3 … without gaps.
      async up(db: Kysely<any>): Promise<void> {
        await db.schema
          .createTable('zhili_audit')
          // SQLite: exactly "integer primary key" makes it the rowid.
          .addColumn('seq', dialect === 'postgres' ? 'bigint' : 'integer', (col) => col.primaryKey())
          .addColumn('at', 'text', (col) => col.notNull())
          .addColumn('actor_id', 'text', (col) => col.notNull())
          .addColumn('actor_name', 'text', (col) => col.notNull())
          .addColumn('session_id', 'text')
          .addColumn('action', 'text', (col) => col.notNull())
          .addColumn('resource', 'text')
          .addColumn('record_id', 'text')
          .addColumn('org_path', pathType)
          .addColumn('detail', 'text')
          .addColumn('prev_hash', 'text', (col) => col.notNull())
          .addColumn('hash', 'text', (col) => col.notNull())
          .execute();
        await db.schema.createIndex('ix_zhili_audit_org_path').on('zhili_audit').columns(['org_path', 'seq']).execute();
        await db.schema.createIndex('ix_zhili_audit_record').on('zhili_audit').columns(['resource', 'record_id', 'seq']).execute();
        await db.schema.createIndex('ix_zhili_audit_actor').on('zhili_audit').columns(['actor_id', 'seq']).execute();
        // The end of the chain as the last append left it: shows rows deleted from the end.
        await db.schema
          .createTable('zhili_audit_head')
          .addColumn('id', 'integer', (col) => col.primaryKey())
          .addColumn('seq', dialect === 'postgres' ? 'bigint' : 'integer', (col) => col.notNull())
          .addColumn('hash', 'text', (col) => col.notNull())
          .execute();
        await db.insertInto('zhili_audit_head').values({ id: 1, seq: 0, hash: '0'.repeat(64) }).execute();
      },
    },
    '0004-checklists': {
      // Versions of every checklist: published ones never change; at most one draft per checklist.
      async up(db: Kysely<any>): Promise<void> {
        await db.schema
          .createTable('zhili_checklist_versions')
          .addColumn('checklist_id', 'text', (col) => col.notNull())
          .addColumn('version', 'integer', (col) => col.notNull())
          .addColumn('status', 'text', (col) => col.notNull())
          .addColumn('based_on', 'integer')
          .addColumn('items', 'text', (col) => col.notNull())
          .addColumn('revision', 'integer', (col) => col.notNull())
          .addColumn('effective_from', 'text')
          .addColumn('note', 'text')
          .addColumn('created_at', 'text', (col) => col.notNull())
          .addColumn('created_by', 'text', (col) => col.notNull())
          .addColumn('updated_at', 'text', (col) => col.notNull())
          .addColumn('updated_by', 'text', (col) => col.notNull())
          .addColumn('published_at', 'text')
          .addColumn('published_by', 'text')
          .addPrimaryKeyConstraint('pk_zhili_checklist_versions', ['checklist_id', 'version'])
          .execute();
        await db.schema
          .createIndex('ux_zhili_checklist_versions_draft')
          .on('zhili_checklist_versions')
          .column('checklist_id')
          .unique()
          .where(sql.ref('status'), '=', 'draft')
          .execute();
        await db.schema
          .createTable('zhili_admission_requests')
          .addColumn('id', 'text', (col) => col.primaryKey())
          .addColumn('checklist_id', 'text', (col) => col.notNull())
          .addColumn('resource', 'text', (col) => col.notNull())
          .addColumn('title', 'text', (col) => col.notNull())
          .addColumn('requesting_department', 'text', (col) => col.notNull())
          .addColumn('justification', 'text', (col) => col.notNull())
          .addColumn('funding_source', 'text', (col) => col.notNull())
          .addColumn('target_level', 'text', (col) => col.notNull())
          .addColumn('deadline', 'text', (col) => col.notNull())
          .addColumn('proposed_code', 'text')
          .addColumn('attributes', 'text', (col) => col.notNull())
          .addColumn('status', 'text', (col) => col.notNull())
          .addColumn('decision_due', 'text', (col) => col.notNull())
          .addColumn('item_code', 'text')
          .addColumn('decision_note', 'text')
          .addColumn('version', 'integer', (col) => col.notNull())
          .addColumn('org_path', pathType, (col) => col.notNull())
          .addColumn('submitted_at', 'text', (col) => col.notNull())
          .addColumn('submitted_by', 'text', (col) => col.notNull())
          .addColumn('decided_at', 'text')
          .addColumn('decided_by', 'text')
          .execute();
        await db.schema
          .createIndex('ix_zhili_admission_requests_status')
          .on('zhili_admission_requests')
          .columns(['checklist_id', 'status', 'decision_due'])
          .execute();
      },
    },
    '0005-checklist-claims': {
      // Claims of needs-list items (社会认领). `slot` makes "claimed at most once per unit" one unique
      // index: a claim that holds the item takes the slot "held", any other (a withdrawn claim, or every
      // claim of a list that allows several) its own id.
      async up(db: Kysely<any>): Promise<void> {
        await db.schema
          .createTable('zhili_checklist_claims')
          .addColumn('id', 'text', (col) => col.primaryKey())
          .addColumn('checklist_id', 'text', (col) => col.notNull())
          .addColumn('item_code', 'text', (col) => col.notNull())
          .addColumn('item_version', 'integer', (col) => col.notNull())
          .addColumn('org_code', 'text', (col) => col.notNull())
          .addColumn('org_path', pathType, (col) => col.notNull())
          .addColumn('claimant_name', 'text', (col) => col.notNull())
          .addColumn('claimant_kind', 'text', (col) => col.notNull())
          .addColumn('claimant_contact', 'text')
          .addColumn('note', 'text')
          .addColumn('status', 'text', (col) => col.notNull())
          .addColumn('slot', 'text', (col) => col.notNull())
          .addColumn('version', 'integer', (col) => col.notNull())
          .addColumn('claimed_at', 'text', (col) => col.notNull())
          .addColumn('claimed_by', 'text', (col) => col.notNull())
          .addColumn('closed_at', 'text')
          .addColumn('closed_by', 'text')
          .addColumn('closing_note', 'text')
          .execute();
        await db.schema
          .createIndex('ux_zhili_checklist_claims_slot')
          .on('zhili_checklist_claims')
          .columns(['checklist_id', 'item_code', 'org_code', 'slot'])
          .unique()
          .execute();
        await db.schema.createIndex('ix_zhili_checklist_claims_org').on('zhili_checklist_claims').columns(['checklist_id', 'org_path']).execute();
      },
    },
    '0006-grid-counters': {
      // Counters of grid compliance (grids/counters.ts), kept by triggers the engine installs for its config.
      async up(db: Kysely<any>): Promise<void> {
        await db.schema
          .createTable('zhili_grid_households')
          .addColumn('household_id', 'text', (col) => col.primaryKey())
          .addColumn('org_path', pathType, (col) => col.notNull())
          .addColumn('must_visit', 'integer', (col) => col.notNull())
          .addColumn('last_visit', 'text')
          .execute();
        await db.schema.createIndex('ix_zhili_grid_households_due').on('zhili_grid_households').columns(['must_visit', 'org_path', 'last_visit']).execute();
        await db.schema
          .createTable('zhili_grid_household_counts')
          .addColumn('org_path', pathType, (col) => col.primaryKey())
          .addColumn('households', 'integer', (col) => col.notNull())
          .execute();
        await db.schema
          .createTable('zhili_grid_visit_counts')
          .addColumn('visitor_id', 'text', (col) => col.notNull())
          .addColumn('month', 'text', (col) => col.notNull())
          .addColumn('visits', 'integer', (col) => col.notNull())
          .addPrimaryKeyConstraint('pk_zhili_grid_visit_counts', ['visitor_id', 'month'])
          .execute();
        // The signature of the triggers installed (one row): a changed config replaces them and rebuilds the counters.
        await db.schema
          .createTable('zhili_grid_state')
          .addColumn('id', 'integer', (col) => col.primaryKey())
          .addColumn('signature', 'text', (col) => col.notNull())
          .execute();
      },
    },
    '0007-workflow-cases': {
      // Cases of the workflows and their history. A case row changes with every step (state, unit,
      // version); its history rows are only ever inserted. `due_handled` is 1 once the scheduler has
      // acted on the current time limit, so that a lapse is handled once however many engines run.
      async up(db: Kysely<any>): Promise<void> {
        await db.schema
          .createTable('zhili_cases')
          .addColumn('id', 'text', (col) => col.primaryKey())
          .addColumn('workflow_id', 'text', (col) => col.notNull())
          .addColumn('resource', 'text', (col) => col.notNull())
          .addColumn('record_id', 'text', (col) => col.notNull())
          .addColumn('org_code', 'text', (col) => col.notNull())
          .addColumn('org_path', pathType, (col) => col.notNull())
          .addColumn('origin_path', pathType, (col) => col.notNull())
          .addColumn('state', 'text', (col) => col.notNull())
          .addColumn('version', 'integer', (col) => col.notNull())
          .addColumn('assignee_id', 'text')
          .addColumn('assignee_name', 'text')
          .addColumn('opened_at', 'text', (col) => col.notNull())
          .addColumn('opened_by', 'text', (col) => col.notNull())
          .addColumn('updated_at', 'text', (col) => col.notNull())
          .addColumn('state_since', 'text', (col) => col.notNull())
          .addColumn('due_at', 'text')
          .addColumn('due_handled', 'integer', (col) => col.notNull())
          .addColumn('overdue', 'integer', (col) => col.notNull())
          .addColumn('escalations', 'integer', (col) => col.notNull())
          .addColumn('closed_at', 'text')
          .addColumn('satisfaction', 'integer')
          .execute();
        await db.schema.createIndex('ux_zhili_cases_record').on('zhili_cases').columns(['workflow_id', 'record_id']).unique().execute();
        await db.schema.createIndex('ix_zhili_cases_org').on('zhili_cases').columns(['workflow_id', 'org_path']).execute();
        await db.schema.createIndex('ix_zhili_cases_origin').on('zhili_cases').columns(['workflow_id', 'origin_path', 'opened_at']).execute();
        await db.schema.createIndex('ix_zhili_cases_due').on('zhili_cases').columns(['due_handled', 'due_at']).execute();
        await db.schema
          .createTable('zhili_case_events')
          .addColumn('case_id', 'text', (col) => col.notNull().references('zhili_cases.id'))
          .addColumn('seq', 'integer', (col) => col.notNull())
          .addColumn('kind', 'text', (col) => col.notNull())
          .addColumn('action', 'text')
          .addColumn('from_state', 'text')
          .addColumn('to_state', 'text', (col) => col.notNull())
          .addColumn('from_org', 'text')
          .addColumn('to_org', 'text', (col) => col.notNull())
          .addColumn('actor_id', 'text', (col) => col.notNull())
          .addColumn('actor_name', 'text', (col) => col.notNull())
          .addColumn('at', 'text', (col) => col.notNull())
          .addColumn('data', 'text')
          .addColumn('comment', 'text')
          .addColumn('attachments', 'text')
          .addColumn('assignee_name', 'text')
          .addColumn('reason', 'text')
          .addPrimaryKeyConstraint('pk_zhili_case_events', ['case_id', 'seq'])
          .execute();
        // The history is append-only in the database too, not only in the service.
        if (dialect === 'postgres') {
          await sql`create function zhili_case_events_append_only() returns trigger language plpgsql as $$
            begin raise exception 'zhili_case_events is append-only'; end $$`.execute(db);
          await sql`create trigger zhili_case_events_append_only before update or delete on zhili_case_events
            for each row execute function zhili_case_events_append_only()`.execute(db);
        } else {
          for (const event of ['update', 'delete']) {
            await sql
              .raw(`create trigger zhili_case_events_no_${event} before ${event} on zhili_case_events begin select raise(abort, 'zhili_case_events is append-only'); end`)
              .execute(db);
          }
        }
      },
    },
    '0008-councils': councilsMigration(pathType),
    '0009-points': {
      // The points ledger (积分): accounts with their balances, postings and their lines (double entry: the lines of a
      // posting sum to zero), both only ever inserted; cap and limit counters per account and period, the shop's stock
      // and the claims under review change in place, each in the transaction of the posting they guard.
      async up(db: Kysely<any>): Promise<void> {
        await db.schema
          .createTable('zhili_points_accounts')
          .addColumn('id', 'text', (col) => col.primaryKey())
          .addColumn('scheme_id', 'text', (col) => col.notNull())
          .addColumn('currency', 'text', (col) => col.notNull())
          .addColumn('kind', 'text', (col) => col.notNull())
          .addColumn('code', 'text')
          .addColumn('holder_id', 'text')
          .addColumn('org_path', pathType)
          .addColumn('building_id', 'text')
          .addColumn('balance', 'bigint', (col) => col.notNull())
          .addColumn('created_at', 'text', (col) => col.notNull())
          .execute();
        await db.schema.createIndex('ux_zhili_points_accounts_holder').on('zhili_points_accounts').columns(['scheme_id', 'currency', 'holder_id']).unique().execute();
        await db.schema.createIndex('ux_zhili_points_accounts_code').on('zhili_points_accounts').columns(['scheme_id', 'currency', 'code']).unique().execute();
        await db.schema.createIndex('ix_zhili_points_accounts_org').on('zhili_points_accounts').columns(['scheme_id', 'org_path']).execute();
        await db.schema
          .createTable('zhili_points_postings')
          .addColumn('id', 'text', (col) => col.primaryKey())
          .addColumn('scheme_id', 'text', (col) => col.notNull())
          .addColumn('kind', 'text', (col) => col.notNull())
          .addColumn('currency', 'text', (col) => col.notNull())
          .addColumn('rule_code', 'text')
          .addColumn('item_code', 'text')
          .addColumn('service_code', 'text')
          .addColumn('quantity', 'integer', (col) => col.notNull())
          .addColumn('amount', 'bigint', (col) => col.notNull())
          .addColumn('holder_id', 'text')
          .addColumn('org_path', pathType)
          .addColumn('reverses', 'text')
          .addColumn('claim_id', 'text')
          .addColumn('case_id', 'text')
          .addColumn('idempotency_key', 'text')
          .addColumn('request_hash', 'text')
          .addColumn('memo', 'text')
          .addColumn('actor_id', 'text', (col) => col.notNull())
          .addColumn('actor_name', 'text', (col) => col.notNull())
          .addColumn('at', 'text', (col) => col.notNull())
          .execute();
        await db.schema.createIndex('ux_zhili_points_postings_key').on('zhili_points_postings').columns(['scheme_id', 'idempotency_key']).unique().execute();
        await db.schema.createIndex('ux_zhili_points_postings_reverses').on('zhili_points_postings').columns(['reverses']).unique().execute();
        await db.schema.createIndex('ux_zhili_points_postings_case').on('zhili_points_postings').columns(['scheme_id', 'rule_code', 'case_id']).unique().execute();
        await db.schema.createIndex('ix_zhili_points_postings_holder').on('zhili_points_postings').columns(['scheme_id', 'holder_id', 'at']).execute();
        await db.schema
          .createTable('zhili_points_lines')
          .addColumn('posting_id', 'text', (col) => col.notNull().references('zhili_points_postings.id'))
          .addColumn('seq', 'integer', (col) => col.notNull())
          .addColumn('account_id', 'text', (col) => col.notNull().references('zhili_points_accounts.id'))
          .addColumn('amount', 'bigint', (col) => col.notNull())
          .addColumn('at', 'text', (col) => col.notNull())
          .addPrimaryKeyConstraint('pk_zhili_points_lines', ['posting_id', 'seq'])
          .execute();
        await db.schema.createIndex('ix_zhili_points_lines_account').on('zhili_points_lines').columns(['account_id', 'at']).execute();
        await db.schema
          .createTable('zhili_points_usage')
          .addColumn('account_id', 'text', (col) => col.notNull())
          .addColumn('kind', 'text', (col) => col.notNull())
          .addColumn('code', 'text', (col) => col.notNull())
          .addColumn('period', 'text', (col) => col.notNull())
          .addColumn('used', 'bigint', (col) => col.notNull())
          .addPrimaryKeyConstraint('pk_zhili_points_usage', ['account_id', 'kind', 'code', 'period'])
          .execute();
        await db.schema
          .createTable('zhili_points_stock')
          .addColumn('scheme_id', 'text', (col) => col.notNull())
          .addColumn('item_code', 'text', (col) => col.notNull())
          .addColumn('stock', 'integer', (col) => col.notNull())
          .addPrimaryKeyConstraint('pk_zhili_points_stock', ['scheme_id', 'item_code'])
          .execute();
        await db.schema
          .createTable('zhili_points_claims')
          .addColumn('id', 'text', (col) => col.primaryKey())
          .addColumn('scheme_id', 'text', (col) => col.notNull())
          .addColumn('rule_code', 'text', (col) => col.notNull())
          .addColumn('holder_id', 'text', (col) => col.notNull())
          .addColumn('org_path', pathType, (col) => col.notNull())
          .addColumn('quantity', 'integer', (col) => col.notNull())
          .addColumn('memo', 'text')
          .addColumn('status', 'text', (col) => col.notNull())
          .addColumn('version', 'integer', (col) => col.notNull())
          .addColumn('claimed_by', 'text', (col) => col.notNull())
          .addColumn('claimed_by_name', 'text', (col) => col.notNull())
          .addColumn('claimed_at', 'text', (col) => col.notNull())
          .addColumn('decided_by', 'text')
          .addColumn('decided_by_name', 'text')
          .addColumn('decided_at', 'text')
          .addColumn('decision_comment', 'text')
          .addColumn('posting_id', 'text')
          .execute();
        await db.schema.createIndex('ix_zhili_points_claims_status').on('zhili_points_claims').columns(['scheme_id', 'status', 'org_path']).execute();
        // Postings and their lines are append-only in the database too, not only in the service: a mistake is undone by a reversal.
        for (const table of ['zhili_points_postings', 'zhili_points_lines']) {
          if (dialect === 'postgres') {
            await sql.raw(`create function ${table}_append_only() returns trigger language plpgsql as $$ begin raise exception '${table} is append-only'; end $$`).execute(db);
            await sql.raw(`create trigger ${table}_append_only before update or delete on ${table} for each row execute function ${table}_append_only()`).execute(db);
          } else {
            for (const event of ['update', 'delete']) {
              await sql.raw(`create trigger ${table}_no_${event} before ${event} on ${table} begin select raise(abort, '${table} is append-only'); end`).execute(db);
            }
          }
        }
      },
    },
    '0010-files': {
      // Uploaded files (a photo of the spot attached to a case, say), kept in the database so that a
      // backup of it holds them. A file belongs to the org unit it was uploaded for, like a record.
      async up(db: Kysely<any>): Promise<void> {
        await db.schema
          .createTable('zhili_files')
          .addColumn('id', 'text', (col) => col.primaryKey())
          .addColumn('name', 'text', (col) => col.notNull())
          .addColumn('content_type', 'text', (col) => col.notNull())
          .addColumn('size', 'integer', (col) => col.notNull())
          .addColumn('sha256', 'text', (col) => col.notNull())
          .addColumn('content', dialect === 'postgres' ? 'bytea' : 'blob', (col) => col.notNull())
          .addColumn('org_code', 'text', (col) => col.notNull())
          .addColumn('org_path', pathType, (col) => col.notNull())
          .addColumn('uploaded_by', 'text', (col) => col.notNull())
          .addColumn('uploaded_at', 'text', (col) => col.notNull())
          .execute();
      },
    },
  };
}
