import { describe, expect, it } from 'vitest';
import { compileCouncils } from './compile.ts';
import { checkComposition, type MemberFacts } from './composition.ts';
import { NO_COUNCIL_RULE_KINDS } from './rule-kinds.ts';
import type { CompiledCouncilBody } from './types.ts';

/** 居务监督委员会 (seeds/001): 3 to 5 members, 1 chair and 2 to 4 members, at least one woman. */
const { councils } = compileCouncils([
  {
    sourceFile: '/fixtures/councils.yaml',
    config: {
      id: 'fixture',
      title: '示例',
      bodies: [
        {
          id: 'supervisory-committee',
          title: { 'zh-CN': '居务监督委员会', en: 'Residents’ affairs supervisory committee' },
          level: 'community',
          size: { min: 3, max: 5 },
          roles: [
            { id: 'chair', title: { 'zh-CN': '主任', en: 'chair' }, min: 1, max: 1 },
            { id: 'member', title: { 'zh-CN': '委员', en: 'members' }, min: 2, max: 4 },
          ],
          requirements: [{ id: 'woman', title: { 'zh-CN': '应当有妇女成员', en: 'There must be a woman among the members' }, attribute: 'gender', value: 'female', min: 1 }],
        },
        {
          id: 'representatives',
          title: '村民代表会议',
          level: 'community',
          size: { min: 3 },
          roles: [{ id: 'representative', title: '村民代表' }],
          requirements: [{ id: 'women-third', title: '妇女村民代表应当占三分之一以上', attribute: 'gender', value: 'female', share: '1/3' }],
          selection: { method: 'per-building' },
        },
      ],
    },
  },
]);
const committee = councils.bodies['supervisory-committee'] as CompiledCouncilBody;
const representatives = councils.bodies['representatives'] as CompiledCouncilBody;

const m = (position: string, gender: 'female' | 'male' = 'male', building: string | null = null): MemberFacts => ({ position, gender, partyMember: false, building });

describe('composition rules', () => {
  it.each([
    ['a chair, two members, one a woman', [m('chair'), m('member', 'female'), m('member')], []],
    ['five with one woman', [m('chair', 'female'), m('member'), m('member'), m('member'), m('member')], []],
    ['no woman', [m('chair'), m('member'), m('member')], ['应当有妇女成员（现有0名）']],
    ['six members', [m('chair', 'female'), m('member'), m('member'), m('member'), m('member'), m('member')], ['居务监督委员会成员由3至5人组成（现为6人）', '委员应为2至4名（现为5名）']],
    ['two chairs', [m('chair', 'female'), m('chair'), m('member'), m('member')], ['主任应为1名（现为2名）']],
    ['two members only', [m('chair', 'female'), m('member')], ['居务监督委员会成员由3至5人组成（现为2人）', '委员应为2至4名（现为1名）']],
  ] as const)('%s', (_name, members, expected) => {
    expect(checkComposition(committee, members, NO_COUNCIL_RULE_KINDS).map((v) => v.message['zh-CN'])).toEqual(expected);
  });

  it('says it in English too', () => {
    expect(checkComposition(committee, [m('chair'), m('member'), m('member')], NO_COUNCIL_RULE_KINDS)[0]?.message.en).toBe('There must be a woman among the members (now 0)');
  });

  it.each([
    ['exactly a third women', [m('representative', 'female', '1栋'), m('representative', 'male', '2栋'), m('representative', 'male', '3栋')], []],
    ['under a third', [m('representative', 'female', '1栋'), m('representative', 'male', '2栋'), m('representative', 'male', '3栋'), m('representative', 'male', '4栋')], ['妇女村民代表应当占三分之一以上（1/4，应不少于 1/3）']],
    ['a representative without a building', [m('representative', 'female', '1栋'), m('representative', 'female', null), m('representative', 'male', '3栋')], ['村民代表会议成员按小区或楼宇推选，须注明所代表的楼栋或小区（1人未注明）']],
  ] as const)('shares and buildings: %s', (_name, members, expected) => {
    expect(checkComposition(representatives, members, NO_COUNCIL_RULE_KINDS).map((v) => v.message['zh-CN'])).toEqual(expected);
  });
});
