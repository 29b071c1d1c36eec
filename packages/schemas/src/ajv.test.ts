import { describe, expect, it } from 'vitest';
import { createAjv, toBilingualFieldErrors, toFieldErrors } from './ajv.ts';

const household = {
  type: 'object',
  required: ['address', 'householderIdNumber'],
  additionalProperties: false,
  properties: {
    address: { type: 'string', minLength: 2 },
    householderIdNumber: { type: 'string', format: 'cn-id-card' },
    phone: { type: 'string', format: 'cn-mobile' },
    kind: { oneOf: [{ const: 'registered', title: '户籍户' }, { const: 'floating', title: '流动户' }] },
    contact: { type: 'object', properties: { name: { type: 'string', maxLength: 4 } } },
    note: { type: 'string', maxLength: 3, errorMessage: '备注最多 3 个字' },
  },
};

function errorsOf(data: unknown) {
  const validate = createAjv().compile(household);
  expect(validate(data)).toBe(false);
  return validate.errors ?? [];
}

describe('shared ajv setup', () => {
  it('keys errors by dotted field path, in Chinese', () => {
    const errors = toFieldErrors(errorsOf({ householderIdNumber: '123', contact: { name: '欧阳司马长' } }), 'zh-CN');
    expect(errors['address']?.[0]).toMatch(/必须|应当/);
    expect(errors['householderIdNumber']).toEqual(['身份证号码格式不正确或校验位错误']);
    expect(Object.keys(errors)).toContain('contact.name');
  });

  it('speaks English when asked', () => {
    const errors = toFieldErrors(errorsOf({ address: '天宁区', householderIdNumber: '123', phone: '12345' }), 'en');
    expect(errors['phone']?.[0]).toContain('mobile number');
    expect(errors['householderIdNumber']?.[0]).toContain('check digit');
  });

  it('names an unexpected property itself', () => {
    const errors = toFieldErrors(errorsOf({ address: '天宁区', householderIdNumber: '11010519491231002X', extra: 1 }), 'zh-CN');
    expect(Object.keys(errors)).toEqual(['extra']);
  });

  it('reports a labelled choice once, not once per choice', () => {
    const errors = toFieldErrors(
      errorsOf({ address: '天宁区', householderIdNumber: '11010519491231002X', kind: 'other' }),
      'zh-CN',
    );
    expect(errors['kind']).toHaveLength(1);
  });

  it('keeps an author message from errorMessage instead of translating it', () => {
    const errors = toBilingualFieldErrors(errorsOf({ address: '天宁区', householderIdNumber: '11010519491231002X', note: '太长的备注' }));
    expect(errors['note']?.[0]?.['zh-CN']).toBe('备注最多 3 个字');
  });
});
