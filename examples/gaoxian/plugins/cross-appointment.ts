import type { BilingualText } from '@zhili/schemas';
import { definePlugin } from '@zhili/engine';
import type { CouncilRuleKind } from '@zhili/engine';

interface Options {
  /** The position whose holders must include Party members, e.g. the owners' committee. */
  readonly position: string;
  /** How many of them at least. */
  readonly min: number;
}

/**
 * Gaoxian puts the compound's Party branch and the owners' committee into each other (推进小区党支部
 * 成员与业委会成员双向"交叉"任职, seeds/004): on the "1+2+N" council, at least `min` of the holders of
 * `position` (the owners' committee or self-management group) are Party members, members of the
 * branch as well. A roster without them cannot be saved.
 */
export const crossAppointment: CouncilRuleKind = {
  kind: 'cross-appointment',
  title: { 'zh-CN': '小区党支部与业委会成员交叉任职', en: "Party branch and owners' committee members hold each other's seats" },
  schema: {
    type: 'object',
    required: ['position', 'min'],
    properties: {
      position: { type: 'string', minLength: 1 },
      min: { type: 'integer', minimum: 1 },
    },
  },
  check(options, body) {
    const position = String(options['position']);
    return body.positions.includes(position)
      ? []
      : [{ pointer: '/position', message: { 'zh-CN': `议事机构没有职务 "${position}"（有：${body.positions.join('、')}）`, en: `the body has no position "${position}" (it has ${body.positions.join(', ')})` } }];
  },
  evaluate({ options, body, members }): BilingualText | null {
    const { position, min } = options as unknown as Options;
    const holders = members.filter((m) => m.position === position);
    const party = holders.filter((m) => m.partyMember).length;
    if (party >= min) return null;
    const title = body.positions.find((p) => p.id === position)?.title ?? { 'zh-CN': position, en: position };
    return {
      'zh-CN': `${title['zh-CN']}中应至少有${min}名党员，与小区党支部交叉任职（现有${party}名）`,
      en: `at least ${min} of the ${title.en} must be Party members, holding seats in the Party branch too (now ${party})`,
    };
  },
};

/** Adds the council rule kind cross-appointment, which Gaoxian's "1+2+N" council names. */
export default definePlugin({
  name: 'cross-appointment',
  version: '1.0.0',
  setup(api) {
    api.councilRuleKind(crossAppointment);
  },
});
