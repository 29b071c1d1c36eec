import type { BilingualText } from '@zhili/schemas';

/** Writes a line in both languages to stdout: Chinese first, English after. */
export function say(text: BilingualText): void {
  process.stdout.write(`${text['zh-CN']}  ${text.en}\n`);
}

/** Writes an error in both languages to stderr, one line each. */
export function sayError(text: BilingualText): void {
  process.stderr.write(`错误:${text['zh-CN']}\nerror: ${text.en}\n`);
}

const integer = new Intl.NumberFormat('en-US');

/** 1234567 → "1,234,567". */
export function formatCount(n: number): string {
  return integer.format(Math.round(n));
}

/**
 * Progress of long work on stderr, one line for all tasks: rewritten in place on a terminal, a
 * line every few seconds otherwise (CI logs, pipes), and a final line from finish().
 */
export function createProgress(label: string): { update(task: string, done: number, total: number): void; finish(): void } {
  const tty = process.stderr.isTTY === true;
  const started = performance.now();
  const tasks = new Map<string, { done: number; total: number }>();
  let lastLine = started;
  const render = (): string => {
    let rows = 0;
    const parts: string[] = [];
    for (const [task, { done, total }] of tasks) {
      rows += done;
      parts.push(`${task} ${formatCount(done)}/${formatCount(Math.max(done, total))}`);
    }
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? formatCount(rows / seconds) : '0';
    return `${label}: ${parts.join(' · ')}  (${rate} 条/秒 rows/s)`;
  };
  return {
    update(task, done, total) {
      tasks.set(task, { done, total });
      const now = performance.now();
      if (tty) process.stderr.write(`\r${render()}\u001b[K`);
      else if (now - lastLine > 5_000) {
        process.stderr.write(`${render()}\n`);
        lastLine = now;
      }
    },
    finish() {
      if (tasks.size > 0) process.stderr.write(tty ? '\n' : `${render()}\n`);
    },
  };
}
