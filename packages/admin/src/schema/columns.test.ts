import { describe, expect, it } from 'vitest';
import { cellRenderer, formatDateTime } from './columns.ts';

const householdType = { type: 'string', oneOf: [{ const: 'registered', title: '户籍户' }, { const: 'migrant', title: '流动户' }] };

describe('cellRenderer', () => {
  it('shows the label of a coded value, and the raw value when the code is unknown', () => {
    const render = cellRenderer(householdType, 'zh-CN');
    expect(render('migrant')).toEqual({ type: 'text', text: '流动户' });
    expect(render('other')).toEqual({ type: 'text', text: 'other' });
  });

  it('shows a set of coded values as labelled tags', () => {
    const render = cellRenderer({ type: 'array', items: householdType }, 'zh-CN');
    expect(render(['registered', 'migrant'])).toEqual({ type: 'tags', tags: ['户籍户', '流动户'] });
    expect(render([])).toEqual({ type: 'empty' });
  });

  it('shows an empty mark for missing values, never "undefined" or "null"', () => {
    for (const schema of [householdType, { type: 'integer' }, { type: 'string' }, { type: 'boolean' }]) {
      const render = cellRenderer(schema, 'zh-CN');
      expect(render(undefined)).toEqual({ type: 'empty' });
      expect(render(null)).toEqual({ type: 'empty' });
      expect(render('')).toEqual({ type: 'empty' });
    }
  });

  it('shows booleans as 是/否 in Chinese and Yes/No in English', () => {
    expect(cellRenderer({ type: 'boolean' }, 'zh-CN')(true)).toEqual({ type: 'text', text: '是' });
    expect(cellRenderer({ type: 'boolean' }, 'zh-CN')(false)).toEqual({ type: 'text', text: '否' });
    expect(cellRenderer({ type: 'boolean' }, 'en')(true)).toEqual({ type: 'text', text: 'Yes' });
  });

  it('puts the unit after a number', () => {
    expect(cellRenderer({ type: 'integer', 'x-unit': '人' }, 'zh-CN')(3)).toEqual({ type: 'text', text: '3 人' });
    expect(cellRenderer({ type: 'integer' }, 'zh-CN')(0)).toEqual({ type: 'text', text: '0' });
  });

  it('cuts long text short and keeps the whole as the tooltip', () => {
    const text = '备'.repeat(60);
    expect(cellRenderer({ type: 'string', maxLength: 2000 }, 'zh-CN')(text)).toEqual({ type: 'text', text: `${'备'.repeat(40)}…`, title: text });
  });

  it('shows timestamps as local date and minute, and leaves text that is not a date alone', () => {
    const iso = '2026-03-04T05:06:07.000Z';
    const local = new Date(iso);
    const expected = `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')} ${String(local.getHours()).padStart(2, '0')}:${String(local.getMinutes()).padStart(2, '0')}`;
    expect(cellRenderer({ type: 'string', format: 'date-time' }, 'zh-CN')(iso)).toEqual({ type: 'text', text: expected });
    expect(formatDateTime('not a date')).toBe('not a date');
  });
});
