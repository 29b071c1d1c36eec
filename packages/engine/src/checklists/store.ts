import type { BilingualText } from '@zhili/schemas';
import type { Kysely } from 'kysely';
import type { Actor } from '../actor/actor.ts';
import { errors } from '../errors/engine-error.ts';
import type { ChecklistItem, ChecklistVersion, VersionSummary } from './types.ts';

/** The versions of every checklist. */
export const VERSIONS_TABLE = 'zhili_checklist_versions';

// Kysely<any>: the engine's tables have no static type map (see Database.kysely).
export type Handle = Kysely<any>;

/** A row of zhili_checklist_versions. */
export interface VersionRow {
  readonly checklist_id: string;
  readonly version: number;
  readonly status: 'draft' | 'published';
  readonly based_on: number | null;
  readonly items: string;
  readonly revision: number;
  readonly effective_from: string | null;
  readonly note: string | null;
  readonly created_at: string;
  readonly created_by: string;
  readonly updated_at: string;
  readonly updated_by: string;
  readonly published_at: string | null;
  readonly published_by: string | null;
}

const bi = (zh: string, en: string): BilingualText => ({ 'zh-CN': zh, en });

/** Integers come back from Postgres as numbers already, from SQLite too; normalised in case a driver returns strings. */
function normalise(row: Record<string, unknown>): VersionRow {
  return {
    ...(row as unknown as VersionRow),
    version: Number(row['version']),
    revision: Number(row['revision']),
    based_on: row['based_on'] === null || row['based_on'] === undefined ? null : Number(row['based_on']),
  };
}

export async function readVersion(db: Handle, checklist: string, version: number): Promise<VersionRow | undefined> {
  const row = await db.selectFrom(VERSIONS_TABLE).selectAll().where('checklist_id', '=', checklist).where('version', '=', version).executeTakeFirst();
  return row ? normalise(row as Record<string, unknown>) : undefined;
}

export async function readDraft(db: Handle, checklist: string): Promise<VersionRow | undefined> {
  const row = await db.selectFrom(VERSIONS_TABLE).selectAll().where('checklist_id', '=', checklist).where('status', '=', 'draft').executeTakeFirst();
  return row ? normalise(row as Record<string, unknown>) : undefined;
}

/** The published version with the highest number (in force or not yet). */
export async function readLatestPublished(db: Handle, checklist: string): Promise<VersionRow | undefined> {
  const row = await db
    .selectFrom(VERSIONS_TABLE)
    .selectAll()
    .where('checklist_id', '=', checklist)
    .where('status', '=', 'published')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? normalise(row as Record<string, unknown>) : undefined;
}

/** The version in force on a date: the latest published version whose effective date is on or before it. */
export async function readInForce(db: Handle, checklist: string, today: string): Promise<VersionRow | undefined> {
  const row = await db
    .selectFrom(VERSIONS_TABLE)
    .selectAll()
    .where('checklist_id', '=', checklist)
    .where('status', '=', 'published')
    .where('effective_from', '<=', today)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? normalise(row as Record<string, unknown>) : undefined;
}

/** Every version of a checklist, newest first. */
export async function readVersions(db: Handle, checklist: string): Promise<VersionRow[]> {
  const rows = await db.selectFrom(VERSIONS_TABLE).selectAll().where('checklist_id', '=', checklist).orderBy('version', 'desc').execute();
  return rows.map((row) => normalise(row as Record<string, unknown>));
}

export function itemsOf(row: VersionRow): ChecklistItem[] {
  return JSON.parse(row.items) as ChecklistItem[];
}

/** A row as the API returns it; `inForce` is decided by the caller, who knows the version in force. */
export function toVersion(row: VersionRow, inForce: boolean): ChecklistVersion {
  return { ...toSummaryBase(row, inForce), items: itemsOf(row) };
}

export function toSummary(row: VersionRow, inForce: boolean): VersionSummary {
  const items = itemsOf(row);
  const active = items.filter((item) => item.status === 'active').length;
  return { ...toSummaryBase(row, inForce), activeItems: active, retiredItems: items.length - active };
}

function toSummaryBase(row: VersionRow, inForce: boolean): Omit<ChecklistVersion, 'items'> {
  return {
    checklist: row.checklist_id,
    version: row.version,
    status: row.status,
    basedOn: row.based_on,
    effectiveFrom: row.effective_from,
    inForce,
    revision: row.revision,
    note: row.note,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    publishedAt: row.published_at,
    publishedBy: row.published_by,
  };
}

/** A draft made from the latest published version (numbered one after it). CONFLICT when the checklist has a draft already. */
export async function insertDraft(db: Handle, options: { checklist: string; basedOn: VersionRow; actor: Actor; now: string }): Promise<VersionRow> {
  const { checklist, basedOn, actor, now } = options;
  const row: VersionRow = {
    checklist_id: checklist,
    version: basedOn.version + 1,
    status: 'draft',
    based_on: basedOn.version,
    items: basedOn.items,
    revision: 1,
    effective_from: null,
    note: null,
    created_at: now,
    created_by: actor.id,
    updated_at: now,
    updated_by: actor.id,
    published_at: null,
    published_by: null,
  };
  try {
    await db.insertInto(VERSIONS_TABLE).values(row).execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw draftExists(checklist);
    throw error;
  }
  return row;
}

export function draftExists(checklist: string) {
  return errors.conflict(bi(`清单 ${checklist} 已有一份草稿：请在该草稿上修改`, `Checklist ${checklist} already has a draft: edit that one`));
}

/**
 * Replaces the draft's items (and bumps its revision) if it is still at `revision`; CONFLICT when
 * someone changed it since. Only ever touches a draft: a published version never changes.
 */
export async function saveDraftItems(
  db: Handle,
  options: { draft: VersionRow; items: readonly ChecklistItem[]; actor: Actor; now: string },
): Promise<VersionRow> {
  const { draft, items, actor, now } = options;
  const next: VersionRow = { ...draft, items: JSON.stringify(items), revision: draft.revision + 1, updated_at: now, updated_by: actor.id };
  const result = await db
    .updateTable(VERSIONS_TABLE)
    .set({ items: next.items, revision: next.revision, updated_at: now, updated_by: actor.id })
    .where('checklist_id', '=', draft.checklist_id)
    .where('version', '=', draft.version)
    .where('status', '=', 'draft')
    .where('revision', '=', draft.revision)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw staleDraft(draft.checklist_id, draft.revision);
  return next;
}

export function staleDraft(checklist: string, revision: number) {
  return errors.conflict(
    bi(
      `清单 ${checklist} 的草稿已被他人修改（提交时基于第 ${revision} 次修订）。请刷新后重试`,
      `The draft of checklist ${checklist} has changed since revision ${revision}. Reload it and try again`,
    ),
  );
}

/** A duplicate primary key or unique index, in either dialect. */
export function isUniqueViolation(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
