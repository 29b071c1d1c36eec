import { resolveText } from '@zhili/schemas';
import type { BilingualText, FieldSchema, Text } from '@zhili/schemas';
import ExcelJS from 'exceljs';
import { EngineError, errors } from '../errors/engine-error.ts';
import type { CompiledChecklist } from '../model/types.ts';
import type { ChecklistItem } from './types.ts';

/**
 * A checklist's items as an Excel workbook, and back.
 *
 * The sheet 事项 (ITEMS_SHEET) has one column per item field: 编码 (code), 事项名称 (the title in
 * Chinese), 事项名称（英文） (its English title, optional) and one per attribute of the item schema,
 * in the order of the item form. Row 1 holds the columns' Chinese titles (with the unit, e.g.
 * 办理时限（天）); row 2, hidden, their keys (code, title, title.en, the attribute names), so that a
 * file keeps importing when someone renames a header — without that row, or where a key cell is
 * empty, a column is known by its title (Chinese or English, with or without the unit) or key.
 * The items follow from row 3, one per row, active items only, in order.
 *
 * Values: a choice (oneOf const/title, enum) is written as its Chinese label and read from its
 * label in either language or its value; true/false as 是/否; a list as its values joined with
 * "；" (read split at "；", ";" or a line break); an object as JSON; an empty cell is an absent
 * attribute. The sheet 字段说明 (COLUMNS_SHEET) describes every column: title, key, type,
 * required, allowed values.
 */

/** The media type of an .xlsx file: what the import takes as its request body. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Largest file the import reads. */
export const XLSX_MAX_BYTES = 5 * 1024 * 1024;
/** Most item rows the import reads. */
export const XLSX_MAX_ROWS = 5000;
/** Most row errors one 422 lists; the rest are counted. */
const MAX_REPORTED = 500;

export const ITEMS_SHEET = '事项';
export const COLUMNS_SHEET = '字段说明';
const LIST_SEPARATOR = '；';
const FIRST_ITEM_ROW = 3;

const bi = (zh: string, en: string): BilingualText => ({ 'zh-CN': zh, en });

type ValueType = 'string' | 'integer' | 'number' | 'boolean' | 'json';

interface Choice {
  readonly value: unknown;
  readonly label: Text;
}

/** How one column's cells are read and written. */
interface Column {
  /** code, title, title.en, or an attribute name. */
  readonly key: string;
  readonly title: Text;
  /** The header as written: the Chinese title, with the unit. */
  readonly header: string;
  /** The Chinese title, as errors name the column. */
  readonly name: string;
  readonly required: boolean;
  /** For attributes: the value's type, whether it is a list, and its allowed values. */
  readonly type: ValueType;
  readonly list: boolean;
  readonly choices: readonly Choice[] | null;
  readonly description: Text | null;
}

/** The columns of a checklist's item sheet, in order. */
export function columnsOf(checklist: CompiledChecklist): Column[] {
  const fixed: Column[] = [
    fixedColumn('code', bi('编码', 'Code'), true, bi('事项编码，在清单中唯一且不重复使用', 'The item code: unique in the checklist and never reused')),
    fixedColumn('title', bi('事项名称', 'Title'), true, null),
    fixedColumn('title.en', bi('事项名称（英文）', 'Title (English)'), false, bi('可不填', 'Optional')),
  ];
  const { properties, required = [] } = checklist.itemSchema;
  const order = Array.isArray(checklist.itemUiSchema['ui:order']) ? (checklist.itemUiSchema['ui:order'] as unknown[]).filter((k) => typeof k === 'string') : [];
  const names = [...order.filter((name) => Object.hasOwn(properties, name)), ...Object.keys(properties).filter((name) => !order.includes(name))];
  const attributes = names.flatMap((name) => {
    const field = properties[name];
    return field ? [attributeColumn(name, field, required.includes(name))] : [];
  });
  return [...fixed, ...attributes];
}

