/** A running periodic job. */
export interface PeriodicJob {
  /** Stops the timer and waits for a run in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Runs `run` every `intervalMs` and once at start, one run at a time: a tick while a run is still
 * going is skipped. A failed run is reported to `onError` and the next tick tries again. The timer
 * does not keep the process alive. The engine's schedulers (escalation of overdue cases, expiry
 * of points) are such jobs.
 */
export function startPeriodic<R>(options: {
  readonly run: () => Promise<R>;
  readonly intervalMs: number;
  /** Called with the result of each run that did not fail. */
  readonly onResult?: (result: R) => void;
  readonly onError: (error: unknown) => void;
}): PeriodicJob {
  let running: Promise<void> | null = null;
  const tick = (): void => {
    if (running) return;
    running = options
      .run()
      .then((result) => options.onResult?.(result), options.onError)
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, options.intervalMs);
  timer.unref();
  tick();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
