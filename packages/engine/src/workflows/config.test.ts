import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compile, loadModel } from '../package/compile.ts';
import type { PackageIssue } from '../package/issues.ts';
import { loadPackage } from '../package/load.ts';
import { compileCalendars } from './calendar.ts';
import { deadline } from './time.ts';

const BROKEN = join(import.meta.dirname, 'fixtures', 'broken');
const shown = (file: string) => relative(process.cwd(), file);

/** [file, pointer, Chinese fragment, English fragment] */
const EXPECTED: [string, string, string, string][] = [
  ['workflows/bad.yaml', '/resource', '资源 "ghosts" 不存在', 'resource "ghosts" of workflow bad does not exist'],
  ['workflows/bad.yaml', '/initial', '初始状态 "nowhere"', 'initial state "nowhere" of workflow bad is not one of its states'],
  ['workflows/bad.yaml', '/open/roles/1', '角色 "stranger" 不存在', 'role "stranger" named in workflow bad does not exist'],
  ['workflows/bad.yaml', '/states/0/onExpiry/transition', '不能要求意见', 'may not require a comment'],
  ['workflows/bad.yaml', '/states/1/timeLimit', '终结状态 "done" 不能有办理时限', 'final state "done" cannot have a time limit'],
  ['workflows/bad.yaml', '/states/3/id', '状态 "new" 重复', 'state "new" of workflow bad is given twice'],
  ['workflows/bad.yaml', '/states/4/onExpiry', '没有办理时限', 'has no time limit'],
  ['workflows/bad.yaml', '/states/4/id', '没有任何操作可以离开它', 'state "idle" is not final, yet no action leaves it'],
  ['workflows/bad.yaml', '/transitions/1/from/0', '不能离开终结状态 "done"', 'action "undo" cannot leave the final state "done"'],
  ['workflows/bad.yaml', '/transitions/1/to', '目标状态 "limbo" 不存在', 'state "limbo" that action "undo" leads to does not exist'],
  ['workflows/bad.yaml', '/transitions/1/jurisdiction/level', '层级 "county" 不存在', 'level "county" named in workflow bad is not one of the levels'],
  ['workflows/bad.yaml', '/transitions/2/form/properties/score/pattern', '正则', 'regular expression'],
  ['workflows/bad.yaml', '/evaluation/field', '必填整数字段', 'must be a required integer field of the form of action "rate"'],
  ['workflows/incomplete.yaml', '/id', '流程 incomplete 缺少 resource', 'workflow incomplete has no resource'],
  ['workflows/incomplete.yaml', '/states/0/timeLimit/duration', '', 'must match pattern'],
  ['workflows/bad.yaml', '/states/5/timeLimit/duration', '办理时限必须大于零', 'the time limit of state "instant" must be longer than zero'],
  ['zhili.yaml', '/calendar/holidays/0', '“2026-02-30”不是有效的日期', '"2026-02-30" is not a valid date'],
  ['zhili.yaml', '/calendar/holidays/1', '结束日早于开始日', 'ends before it starts'],
  ['zhili.yaml', '/calendar/holidays/2', '超过 31 天', 'is longer than 31 days'],
  ['zhili.yaml', '/calendar/workdays/0', '调休上班日 2026-05-06 不是周六或周日', 'the make-up working day 2026-05-06 is not a Saturday or Sunday'],
  ['zhili.yaml', '/calendar/workdays/1', '2026-05-02 既是假日又是调休上班日', '2026-05-02 is both a holiday and a make-up working day'],
];