function fixedColumn(key: string, title: BilingualText, required: boolean, description: BilingualText | null): Column {
  return { key, title, header: title['zh-CN'], name: title['zh-CN'], required, type: 'string', list: false, choices: null, description };
}

function attributeColumn(name: string, field: FieldSchema, required: boolean): Column {
  const title = field.title ?? name;
  const list = typeOf(field) === 'array';
  const element = list ? (field.items ?? {}) : field;
  const unit = field['x-unit'] as Text | undefined;
  const zh = resolveText(title, 'zh-CN');
  const type = typeOf(element);
  return {
    key: name,
    title,
    header: unit === undefined ? zh : `${zh}（${resolveText(unit, 'zh-CN')}）`,
    name: zh,
    required,
    type: type === 'array' || type === 'object' || type === null ? (choicesOf(element) ? 'string' : 'json') : type,
    list,
    choices: choicesOf(element),
    description: field.description ?? null,
  };
}

/** The JSON type of a field: its (first non-null) type, else that of its choices. */
function typeOf(field: FieldSchema): ValueType | 'array' | 'object' | null {
  const declared = Array.isArray(field.type) ? field.type.find((t) => t !== 'null') : field.type;
  if (declared !== undefined && declared !== 'null') return declared;
  const sample = choicesOf(field)?.[0]?.value;
  if (typeof sample === 'string') return 'string';
  if (typeof sample === 'number') return Number.isInteger(sample) ? 'integer' : 'number';
  if (typeof sample === 'boolean') return 'boolean';
  return null;
}

function choicesOf(field: FieldSchema): Choice[] | null {
  const branches = field.oneOf ?? field.anyOf;
  if (branches?.every((branch) => branch !== undefined && Object.hasOwn(branch, 'const'))) {
    return branches.map((branch) => ({ value: branch?.const, label: branch?.title ?? String(branch?.const) }));
  }
  if (field.enum) return field.enum.map((value) => ({ value, label: String(value) }));
  return null;
}

const TYPE_NAMES: Readonly<Record<ValueType, BilingualText>> = {
  string: bi('文本', 'text'),
  integer: bi('整数', 'integer'),
  number: bi('数字', 'number'),
  boolean: bi('是/否', 'yes/no'),
  json: bi('JSON', 'JSON'),
};

// ---------------------------------------------------------------- export

