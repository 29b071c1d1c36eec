import { describe, expect, it } from 'vitest';
import { createAjv } from '@zhili/schemas';
import { isUnifiedSocialCreditCode, normaliseUscc, usccFormat } from '../plugins/uscc.ts';

describe('the cn-uscc format (统一社会信用代码, GB 32100-2015)', () => {
  it('accepts a code whose check character is right, and refuses a wrong one, a wrong length and the letters the code leaves out', () => {
    expect(isUnifiedSocialCreditCode('91350100M000100Y43')).toBe(true);
    expect(isUnifiedSocialCreditCode('91350100M000100Y44')).toBe(false);
    expect(isUnifiedSocialCreditCode('91350100M000100Y4')).toBe(false);
    expect(isUnifiedSocialCreditCode('91350100M0001O0Y43')).toBe(false);
    expect(isUnifiedSocialCreditCode('91350100m000100y43')).toBe(false);
  });

  it('checks a field on an ajv made with it, with its message in both languages', () => {
    const validate = createAjv({}, { formats: [usccFormat] }).compile({ type: 'string', format: 'cn-uscc' });
    expect(validate('91350100M000100Y43')).toBe(true);
    expect(validate('12345')).toBe(false);
    expect(() => createAjv().compile({ type: 'string', format: 'cn-uscc' })).toThrow(/unknown format "cn-uscc"/);
  });

  it('takes a code as people type it: lower case, and spaces or hyphens between its groups', () => {
    expect(normaliseUscc(' 9135 0100-m000100y43 ')).toBe('91350100M000100Y43');
    expect(isUnifiedSocialCreditCode(normaliseUscc('91350100 m000100 y43'))).toBe(true);
  });
});
