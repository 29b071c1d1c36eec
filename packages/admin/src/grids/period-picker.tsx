import { DatePicker, Segmented, Space } from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import { useAdmin } from '../app/admin-context.ts';
import { parsePeriod } from './grid-view.ts';
import type { PeriodKind } from './grid-view.ts';

type Period = ReturnType<typeof parsePeriod>;

/** The compliance period of the page, kept in `?period=` (so a link keeps it): this month by default. */
export function usePeriodParam(): readonly [Period, string] {
  const [params] = useSearchParams();
  const period = parsePeriod(params.get('period'), new Date());
  return [period, period.value] as const;
}

/** Chooses the period: a year or a month. */
export function PeriodPicker({ period }: { readonly period: Period }) {
  const { t } = useAdmin();
  const [params, setParams] = useSearchParams();
  const set = (value: string) => {
    const next = new URLSearchParams(params);
    next.set('period', value);
    setParams(next);
  };
  const format = (kind: PeriodKind) => (kind === 'year' ? 'YYYY' : 'YYYY-MM');
  return (
    <Space wrap>
      <Segmented<PeriodKind>
        value={period.kind}
        onChange={(kind) => set(dayjs(period.value).format(format(kind)))}
        options={[
          { value: 'month', label: t('grids.month') },
          { value: 'year', label: t('grids.year') },
        ]}
      />
      <DatePicker
        id="grid-period"
        picker={period.kind}
        allowClear={false}
        value={dayjs(period.kind === 'year' ? `${period.value}-01-01` : `${period.value}-01`)}
        format={format(period.kind)}
        onChange={(value) => {
          if (value !== null) set(value.format(format(period.kind)));
        }}
      />
    </Space>
  );
}
