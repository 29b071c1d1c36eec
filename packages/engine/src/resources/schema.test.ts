import type { FieldSchema } from '@zhili/schemas';
import { describe, expect, it } from 'vitest';
import { localizeFieldSchema, localizeUiSchema } from './schema.ts';

describe('localizeFieldSchema', () => {
  it('resolves titles, descriptions and units to the locale, down nested fields and choices', () => {
    const schema: FieldSchema = {
      type: 'object',
      title: { 'zh-CN': '联系人', en: 'Contact' },
      properties: {
        minutes: { type: 'integer', title: { 'zh-CN': '时长', en: 'Duration' }, 'x-unit': { 'zh-CN': '分钟', en: 'min' } },
        kind: { type: 'string', oneOf: [{ const: 'a', title: { 'zh-CN': '甲', en: 'A' } }] },
        title: { type: 'string', description: '称谓' },
      },
    };
    expect(localizeFieldSchema(schema, 'en')).toEqual({
      type: 'object',
      title: 'Contact',
      properties: {
        minutes: { type: 'integer', title: 'Duration', 'x-unit': 'min' },
        kind: { type: 'string', oneOf: [{ const: 'a', title: 'A' }] },
        title: { type: 'string', description: '称谓' },
      },
    });
    expect(localizeFieldSchema({ type: 'integer', 'x-unit': '层' }, 'en')).toEqual({ type: 'integer', 'x-unit': '层' });
  });
});

describe('localizeUiSchema', () => {
  it('resolves any text value and keeps the rest as written', () => {
    expect(localizeUiSchema({ a: { 'ui:placeholder': { 'zh-CN': '请输入', en: 'Type here' }, 'ui:rows': 3 } }, 'en')).toEqual({
      a: { 'ui:placeholder': 'Type here', 'ui:rows': 3 },
    });
  });
});
