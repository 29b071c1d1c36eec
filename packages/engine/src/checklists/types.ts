import type { ChecklistKind, ChecklistPermissions, Text } from '@zhili/schemas';
import type { CompiledAdmission } from '../model/types.ts';

/** An item of a checklist version. */
export interface ChecklistItem {
  /** Unique within the checklist and never reused, retired items included. */
  readonly code: string;
  readonly title: Text;
  /** Retired items stay in the list, so that their codes are never given again and old citations still resolve. */
  readonly status: 'active' | 'retired';
  /** The item's attributes, valid against the checklist's item schema. */
  readonly attributes: Readonly<Record<string, unknown>>;
  /** The approved admission request the item came from, when it did. */
  readonly request?: string;
}

/** One version of a checklist: the draft, or a published version (which never changes). */
export interface ChecklistVersion {
  readonly checklist: string;
  /** 1, 2, 3 …; a draft carries the number it will be published as. */
  readonly version: number;
  readonly status: 'draft' | 'published';
  /** The published version a draft was made from; null for version 1. */
  readonly basedOn: number | null;
  /** First day (YYYY-MM-DD, China Standard Time) a published version is in force; null for the draft. */
  readonly effectiveFrom: string | null;
  /** Whether this is the version in force today. */
  readonly inForce: boolean;
  /** Concurrency token of the draft: every change to it must name the revision it was made on. */
  readonly revision: number;
  /** What the publication says about the version (说明). */
  readonly note: string | null;
  readonly items: readonly ChecklistItem[];
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
  readonly publishedAt: string | null;
  readonly publishedBy: string | null;
}

/** A version without its items, for lists. */
export type VersionSummary = Omit<ChecklistVersion, 'items'> & {
  /** Active items. */
  readonly activeItems: number;
  /** Retired items. */
  readonly retiredItems: number;
};

export type { ChecklistPermissions } from '@zhili/schemas';

/** A checklist as GET /api/checklists lists it. */
export interface ChecklistSummary {
  readonly id: string;
  readonly title: Text;
  readonly description: Text | null;
  readonly kind: ChecklistKind;
  /** Level of the authority that edits and publishes it. */
  readonly owner: string;
  readonly public: boolean;
  readonly admission: CompiledAdmission | null;
  /** The version in force, without items. */
  readonly inForce: VersionSummary | null;
  /** The latest published version, which may not be in force yet (a later effective date). */
  readonly latest: VersionSummary | null;
  /** The draft, when there is one and the actor may see drafts. */
  readonly draft: VersionSummary | null;
  readonly permissions: ChecklistPermissions;
}

/** What an Excel import did to the draft: the codes it added, changed, retired (or removed, when never published), and the draft after it. */
export interface DraftImport {
  readonly draft: ChecklistVersion;
  /** Item rows read from the file. */
  readonly rows: number;
  readonly added: readonly string[];
  /** Items whose title or attributes the file changed. */
  readonly changed: readonly string[];
  /** Items missing from the file that were published before: retired, kept in the list. */
  readonly retired: readonly string[];
  /** Items missing from the file that were added in this draft and never published: removed. */
  readonly removed: readonly string[];
}
