import type { MetaRecordSchema } from '@zhili/schemas';
import type { EngineClient } from '../providers/http.ts';
import { downloadFile } from '../providers/download.ts';
import { uploadFile } from '../providers/http.ts';
import type { ChecklistVersion } from './checklist-types.ts';

/** The media type of an .xlsx file, as the engine's import takes it. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What POST /checklists/:id/draft/import answers: the draft after the import and what it did. */
export interface DraftImport {
  readonly draft: ChecklistVersion;
  readonly rows: number;
  readonly added: readonly string[];
  readonly changed: readonly string[];
  readonly retired: readonly string[];
  readonly removed: readonly string[];
}

/** One line of the table of an import's errors: the row (null for a column or the whole file), the column, the problem. */
export interface ImportErrorRow {
  readonly key: string;
  readonly row: number | null;
  readonly column: string;
  readonly message: string;
}

const FIXED_COLUMNS: Readonly<Record<string, string>> = { code: 'checklists.itemCode', title: 'checklists.itemTitle', 'title.en': 'checklists.itemTitleEn' };

/**
 * The errors of a refused import (the engine's `errors`: `rows.<row>.<column key>`, `rows.<row>`,
 * `columns.<title>`, `more`) as table lines, in the engine's order, each message without the
 * "row n, column c" the table shows in its own columns.
 */
export function importErrorRows(errors: Readonly<Record<string, readonly string[]>>, schema: MetaRecordSchema, t: (key: string) => string): ImportErrorRow[] {
  return Object.entries(errors).flatMap(([key, messages]) => {
    const cell = /^rows\.(\d+)(?:\.(.+))?$/.exec(key);
    const columnTitle = key.startsWith('columns.') ? key.slice('columns.'.length) : null;
    const row = cell?.[1] === undefined ? (columnTitle === null ? null : 1) : Number(cell[1]);
    const field = cell?.[2];
    const fixed = field === undefined ? undefined : FIXED_COLUMNS[field];
    const column = columnTitle ?? (field === undefined ? '' : fixed !== undefined ? t(fixed) : (schema.properties?.[field]?.title ?? field));
    return messages.map((message, i) => ({ key: `${key}#${i}`, row, column, message: withoutPlace(message) }));
  });
}

/** A message without its leading "第 5 行「办理时限」：" / "Row 5, column 办理时限: " / "列「备注」：" / "Column 备注: ". */
function withoutPlace(message: string): string {
  return message.replace(/^(第 \d+ 行(「[^」]*」)?|列「[^」]*」)：/, '').replace(/^(Row \d+(, column [^:]+)?|Column [^:]+): /, '');
}

/** Downloads a version of a checklist as the engine's .xlsx export, under the name the engine gives it. */
export function downloadWorkbook(client: EngineClient, checklist: string, version: 'current' | 'draft'): Promise<void> {
  return downloadFile(client, `/checklists/${encodeURIComponent(checklist)}/export.xlsx?version=${version}`, `${checklist}.xlsx`);
}

/** Sends an .xlsx file to replace the draft's items; a refusal throws the engine's error (422: errors by row and column). */
export async function importWorkbook(client: EngineClient, checklist: string, revision: number, file: Blob): Promise<DraftImport> {
  return (await uploadFile(client, { path: `/checklists/${encodeURIComponent(checklist)}/draft/import?revision=${revision}`, file, type: XLSX_TYPE })) as DraftImport;
}
