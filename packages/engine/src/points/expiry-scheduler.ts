import { SYSTEM_ACTOR } from '../actor/actor.ts';
import type { CompiledModel } from '../model/types.ts';
import { startPeriodic } from '../runtime/periodic.ts';
import type { PeriodicJob } from '../runtime/periodic.ts';
import type { PointsService } from './service.ts';

/** Once an hour by default: points lapse by the month, so an hour late is on time. */
export const DEFAULT_EXPIRY_INTERVAL_MS = 60 * 60_000;

/** What one scheme's expiry lapsed. */
export interface ExpiryReport {
  readonly scheme: string;
  readonly accounts: number;
  readonly points: number;
}

/**
 * Lapses, as the system, what is due now in every scheme of the model that has an expiry; a
 * report for each scheme where something lapsed. Safe in every engine process at once: the
 * ledger recomputes each account under its lock, so a lapse is posted once.
 */
export async function expireDue(points: Pick<PointsService, 'expire'>, model: Pick<CompiledModel, 'points'>): Promise<ExpiryReport[]> {
  const reports: ExpiryReport[] = [];
  for (const scheme of Object.values(model.points)) {
    if (scheme.expiry === null) continue;
    const lapsed = await points.expire({ actor: SYSTEM_ACTOR }, scheme.id);
    if (lapsed.accounts > 0) reports.push({ scheme: scheme.id, ...lapsed });
  }
  return reports;
}

/** Runs {@link expireDue} every `intervalMs` and once at start, one run at a time; a failed run goes to `onError`. */
export function startExpiryScheduler(options: {
  readonly points: Pick<PointsService, 'expire'>;
  readonly model: Pick<CompiledModel, 'points'>;
  /** @default DEFAULT_EXPIRY_INTERVAL_MS */
  readonly intervalMs?: number;
  /** Called after each run that lapsed something. */
  readonly onReport?: (reports: readonly ExpiryReport[]) => void;
  readonly onError: (error: unknown) => void;
}): PeriodicJob {
  return startPeriodic({
    run: () => expireDue(options.points, options.model),
    intervalMs: options.intervalMs ?? DEFAULT_EXPIRY_INTERVAL_MS,
    onResult: (reports) => {
      if (reports.length > 0) options.onReport?.(reports);
    },
    onError: options.onError,
  });
}
