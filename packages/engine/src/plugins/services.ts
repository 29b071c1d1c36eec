import type { Engine } from '../engine.ts';
import type { PluginServices } from './types.ts';

/** The services of an engine as plugins get them (see PluginServices): each takes an actor; no database handle. */
export function pluginServices(engine: Engine): PluginServices {
  const { model, org, resources, checklists, admission, claims, workflows, grids, councils, files, points } = engine;
  return Object.freeze({ model, org, resources, checklists, admission, claims, workflows, grids, councils, files, points });
}
