import { describe, expect, it } from 'vitest';
import { loadPackageModel } from '@zhili/engine';
import { ownGroupVisit } from '../plugins/own-group-visits.ts';
import { PACKAGE_DIR } from './ningxia.ts';

const context = { staffRoles: ['grid_leader', 'full_time', 'part_time', 'volunteer'], hasMustVisitField: true, fieldsOf: () => null, staffResource: 'grid_staff' };

describe('the own-group-visits plugin', () => {
  it('is set up with the Ningxia package and adds its rule kind beside the engine’s', async () => {
    const { model, plugins } = await loadPackageModel(PACKAGE_DIR);
    expect(plugins.plugins).toEqual([{ name: 'own-group-visits', version: '1.0.0' }]);
    expect(plugins.gridRuleKinds.get('own-group-visit')).toBe(ownGroupVisit);
    expect(model.grids?.rules.find((r) => r.id === 'special-groups')).toMatchObject({ kind: 'own-group-visit', options: { intervalDays: 30 } });
  });

  it('refuses roles the staff role field does not have, and a package without must-visit households', () => {
    expect(ownGroupVisit.check?.({ intervalDays: 30, roles: ['grid_leader', 'elder'] }, context)).toEqual([
      { pointer: '/roles/1', message: expect.objectContaining({ en: 'role "elder" is not a value of the grid_staff role field (grid_leader, full_time, part_time, volunteer)' }) },
    ]);
    expect(ownGroupVisit.check?.({ intervalDays: 30 }, { ...context, hasMustVisitField: false })?.map((p) => p.pointer)).toEqual(['/kind']);
  });
});
