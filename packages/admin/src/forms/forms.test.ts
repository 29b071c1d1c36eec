import { TranslatableString } from '@rjsf/utils';
import { describe, expect, it } from 'vitest';
import { rjsfTranslator } from './rjsf-strings.ts';
import { toErrorSchema } from './server-errors.ts';

describe('server field errors', () => {
  it('land under their fields, nested paths and record-level errors included', () => {
    expect(
      toErrorSchema({
        householderIdNumber: ['身份证号码格式不正确或校验位错误'],
        'address.city': ['必填'],
        'address.street': ['太长'],
        '': ['记录无效'],
      }),
    ).toEqual({
      householderIdNumber: { __errors: ['身份证号码格式不正确或校验位错误'] },
      address: { city: { __errors: ['必填'] }, street: { __errors: ['太长'] } },
      __errors: ['记录无效'],
    });
    expect(toErrorSchema(undefined)).toEqual({});
  });
});

describe('RJSF strings', () => {
  it('are Chinese in zh-CN with their parameters filled, English otherwise', () => {
    expect(rjsfTranslator('zh-CN')(TranslatableString.ErrorsLabel)).toBe('请修正以下错误');
    expect(rjsfTranslator('zh-CN')(TranslatableString.OptionPrefix, ['2'])).toBe('选项 2');
    expect(rjsfTranslator('en')(TranslatableString.ErrorsLabel)).toBe('Errors');
  });
});