/** The workbook of a version's active items: the item sheet and the column descriptions. */
export async function writeWorkbook(checklist: CompiledChecklist, items: readonly ChecklistItem[]): Promise<Uint8Array> {
  const columns = columnsOf(checklist);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'zhili';
  workbook.title = resolveText(checklist.title, 'zh-CN');
  const sheet = workbook.addWorksheet(ITEMS_SHEET, { views: [{ state: 'frozen', xSplit: 2, ySplit: 2 }] });
  const header = sheet.addRow(columns.map((column) => column.header));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  });
  const keys = sheet.addRow(columns.map((column) => column.key));
  keys.hidden = true;
  const active = items.filter((item) => item.status === 'active');
  for (const item of active) sheet.addRow(columns.map((column) => cellOf(column, item)));

  for (const [i, column] of columns.entries()) {
    const texts = [column.header, ...active.map((item) => display(cellOf(column, item)))];
    const width = Math.min(60, Math.max(8, ...texts.map(displayWidth)) + 2);
    const sheetColumn = sheet.getColumn(i + 1);
    sheetColumn.width = width;
    if (column.type === 'string' || column.list) sheetColumn.alignment = { vertical: 'top', wrapText: width >= 60 };
    const labels = column.choices?.map((choice) => resolveText(choice.label, 'zh-CN'));
    const list = labels ? `"${labels.join(',')}"` : null;
    if (!column.list && list !== null && list.length <= 255 && labels?.every((label) => !label.includes(',') && !label.includes('"'))) {
      const letter = sheetColumn.letter;
      validations(sheet).add(`${letter}${FIRST_ITEM_ROW}:${letter}${FIRST_ITEM_ROW + XLSX_MAX_ROWS - 1}`, { type: 'list', allowBlank: true, formulae: [list] });
    }
  }
  header.eachCell((cell) => {
    cell.alignment = { vertical: 'middle', wrapText: true };
  });

  const described = workbook.addWorksheet(COLUMNS_SHEET);
  described.columns = [
    { header: '列标题', width: 24 },
    { header: '键', width: 18 },
    { header: '类型', width: 22 },
    { header: '必填', width: 8 },
    { header: '允许的值', width: 40 },
    { header: '说明', width: 60 },
  ];
  described.getRow(1).font = { bold: true };
  for (const column of columns) {
    described.addRow([
      column.header,
      column.key,
      column.list ? `${TYPE_NAMES[column.type]['zh-CN']}（多个，以“${LIST_SEPARATOR}”分隔）` : TYPE_NAMES[column.type]['zh-CN'],
      column.required ? '是' : '否',
      column.choices?.map((choice) => resolveText(choice.label, 'zh-CN')).join(LIST_SEPARATOR) ?? null,
      column.description === null ? null : resolveText(column.description, 'zh-CN'),
    ]);
  }
  described.addRow([]);
  for (const note of [
    `“${ITEMS_SHEET}”表第 1 行为列标题，第 2 行（隐藏）为列的键，导入时据此识别各列；事项从第 ${FIRST_ITEM_ROW} 行开始，每行一项。`,
    `导入会以表中的事项替换草稿：编码相同的事项被更新，新编码的事项被新增，表中没有的事项被废止。`,
    `选项填写其名称；“是/否”填写 是 或 否；多个值以“${LIST_SEPARATOR}”分隔；留空表示不填。`,
  ]) {
    described.addRow([note]);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/**
 * The sheet's data validations by range. exceljs has them (Worksheet.dataValidations, written as
 * one range) but its typings only know the per-cell setter, which would create every row.
 */
function validations(sheet: ExcelJS.Worksheet): { add(address: string, validation: ExcelJS.DataValidation): void } {
  return (sheet as unknown as { dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void } }).dataValidations;
}

type CellValue = string | number | boolean | null;

function cellOf(column: Column, item: ChecklistItem): CellValue {
  if (column.key === 'code') return item.code;
  if (column.key === 'title') return resolveText(item.title, 'zh-CN');
  if (column.key === 'title.en') return typeof item.title === 'string' ? null : (item.title.en ?? null);
  const value = item.attributes[column.key];
  if (value === undefined || value === null) return null;
  if (column.list && Array.isArray(value)) return value.map((element) => display(scalarCell(column, element))).join(LIST_SEPARATOR);
  return scalarCell(column, value);
}

function scalarCell(column: Column, value: unknown): CellValue {
  const choice = column.choices?.find((c) => c.value === value);
  const labelled = choice !== undefined && resolveText(choice.label, 'zh-CN') !== String(choice.value);
  if (choice && labelled) return resolveText(choice.label, 'zh-CN');
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string' || typeof value === 'number') return value;
  return JSON.stringify(value);
}

function display(value: CellValue): string {
  return value === null ? '' : typeof value === 'boolean' ? (value ? '是' : '否') : String(value);
}

/** Width of the longest line in Excel's character units: CJK and other wide characters count two. */
function displayWidth(text: string): number {
  let widest = 0;
  for (const line of text.split('\n')) {
    let width = 0;
    for (const char of line) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1;
    widest = Math.max(widest, width);
  }
  return widest;
}

/** Filename of a version's workbook, e.g. 社区工作事项清单-v3.xlsx (-草稿 for the draft). */
export function workbookFilename(checklist: CompiledChecklist, version: { readonly version: number; readonly status: 'draft' | 'published' }): string {
  const safe = resolveText(checklist.title, 'zh-CN').replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_');
  return `${safe}-v${version.version}${version.status === 'draft' ? '-草稿' : ''}.xlsx`;
}

