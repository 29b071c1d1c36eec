import { describe, expect, it } from 'vitest';
import { startEscalationScheduler } from './scheduler.ts';
import type { EscalationReport } from './service.ts';

const EMPTY: EscalationReport = { escalated: [], notified: [], moved: [], atTop: [] };

describe('escalation scheduler', () => {
  it('runs at start and on every tick, one run at a time, reports what it did and survives a failed run', async () => {
    let calls = 0;
    let release: () => void = () => {};
    const reports: EscalationReport[] = [];
    const failures: unknown[] = [];
    const scheduler = startEscalationScheduler({
      intervalMs: 5,
      workflows: {
        escalateOverdue: async () => {
          calls++;
          if (calls === 1) await new Promise<void>((resolve) => (release = resolve));
          if (calls === 2) throw new Error('database gone');
          return calls === 3 ? { ...EMPTY, escalated: ['a'] } : EMPTY;
        },
      },
      onReport: (report) => reports.push(report),
      onError: (error) => failures.push(error),
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    // The first run is still going: the ticks in between did not start another.
    expect(calls).toBe(1);
    release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await scheduler.stop();
    const after = calls;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).toBe(after);
    expect(failures).toHaveLength(1);
    expect(reports).toEqual([{ ...EMPTY, escalated: ['a'] }]);
  });
});
