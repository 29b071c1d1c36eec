import type { MetaRecordSchema } from '@zhili/schemas';
import { describe, expect, it } from 'vitest';
import type { ChecklistDiff, ChecklistItem } from './checklist-types.ts';
import {
  attributeColumns,
  chinaToday,
  diffRows,
  editedTitle,
  earliestEffectiveDate,
  isEmptyDiff,
  itemFormData,
  itemFormErrors,
  itemFormSchema,
  itemPatchBody,
  moveItem,
  dropItem,
  newItemBody,
  nextItemCode,
  requestsPath,
} from './checklist-view.ts';

const schema: MetaRecordSchema = {
  type: 'object',
  properties: {
    legalBasis: { type: 'string', title: '法律依据' },
    funding: { type: 'string', title: '经费来源', oneOf: [{ const: 'county', title: '县级财政' }] },
    timeLimitDays: { type: 'integer', title: '办理时限', 'x-unit': '天' },
  },
};

const item = (code: string, status: ChecklistItem['status'] = 'active'): ChecklistItem => ({ code, title: { 'zh-CN': `事项${code}`, en: `Item ${code}` }, status, attributes: {} });

describe('attributeColumns', () => {
  it('follows ui:order, then the rest in schema order, with the cell renderer of each field kind', () => {
    const columns = attributeColumns(schema, { 'ui:order': ['timeLimitDays', '*'] }, 'zh-CN');
    expect(columns.map((c) => c.title)).toEqual(['办理时限', '法律依据', '经费来源']);
    expect(columns[0]?.render(15)).toEqual({ type: 'text', text: '15 天' });
    expect(columns[2]?.render('county')).toEqual({ type: 'text', text: '县级财政' });
  });
});

describe('diffRows', () => {
  const diff: ChecklistDiff = {
    from: 1,
    to: 2,
    added: [{ code: 'XZ-09', title: '新事项', position: 8 }],
    retired: [{ code: 'XZ-02', title: { 'zh-CN': '旧事项', en: 'Old item' } }],
    changed: [{ code: 'XZ-01', title: '改后', keys: ['title', 'timeLimitDays', 'funding'], before: { title: '改前', timeLimitDays: 10 }, after: { title: '改后', timeLimitDays: 15, funding: 'county' } }],
    moved: [{ code: 'XZ-03', from: 2, to: 0 }],
  };

  it('lists added, changed (before → after as cells show them), moved (1-based places) and retired items', () => {
    const rows = diffRows(diff, { schema, locale: 'zh-CN', titleLabel: '名称', items: [item('XZ-03')] });
    expect(rows.map((r) => [r.kind, r.code, r.title])).toEqual([
      ['added', 'XZ-09', '新事项'],
      ['changed', 'XZ-01', '改后'],
      ['moved', 'XZ-03', '事项XZ-03'],
      ['retired', 'XZ-02', '旧事项'],
    ]);
    expect(rows[1]?.changes).toEqual([
      { key: 'title', label: '名称', before: '改前', after: '改后' },
      { key: 'timeLimitDays', label: '办理时限', before: '10 天', after: '15 天' },
      { key: 'funding', label: '经费来源', before: '—', after: '县级财政' },
    ]);
    expect(rows[2]?.move).toEqual({ from: 3, to: 1 });
  });

  it('knows an empty diff', () => {
    expect(isEmptyDiff(diff)).toBe(false);
    expect(isEmptyDiff({ from: 1, to: 2, added: [], retired: [], changed: [], moved: [] })).toBe(true);
  });
});

describe('moveItem', () => {
  const items = [item('A'), item('B', 'retired'), item('C'), item('D')];

  it('swaps an item with its active neighbour, leaving retired items in place', () => {
    expect(moveItem(items, 'C', -1)).toEqual(['C', 'B', 'A', 'D']);
    expect(moveItem(items, 'C', 1)).toEqual(['A', 'B', 'D', 'C']);
  });

  it('cannot move past either end or move an unknown or retired item', () => {
    expect(moveItem(items, 'A', -1)).toBeNull();
    expect(moveItem(items, 'D', 1)).toBeNull();
    expect(moveItem(items, 'B', 1)).toBeNull();
    expect(moveItem(items, 'Z', 1)).toBeNull();
  });
});

