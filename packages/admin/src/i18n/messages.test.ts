import { describe, expect, it } from 'vitest';
import { MESSAGES, translate } from './messages.ts';

describe('translate', () => {
  it('fills placeholders, and falls back to the default message, then the key', () => {
    expect(translate('zh-CN', 'notifications.createSuccess', { resource: '住户' })).toBe('已新建住户');
    expect(translate('en', 'notifications.createSuccess', { resource: 'Household' })).toBe('Household created');
    expect(translate('zh-CN', 'households.titles.list', {}, '住户')).toBe('住户');
    expect(translate('zh-CN', 'households.titles.list', '住户')).toBe('住户');
    expect(translate('zh-CN', 'unknown.key')).toBe('unknown.key');
  });

  it('has every key in both locales', () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES['zh-CN']).sort());
  });
});
