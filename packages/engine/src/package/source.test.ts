import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from './json-error.ts';
import { parseSource, pointerSegments, toPointer } from './source.ts';

const yaml = `id: households
schema:
  properties:
    idNumber: { type: string, format: cn-id-card }
list:
  columns:
    - name
    - { field: phone }
`;

describe('source positions', () => {
  const { source } = parseSource('/tmp/households.yaml', yaml);

  it('locates a map entry at its key', () => {
    expect(source?.position('/schema/properties/idNumber')).toEqual({ line: 4, column: 5 });
    expect(source?.position('/schema/properties/idNumber/format')).toEqual({ line: 4, column: 31 });
  });

  it('locates a list item at the item', () => {
    expect(source?.position('/list/columns/0')).toEqual({ line: 7, column: 7 });
    expect(source?.position('/list/columns/1/field')).toEqual({ line: 8, column: 9 });
  });

  it('falls back to the nearest node that exists', () => {
    expect(source?.position('/list/columns/5/field')).toEqual({ line: 6, column: 3 });
    expect(source?.position('/schema/required/0')).toEqual({ line: 2, column: 1 });
    expect(source?.position('')).toEqual({ line: 1, column: 1 });
  });

  it('locates nodes of a JSON file', () => {
    const json = parseSource('/tmp/r.json', '{\n  "id": "rooms",\n  "list": { "pageSize": 500 }\n}\n');
    expect(json.source?.data).toEqual({ id: 'rooms', list: { pageSize: 500 } });
    expect(json.source?.position('/list/pageSize')).toEqual({ line: 3, column: 13 });
  });

  it('turns a JSON syntax error into an issue at its position', () => {
    const { source: none, issues } = parseSource('/tmp/r.json', '{\n  "id": "rooms",\n  "title": \n}\n');
    expect(none).toBeNull();
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ line: 4, column: 1, path: '' });
    expect(issues[0]?.message['zh-CN']).toContain('JSON 语法错误');
    expect(issues[0]?.message.en).toContain('JSON syntax error');
  });

  it('turns a YAML syntax error into a bilingual issue at its position', () => {
    const { source: none, issues } = parseSource('/tmp/bad.yaml', 'a: 1\na: 2\n');
    expect(none).toBeNull();
    expect(issues[0]).toMatchObject({ line: 2, column: 1 });
    expect(issues[0]?.message['zh-CN']).toContain('键重复');
    expect(issues[0]?.message.en).toContain('unique');
  });

  it('escapes and unescapes pointer segments', () => {
    expect(toPointer(['a/b', 'c~d', 0])).toBe('/a~1b/c~0d/0');
    expect(pointerSegments('/a~1b/c~0d/0')).toEqual(['a/b', 'c~d', '0']);
    expect(pointerSegments('')).toEqual([]);
  });
});

describe('JSON error offsets', () => {
  it('points at the first character JSON does not allow', () => {
    expect(jsonErrorOffset('{"a": [1, 2,]}')).toBe(12);
    expect(jsonErrorOffset('{"a": "x\n"}')).toBe(8);
    expect(jsonErrorOffset('{"a": tru}')).toBe(6);
    expect(jsonErrorOffset('{"a": 1} x')).toBe(9);
    expect(jsonErrorOffset('')).toBe(0);
  });
});
