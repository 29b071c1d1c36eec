import type { AdminMeta, AdminResource } from '@zhili/schemas';
import { describe, expect, it } from 'vitest';
import { readableTarget, referencedIds, referenceFields, referenceLabel } from './reference-labels.ts';

const resource = (id: string, properties: AdminResource['schema']['properties'], titleField: string | null = null): AdminResource => ({
  id,
  title: id,
  description: null,
  module: null,
  level: 'grid',
  titleField,
  schema: { type: 'object', properties },
  uiSchema: {},
  list: { columns: [], filters: [], defaultSort: [], pageSize: 20 },
  pii: [],
});

const visits = resource('visits', {
  householdId: { type: 'string', 'x-ref': 'households' },
  visitorId: { type: 'string', 'x-ref': 'grid_staff' },
  note: { type: 'string' },
});
const households = resource('households', { householderName: { type: 'string' } }, 'householderName');

describe('references', () => {
  it('finds the fields that point at another resource', () => {
    expect(referenceFields(visits, ['householdId', 'note', 'visitorId', 'missing'])).toEqual([
      { field: 'householdId', target: 'households' },
      { field: 'visitorId', target: 'grid_staff' },
    ]);
  });

  it('collects each referenced id once per target, skipping empty values', () => {
    const records = [{ householdId: 'h2', visitorId: 's1' }, { householdId: 'h1', visitorId: null }, { householdId: 'h2' }, { householdId: '' }];
    expect(referencedIds(records, referenceFields(visits, ['householdId', 'visitorId']))).toEqual(
      new Map([
        ['households', ['h1', 'h2']],
        ['grid_staff', ['s1']],
      ]),
    );
  });

  it('labels a referenced record by its title field, or by the start of its id', () => {
    expect(referenceLabel(households, { householderName: '邓天铭' }, '0190aaaa-bbbb')).toBe('邓天铭');
    expect(referenceLabel(households, undefined, '0190aaaa-bbbb')).toBe('0190aaaa…');
    expect(referenceLabel(undefined, { householderName: '邓天铭' }, '0190aaaa-bbbb')).toBe('0190aaaa…');
  });

  it('looks a target up only when the actor may read it', () => {
    const meta = {
      resources: [visits, households],
      permissions: {
        households: { read: true, create: false, update: false, delete: false, piiRead: false },
        grid_staff: { read: false, create: false, update: false, delete: false, piiRead: false },
      },
    } as unknown as AdminMeta;
    expect(readableTarget(meta, 'households')).toBe(households);
    expect(readableTarget(meta, 'grid_staff')).toBeUndefined();
    expect(readableTarget(null, 'households')).toBeUndefined();
  });
});
