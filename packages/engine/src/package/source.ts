import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { BilingualText } from '@zhili/schemas';
import { type Document, isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, type YAMLError } from 'yaml';
import { displayPath, type PackageIssue } from './issues.ts';
import { jsonErrorOffset } from './json-error.ts';

/** A 1-based line and column. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** A parsed config file that can say where each of its nodes was written. */
export interface SourceFile {
  /** Absolute path. */
  readonly path: string;
  /** The parsed value (plain JSON data). */
  readonly data: unknown;
  /** Position of the node at a JSON pointer, or of its nearest existing ancestor. */
  position(pointer: string): SourcePosition;
}

/** Extensions of the files a package is written in. */
export const SOURCE_EXTENSIONS = ['.yaml', '.yml', '.json'] as const;

export function isSourceFile(name: string): boolean {
  return (SOURCE_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase());
}

/** JSON pointer → its unescaped segments ('' → []). */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Segments → JSON pointer, escaping ~ and /. */
export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** An issue at the node a pointer names in a source file. */
export function issueAt(source: SourceFile, pointer: string, message: BilingualText): PackageIssue {
  const { line, column } = source.position(pointer);
  return { file: displayPath(source.path), line, column, path: pointer, message };
}

/** An issue about a file as a whole (missing, unreadable), at its first line. */
export function fileIssue(path: string, message: BilingualText): PackageIssue {
  return { file: displayPath(path), line: 1, column: 1, path: '', message };
}

/**
 * Parses YAML or JSON text, keeping source positions. A syntax error becomes an issue at its
 * position and yields no source (the file's content cannot be trusted).
 */
export function parseSource(path: string, text: string): { source: SourceFile | null; issues: PackageIssue[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const makeSource = (data: unknown): SourceFile => ({
    path,
    data,
    position: (pointer) => position(offsetOf(doc, pointerSegments(pointer))),
  });

  if (extname(path).toLowerCase() === '.json') {
    // JSON.parse decides validity (YAML accepts more than JSON); the YAML parse only gives positions.
    try {
      return { source: makeSource(JSON.parse(text)), issues: [] };
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ');
      const { line, column } = position(jsonErrorOffset(text));
      return {
        source: null,
        issues: [{ file: displayPath(path), line, column, path: '', message: { 'zh-CN': `JSON 语法错误：${message}`, en: `JSON syntax error: ${message}` } }],
      };
    }
  }

  if (doc.errors.length) {
    return {
      source: null,
      issues: doc.errors.map((e) => {
        const { line, column } = position(e.pos[0]);
        return { file: displayPath(path), line, column, path: '', message: yamlErrorText(e) };
      }),
    };
  }
  return { source: makeSource(doc.toJS({ maxAliasCount: 1000 }) ?? null), issues: [] };
}

/** Reads and parses a file; an unreadable file is an issue too. */
export async function readSource(path: string): Promise<{ source: SourceFile | null; issues: PackageIssue[] }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { source: null, issues: [fileIssue(path, { 'zh-CN': `无法读取文件：${reason}`, en: `cannot read the file: ${reason}` })] };
  }
  return parseSource(path, text);
}

/**
 * Offset of the node at the given path, or of the deepest ancestor that exists. A node reached
 * through a map is located at its key (where the author wrote the name), a list item at itself.
 */
function offsetOf(doc: Document, segments: readonly string[]): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (const segment of segments) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === segment);
      if (!pair) break;
      offset = rangeStart(pair.key) ?? rangeStart(pair.value) ?? offset;
      node = pair.value;
    } else if (isSeq(node)) {
      const index = /^\d+$/.test(segment) ? Number(segment) : -1;
      const item: unknown = node.items[index];
      if (item === undefined) break;
      offset = rangeStart(item) ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | null | undefined)?.range?.[0];
}

/** Chinese for the YAML parser's error codes; the parser's own English text is kept as detail. */
const YAML_ERRORS_ZH: Partial<Record<YAMLError['code'], string>> = {
  BAD_INDENT: '缩进不正确',
  BAD_DQ_ESCAPE: '双引号字符串中的转义序列无效',
  BAD_SCALAR_START: '值的开头字符无效（可能需要加引号）',
  BLOCK_AS_IMPLICIT_KEY: '块结构不能用作隐式键',
  BLOCK_IN_FLOW: '流式结构（[ ] 或 { }）中不能出现块结构',
  DUPLICATE_KEY: '键重复：同一映射中的键必须唯一',
  MISSING_CHAR: '缺少字符（如未闭合的引号或括号）',
  MULTILINE_IMPLICIT_KEY: '隐式键不能跨行',
  MULTIPLE_DOCS: '一个文件只能包含一个 YAML 文档',
  TAB_AS_INDENT: '不能用制表符缩进',
  UNEXPECTED_TOKEN: '出现了意外的符号',
  BAD_ALIAS: '别名引用无效',
};

function yamlErrorText(error: YAMLError): BilingualText {
  const detail = error.message.split('\n')[0] ?? error.code;
  const zh = YAML_ERRORS_ZH[error.code] ?? '无法解析';
  return { 'zh-CN': `YAML 语法错误：${zh}（${detail}）`, en: `YAML syntax error: ${detail}` };
}