/** A Content-Disposition header for an attachment with a UTF-8 name (RFC 6266/5987), with an ASCII fallback. */
export function attachmentDisposition(filename: string, fallback: string): string {
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encoded}`;
}

// ---------------------------------------------------------------- import

/** One item row of an imported sheet: its Excel row number and the values read from it. */
export interface ImportedRow {
  readonly row: number;
  readonly code: string | null;
  readonly title: Text | null;
  /** The attributes read, typed where the cell could be read as the column's type (else left as text, for the item schema to refuse). */
  readonly attributes: Record<string, unknown>;
}

/** Row and column errors of an import, each message naming its row and column; thrown as one 422. */
export class ImportProblems {
  readonly #errors: Record<string, BilingualText[]> = {};
  #count = 0;

  /** A problem with the header row (a column missing, unknown or twice). */
  column(title: string, message: BilingualText): void {
    this.#add(`columns.${title}`, bi(`列「${title}」：${message['zh-CN']}`, `Column ${title}: ${message.en}`));
  }

  /** A problem with one cell. */
  cell(row: number, column: { readonly key: string; readonly name: string }, message: BilingualText): void {
    this.#add(`rows.${row}.${column.key}`, bi(`第 ${row} 行「${column.name}」：${message['zh-CN']}`, `Row ${row}, column ${column.name}: ${message.en}`));
  }

  /** A problem with a row as a whole. */
  row(row: number, message: BilingualText): void {
    this.#add(`rows.${row}`, bi(`第 ${row} 行：${message['zh-CN']}`, `Row ${row}: ${message.en}`));
  }

  get any(): boolean {
    return this.#count > 0;
  }

  throwIfAny(): void {
    if (!this.any) return;
    const listed = Object.values(this.#errors).reduce((n, messages) => n + messages.length, 0);
    const more = this.#count - listed;
    const fieldErrors = more > 0 ? { ...this.#errors, more: [bi(`另有 ${more} 处错误未列出`, `${more} more errors not listed`)] } : this.#errors;
    throw errors.importInvalid(
      bi(
        `导入的文件有 ${this.#count} 处错误，未导入任何事项。请修改后重新导入`,
        `The file has ${this.#count} error${this.#count === 1 ? '' : 's'}; nothing was imported. Correct ${this.#count === 1 ? 'it' : 'them'} and import it again`,
      ),
      fieldErrors,
    );
  }

  #add(key: string, message: BilingualText): void {
    this.#count++;
    const listed = Object.values(this.#errors).reduce((n, messages) => n + messages.length, 0);
    if (listed < MAX_REPORTED) (this.#errors[key] ??= []).push(message);
  }
}

const notAWorkbook = () =>
  errors.badRequest(bi('上传的文件不是有效的 Excel 工作簿（.xlsx）', 'The uploaded file is not a valid Excel workbook (.xlsx)'));

/**
 * Reads the item rows of an uploaded workbook. A file that is not an .xlsx, has no item sheet, no
 * header, no item rows or too many is a 400; problems with the columns and cells are added to
 * `problems` (the header's alone, as the rows cannot be read without their columns).
 */
