import { pluginActor } from '../actor/actor.ts';
import type { Engine } from '../engine.ts';
import { startPeriodic } from '../runtime/periodic.ts';
import type { PeriodicJob } from '../runtime/periodic.ts';
import type { PluginErrorReporter } from './host.ts';
import { pluginServices } from './services.ts';

/**
 * Starts the scheduled jobs of the engine's plugins: each every its minutes and once at start, one
 * run at a time, as its plugin's system actor. A failed run is reported with the plugin's name and
 * the next one tries again. `now` is the clock the runs are told (tests move it).
 */
export function startPluginJobs(engine: Engine, options: { readonly onError: PluginErrorReporter; readonly now?: () => Date }): PeriodicJob {
  const services = pluginServices(engine);
  const now = options.now ?? (() => new Date());
  const running = engine.plugins.jobs.map((job) => {
    const actor = pluginActor(job.plugin);
    return startPeriodic({
      run: async () => job.run({ actor, services, now: now() }),
      intervalMs: job.everyMinutes * 60_000,
      onError: (error) => options.onError(job.plugin, { 'zh-CN': `定时任务 ${job.name}`, en: `scheduled job ${job.name}` }, error),
    });
  });
  return {
    async stop() {
      await Promise.all(running.map((job) => job.stop()));
    },
  };
}
