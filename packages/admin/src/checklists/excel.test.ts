import { describe, expect, it } from 'vitest';
import type { MetaRecordSchema } from '@zhili/schemas';
import { importErrorRows } from './excel.ts';

const SCHEMA: MetaRecordSchema = {
  type: 'object',
  properties: { timeLimitDays: { type: 'integer', title: '办理时限' }, funding: { type: 'string', title: '经费来源' } },
};
const t = (key: string): string => ({ 'checklists.itemCode': '事项编号', 'checklists.itemTitle': '事项名称' })[key] ?? key;

describe('importErrorRows', () => {
  it('lists a refused import by row and column title, in the engine order, without repeating the place in the message', () => {
    const rows = importErrorRows(
      {
        'columns.备注': ['列「备注」：不是此清单的事项字段'],
        'rows.5.timeLimitDays': ['第 5 行「办理时限」：应当是 integer 类型'],
        'rows.6.code': ['第 6 行「编码」：编码 SQ-02 与第 3 行重复'],
        'rows.7.funding': ['Row 7, column 经费来源: must have required property funding'],
        'rows.8': ['第 8 行：事项属性必须是 JSON 对象'],
        more: ['另有 3 处错误未列出'],
      },
      SCHEMA,
      t,
    );
    expect(rows.map((r) => [r.row, r.column, r.message])).toEqual([
      [1, '备注', '不是此清单的事项字段'],
      [5, '办理时限', '应当是 integer 类型'],
      [6, '事项编号', '编码 SQ-02 与第 3 行重复'],
      [7, '经费来源', 'must have required property funding'],
      [8, '', '事项属性必须是 JSON 对象'],
      [null, '', '另有 3 处错误未列出'],
    ]);
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
  });
});
