import type { AdminPoints, PointsItemStock } from '@zhili/schemas';
import type { RJSFSchema } from '@rjsf/utils';
import { App, Button, Space, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useAdmin } from '../app/admin-context.ts';
import { LedgerTable } from './ledger-table.tsx';
import { PointsFormModal } from './points-form-modal.tsx';
import { usePointsQuery } from './points-hooks.ts';
import { capsText } from './points-view.ts';

type Item = NonNullable<AdminPoints['redemption']>['items'][number];

/** The redemption shop (兑换铺): each item with its cost, stock now and limit per household; redeeming for a household, restocking; and the orders (兑换记录). */
export function ShopTab({ scheme }: { readonly scheme: AdminPoints }) {
  const { meta, t } = useAdmin();
  const { message } = App.useApp();
  const can = meta?.pointsPermissions[scheme.id];
  const stock = usePointsQuery<{ data: PointsItemStock[] }>(`/points/${scheme.id}/items`);
  const [redeeming, setRedeeming] = useState<Item | null>(null);
  const [restocking, setRestocking] = useState<Item | null>(null);
  const inStock = (code: string) => stock.data?.data.find((s) => s.code === code)?.inStock ?? null;
  const shop = scheme.redemption;
  if (shop === null) return null;
  const columns: TableColumnsType<Item> = [
    { key: 'title', title: t('points.item'), render: (_: unknown, i) => <span>{i.title} {i.illustrative ? <Tag>{t('points.illustrative')}</Tag> : null}</span> },
    { key: 'cost', title: t('points.cost', { unit: scheme.unit }), dataIndex: 'cost', align: 'right' },
    { key: 'stock', title: t('points.inStock'), align: 'right', render: (_: unknown, i) => (i.stocked ? (inStock(i.code) ?? '') : t('points.unlimited')) },
    { key: 'limit', title: t('points.limit'), render: (_: unknown, i) => (i.limit === null ? '' : capsText([i.limit], t)) },
    {
      key: 'actions',
      title: '',
      render: (_: unknown, i) =>
        can?.redeem ? (
          <Space>
            <Button size="small" type="primary" disabled={i.stocked && inStock(i.code) === 0} onClick={() => setRedeeming(i)}>
              {t('points.redeem')}
            </Button>
            {i.stocked ? (
              <Button size="small" onClick={() => setRestocking(i)}>
                {t('points.restock')}
              </Button>
            ) : null}
          </Space>
        ) : null,
    },
  ];
  return (
    <>
      <Table<Item> className="zhili-points-shop" rowKey="code" size="middle" loading={stock.isLoading} columns={columns} dataSource={[...shop.items]} pagination={false} />
      <LedgerTable scheme={scheme} kinds={['redeem']} title={t('points.orders')} className="zhili-points-orders" />
      {redeeming !== null ? (
        <PointsFormModal
          title={`${t('points.redeem')} · ${redeeming.title}`}
          intro={t('points.redeemIntro', { cost: redeeming.cost, unit: scheme.unit })}
          path={`/points/${scheme.id}/redemptions`}
          submitText={t('points.redeem')}
          schema={
            {
              type: 'object',
              required: ['holder', 'quantity'],
              properties: {
                holder: { type: 'string', title: t('points.holder'), 'x-ref': scheme.holder.resource },
                quantity: { type: 'integer', title: t('points.quantity'), minimum: 1, default: 1 },
                memo: { type: 'string', title: t('points.memo'), maxLength: 500 },
              },
            } as RJSFSchema
          }
          uiSchema={{ holder: { 'ui:widget': 'reference' } }}
          body={(data: Record<string, unknown>) => ({ ...data, item: redeeming.code })}
          onClose={() => setRedeeming(null)}
          onDone={() => {
            setRedeeming(null);
            void message.success(t('points.redeemed'));
          }}
        />
      ) : null}
      {restocking !== null ? (
        <PointsFormModal
          title={`${t('points.restock')} · ${restocking.title}`}
          path={`/points/${scheme.id}/items/${encodeURIComponent(restocking.code)}/restock`}
          submitText={t('points.restock')}
          schema={{ type: 'object', required: ['quantity'], properties: { quantity: { type: 'integer', title: t('points.quantity'), minimum: 1 } } } as RJSFSchema}
          onClose={() => setRestocking(null)}
          onDone={() => setRestocking(null)}
        />
      ) : null}
    </>
  );
}
