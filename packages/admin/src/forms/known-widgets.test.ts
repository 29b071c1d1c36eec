import { getDefaultRegistry } from '@rjsf/core';
import type { WidgetProps } from '@rjsf/utils';
import { describe, expect, it, vi } from 'vitest';
import { withKnownWidgets } from './known-widgets.ts';

const Uscc = (_props: WidgetProps) => null;
const widgets = { ...getDefaultRegistry().widgets, uscc: Uscc };

describe('withKnownWidgets', () => {
  it('keeps RJSF’s own widget names and registered ones, at any depth, and drops a name no widget answers', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const uiSchema = {
        memo: { 'ui:widget': 'textarea', 'ui:options': { rows: 2 } },
        data: { claimantCode: { 'ui:widget': 'uscc' }, other: { 'ui:widget': 'no-such-widget', 'ui:placeholder': '…' } },
        members: { items: { building: { 'ui:widget': 'hidden' }, gender: { 'ui:widget': 'radio' } } },
      };
      expect(withKnownWidgets(uiSchema, widgets)).toEqual({
        memo: { 'ui:widget': 'textarea', 'ui:options': { rows: 2 } },
        data: { claimantCode: { 'ui:widget': 'uscc' }, other: { 'ui:placeholder': '…' } },
        members: { items: { building: { 'ui:widget': 'hidden' }, gender: { 'ui:widget': 'radio' } } },
      });
      expect(warn).toHaveBeenCalledTimes(1);
      expect(withKnownWidgets(undefined, widgets)).toBeUndefined();
    } finally {
      warn.mockRestore();
    }
  });
});
