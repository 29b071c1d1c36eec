import { describe, expect, it } from 'vitest';
import { MESSAGES, translate } from './messages.ts';

describe('translate', () => {
  it('fills placeholders, and falls back to the default message, then the key', () => {
    expect(translate('zh-CN', 'notifications.editError', { resource: 'household', statusCode: 409 })).toBe('保存失败（409）');
    expect(translate('en', 'notifications.editError', { statusCode: 409 })).toBe('Could not save (409)');
    expect(translate('zh-CN', 'households.titles.list', {}, '住户')).toBe('住户');
    expect(translate('zh-CN', 'households.titles.list', '住户')).toBe('住户');
    expect(translate('zh-CN', 'unknown.key')).toBe('unknown.key');
  });

  it('has every key in both locales', () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES['zh-CN']).sort());
  });
});
