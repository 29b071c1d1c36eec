import { describe, expect, it } from 'vitest';
import type { AdminResource } from '@zhili/schemas';
import { defaultWidget, formOrder, withDefaultWidgets } from './widgets.ts';

const categories = { type: 'array', items: { type: 'string', oneOf: [{ const: 'disabled', title: '残疾人' }] } };

describe('form widgets', () => {
  it('gives long text a text area and a set of labelled values check boxes, and leaves the rest to RJSF', () => {
    expect(defaultWidget({ type: 'string', maxLength: 2000 })).toBe('textarea');
    expect(defaultWidget(categories)).toBe('checkboxes');
    expect(defaultWidget({ type: 'string', format: 'date' })).toBeNull();
    expect(defaultWidget({ type: 'string', maxLength: 50 })).toBeNull();
  });

  it('adds default widgets to the resource uiSchema without overriding what it says', () => {
    const ui = withDefaultWidgets(
      { notes: { type: 'string', maxLength: 2000 }, categories, remark: { type: 'string', maxLength: 500 } },
      { 'ui:order': ['notes', '*'], notes: { 'ui:widget': 'text', 'ui:placeholder': '备注' }, categories: { 'ui:options': { inline: true } } },
    );
    expect(ui).toEqual({
      'ui:order': ['notes', '*'],
      notes: { 'ui:widget': 'text', 'ui:placeholder': '备注' },
      categories: { 'ui:options': { inline: true }, 'ui:widget': 'checkboxes' },
      remark: { 'ui:widget': 'textarea' },
    });
  });

  it('treats a missing or malformed uiSchema as empty', () => {
    expect(withDefaultWidgets({ a: { type: 'string' } }, null)).toEqual({});
  });
});

describe('formOrder', () => {
  const resource = (uiSchema: unknown) =>
    ({ schema: { properties: { a: { type: 'string' }, b: { type: 'string' }, c: { type: 'string' }, d: { type: 'string' } } }, uiSchema }) as unknown as AdminResource;

  it('follows ui:order, with * for the fields it leaves out', () => {
    expect(formOrder(resource({ 'ui:order': ['c', '*', 'a'] }))).toEqual(['c', 'b', 'd', 'a']);
  });

  it('keeps the schema order without ui:order, and ignores names the schema lacks', () => {
    expect(formOrder(resource({}))).toEqual(['a', 'b', 'c', 'd']);
    expect(formOrder(resource({ 'ui:order': ['gone', 'd', '*'] }))).toEqual(['d', 'a', 'b', 'c']);
  });

  it('puts the fields ui:order leaves out at the end when it has no *', () => {
    expect(formOrder(resource({ 'ui:order': ['b', 'a'] }))).toEqual(['b', 'a', 'c', 'd']);
  });
});
