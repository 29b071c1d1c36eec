import { resolve } from 'node:path';
import type { CompiledModel, DemoData, SeedOrgUnit, SeedScale } from '@zhili/engine';
import { loadSeedContext } from '@zhili/engine/testing';
import generate from '../data/generate.ts';

/** The Gaoxian package folder. */
export const PACKAGE_DIR = resolve(import.meta.dirname, '..');

/** The compiled Gaoxian model and its org tree as the seeder hands it to the generator (parents first). */
export function loadGaoxian(): Promise<{ model: CompiledModel; units: SeedOrgUnit[] }> {
  return loadSeedContext(PACKAGE_DIR);
}

/** Runs the package's demo-data generator. */
export function generateDemo(options: {
  model: CompiledModel;
  units: readonly SeedOrgUnit[];
  scale: SeedScale;
  overrides?: Record<string, number>;
}): DemoData {
  return generate({ scale: options.scale, model: options.model, orgUnits: options.units, overrides: options.overrides ?? {} });
}
