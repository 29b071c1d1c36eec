import { relative } from 'node:path';
import type { BilingualText } from '@zhili/schemas';

/**
 * One problem found in a config package, positioned where it was written.
 * @example { file: 'examples/changzhou/resources/households.yaml', line: 12, column: 7,
 *   path: '/list/columns/2', message: { 'zh-CN': '列表列 "foo" 不是资源 households 的字段', en: '…' } }
 */
export interface PackageIssue {
  /** The file, relative to the working directory (as a terminal user would type it). */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
  /** JSON pointer of the offending node inside the file, e.g. /schema/properties/idNumber; '' for the whole file. */
  readonly path: string;
  readonly message: BilingualText;
}

/** Thrown by the functions that cannot return issues (loadModel, loadOrgTree): carries every issue found. */
export class PackageError extends Error {
  readonly issues: readonly PackageIssue[];

  constructor(issues: readonly PackageIssue[]) {
    super(`Invalid config package (${issues.length} issue${issues.length === 1 ? '' : 's'}):\n${formatIssues(issues)}`);
    this.name = 'PackageError';
    this.issues = issues;
  }
}

/** The path of a file as issues name it: relative to the working directory. */
export function displayPath(absolutePath: string): string {
  return relative(process.cwd(), absolutePath) || '.';
}

/** Issues in reading order: by file, then line, then column. */
export function sortIssues(issues: readonly PackageIssue[]): PackageIssue[] {
  return [...issues].sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column,
  );
}

/**
 * Formats issues for a terminal, one block per issue:
 * ```
 * resources/households.yaml:12:7  /list/columns/2
 *   列表列 "foo" 不是资源 households 的字段
 *   list column "foo" is not a field of resource households
 * ```
 */
export function formatIssues(issues: readonly PackageIssue[]): string {
  return issues
    .map((i) => `${i.file}:${i.line}:${i.column}  ${i.path || '/'}\n  ${i.message['zh-CN']}\n  ${i.message.en}`)
    .join('\n');
}
