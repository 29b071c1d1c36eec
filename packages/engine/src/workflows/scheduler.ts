import { startPeriodic } from '../runtime/periodic.ts';
import type { PeriodicJob } from '../runtime/periodic.ts';
import type { EscalationReport, WorkflowService } from './service.ts';

/** Once a minute by default: time limits are days and hours, so a minute late is on time. */
export const DEFAULT_ESCALATION_INTERVAL_MS = 60_000;

/** A running escalation timer. */
export type EscalationScheduler = PeriodicJob;

/**
 * Runs `workflows.escalateOverdue()` every `intervalMs` (and once at start), one run at a time.
 * Safe in every engine process of a deployment: each lapse is acted on once. A failed run is
 * reported to `onError` and the next one tries again.
 */
export function startEscalationScheduler(options: {
  readonly workflows: Pick<WorkflowService, 'escalateOverdue'>;
  /** @default DEFAULT_ESCALATION_INTERVAL_MS */
  readonly intervalMs?: number;
  /** Called after each run that did something. */
  readonly onReport?: (report: EscalationReport) => void;
  readonly onError: (error: unknown) => void;
}): EscalationScheduler {
  return startPeriodic({
    run: () => options.workflows.escalateOverdue(),
    intervalMs: options.intervalMs ?? DEFAULT_ESCALATION_INTERVAL_MS,
    onResult: (report) => {
      const acted = report.escalated.length + report.notified.length + report.moved.length + report.atTop.length;
      if (acted > 0) options.onReport?.(report);
    },
    onError: options.onError,
  });
}
