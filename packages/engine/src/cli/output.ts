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
 * Progress of long work on stderr: rewritten in place on a terminal, a line every few seconds
 * otherwise (CI logs, pipes), and always a final line per task.
 */
export function createProgress(label: string): { update(task: string, done: number, total: number): void; finish(): void } {
  const tty = process.stderr.isTTY === true;
  const started = performance.now();
  let lastLine = 0;
  let current = '';
  const line = (task: string, done: number, total: number): string => {
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const share = total > 0 ? ` (${Math.min(100, Math.floor((done / total) * 100))}%)` : '';
    return `${label} ${task}: ${formatCount(done)} / ${formatCount(total)}${share}  ${formatCount(rate)} 条/秒 rows/s`;
  };
  return {
    update(task, done, total) {
      const now = performance.now();
      const text = line(task, done, total);
      if (current && !current.startsWith(`${label} ${task}:`) && tty) process.stderr.write('\n');
      current = text;
      if (tty) process.stderr.write(`\r${text}\u001b[K`);
      else if (now - lastLine > 5_000 || done >= total) {
        process.stderr.write(`${text}\n`);
        lastLine = now;
      }
    },
    finish() {
      if (tty && current) process.stderr.write('\n');
    },
  };
}
