import type { WidgetProps } from '@rjsf/utils';
import { Input } from 'antd';
import { useAdmin } from '../app/admin-context.ts';
import { readableTarget } from './reference-labels.ts';
import { ReferenceSelect } from './reference-select.tsx';

/**
 * The RJSF widget of a reference (`x-ref`): a search of the referenced resource by title. When the
 * actor may not read the referenced resource it is a plain text box for the id.
 */
export function ReferenceWidget(props: WidgetProps) {
  const { meta } = useAdmin();
  const target = readableTarget(meta, typeof props.schema['x-ref'] === 'string' ? props.schema['x-ref'] : '');
  const value = typeof props.value === 'string' && props.value !== '' ? props.value : undefined;
  const disabled = props.disabled || props.readonly;
  if (target === undefined) {
    return <Input id={props.id} value={value ?? ''} disabled={disabled} onChange={(e) => props.onChange(e.target.value === '' ? undefined : e.target.value)} />;
  }
  return (
    <ReferenceSelect
      id={props.id}
      target={target}
      value={value}
      disabled={disabled}
      {...(props.rawErrors !== undefined && props.rawErrors.length > 0 ? { status: 'error' as const } : {})}
      onChange={(next) => props.onChange(typeof next === 'string' ? next : undefined)}
    />
  );
}
