import type { Kysely, Migration, RawBuilder } from 'kysely';

/**
 * Engine migration 0008-councils: rosters of the council bodies at their units (one per body and
 * unit, versioned) with their members; proposals, each with its case in the procedure's workflow;
 * meetings with attendance and per-member votes, inserted and never changed.
 */
export function councilsMigration(pathType: RawBuilder<unknown>): Migration {
  return {
    // Kysely<any>: migrations run against the schema as it was, which no static type describes.
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('zhili_council_rosters')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('body_id', 'text', (col) => col.notNull())
        .addColumn('org_code', 'text', (col) => col.notNull())
        .addColumn('org_path', pathType, (col) => col.notNull())
        .addColumn('term_start', 'text')
        .addColumn('version', 'integer', (col) => col.notNull())
        .addColumn('updated_at', 'text', (col) => col.notNull())
        .addColumn('updated_by', 'text', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('ux_zhili_council_rosters_unit').on('zhili_council_rosters').columns(['body_id', 'org_code']).unique().execute();
      await db.schema.createIndex('ix_zhili_council_rosters_path').on('zhili_council_rosters').columns(['org_path']).execute();
      await db.schema
        .createTable('zhili_council_members')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('roster_id', 'text', (col) => col.notNull().references('zhili_council_rosters.id'))
        .addColumn('seq', 'integer', (col) => col.notNull())
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('gender', 'text', (col) => col.notNull())
        .addColumn('party_member', 'integer', (col) => col.notNull())
        .addColumn('position', 'text', (col) => col.notNull())
        .addColumn('building', 'text')
        .addColumn('user_id', 'text')
        .execute();
      await db.schema.createIndex('ix_zhili_council_members_roster').on('zhili_council_members').columns(['roster_id', 'seq']).execute();
      await db.schema
        .createTable('zhili_council_proposals')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('procedure_id', 'text', (col) => col.notNull())
        .addColumn('body_id', 'text', (col) => col.notNull())
        .addColumn('org_code', 'text', (col) => col.notNull())
        .addColumn('org_path', pathType, (col) => col.notNull())
        .addColumn('title', 'text', (col) => col.notNull())
        .addColumn('content', 'text', (col) => col.notNull())
        .addColumn('proposers', 'text', (col) => col.notNull())
        .addColumn('proposed_by', 'text', (col) => col.notNull())
        .addColumn('proposed_at', 'text', (col) => col.notNull())
        .addColumn('case_id', 'text', (col) => col.notNull())
        .addColumn('result', 'text')
        .addColumn('outcome', 'text')
        .addColumn('published_at', 'text')
        .addColumn('publication_until', 'text')
        .execute();
      await db.schema.createIndex('ix_zhili_council_proposals_path').on('zhili_council_proposals').columns(['org_path', 'proposed_at']).execute();
      await db.schema.createIndex('ix_zhili_council_proposals_published').on('zhili_council_proposals').columns(['publication_until', 'published_at']).execute();
      await db.schema
        .createTable('zhili_council_meetings')
        .addColumn('id', 'text', (col) => col.primaryKey())
        .addColumn('proposal_id', 'text', (col) => col.notNull().references('zhili_council_proposals.id'))
        .addColumn('held_at', 'text', (col) => col.notNull())
        .addColumn('recorded_at', 'text', (col) => col.notNull())
        .addColumn('recorded_by', 'text', (col) => col.notNull())
        .addColumn('members', 'integer', (col) => col.notNull())
        .addColumn('eligible', 'integer', (col) => col.notNull())
        .addColumn('present', 'integer', (col) => col.notNull())
        .addColumn('recused', 'integer', (col) => col.notNull())
        .addColumn('votes_for', 'integer', (col) => col.notNull())
        .addColumn('votes_against', 'integer', (col) => col.notNull())
        .addColumn('votes_abstain', 'integer', (col) => col.notNull())
        .addColumn('attendance', 'text', (col) => col.notNull())
        .addColumn('result', 'text', (col) => col.notNull())
        .addColumn('explanation', 'text', (col) => col.notNull())
        .execute();
      await db.schema.createIndex('ix_zhili_council_meetings_proposal').on('zhili_council_meetings').columns(['proposal_id', 'recorded_at']).execute();
    },
  };
}
