import { describe, expect, it } from 'vitest';
import { negotiateLocale, resolveText } from './text.ts';

describe('texts', () => {
  it('resolves per locale and falls back to Chinese', () => {
    expect(resolveText('住户', 'en')).toBe('住户');
    expect(resolveText({ 'zh-CN': '住户', en: 'Households' }, 'en')).toBe('Households');
    expect(resolveText({ 'zh-CN': '住户' }, 'en')).toBe('住户');
  });

  it('negotiates Accept-Language by quality', () => {
    expect(negotiateLocale('en-US,en;q=0.9,zh-CN;q=0.8')).toBe('en');
    expect(negotiateLocale('fr, zh-TW;q=0.5')).toBe('zh-CN');
    expect(negotiateLocale('fr', 'en')).toBe('en');
    expect(negotiateLocale(undefined)).toBe('zh-CN');
  });
});