export async function readWorkbook(checklist: CompiledChecklist, content: Uint8Array, problems: ImportProblems): Promise<ImportedRow[]> {
  if (content.byteLength === 0) throw errors.badRequest(bi('上传的文件是空的', 'The uploaded file is empty'));
  if (content.byteLength > XLSX_MAX_BYTES) throw tooLarge();
  // An .xlsx is a zip archive: refuse anything else before handing it to the parser.
  if (content[0] !== 0x50 || content[1] !== 0x4b) throw notAWorkbook();
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's typings want a Node Buffer; a view of the same bytes is one.
    await workbook.xlsx.load(Buffer.from(content.buffer, content.byteOffset, content.byteLength) as unknown as ExcelJS.Buffer);
  } catch {
    throw notAWorkbook();
  }
  const sheet = workbook.getWorksheet(ITEMS_SHEET) ?? workbook.worksheets.find((ws) => ws.name !== COLUMNS_SHEET);
  if (!sheet) {
    throw errors.badRequest(bi(`工作簿中没有事项表（“${ITEMS_SHEET}”）`, `The workbook has no item sheet ("${ITEMS_SHEET}")`));
  }
  const columns = columnsOf(checklist);
  const header = sheet.getRow(1);
  if (sheet.actualRowCount === 0 || header.cellCount === 0) {
    throw errors.badRequest(bi(`事项表“${sheet.name}”是空的：第 1 行应为列标题`, `The item sheet "${sheet.name}" is empty: row 1 should hold the column titles`));
  }
  if (sheet.actualRowCount > XLSX_MAX_ROWS + FIRST_ITEM_ROW) throw tooManyRows();

  const byKey = new Map(columns.map((column) => [column.key, column]));
  const second = sheet.getRow(2);
  const secondTexts: string[] = [];
  second.eachCell((cell, at) => {
    secondTexts[at] = textOf(cell);
  });
  const hasKeyRow = secondTexts.some((text) => text === 'code') && secondTexts.every((text) => text === undefined || text === '' || byKey.has(text));
  const byTitle = new Map<string, Column>();
  for (const column of columns) {
    for (const name of [column.key, column.header, resolveText(column.title, 'zh-CN'), resolveText(column.title, 'en')]) byTitle.set(normalTitle(name), column);
  }
  // A title as written, else without a unit in brackets at its end: 办理时限（天） and 办理时限 (days) are 办理时限.
  const titled = (title: string): Column | undefined => byTitle.get(normalTitle(title)) ?? byTitle.get(normalTitle(title.replace(/\s*[（(][^（()）]*[）)]\s*$/, '')));

  const mapped = new Map<number, Column>();
  const seen = new Map<string, string>();
  const width = Math.max(header.cellCount, second.cellCount);
  for (let at = 1; at <= width; at++) {
    const title = textOf(header.getCell(at));
    const key = hasKeyRow ? (secondTexts[at] ?? '') : '';
    if (title === '' && key === '') continue;
    const column = key !== '' ? byKey.get(key) : titled(title);
    const name = title !== '' ? title : key;
    if (!column) {
      problems.column(name, bi('不是此清单的事项字段', 'is not a field of this checklist’s items'));
      continue;
    }
    const twice = seen.get(column.key);
    if (twice !== undefined) {
      problems.column(name, bi(`与「${twice}」是同一字段，出现了两次`, `is the same field as ${twice}: it appears twice`));
      continue;
    }
    seen.set(column.key, name);
    mapped.set(at, column);
  }
  for (const column of columns) {
    if (column.required && !seen.has(column.key)) problems.column(column.name, bi('缺少这一必填列', 'this required column is missing'));
  }
  if (problems.any) return [];

  const rows: ImportedRow[] = [];
  const first = hasKeyRow ? FIRST_ITEM_ROW : 2;
  const rowsWritten: ExcelJS.Row[] = [];
  sheet.eachRow((row, number) => {
    if (number >= first) rowsWritten.push(row);
  });
  for (const row of rowsWritten) {
    const number = row.number;
    const texts = new Map<Column, CellRead>();
    for (const [at, column] of mapped) {
      const value = readCell(row.getCell(at));
      if (value !== null) texts.set(column, value);
    }
    if (texts.size === 0) continue;
    if (rows.length >= XLSX_MAX_ROWS) throw tooManyRows();
    rows.push(readRow(number, texts, problems));
  }
  if (rows.length === 0) {
    throw errors.badRequest(bi(`事项表“${sheet.name}”中没有事项：事项从第 ${first} 行开始`, `The item sheet "${sheet.name}" has no items: they start at row ${first}`));
  }
  return rows;
}

const tooLarge = () =>
  new EngineError(
    'PAYLOAD_TOO_LARGE',
    bi(`文件超过 ${XLSX_MAX_BYTES / 1024 / 1024} MB 的上限`, `The file exceeds the limit of ${XLSX_MAX_BYTES / 1024 / 1024} MB`),
  );

const tooManyRows = () =>
  errors.badRequest(bi(`事项超过 ${XLSX_MAX_ROWS} 行的上限`, `The sheet has more than ${XLSX_MAX_ROWS} item rows`));

