import { describe, expect, it } from 'vitest';
import { choicesOf, fieldKind } from './field-kind.ts';

describe('fieldKind', () => {
  it('names coded values, sets of them, references, booleans, numbers, dates, long and plain text', () => {
    expect(fieldKind({ type: 'string', oneOf: [{ const: 'a', title: '甲' }] })).toBe('choice');
    expect(fieldKind({ type: 'string', enum: ['a', 'b'] })).toBe('choice');
    expect(fieldKind({ type: 'array', items: { type: 'string', oneOf: [{ const: 'a', title: '甲' }] } })).toBe('choices');
    expect(fieldKind({ type: 'string', format: 'uuid', 'x-ref': 'buildings' })).toBe('reference');
    expect(fieldKind({ type: ['boolean', 'null'] })).toBe('boolean');
    expect(fieldKind({ type: 'integer' })).toBe('integer');
    expect(fieldKind({ type: 'number' })).toBe('number');
    expect(fieldKind({ type: 'string', format: 'date' })).toBe('date');
    expect(fieldKind({ type: 'string', format: 'date-time' })).toBe('date-time');
    expect(fieldKind({ type: 'string', maxLength: 2000 })).toBe('long-text');
    expect(fieldKind({ type: 'string', maxLength: 50 })).toBe('text');
    expect(fieldKind({ type: 'string', format: 'cn-id-card' })).toBe('text');
    expect(fieldKind({ type: 'array', items: { type: 'string' } })).toBe('list');
    expect(fieldKind({ type: 'object' })).toBe('object');
  });

  it('reads labelled values from oneOf titles, falling back to the value itself', () => {
    expect(choicesOf({ oneOf: [{ const: 'registered', title: '户籍户' }, { const: 3 }] })).toEqual([
      { value: 'registered', label: '户籍户' },
      { value: 3, label: '3' },
    ]);
    expect(choicesOf({ type: 'string' })).toBeNull();
  });
});
