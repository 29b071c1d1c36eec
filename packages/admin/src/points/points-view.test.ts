import type { RJSFSchema } from '@rjsf/utils';
import type { AdminPoints, PointsPosting } from '@zhili/schemas';
import { createFormValidator } from '../forms/validator.ts';
import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/messages.ts';
import { capsText, holderAmount, newIdempotencyKey, periodLabel, postingTitle, publishedLists, reversible, rulePoints, ruleQuantitySchema } from './points-view.ts';

const t = (key: string, options?: Record<string, unknown>) => translate('zh-CN', key, options);

const rule = (code: string, category: string, points: number): AdminPoints['rules'][number] => ({
  code,
  category,
  title: `事项${code}`,
  description: null,
  points,
  unit: 'event',
  maxQuantity: 10,
  caps: [],
  roles: [],
  claim: null,
  auto: null,
  counting: null,
  illustrative: true,
});

const SCHEME: AdminPoints = {
  id: 'renren',
  title: '人人社区积分兑换',
  description: null,
  unit: '积分',
  holder: { resource: 'households', buildingField: 'buildingId' },
  adoption: null,
  allowNegative: false,
  categories: [
    { id: 'civility', title: '文明守约', description: null },
    { id: 'volunteering', title: '志愿服务', description: null },
    { id: 'empty', title: '空类别', description: null },
  ],
  rules: [rule('ZY-01', 'volunteering', 2), rule('WM-01', 'civility', 1), rule('FM-01', 'civility', -5)],
  redemption: { title: '人人兑换铺', roles: [], items: [{ code: 'DH-01', title: '洗衣液一瓶', description: null, cost: 30, stocked: true, limit: null, illustrative: true }] },
  expiry: null,
  timeBank: { title: '时间银行', coin: '时间币', coinsPerHour: 1, maxHours: 8, roles: [], services: [{ code: 'SJ-01', title: '陪伴聊天' }] },
  publication: { period: 'month', top: 10 },
};

const posting = (over: Partial<PointsPosting>): PointsPosting => ({
  id: 'p1',
  scheme: 'renren',
  kind: 'award',
  currency: 'points',
  rule: null,
  item: null,
  service: null,
  quantity: 1,
  amount: 5,
  holder: 'h1',
  orgPath: '/',
  reverses: null,
  claim: null,
  case: null,
  memo: null,
  actor: { id: 'u', name: '社区工作者' },
  at: '2026-11-24T00:00:00Z',
  lines: [],
  ...over,
});

describe('publishedLists', () => {
  it('splits the rules into the positive and negative lists, by category in the scheme’s order, leaving out empty categories', () => {
    const lists = publishedLists(SCHEME);
    expect(lists.positive.map((g) => [g.category.id, g.rules.map((r) => r.code)])).toEqual([
      ['civility', ['WM-01']],
      ['volunteering', ['ZY-01']],
    ]);
    expect(lists.negative.map((g) => [g.category.id, g.rules.map((r) => r.code)])).toEqual([['civility', ['FM-01']]]);
  });
});

describe('texts of rules and postings', () => {
  it('writes a rule’s points with its sign and unit, and caps by period', () => {
    expect(rulePoints({ points: 5, unit: 'event', counting: null }, '积分', t)).toBe('+5 积分/次');
    expect(rulePoints({ points: -10, unit: 'hour', counting: null }, '积分', t)).toBe('−10 积分/小时');
    expect(rulePoints({ points: 2, unit: 'hour', counting: '按时长分段计分' }, '积分', t)).toBe('+2 积分/小时（按时长分段计分）');
    expect(capsText([{ period: 'month', max: 20 }, { period: 'year', max: 100 }], t)).toBe('每月至多 20，每年至多 100');
  });

  it('names what a posting was for: the rule, the item or the service, after its kind', () => {
    expect(postingTitle(posting({ rule: 'WM-01' }), SCHEME, t)).toBe('奖励 · 事项WM-01');
    expect(postingTitle(posting({ kind: 'redeem', item: 'DH-01' }), SCHEME, t)).toBe('兑换 · 洗衣液一瓶');
    expect(postingTitle(posting({ kind: 'time-earn', service: 'SJ-01' }), SCHEME, t)).toBe('时间银行存入 · 陪伴聊天');
    expect(postingTitle(posting({ kind: 'expire' }), SCHEME, t)).toBe('过期');
  });

  it('takes the holder’s own lines for the amount: a donor loses what the payee gains', () => {
    const donation = posting({
      kind: 'time-donate',
      lines: [
        { account: 'a1', holder: 'h1', system: null, amount: -3 },
        { account: 'a2', holder: 'h2', system: null, amount: 3 },
      ],
    });
    expect(holderAmount(donation, 'h1')).toBe(-3);
    expect(holderAmount(donation, 'h2')).toBe(3);
  });

  it('offers no reversal of a reversal, an expiry, or a posting already reversed', () => {
    expect(reversible(posting({}), new Set())).toBe(true);
    expect(reversible(posting({}), new Set(['p1']))).toBe(false);
    expect(reversible(posting({ kind: 'reverse' }), new Set())).toBe(false);
    expect(reversible(posting({ kind: 'expire' }), new Set())).toBe(false);
  });
});

describe('periods and keys', () => {
  it('labels the publication period as the engine takes it', () => {
    expect(periodLabel('month', { year: 2026, month: 3 })).toBe('2026-03');
    expect(periodLabel('quarter', { year: 2026, month: 11 })).toBe('2026-Q4');
    expect(periodLabel('year', { year: 2026, month: 11 })).toBe('2026');
    expect(periodLabel('week', { year: 2026, month: 11 })).toBeNull();
  });

  it('makes a new idempotency key each time', () => {
    expect(newIdempotencyKey()).not.toBe(newIdempotencyKey());
  });
});

describe('the rule and quantity of a posting form', () => {
  it('bounds the quantity by the chosen rule’s maxQuantity, as the engine does, with the message under the quantity', () => {
    const rules = [{ ...rule('ZY-01', 'volunteering', 2), unit: 'hour' as const, maxQuantity: 8 }, { ...rule('WM-01', 'civility', 1), maxQuantity: 1 }];
    const picker = ruleQuantitySchema(rules, '积分', t);
    const schema = { type: 'object', required: ['rule'], properties: picker.properties, allOf: picker.allOf } as RJSFSchema;
    const validator = createFormValidator('zh-CN');
    const quantityErrors = (data: Record<string, unknown>) => (validator.validateFormData(data, schema).errorSchema as Record<string, { __errors?: string[] }>)['quantity']?.__errors ?? [];
    expect(quantityErrors({ rule: 'ZY-01', quantity: 8 })).toEqual([]);
    expect(quantityErrors({ rule: 'ZY-01', quantity: 9 })).toEqual([expect.stringContaining('8')]);
    expect(quantityErrors({ rule: 'WM-01', quantity: 2 })).toEqual([expect.stringContaining('1')]);
    expect(picker.properties.rule.oneOf.map((o) => o.title)).toEqual(['ZY-01 事项ZY-01（+2 积分/小时）', 'WM-01 事项WM-01（+1 积分/次）']);
  });
});
