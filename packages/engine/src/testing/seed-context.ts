import type { OrgUnit } from '@zhili/schemas';
import type { CompiledModel } from '../model/types.ts';
import { loadModel, loadOrgTree } from '../package/index.ts';
import type { SeedOrgUnit } from '../seed/types.ts';

/** A package's compiled model and its org tree as the seeder hands it to a demo-data generator (parents first). */
export async function loadSeedContext(packageDir: string): Promise<{ model: CompiledModel; units: SeedOrgUnit[] }> {
  const model = await loadModel(packageDir);
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