describe('workflow config', () => {
  it('reports every mistake of a broken workflow with file, path and a message in Chinese and English', async () => {
    const result = await loadPackage(BROKEN);
    expect(result.ok).toBe(false);
    const issues = (result as { issues: readonly PackageIssue[] }).issues;
    for (const [file, pointer, zh, en] of EXPECTED) {
      const found = issues.filter((i) => i.file === shown(join(BROKEN, file)) && i.path === pointer);
      expect(found.map((i) => i.message['zh-CN']).join(' | '), `${file} ${pointer}`).toContain(zh);
      expect(found.map((i) => i.message.en).join(' | '), `${file} ${pointer}`).toContain(en);
      expect(found[0]?.line).toBeGreaterThan(0);
    }
  });

  it('refuses a state that cannot be reached from the initial one', async () => {
    const result = await loadPackage(BROKEN);
    const issues = (result as { issues: readonly PackageIssue[] }).issues.filter((i) => i.file === shown(join(BROKEN, 'workflows/islands.yaml')));
    expect(issues.map((i) => [i.path, i.message['zh-CN'], i.message.en])).toEqual([
      ['/states/2/id', '状态 "island" 从初始状态 "new" 无法到达', 'state "island" cannot be reached from the initial state "new"'],
    ]);
  });

  it('compiles the base loop with its defaults: comments optional, escalation on expiry, the score bounded by its form', async () => {
    const model = await loadModel(fileURLToPath(new URL('../../../base', import.meta.url)));
    const loop = model.workflows['event-loop'];
    expect(loop?.states.map((s) => s.id)).toEqual(['collected', 'registered', 'dispatched', 'handled', 'fed-back', 'closed', 'evaluated', 'archived', 'rejected']);
    expect(loop?.states.find((s) => s.id === 'registered')).toMatchObject({ timeLimit: { duration: 'P1D', calendar: 'working', days: 1 }, onExpiry: { action: 'escalate' } });
    expect(loop?.transitions.find((t) => t.id === 'register')).toMatchObject({ from: ['collected'], comment: 'optional', jurisdiction: { unit: 'case-or-above', level: null } });
    expect(loop?.evaluation).toEqual({ transition: 'evaluate', field: 'satisfaction', min: 1, max: 5 });
    expect(Object.isFrozen(loop)).toBe(true);
    const again = await loadPackage(fileURLToPath(new URL('../../../base', import.meta.url)));
    expect(again.ok && compile(again.pkg).hash).toBe(model.hash);
  });

  it('counts working days Monday to Friday in China time', () => {
    const limit = { duration: 'P1D', calendar: 'working', weeks: 0, days: 1, hours: 0, minutes: 0 } as const;
    // Friday 2026-11-20 10:00 (China) → Monday 2026-11-23 10:00.
    expect(deadline(new Date('2026-11-20T02:00:00Z'), limit).toISOString()).toBe('2026-11-23T02:00:00.000Z');
    // Saturday → counts from Monday 00:00, one day → Tuesday 00:00.
    expect(deadline(new Date('2026-11-21T04:00:00Z'), limit).toISOString()).toBe('2026-11-23T16:00:00.000Z');
    // Four working hours from Friday 22:00 (China) → Monday 02:00.
    expect(deadline(new Date('2026-11-20T14:00:00Z'), { ...limit, days: 0, hours: 4 }).toISOString()).toBe('2026-11-22T18:00:00.000Z');
    // A calendar week of five days stays five calendar days.
    expect(deadline(new Date('2026-11-20T02:00:00Z'), { ...limit, calendar: 'calendar', days: 5 }).toISOString()).toBe('2026-11-25T02:00:00.000Z');
  });

  it('skips public holidays and counts make-up working days, by the base package\'s 2026 calendar (国务院办公厅通知)', async () => {
    const model = await loadModel(fileURLToPath(new URL('../../../base', import.meta.url)));
    const limit = { duration: 'P1D', calendar: 'working', weeks: 0, days: 1, hours: 0, minutes: 0 } as const;
    expect(model.calendar.holidays).toContain('2026-02-23');
    expect(model.calendar.workdays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    // Friday 13 February 10:00 → Saturday 14 February, worked before the Spring Festival.
    expect(deadline(new Date('2026-02-13T02:00:00Z'), limit, model.calendar).toISOString()).toBe('2026-02-14T02:00:00.000Z');
    // Saturday 14 February → the nine days off → Tuesday 24 February.
    expect(deadline(new Date('2026-02-14T02:00:00Z'), limit, model.calendar).toISOString()).toBe('2026-02-24T02:00:00.000Z');
    // Four working hours from inside the holiday start on 24 February at 00:00.
    expect(deadline(new Date('2026-02-16T01:00:00Z'), { ...limit, days: 0, hours: 4 }, model.calendar).toISOString()).toBe('2026-02-23T20:00:00.000Z');
    // Without the calendar the Saturday is a day off and the festival's weekdays are working days.
    expect(deadline(new Date('2026-02-14T02:00:00Z'), limit).toISOString()).toBe('2026-02-16T16:00:00.000Z');
    // A year the calendar does not list counts Monday to Friday.
    expect(deadline(new Date('2027-02-05T02:00:00Z'), limit, model.calendar).toISOString()).toBe('2027-02-08T02:00:00.000Z');
  });

  it('joins the calendars of an extends chain, a later package\'s word winning for a day both name', () => {
    const joined = compileCalendars([{ holidays: ['2026-10-01..2026-10-03'], workdays: ['2026-10-10'] }, undefined, { holidays: ['2026-10-10'], workdays: ['2026-10-03'] }]);
    expect(joined).toEqual({ holidays: ['2026-10-01', '2026-10-02', '2026-10-10'], workdays: ['2026-10-03'] });
  });
});