/** A title as columns are matched by it: without spaces or the asterisks that mark required columns, in lower case. */
function normalTitle(text: string): string {
  return text.replace(/[\s*＊]/g, '').toLowerCase();
}

type CellRead = string | number | boolean | Date;

/** A cell's value, with formulas, rich text and hyperlinks reduced to what they show; null when empty. */
function readCell(cell: ExcelJS.Cell): CellRead | null {
  const value = cell.value;
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value) return readText(value.richText.map((part) => part.text).join(''));
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as ExcelJS.CellFormulaValue).result;
      return result === undefined || result === null || typeof result === 'object' ? (result instanceof Date ? result : null) : readText(String(result));
    }
    if ('text' in value) return readText(String((value as ExcelJS.CellHyperlinkValue).text));
  }
  return null;
}

function readText(text: string): string | null {
  return text.trim() === '' ? null : text.trim();
}

function textOf(cell: ExcelJS.Cell): string {
  const value = readCell(cell);
  return value === null ? '' : value instanceof Date ? isoDate(value) : String(value);
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function readRow(number: number, cells: ReadonlyMap<Column, CellRead>, problems: ImportProblems): ImportedRow {
  let code: string | null = null;
  let zh: string | null = null;
  let en: string | null = null;
  const attributes: Record<string, unknown> = {};
  for (const [column, cell] of cells) {
    if (column.key === 'code') code = asString(cell);
    else if (column.key === 'title') zh = asString(cell);
    else if (column.key === 'title.en') en = asString(cell);
    else {
      const value = column.list
        ? asString(cell)
            .split(/[;；\n]/)
            .map((part) => part.trim())
            .filter((part) => part !== '')
            .map((part) => readValue(column, part))
        : readValue(column, cell);
      if (value instanceof UnreadableJson || (Array.isArray(value) && value.some((v) => v instanceof UnreadableJson))) {
        problems.cell(number, column, bi('不是有效的 JSON', 'is not valid JSON'));
      } else attributes[column.key] = value;
    }
  }
  const title: Text | null = zh === null ? null : en === null ? zh : { 'zh-CN': zh, en };
  return { row: number, code, title, attributes };
}

class UnreadableJson {}

function asString(cell: CellRead): string {
  if (cell instanceof Date) return isoDate(cell);
  if (typeof cell === 'boolean') return cell ? '是' : '否';
  return String(cell);
}

const YES = new Set(['是', 'true', 'yes', 'y', '1', '√', '✓']);
const NO = new Set(['否', 'false', 'no', 'n', '0', '×', '✗']);

/** A cell read as the column's type; a cell that is not one is left as it is, for the item schema to refuse with its own message. */
function readValue(column: Column, cell: CellRead): unknown {
  if (column.choices) {
    const text = asString(cell);
    const choice = column.choices.find(
      (c) => resolveText(c.label, 'zh-CN') === text || resolveText(c.label, 'en').toLowerCase() === text.toLowerCase() || String(c.value) === text,
    );
    if (choice) return choice.value;
  }
  switch (column.type) {
    case 'integer':
    case 'number': {
      if (typeof cell === 'number') return cell;
      const number = typeof cell === 'string' && /^[+-]?\d+(\.\d+)?$/.test(cell.replace(/[,，]/g, '')) ? Number(cell.replace(/[,，]/g, '')) : null;
      return number ?? asString(cell);
    }
    case 'boolean': {
      if (typeof cell === 'boolean') return cell;
      const text = asString(cell).toLowerCase();
      return YES.has(text) ? true : NO.has(text) ? false : asString(cell);
    }
    case 'json': {
      if (typeof cell !== 'string') return cell instanceof Date ? isoDate(cell) : cell;
      try {
        return JSON.parse(cell) as unknown;
      } catch {
        return new UnreadableJson();
      }
    }
    case 'string':
      return typeof cell === 'number' ? String(cell) : asString(cell);
  }
}
