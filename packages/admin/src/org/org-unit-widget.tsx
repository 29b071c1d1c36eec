import type { WidgetProps } from '@rjsf/utils';
import { useEffect } from 'react';
import { useAdmin } from '../app/admin-context.ts';
import { fetchOrgUnit } from './org-units.ts';
import { OrgTreeSelect } from './org-tree-select.tsx';

/**
 * The RJSF widget of a record's org unit: a tree of the units the actor may see, where only units
 * of the resource's level (`ui:options.level`) can be chosen. An empty field starts with the
 * navigator's unit when that unit is of the right level.
 */
export function OrgUnitWidget(props: WidgetProps) {
  const { client, meta, org, t } = useAdmin();
  const level = typeof props.options['level'] === 'string' ? props.options['level'] : undefined;
  const value = typeof props.value === 'string' && props.value !== '' ? props.value : null;
  const { onChange } = props;

  useEffect(() => {
    if (value !== null || org === null || level === undefined) return;
    let cancelled = false;
    fetchOrgUnit(client, org).then(
      (unit) => {
        if (!cancelled && unit.level === level) onChange(unit.code);
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
    // Only the first render of an empty field takes the navigator's unit.
  }, [client, org, level]);

  const levelTitle = meta?.levels.find((l) => l.id === level)?.title ?? '';
  return (
    <OrgTreeSelect
      id={props.id}
      value={value}
      onChange={(code) => onChange(code ?? undefined)}
      {...(level === undefined ? {} : { level })}
      disabled={props.disabled || props.readonly}
      placeholder={t('org.pick', { level: levelTitle })}
      style={{ width: '100%' }}
      {...(props.rawErrors !== undefined && props.rawErrors.length > 0 ? { status: 'error' as const } : {})}
    />
  );
}
