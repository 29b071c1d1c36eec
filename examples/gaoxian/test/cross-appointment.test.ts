import { describe, expect, it } from 'vitest';
import { loadPackageModel } from '@zhili/engine';
import { childPackageIssues } from '@zhili/engine/testing';
import type { MemberFacts } from '@zhili/engine';
import { crossAppointment } from '../plugins/cross-appointment.ts';
import { PACKAGE_DIR } from './gaoxian.ts';

const positions = [
  { id: 'party-branch', title: { 'zh-CN': '小区党支部代表', en: 'Compound Party branch' } },
  { id: 'owners-committee', title: { 'zh-CN': '业委会(自管小组)代表', en: "Owners' committee / self-management group" } },
];
const member = (position: string, partyMember: boolean): MemberFacts => ({ position, gender: 'male', partyMember, building: null });
const body = { id: 'one-two-n-council', title: { 'zh-CN': '“1+2+N”多方议事会', en: '"1+2+N" joint council' }, positions };

describe('the cross-appointment council rule kind', () => {
  it('holds when enough of the owners’ committee are Party members, and says how many are short in both languages', () => {
    const options = { position: 'owners-committee', min: 1 };
    expect(crossAppointment.evaluate({ options, body, members: [member('party-branch', true), member('owners-committee', true)] })).toBeNull();
    expect(crossAppointment.evaluate({ options, body, members: [member('party-branch', true), member('owners-committee', false)] })).toEqual({
      'zh-CN': '业委会(自管小组)代表中应至少有1名党员，与小区党支部交叉任职（现有0名）',
      en: "at least 1 of the Owners' committee / self-management group must be Party members, holding seats in the Party branch too (now 0)",
    });
  });

  it('is set up with the Gaoxian package, whose 1+2+N council names it', async () => {
    const { model, plugins } = await loadPackageModel(PACKAGE_DIR);
    expect(plugins.councilRuleKinds.get('cross-appointment')).toBe(crossAppointment);
    expect(model.councils.bodies['one-two-n-council']?.rules).toEqual([{ id: 'cross-appointment', kind: 'cross-appointment', title: null, options: { position: 'owners-committee', min: 1 } }]);
  });

  it('refuses, at their place in the file, a rule of a kind no plugin adds, bad options and a position the body lacks', async () => {
    const extra = [
      'id: extra',
      'title: 额外',
      'bodies:',
      '  - id: building-council',
      '    title: 楼栋议事会',
      '    level: grid',
      '    size: { min: 3 }',
      '    roles: [{ id: resident, title: 居民, min: 3 }]',
      '    rules:',
      '      - { id: a, kind: no-such-kind }',
      '      - { id: b, kind: cross-appointment, position: resident, min: 0 }',
      '      - { id: c, kind: cross-appointment, position: owners-committee, min: 1 }',
      '',
    ].join('\n');
    const issues = await childPackageIssues(PACKAGE_DIR, { 'councils/extra.yaml': extra });
    expect(issues.map((i) => `${i.fileName}:${i.line} ${i.path} ${i.message.en}`)).toEqual([
      'extra.yaml:10 /bodies/0/rules/0/kind unknown council rule kind "no-such-kind" (known: cross-appointment)',
      'extra.yaml:11 /bodies/0/rules/1/min cross-appointment rule b: must be >= 1',
      'extra.yaml:12 /bodies/0/rules/2/position cross-appointment rule c: the body has no position "owners-committee" (it has resident)',
    ]);
  });
});
