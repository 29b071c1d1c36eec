import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, META_SCHEMAS } from '@zhili/schemas';
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

  it('names every filter operator a list config may allow, in both locales', () => {
    const operators = (META_SCHEMAS.resource.$defs.filterOperator as { enum: string[] }).enum;
    for (const locale of ['zh-CN', 'en'] as const) {
      expect(operators.filter((op) => MESSAGES[locale][`operators.${op}`] === undefined)).toEqual([]);
    }
  });

  it('names every action of the audit trail, in both locales', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      expect(AUDIT_ACTIONS.filter((action) => MESSAGES[locale][`audit.actions.${action}`] === undefined)).toEqual([]);
    }
  });
});
