import { describe, expect, it } from 'vitest';
import { defaultOperator, filterInput } from './filters.ts';

const careLevel = { type: 'string', oneOf: [{ const: 'normal', title: '一般' }, { const: 'key', title: '重点关注' }] };

describe('filterInput', () => {
  it('gives coded fields a select of their labels, multiple for in/nin', () => {
    expect(filterInput(careLevel, 'eq', 'zh-CN')).toEqual({
      input: 'select',
      multiple: false,
      options: [
        { value: 'normal', label: '一般' },
        { value: 'key', label: '重点关注' },
      ],
    });
    expect(filterInput(careLevel, 'in', 'zh-CN')).toMatchObject({ input: 'select', multiple: true });
    expect(filterInput({ type: 'array', items: careLevel }, 'eq', 'zh-CN')).toMatchObject({ input: 'select', multiple: false });
  });

  it('gives between a number range or a date range', () => {
    expect(filterInput({ type: 'integer' }, 'between', 'zh-CN')).toEqual({ input: 'number-range' });
    expect(filterInput({ type: 'string', format: 'date-time' }, 'nbetween', 'zh-CN')).toEqual({ input: 'date-range' });
  });

  it('gives a reference a search of the referenced records, several for in/nin, and text for other operators', () => {
    const building = { type: 'string', format: 'uuid', 'x-ref': 'buildings' };
    expect(filterInput(building, 'eq', 'zh-CN')).toEqual({ input: 'reference', target: 'buildings', multiple: false });
    expect(filterInput(building, 'in', 'zh-CN')).toEqual({ input: 'reference', target: 'buildings', multiple: true });
    expect(filterInput(building, 'startswith', 'zh-CN')).toEqual({ input: 'text' });
  });

  it('gives numbers and dates their pickers, and text a text box', () => {
    expect(filterInput({ type: 'integer' }, 'gte', 'zh-CN')).toEqual({ input: 'number' });
    expect(filterInput({ type: 'string', format: 'date' }, 'lt', 'zh-CN')).toEqual({ input: 'date' });
    expect(filterInput({ type: 'string', maxLength: 50 }, 'contains', 'zh-CN')).toEqual({ input: 'text' });
  });

  it('gives booleans a yes/no select in the locale, and presence checks their own input', () => {
    expect(filterInput({ type: 'boolean' }, 'eq', 'en')).toEqual({
      input: 'select',
      multiple: false,
      options: [
        { value: true, label: 'Yes' },
        { value: false, label: 'No' },
      ],
    });
    expect(filterInput(careLevel, 'null', 'zh-CN')).toEqual({ input: 'present' });
  });

  it('starts with the first operator the list config allows', () => {
    expect(defaultOperator(['between', 'gte'])).toBe('between');
    expect(defaultOperator([])).toBe('eq');
  });
});
