import { describe, expect, it } from 'vitest';
import { loadModel } from '../package/index.ts';
import { FIXTURE_PACKAGE } from '../resources/fixtures/fixture-engine.ts';
import { planTables } from './table-plan.ts';

describe('planTables', () => {
  it('gives every pii field a keyed-hash column and every index over pii a twin over the hashes', async () => {
    const [households] = planTables(await loadModel(FIXTURE_PACKAGE));
    const hashColumns = households?.columns.filter((column) => column.name.endsWith('__h'));
    expect(hashColumns).toEqual([
      { name: 'householderName__h', kind: 'text', notNull: false, primaryKey: false, byteOrdered: false, field: 'householderName' },
      { name: 'householderIdNumber__h', kind: 'text', notNull: false, primaryKey: false, byteOrdered: false, field: 'householderIdNumber' },
    ]);
    expect(households?.indexes).toContainEqual({ name: 'ix_households_householderIdNumber', columns: ['householderIdNumber'], unique: true });
    expect(households?.indexes).toContainEqual({ name: 'ix_households_householderIdNumber__h', columns: ['householderIdNumber__h'], unique: true });
  });
});
