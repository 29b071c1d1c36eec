import type { PointsAccount, PointsPage, PointsPosting } from '@zhili/schemas';
import type { RJSFSchema } from '@rjsf/utils';
import { App, Breadcrumb, Button, Card, Empty, Result, Space, Spin, Statistic, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useAdmin } from '../app/admin-context.ts';
import { PagedTable } from '../pages/paged-table.tsx';
import { useHolderNames } from './holder-names.ts';
import { PointsFormModal } from './points-form-modal.tsx';
import { usePointsQuery } from './points-hooks.ts';
import { holderAmount, postingTitle, reversible, ruleQuantitySchema } from './points-view.ts';

const PAGE_SIZE = 20;

/**
 * A household's account (积分账户): its balance and time coins, and its postings newest first with
 * what each was for, the amount, who posted it and the memo. Staff post a rule of the lists to it
 * (记分), and a posting is reversed by a compensating one with a reason (冲正), never edited.
 */
export default function AccountPage() {
  const { scheme: schemeId = '', holder = '' } = useParams();
  const { meta, t } = useAdmin();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [posting, setPosting] = useState(false);
  const [reversing, setReversing] = useState<PointsPosting | null>(null);
  const scheme = meta?.points.find((s) => s.id === schemeId);
  const account = usePointsQuery<PointsAccount>(`/points/${schemeId}/accounts/${holder}`, scheme !== undefined);
  const postings = usePointsQuery<PointsPage<PointsPosting>>(`/points/${schemeId}/accounts/${holder}/postings?page=${page}&pageSize=${PAGE_SIZE}`, scheme !== undefined);
  const names = useHolderNames(scheme, account.data === undefined ? [] : [account.data]);
  if (scheme === undefined || meta === null) return <Empty style={{ margin: 64 }} description={t('points.none')} />;
  if (account.isLoading) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  if (account.isError || account.data === undefined) return <Result status="404" title={account.error?.message ?? t('points.noAccounts')} />;
  const can = meta.pointsPermissions[scheme.id];
  const postable = scheme.rules.filter((r) => can?.post.includes(r.code) === true);
  const picker = ruleQuantitySchema(postable, scheme.unit, t);
  const rows = postings.data?.data ?? [];
  const reversed = new Set(rows.map((p) => p.reverses).filter((id): id is string => id !== null));
  const columns: TableColumnsType<PointsPosting> = [
    { key: 'at', title: t('points.at'), render: (_: unknown, p) => dayjs(p.at).format('YYYY-MM-DD HH:mm') },
    { key: 'what', title: t('points.what'), render: (_: unknown, p) => postingTitle(p, scheme, t) },
    {
      key: 'amount',
      title: t('points.amount'),
      align: 'right',
      render: (_: unknown, p) => {
        const amount = holderAmount(p, holder);
        const text = `${amount > 0 ? '+' : ''}${amount}${p.currency === 'time' ? ` ${scheme.timeBank?.coin ?? ''}` : ''}`;
        return <Typography.Text type={amount < 0 ? 'danger' : 'success'}>{text}</Typography.Text>;
      },
    },
    { key: 'memo', title: t('points.memo'), render: (_: unknown, p) => p.memo ?? '' },
    { key: 'actor', title: t('points.postedBy'), render: (_: unknown, p) => p.actor.name },
    {
      key: 'reverse',
      title: '',
      render: (_: unknown, p) =>
        reversed.has(p.id) ? (
          <Tag>{t('points.reversed')}</Tag>
        ) : can?.reverse && reversible(p, reversed) ? (
          <Button size="small" onClick={() => setReversing(p)}>
            {t('points.reverse')}
          </Button>
        ) : null,
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb items={[{ key: 'points', title: <Link to={`/points?scheme=${scheme.id}`}>{scheme.title}</Link> }, { key: 'holder', title: names.holder(holder) }]} />
      <Card
        title={names.holder(holder)}
        extra={
          postable.length > 0 ? (
            <Button type="primary" onClick={() => setPosting(true)}>
              {t('points.post')}
            </Button>
          ) : null
        }
      >
        <Space size="large">
          <Statistic className="zhili-points-balance" title={t('points.balance', { unit: scheme.unit })} value={account.data.balance} />
          {scheme.timeBank !== null ? <Statistic title={scheme.timeBank.coin} value={account.data.timeBalance} /> : null}
          {account.data.building !== null ? <Statistic title={t('points.building')} value={names.building(account.data.building)} /> : null}
        </Space>
      </Card>
      <Card title={t('points.postings')} size="small">
        <PagedTable<PointsPosting>
          className="zhili-points-postings"
          rowKey="id"
          size="small"
          columns={columns}
          rows={rows}
          total={postings.data?.total ?? 0}
          loading={postings.isLoading}
          page={page}
          pageSize={PAGE_SIZE}
          onPage={setPage}
          emptyText={t('points.noPostings')}
        />
      </Card>
      {posting ? (
        <PointsFormModal
          title={`${t('points.post')} · ${names.holder(holder)}`}
          path={`/points/${scheme.id}/awards`}
          submitText={t('points.post')}
          schema={
            {
              type: 'object',
              required: ['rule'],
              properties: {
                ...picker.properties,
                memo: { type: 'string', title: t('points.memo'), maxLength: 500 },
              },
              allOf: picker.allOf,
            } as RJSFSchema
          }
          body={(data: Record<string, unknown>) => ({ ...data, holder })}
          onClose={() => setPosting(false)}
          onDone={() => {
            setPosting(false);
            void message.success(t('points.posted'));
          }}
        />
      ) : null}
      {reversing !== null ? (
        <PointsFormModal
          title={`${t('points.reverse')} · ${postingTitle(reversing, scheme, t)}`}
          intro={t('points.reverseIntro')}
          path={`/points/${scheme.id}/postings/${reversing.id}/reversal`}
          submitText={t('points.reverse')}
          schema={{ type: 'object', required: ['reason'], properties: { reason: { type: 'string', title: t('points.reason'), minLength: 1, maxLength: 500 } } } as RJSFSchema}
          uiSchema={{ reason: { 'ui:widget': 'textarea', 'ui:options': { rows: 2 } } }}
          onClose={() => setReversing(null)}
          onDone={() => {
            setReversing(null);
            void message.success(t('points.posted'));
          }}
        />
      ) : null}
    </Space>
  );
}
