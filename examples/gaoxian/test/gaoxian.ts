import { resolve } from 'node:path';
import { loadModel, loadOrgTree, type CompiledModel, type DemoData, type SeedOrgUnit, type SeedScale } from '@zhili/engine';
import type { OrgUnit } from '@zhili/schemas';
import generate from '../data/generate.ts';

/** The Gaoxian package folder. */
export const PACKAGE_DIR = resolve(import.meta.dirname, '..');

/** The compiled Gaoxian model and its org tree as the seeder hands it to the generator (parents first). */
export async function loadGaoxian(): Promise<{ model: CompiledModel; units: SeedOrgUnit[] }> {
  const model = await loadModel(PACKAGE_DIR);
  const units: SeedOrgUnit[] = [];
  const walk = (list: readonly OrgUnit[], parentCode: string | null): void => {
    for (const unit of list) {
      units.push({ code: unit.code, name: unit.name, level: unit.level, kind: unit.kind ?? null, parentCode });
      walk(unit.children ?? [], unit.code);
    }
  };
  walk((await loadOrgTree(model)) ?? [], null);
  return { model, units };
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
