import Form, { Theme } from '@rjsf/antd';
import { getDefaultRegistry } from '@rjsf/core';
import type { ComponentProps } from 'react';
import { useMemo } from 'react';
import { useAdmin } from '../app/admin-context.ts';
import { DEFAULT_FORM_STATE } from './default-form-state.ts';
import { FORM_FIELDS, FORM_WIDGETS } from './form-widgets.ts';
import { rjsfTranslator } from './rjsf-strings.ts';
import { createFormValidator } from './validator.ts';
import { usePlugins } from '../plugins/use-plugins.ts';
import { withKnownWidgets } from './known-widgets.ts';

/** An RJSF form's props, less the settings every form of the admin shares. */
export type SchemaFormProps = Omit<ComponentProps<typeof Form>, 'validator' | 'translateString' | 'noHtml5Validate' | 'showErrorList' | 'experimental_defaultFormStateBehavior'>;

/**
 * The admin's RJSF form: validated with the server's formats and messages in the admin's language,
 * RJSF's own texts translated, errors under their fields (no list on top, no browser bubbles), the
 * admin's widgets (org unit, reference) and fields (attachments), and its default-state rules; the
 * formats, keywords and widgets of the served package's plugins' admin entries; a `ui:widget` no
 * widget answers is dropped rather than breaking the form.
 */
export function SchemaForm(props: SchemaFormProps) {
  const { locale } = useAdmin();
  const plugins = usePlugins();
  const validator = useMemo(() => createFormValidator(locale, plugins.ajv), [locale, plugins.ajv]);
  const translateString = useMemo(() => rjsfTranslator(locale), [locale]);
  const widgets = useMemo(() => ({ ...FORM_WIDGETS, ...plugins.widgets, ...props.widgets }), [plugins.widgets, props.widgets]);
  const uiSchema = useMemo(() => withKnownWidgets(props.uiSchema, { ...getDefaultRegistry().widgets, ...Theme.widgets, ...widgets }), [props.uiSchema, widgets]);
  return (
    <Form
      {...props}
      uiSchema={uiSchema}
      widgets={widgets}
      fields={{ ...FORM_FIELDS, ...props.fields }}
      validator={validator}
      translateString={translateString}
      noHtml5Validate
      showErrorList={false}
      experimental_defaultFormStateBehavior={DEFAULT_FORM_STATE}
    />
  );
}
