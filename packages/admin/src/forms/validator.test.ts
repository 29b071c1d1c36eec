import type { RJSFSchema } from '@rjsf/utils';
import { describe, expect, it } from 'vitest';
import { createFormValidator } from './validator.ts';

const schema: RJSFSchema = {
  type: 'object',
  required: ['householderName'],
  properties: {
    householderName: { type: 'string', title: '户主姓名', minLength: 1 },
    householderIdNumber: { type: 'string', title: '户主身份证号', format: 'cn-id-card' },
    memberCount: { type: 'integer', minimum: 1, ...{ 'x-unit': '人' } },
  },
};

describe('form validator', () => {
  it('rejects a bad ID number with the server’s Chinese message under its field', () => {
    const { errorSchema } = createFormValidator('zh-CN').validateFormData(
      { householderName: '张三', householderIdNumber: '110101199003071234', memberCount: 0 },
      schema,
    );
    const errors = errorSchema as Record<string, { __errors?: string[] }>;
    expect(errors['householderIdNumber']?.__errors?.join()).toMatch(/身份证/);
    expect(errors['memberCount']?.__errors?.join()).toMatch(/[\u4e00-\u9fff]/);
  });

  it('accepts a valid record, zhili annotations and all', () => {
    const { errors } = createFormValidator('zh-CN').validateFormData(
      { householderName: '张三', householderIdNumber: '11010519491231002X', memberCount: 2 },
      schema,
    );
    expect(errors).toEqual([]);
  });

  it('answers English messages in English', () => {
    const { errorSchema } = createFormValidator('en').validateFormData({ householderName: '张三', householderIdNumber: '110105194912310021', memberCount: 2 }, schema);
    expect((errorSchema as Record<string, { __errors?: string[] }>)['householderIdNumber']?.__errors?.join()).toMatch(/ID/);
  });

  it('says a missing required field is required, under the field itself', () => {
    for (const [locale, text] of [['zh-CN', '必填'], ['en', 'Required']] as const) {
      const { errorSchema } = createFormValidator(locale).validateFormData({}, schema);
      expect((errorSchema as Record<string, { __errors?: string[] }>)['householderName']?.__errors).toEqual([text]);
    }
  });

  it('checks a plugin’s format and keyword, with their messages, when given them (and refuses the schema without)', () => {
    const even = { name: 'even-digits', validate: (v: string) => /^(\d\d)+$/.test(v), message: { 'zh-CN': '应为偶数位数字', en: 'has an even number of digits' } };
    const notAfter = {
      keyword: 'x-not-after',
      type: 'string' as const,
      metaSchema: { type: 'string' },
      validate: (limit: unknown, data: unknown) => String(data) <= String(limit),
      message: (limit: unknown) => ({ 'zh-CN': `不能晚于 ${String(limit)}`, en: `must not be after ${String(limit)}` }),
    };
    const withPlugin: RJSFSchema = { type: 'object', properties: { code: { type: 'string', format: 'even-digits' }, day: { type: 'string', ...{ 'x-not-after': '2026-12-31' } } } };
    const { errorSchema } = createFormValidator('zh-CN', { formats: [even], keywords: [notAfter] }).validateFormData({ code: '123', day: '2027-01-01' }, withPlugin);
    const errors = errorSchema as Record<string, { __errors?: string[] }>;
    expect(errors['code']?.__errors).toEqual(['应为偶数位数字']);
    expect(errors['day']?.__errors).toEqual(['不能晚于 2026-12-31']);
    expect(createFormValidator('en', { formats: [even], keywords: [notAfter] }).validateFormData({ code: '1234', day: '2026-01-01' }, withPlugin).errors).toEqual([]);
  });
});
