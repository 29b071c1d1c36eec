import { describe, expect, it } from 'vitest';
import { maskRecord, maskValue } from './mask.ts';

describe('maskValue', () => {
  it('keeps the first and last four characters of an ID number', () => {
    expect(maskValue('id-number', '320404198001010018')).toBe('3204**********0018');
    expect(maskValue('id-number', '32040419800101001X')).toBe('3204**********001X');
    expect(maskValue('id-number', '12345678')).toBe('********');
  });

  it('keeps the first three and last four digits of a phone number', () => {
    expect(maskValue('phone', '13812345678')).toBe('138****5678');
    expect(maskValue('phone', '0519-8800123')).toBe('051*****0123');
    expect(maskValue('phone', '1234567')).toBe('*******');
  });

  it('keeps the first character of a name, one star per other character, by code point', () => {
    expect(maskValue('name', '张三')).toBe('张*');
    expect(maskValue('name', '欧阳娜娜')).toBe('欧***');
    expect(maskValue('name', '𠮷野家')).toBe('𠮷**');
    expect(maskValue('name', '王')).toBe('王');
  });

  it('cuts an address after its community, else after a compound, else after six characters', () => {
    expect(maskValue('address', '常州市钟楼区五星街道三堡街社区兰陵苑12幢2单元301室')).toBe('常州市钟楼区五星街道三堡街社区***');
    expect(maskValue('address', '兰陵苑12幢2单元301室')).toBe('兰陵苑***');
    expect(maskValue('address', '延陵西路123号4楼')).toBe('延陵西路12***');
    expect(maskValue('address', '短地址')).toBe('***');
    expect(maskValue('address', '红梅新村56幢101室')).toBe('红梅新村***');
    expect(maskValue('address', '钟楼区红梅新村')).toBe('钟楼区红梅新***');
  });

  it('hides a full-masked value entirely', () => {
    expect(maskValue('full', 'released_prisoner')).toBe('***');
  });
});

describe('maskRecord', () => {
  const pii = [
    { field: 'name', mask: 'name', sensitive: false },
    { field: 'phone', mask: 'phone', sensitive: false },
    { field: 'specialGroup', mask: 'full', sensitive: true },
  ] as const;

  it('masks pii fields, leaves sensitive ones out and keeps the rest in order', () => {
    const record = { id: 'r1', name: '李小明', phone: '13912345678', specialGroup: 'drug_rehab', age: 40 };
    const masked = maskRecord(pii, record);
    expect(masked).toEqual({ id: 'r1', name: '李**', phone: '139****5678', age: 40 });
    expect(Object.keys(masked)).toEqual(['id', 'name', 'phone', 'age']);
    expect(record.name).toBe('李小明');
  });

  it('returns a record without pii values as it is', () => {
    const record = { id: 'r2', age: 3 };
    expect(maskRecord(pii, record)).toBe(record);
  });
});
