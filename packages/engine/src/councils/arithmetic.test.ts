import { describe, expect, it } from 'vitest';
import { type DecisionRules, decide, meets, parseRatio, type Ratio, threshold } from './arithmetic.ts';

const r = (text: string): Ratio => parseRatio(text) as Ratio;

/** 村民委员会组织法 art. 26: ≥ 2/3 of the representatives present; more than half of those present in favour. */
const VILLAGE: DecisionRules = { quorum: { base: 'members', ratio: r('2/3'), strict: false }, pass: { base: 'present', ratio: r('1/2'), strict: true } };
/** 城市居民委员会组织法: more than half present; more than half of those present in favour. */
const RESIDENTS: DecisionRules = { quorum: { base: 'adult-residents', ratio: r('1/2'), strict: true }, pass: { base: 'present', ratio: r('1/2'), strict: true } };
/** Two thirds of all members. */
const TWO_THIRDS_OF_MEMBERS: DecisionRules = { quorum: { base: 'members', ratio: r('1/2'), strict: true }, pass: { base: 'members', ratio: r('2/3'), strict: false } };

describe('exact share rules', () => {
  it.each([
    // count, base, ratio, strict, met
    [20, 30, '2/3', false, true], // exactly two thirds is "at least"
    [19, 30, '2/3', false, false],
    [20, 30, '2/3', true, false], // exactly two thirds is not "more than"
    [21, 30, '2/3', true, true],
    [15, 30, '1/2', true, false], // exactly half is not a majority
    [16, 30, '1/2', true, true],
    [15, 30, '1/2', false, true],
    [2, 3, '2/3', false, true],
    [1, 3, '1/3', false, true],
    [0, 0, '1/2', false, false], // nobody to count
    [1, 1, '1/1', false, true],
    [1, 1, '1/1', true, false],
    [666_667, 1_000_000, '2/3', false, true], // 0.666667 ≥ 2/3
    [666_666, 1_000_000, '2/3', false, false], // 0.666666 < 2/3, though a float rounding might say otherwise
  ] as const)('%i/%i against %s (strict %s) → %s', (count, base, ratio, strict, met) => {
    expect(meets(count, base, { ratio: r(ratio), strict })).toBe(met);
  });

  it.each([
    [30, '2/3', false, 20],
    [30, '2/3', true, 21],
    [30, '1/2', true, 16],
    [31, '1/2', true, 16],
    [29, '2/3', false, 20],
    [5, '1/5', false, 1],
    [31, '1/5', false, 7],
  ] as const)('threshold over %i of %s (strict %s) is %i', (base, ratio, strict, least) => {
    const rule = { ratio: r(ratio), strict };
    expect(threshold(base, rule)).toBe(least);
    expect(meets(least, base, rule)).toBe(true);
    expect(meets(least - 1, base, rule)).toBe(false);
  });

  it('reads only fractions of positive integers up to one', () => {
    expect(parseRatio('2/3')).toEqual({ num: 2, den: 3 });
    for (const bad of ['3/2', '0/3', '2/0', '0.5', '1/2/3', ' 1/2', '-1/2']) expect(parseRatio(bad)).toBeNull();
  });
});

describe('the statutory outcome', () => {
  const tally = (t: Partial<Parameters<typeof decide>[1]>) => ({ members: 30, eligible: 30, present: 0, recused: 0, for: 0, against: 0, abstain: 0, ...t });

  it.each([
    ['exactly two thirds present, majority in favour', VILLAGE, tally({ present: 20, for: 11, against: 9 }), 'adopted', '出席 20/30 ≥ 2/3；赞成 11/20 > 1/2 → 通过'],
    ['one short of two thirds', VILLAGE, tally({ present: 19, for: 19 }), 'no-quorum', '出席 19/30 < 2/3 → 未达法定人数，不能表决'],
    ['the example of the issue', VILLAGE, tally({ present: 21, for: 12, against: 9 }), 'adopted', '出席 21/30 ≥ 2/3；赞成 12/21 > 1/2 → 通过'],
    ['exactly half in favour (a tie)', VILLAGE, tally({ present: 20, for: 10, against: 10 }), 'rejected', '出席 20/30 ≥ 2/3；赞成 10/20 ≤ 1/2 → 未通过'],
    ['abstentions count in the base', VILLAGE, tally({ present: 21, for: 10, against: 2, abstain: 9 }), 'rejected', '出席 21/30 ≥ 2/3；赞成 10/21 ≤ 1/2 → 未通过'],
    ['a withdrawal reduces the base to a majority', VILLAGE, tally({ present: 21, recused: 1, for: 11, against: 9 }), 'adopted', '出席 21/30 ≥ 2/3；回避 1；赞成 11/20 > 1/2 → 通过'],
    ['two withdrawals leave a tie a tie', VILLAGE, tally({ present: 22, recused: 2, for: 10, against: 10 }), 'rejected', '出席 22/30 ≥ 2/3；回避 2；赞成 10/20 ≤ 1/2 → 未通过'],
    ['residents: exactly half is not enough', RESIDENTS, tally({ eligible: 1000, present: 500, for: 400 }), 'no-quorum', '到会居民 500/1000 ≤ 1/2 → 未达法定人数，不能表决'],
    ['residents: one more than half', RESIDENTS, tally({ eligible: 1000, present: 501, for: 251, against: 250 }), 'adopted', '到会居民 501/1000 > 1/2；赞成 251/501 > 1/2 → 通过'],
    ['two thirds of all members, exactly', TWO_THIRDS_OF_MEMBERS, tally({ present: 25, for: 20 }), 'adopted', '出席 25/30 > 1/2；赞成 20/30 ≥ 2/3（全体成员） → 通过'],
    ['two thirds of all members, one short', TWO_THIRDS_OF_MEMBERS, tally({ present: 30, for: 19, against: 11 }), 'rejected', '出席 30/30 > 1/2；赞成 19/30 < 2/3（全体成员） → 未通过'],
    ['two thirds of all members, less one withdrawn', TWO_THIRDS_OF_MEMBERS, tally({ present: 30, recused: 3, for: 18, against: 9 }), 'adopted', '出席 30/30 > 1/2；回避 3；赞成 18/27 ≥ 2/3（全体成员） → 通过'],
  ] as const)('%s', (_name, rules, t, result, zh) => {
    const outcome = decide(rules, t);
    expect(outcome.result).toBe(result);
    expect(outcome.explanation['zh-CN']).toBe(zh);
  });

  it('explains in English too', () => {
    expect(decide(VILLAGE, tally({ present: 21, recused: 1, for: 11, against: 9 })).explanation.en).toBe(
      'present 21/30 ≥ 2/3; withdrawn 1; in favour 11/20 > 1/2 → adopted',
    );
  });
});
