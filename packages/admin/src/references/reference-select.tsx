import { useDataProvider } from '@refinedev/core';
import { Select } from 'antd';
import type { CSSProperties } from 'react';
import { useEffect, useMemo, useState } from 'react';
import { useAdmin } from '../app/admin-context.ts';
import type { AdminResource } from '@zhili/schemas';
import { referenceLabel } from './reference-labels.ts';

/** Records offered per search. */
const SEARCH_PAGE_SIZE = 20;
/** Milliseconds of quiet typing before a search is sent. */
const SEARCH_DELAY = 250;

interface Option {
  readonly value: string;
  readonly label: string;
}

export interface ReferenceSelectProps {
  /** The referenced resource (one the actor may read). */
  readonly target: AdminResource;
  /** One id, or several with `multiple`. */
  readonly value?: string | readonly string[] | undefined;
  readonly onChange?: (value: string | string[] | undefined) => void;
  readonly multiple?: boolean;
  readonly id?: string;
  readonly disabled?: boolean;
  readonly status?: 'error';
  readonly style?: CSSProperties;
}

/**
 * Chooses records of another resource by searching its title field, within what the actor may read
 * (and the navigator's unit); chosen records show by their titles.
 */
export function ReferenceSelect(props: ReferenceSelectProps) {
  const { org, t } = useAdmin();
  const getDataProvider = useDataProvider();
  const { target } = props;
  const values = useMemo(() => (props.value === undefined ? [] : typeof props.value === 'string' ? [props.value] : [...props.value]), [props.value]);
  const [search, setSearch] = useState('');
  const [options, setOptions] = useState<readonly Option[]>([]);
  const [known, setKnown] = useState<ReadonlyMap<string, string>>(new Map());
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    let cancelled = false;
    const timer = window.setTimeout(() => {
      setLoading(true);
      const titleField = target.titleField;
      const filters = search === '' || titleField === null ? [] : [{ field: titleField, operator: 'contains' as const, value: search }];
      getDataProvider()
        .getList({ resource: target.id, pagination: { currentPage: 1, pageSize: SEARCH_PAGE_SIZE }, filters, meta: { org } })
        .then(
          ({ data }) => {
            if (!cancelled) setOptions(data.map((r) => ({ value: String(r.id), label: referenceLabel(target, r as Record<string, unknown>, String(r.id)) })));
          },
          () => undefined,
        )
        .finally(() => {
          if (!cancelled) setLoading(false);
        });
    }, SEARCH_DELAY);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [target, search, org, getDataProvider]);

  useEffect(() => {
    const missing = values.filter((v) => !known.has(v) && !options.some((o) => o.value === v));
    if (missing.length === 0) return;
    let cancelled = false;
    const provider = getDataProvider();
    (provider.getMany === undefined ? Promise.resolve({ data: [] }) : provider.getMany({ resource: target.id, ids: missing })).then(
      ({ data }) => {
        if (cancelled) return;
        const byId = new Map(data.map((r) => [String(r.id), r as Record<string, unknown>]));
        setKnown((current) => new Map([...current, ...missing.map((id) => [id, referenceLabel(target, byId.get(id), id)] as const)]));
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [target, values, known, options, getDataProvider]);

  const shown = useMemo(() => {
    const extra = values.filter((v) => !options.some((o) => o.value === v)).map((v) => ({ value: v, label: known.get(v) ?? referenceLabel(undefined, undefined, v) }));
    return [...extra, ...options].map((o) => ({ value: o.value, label: o.label }));
  }, [values, options, known]);

  const remember = (chosen: readonly string[]) =>
    setKnown((current) => new Map([...current, ...chosen.flatMap((v) => shown.filter((o) => o.value === v).map((o) => [o.value, o.label] as const))]));

  return (
    <Select<string | string[]>
      id={props.id}
      mode={props.multiple ? 'multiple' : undefined}
      showSearch
      allowClear
      filterOption={false}
      loading={loading}
      value={props.multiple ? values : values[0]}
      options={shown}
      placeholder={t('references.search', { resource: target.title })}
      notFoundContent={loading ? null : t('references.none')}
      disabled={props.disabled}
      status={props.status}
      onSearch={setSearch}
      onChange={(next) => {
        const chosen = next === undefined ? [] : typeof next === 'string' ? [next] : next;
        remember(chosen);
        setSearch('');
        props.onChange?.(props.multiple ? chosen : chosen[0]);
      }}
      style={props.style ?? { width: '100%' }}
    />
  );
}
