import type { CrudFilters } from '@refinedev/core';
import type { FilterOperator } from '@zhili/schemas';
import { Button, DatePicker, Form, Input, InputNumber, Select, Space } from 'antd';
import type { FormProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { useAdmin } from '../app/admin-context.ts';
import type { AdminResource } from '@zhili/schemas';
import { STANDARD_FIELD_SCHEMAS } from '../schema/field-kind.ts';
import type { MetaFieldSchema } from '@zhili/schemas';
import { defaultOperator, filterInput } from '../schema/filters.ts';
import { readableTarget } from '../references/reference-labels.ts';
import { ReferenceSelect } from '../references/reference-select.tsx';
import type { FilterInput } from '../schema/filters.ts';

/** The schema of a top-level field or a standard field of a resource. */
export function fieldSchema(resource: AdminResource, field: string): MetaFieldSchema {
  return resource.schema.properties?.[field] ?? STANDARD_FIELD_SCHEMAS[field] ?? { type: 'string' };
}

type FilterValues = Record<string, unknown>;

/** Where the form keeps the operator chosen for each filter: `values[OPERATORS_KEY][field]`. */
const OPERATORS_KEY = '$op';

/**
 * The list's filter form: one input per configured filter, with a choice of operator when the list
 * config allows more than one (the input follows the operator: a range for 介于, several values for
 * 属于 …); the values become CrudFilters (what the data provider sends as `filter=`).
 */
export function FilterBar({ resource, formProps }: { readonly resource: AdminResource; readonly formProps: FormProps<FilterValues> }) {
  const { t } = useAdmin();
  return (
    <Form {...formProps} layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
      {resource.list.filters.map((filter) => (
        <FilterItem key={filter.field} resource={resource} filter={filter} />
      ))}
      <Space>
        <Button type="primary" htmlType="submit">
          {t('buttons.filter')}
        </Button>
        <Button
          onClick={() => {
            formProps.form?.resetFields();
            formProps.form?.submit();
          }}
        >
          {t('buttons.clear')}
        </Button>
      </Space>
    </Form>
  );
}

type ListFilter = AdminResource['list']['filters'][number];

function FilterItem({ resource, filter }: { readonly resource: AdminResource; readonly filter: ListFilter }) {
  const { locale, meta, t } = useAdmin();
  const form = Form.useFormInstance<FilterValues>();
  const chosen = Form.useWatch<FilterOperator | undefined>([OPERATORS_KEY, filter.field], form);
  const operator = chosen ?? defaultOperator(filter.operators);
  const input = inputFor(filterInput(fieldSchema(resource, filter.field), operator, locale), t, (target) => readableTarget(meta, target));
  if (filter.operators.length < 2) {
    return (
      <Form.Item name={filter.field} label={filter.title}>
        {input}
      </Form.Item>
    );
  }
  return (
    <Form.Item label={filter.title} htmlFor={filter.field}>
      <Space.Compact>
        <Form.Item name={[OPERATORS_KEY, filter.field]} noStyle initialValue={defaultOperator(filter.operators)}>
          <Select
            aria-label={t('table.operator')}
            popupMatchSelectWidth={false}
            style={{ width: 96 }}
            options={filter.operators.map((op) => ({ value: op, label: t(`operators.${op}`) }))}
            onChange={() => form.setFieldValue(filter.field, undefined)}
          />
        </Form.Item>
        <Form.Item name={filter.field} noStyle>
          {input}
        </Form.Item>
      </Space.Compact>
    </Form.Item>
  );
}

function inputFor(input: FilterInput, t: (key: string) => string, readable: (target: string) => AdminResource | undefined) {
  const wide = { minWidth: 160 };
  switch (input.input) {
    case 'reference': {
      const target = readable(input.target);
      return target === undefined ? <Input allowClear /> : <ReferenceSelect target={target} multiple={input.multiple} style={{ minWidth: 200 }} />;
    }
    case 'select':
      return <Select allowClear style={wide} mode={input.multiple ? 'multiple' : undefined} options={input.options.map((o) => ({ value: o.value, label: o.label }))} />;
    case 'present':
      return <Select allowClear style={wide} options={[{ value: 'nnull', label: t('table.present') }, { value: 'null', label: t('table.absent') }]} />;
    case 'number':
      return <InputNumber />;
    case 'number-range':
      return <NumberRange />;
    case 'date':
      return <DatePicker />;
    case 'date-range':
      return <DatePicker.RangePicker />;
    case 'text':
      return <Input allowClear />;
  }
}

/** Two number inputs whose value is `[from, to]`. */
function NumberRange({ value, onChange }: { readonly value?: readonly (number | null)[]; readonly onChange?: (value: (number | null)[]) => void }) {
  return (
    <Space.Compact>
      <InputNumber value={value?.[0] ?? null} onChange={(v) => onChange?.([v, value?.[1] ?? null])} />
      <InputNumber value={value?.[1] ?? null} onChange={(v) => onChange?.([value?.[0] ?? null, v])} />
    </Space.Compact>
  );
}

/** The CrudFilters of the filter form's values, one condition per filled-in input. */
export function toCrudFilters(resource: AdminResource, values: FilterValues): CrudFilters {
  const filters: CrudFilters = [];
  for (const filter of resource.list.filters) {
    const operator = chosenOperator(values, filter);
    const raw = values[filter.field];
    if (raw === undefined || raw === null || raw === '') continue;
    if (operator === 'null' || operator === 'nnull') {
      filters.push({ field: filter.field, operator: raw === 'null' ? 'null' : 'nnull', value: true });
      continue;
    }
    filters.push({ field: filter.field, operator, value: plain(raw, fieldSchema(resource, filter.field)) });
  }
  return filters;
}

/** The operator chosen for a filter in the form, when the list config allows it; else its first. */
function chosenOperator(values: FilterValues, filter: ListFilter): FilterOperator {
  const chosen = values[OPERATORS_KEY];
  const op = typeof chosen === 'object' && chosen !== null ? (chosen as Record<string, unknown>)[filter.field] : undefined;
  return filter.operators.find((allowed) => allowed === op) ?? defaultOperator(filter.operators);
}

function plain(value: unknown, schema: MetaFieldSchema): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => plain(v, schema));
    return items.every((v) => v === null || v === undefined) ? undefined : items;
  }
  if (isDayjs(value)) return schema.format === 'date' ? value.format('YYYY-MM-DD') : value.toISOString();
  return value;
}

function isDayjs(value: unknown): value is Dayjs {
  return typeof value === 'object' && value !== null && 'isValid' in value && 'format' in value;
}
