import type { AdminPoints } from '@zhili/schemas';
import type { RJSFSchema } from '@rjsf/utils';
import { App, Button, Descriptions, Space } from 'antd';
import { useState } from 'react';
import { useAdmin } from '../app/admin-context.ts';
import { LedgerTable } from './ledger-table.tsx';
import { PointsFormModal } from './points-form-modal.tsx';

type Exchange = 'earn' | 'spend' | 'donate';

/** The time bank (时间银行): hours of service to the elderly earned as time coins, spent on services received, or donated to another household; and the exchanges recorded. */
export function TimeBankTab({ scheme }: { readonly scheme: AdminPoints }) {
  const { meta, t } = useAdmin();
  const { message } = App.useApp();
  const [exchange, setExchange] = useState<Exchange | null>(null);
  const bank = scheme.timeBank;
  if (bank === null) return null;
  const can = meta?.pointsPermissions[scheme.id]?.timeBank === true;
  const holder = { type: 'string', title: t('points.holder'), 'x-ref': scheme.holder.resource };
  const hours = { type: 'integer', title: t('points.hours'), minimum: 1 };
  const memo = { type: 'string', title: t('points.memo'), maxLength: 500 };
  const schemas: Record<Exchange, RJSFSchema> = {
    earn: { type: 'object', required: ['holder', 'service', 'hours'], properties: { holder, service: { type: 'string', title: t('points.service'), oneOf: bank.services.map((s) => ({ const: s.code, title: s.title })) }, hours: { ...hours, maximum: bank.maxHours }, memo } } as RJSFSchema,
    spend: { type: 'object', required: ['holder', 'hours'], properties: { holder, hours, memo } } as RJSFSchema,
    donate: { type: 'object', required: ['holder', 'to', 'hours'], properties: { holder, to: { ...holder, title: t('points.donateTo') }, hours, memo } } as RJSFSchema,
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('points.coin')}>{t('points.coinRate', { coins: bank.coinsPerHour, coin: bank.coin })}</Descriptions.Item>
        <Descriptions.Item label={t('points.services')}>{bank.services.map((s) => s.title).join('、')}</Descriptions.Item>
        <Descriptions.Item label={t('points.maxHours')}>{bank.maxHours}</Descriptions.Item>
      </Descriptions>
      {can ? (
        <Space>
          {(['earn', 'spend', 'donate'] as const).map((e) => (
            <Button key={e} type={e === 'earn' ? 'primary' : 'default'} onClick={() => setExchange(e)}>
              {t(`points.time.${e}`)}
            </Button>
          ))}
        </Space>
      ) : null}
      <LedgerTable scheme={scheme} kinds={['time-earn', 'time-spend', 'time-donate']} title={t('points.exchanges')} className="zhili-points-exchanges" />
      {exchange !== null ? (
        <PointsFormModal
          title={`${bank.title} · ${t(`points.time.${exchange}`)}`}
          path={`/points/${scheme.id}/time-bank/${exchange}`}
          submitText={t(`points.time.${exchange}`)}
          schema={schemas[exchange]}
          uiSchema={{ holder: { 'ui:widget': 'reference' }, to: { 'ui:widget': 'reference' } }}
          onClose={() => setExchange(null)}
          onDone={() => {
            setExchange(null);
            void message.success(t('points.posted'));
          }}
        />
      ) : null}
    </Space>
  );
}
