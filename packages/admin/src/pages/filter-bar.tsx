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
import type { FilterInput } from '../schema/filters.ts';

/** The schema of a top-level field or a standard field of a resource. */
export function fieldSchema(resource: AdminResource, field: string): MetaFieldSchema {
  return resource.schema.properties?.[field] ?? STANDARD_FIELD_SCHEMAS[field] ?? { type: 'string' };
}

type FilterValues = Record<string, unknown>;

/**
 * The list's filter form, one input per configured filter with its first operator; the values
 * become CrudFilters (what the data provider sends as `filter=`).
 */
export function FilterBar({ resource, formProps }: { readonly resource: AdminResource; readonly formProps: FormProps<FilterValues> }) {
  const { locale, t } = useAdmin();
  return (
    <Form {...formProps} layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
      {resource.list.filters.map((filter) => (
        <Form.Item key={filter.field} name={filter.field} label={filter.title}>
          {inputFor(filterInput(fieldSchema(resource, filter.field), defaultOperator(filter.operators), locale), t)}
        </Form.Item>
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

function inputFor(input: FilterInput, t: (key: string) => string) {
  const wide = { minWidth: 160 };
  switch (input.input) {
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
    const operator: FilterOperator = defaultOperator(filter.operators);
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
