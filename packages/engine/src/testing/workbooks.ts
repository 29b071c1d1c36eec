import ExcelJS from 'exceljs';
import { ITEMS_SHEET } from '../checklists/xlsx.ts';

/** A cell of a checklist workbook's item sheet: its Excel row and the key of its column (code, title, an attribute). */
export interface ItemCell {
  readonly row: number;
  readonly key: string;
  readonly value: string | number | null;
}

/**
 * A checklist workbook as GET /api/checklists/:id/export.xlsx wrote it, with some cells of its item
 * sheet changed — for suites that import a hand-edited file (the columns are found by the hidden key row).
 */
export async function editItemSheet(content: Uint8Array, cells: readonly ItemCell[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  // exceljs's typings want a Node Buffer; a view of the same bytes is one.
  await workbook.xlsx.load(Buffer.from(content.buffer, content.byteOffset, content.byteLength) as unknown as ExcelJS.Buffer);
  const sheet = workbook.getWorksheet(ITEMS_SHEET);
  if (!sheet) throw new Error(`the workbook has no sheet ${ITEMS_SHEET}`);
  const keys = (sheet.getRow(2).values as unknown[]).map((value) => (typeof value === 'string' ? value : ''));
  for (const { row, key, value } of cells) {
    const column = keys.indexOf(key);
    if (column < 1) throw new Error(`the item sheet has no column ${key}`);
    sheet.getCell(row, column).value = value;
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