describe('dropItem', () => {
  const items = [item('A'), item('B', 'retired'), item('C'), item('D'), item('E')];

  it('puts a dragged item in the place of the one it is dropped on, shifting those between', () => {
    expect(dropItem(items, 'E', 'A')).toEqual(['E', 'B', 'A', 'C', 'D']);
    expect(dropItem(items, 'A', 'D')).toEqual(['C', 'B', 'D', 'A', 'E']);
    expect(dropItem(items, 'C', 'D')).toEqual(['A', 'B', 'D', 'C', 'E']);
  });

  it('changes nothing for a drop on itself, and drags neither unknown nor retired items', () => {
    expect(dropItem(items, 'C', 'C')).toBeNull();
    expect(dropItem(items, 'B', 'A')).toBeNull();
    expect(dropItem(items, 'A', 'B')).toBeNull();
    expect(dropItem(items, 'Z', 'A')).toBeNull();
  });
});

describe('dates', () => {
  it('takes today in China, which is already tomorrow after 16:00 UTC', () => {
    expect(chinaToday(new Date('2026-03-01T15:59:00Z'))).toBe('2026-03-01');
    expect(chinaToday(new Date('2026-03-01T16:00:00Z'))).toBe('2026-03-02');
  });

  it('lets a publication start today, or on the latest version’s date when that is later', () => {
    expect(earliestEffectiveDate('2026-03-01', null)).toBe('2026-03-01');
    expect(earliestEffectiveDate('2026-03-01', '2026-02-01')).toBe('2026-03-01');
    expect(earliestEffectiveDate('2026-03-01', '2026-04-01')).toBe('2026-04-01');
  });
});

describe('requestsPath', () => {
  it('asks for one checklist’s requests, of a status or only the overdue', () => {
    expect(requestsPath('assisting-duties', undefined)).toBe('/admission-requests?checklist=assisting-duties');
    expect(requestsPath('assisting-duties', 'pending')).toBe('/admission-requests?checklist=assisting-duties&status=pending');
    expect(requestsPath('assisting-duties', 'overdue')).toBe('/admission-requests?checklist=assisting-duties&overdue=true');
  });
});

describe('nextItemCode', () => {
  it('continues the last code’s prefix and numbering, past codes already given (retired ones too)', () => {
    expect(nextItemCode([item('XZ-01'), item('XZ-02', 'retired')])).toBe('XZ-03');
    expect(nextItemCode([item('FL-9'), item('FL-10')])).toBe('FL-11');
    expect(nextItemCode([])).toBe('ITEM-01');
  });
});

describe('the item form', () => {
  const labels = { code: '编号', title: '名称' };
  const withRequired: MetaRecordSchema = { ...schema, required: ['legalBasis'] };

  it('asks a new item for its code, an existing one only for its title and attributes', () => {
    const fresh = itemFormSchema(withRequired, labels, true);
    expect(fresh['required']).toEqual(['code', 'title', 'legalBasis']);
    expect(Object.keys(fresh['properties'] as object)).toEqual(['code', 'title', 'legalBasis', 'funding', 'timeLimitDays']);
    expect(itemFormSchema(withRequired, labels, false)['required']).toEqual(['title', 'legalBasis']);
  });

  it('splits the flat form into the add body', () => {
    expect(newItemBody({ code: 'XZ-09', title: '新事项', legalBasis: '第三条' }, 4)).toEqual({ revision: 4, code: 'XZ-09', title: '新事项', attributes: { legalBasis: '第三条' } });
  });

  it('sends a cleared attribute as null, which removes it', () => {
    const existing: ChecklistItem = { ...item('XZ-01'), attributes: { legalBasis: '第三条', timeLimitDays: 10 } };
    expect(itemFormData(existing, 'zh-CN')).toEqual({ legalBasis: '第三条', timeLimitDays: 10, title: '事项XZ-01' });
    expect(itemPatchBody(existing, { title: '事项XZ-01', legalBasis: '第四条' }, { revision: 7, locale: 'zh-CN' })).toEqual({
      revision: 7,
      attributes: { legalBasis: '第四条', timeLimitDays: null },
    });
  });

  it('sends the title only when it changed, keeping the other language of a bilingual one', () => {
    const existing = item('XZ-01');
    expect(itemPatchBody(existing, { title: '改名' }, { revision: 7, locale: 'zh-CN' })['title']).toEqual({ 'zh-CN': '改名', en: 'Item XZ-01' });
    expect(editedTitle('旧名', '新名', 'en')).toBe('新名');
    expect(editedTitle('旧名', '旧名', 'zh-CN')).toBeUndefined();
  });

  it('puts the engine’s attribute errors under the form’s flat fields', () => {
    expect(itemFormErrors({ 'attributes.legalBasis': ['必填'], code: ['已使用'] })).toEqual({ legalBasis: ['必填'], code: ['已使用'] });
  });
});
