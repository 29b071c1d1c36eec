import type { AdminPoints, PointsClaim, PointsClaimStatus, PointsPage } from '@zhili/schemas';
import type { RJSFSchema } from '@rjsf/utils';
import { App, Button, Segmented, Space, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useAdmin } from '../app/admin-context.ts';
import { PagedTable } from '../pages/paged-table.tsx';
import { useHolderNames } from './holder-names.ts';
import { PointsFormModal } from './points-form-modal.tsx';
import { usePointsQuery } from './points-hooks.ts';
import { ruleQuantitySchema } from './points-view.ts';

const PAGE_SIZE = 20;
const STATUS_COLOR: Record<PointsClaimStatus, string> = { pending: 'blue', approved: 'green', rejected: 'red' };

/**
 * The claims (积分申报) of the scheme: the review queue of pending ones by default, each approved or
 * rejected with a comment by a reviewer of its rule; and a new claim for a household, by a role that may claim.
 */
export function ClaimsTab({ scheme }: { readonly scheme: AdminPoints }) {
  const { meta, t } = useAdmin();
  const { message } = App.useApp();
  const can = meta?.pointsPermissions[scheme.id];
  const [status, setStatus] = useState<PointsClaimStatus>('pending');
  const [page, setPage] = useState(1);
  const [claiming, setClaiming] = useState(false);
  const [deciding, setDeciding] = useState<{ claim: PointsClaim; approve: boolean } | null>(null);
  const result = usePointsQuery<PointsPage<PointsClaim>>(`/points/${scheme.id}/claims?status=${status}&page=${page}&pageSize=${PAGE_SIZE}`);
  const claims = result.data?.data ?? [];
  const names = useHolderNames(scheme, claims);
  const rule = (code: string) => scheme.rules.find((r) => r.code === code);
  const claimable = scheme.rules.filter((r) => can?.claim.includes(r.code) === true);
  const picker = ruleQuantitySchema(claimable, scheme.unit, t);
  const columns: TableColumnsType<PointsClaim> = [
    { key: 'holder', title: t('points.holder'), render: (_: unknown, c) => names.holder(c.holder) },
    { key: 'rule', title: t('points.rule'), render: (_: unknown, c) => `${c.rule} ${rule(c.rule)?.title ?? ''}` },
    { key: 'quantity', title: t('points.quantity'), dataIndex: 'quantity', align: 'right' },
    { key: 'memo', title: t('points.memo'), render: (_: unknown, c) => c.memo ?? '' },
    { key: 'claimedBy', title: t('points.claimedBy'), render: (_: unknown, c) => `${c.claimedBy.name} · ${dayjs(c.claimedAt).format('MM-DD HH:mm')}` },
    { key: 'status', title: t('points.status'), render: (_: unknown, c) => <Tag color={STATUS_COLOR[c.status]}>{t(`points.claimStatus.${c.status}`)}</Tag> },
    {
      key: 'actions',
      title: t('points.decision'),
      render: (_: unknown, c) =>
        c.status === 'pending' && can?.review.includes(c.rule) === true ? (
          <Space>
            <Button size="small" type="primary" onClick={() => setDeciding({ claim: c, approve: true })}>
              {t('points.approve')}
            </Button>
            <Button size="small" danger onClick={() => setDeciding({ claim: c, approve: false })}>
              {t('points.reject')}
            </Button>
          </Space>
        ) : (
          (c.comment ?? '')
        ),
    },
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Segmented<PointsClaimStatus>
          value={status}
          onChange={(next) => {
            setStatus(next);
            setPage(1);
          }}
          options={(['pending', 'approved', 'rejected'] as const).map((s) => ({ value: s, label: t(`points.claimStatus.${s}`) }))}
        />
        {claimable.length > 0 ? (
          <Button type="primary" onClick={() => setClaiming(true)}>
            {t('points.fileClaim')}
          </Button>
        ) : null}
      </Space>
      <PagedTable<PointsClaim>
        className="zhili-points-claims"
        rowKey="id"
        size="middle"
        columns={columns}
        rows={claims}
        total={result.data?.total ?? 0}
        loading={result.isLoading}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        emptyText={t('points.noClaims')}
      />
      {claiming ? (
        <PointsFormModal
          title={t('points.fileClaim')}
          path={`/points/${scheme.id}/claims`}
          submitText={t('points.fileClaim')}
          schema={
            {
              type: 'object',
              required: ['holder', 'rule'],
              properties: {
                holder: { type: 'string', title: t('points.holder'), 'x-ref': scheme.holder.resource },
                ...picker.properties,
                memo: { type: 'string', title: t('points.memo'), maxLength: 500 },
              },
              allOf: picker.allOf,
            } as RJSFSchema
          }
          uiSchema={{ holder: { 'ui:widget': 'reference' }, memo: { 'ui:widget': 'textarea', 'ui:options': { rows: 2 } } }}
          onClose={() => setClaiming(false)}
          onDone={() => {
            setClaiming(false);
            setStatus('pending');
            void message.success(t('points.claimFiled'));
          }}
        />
      ) : null}
      {deciding !== null ? (
        <PointsFormModal
          title={`${deciding.approve ? t('points.approve') : t('points.reject')} · ${names.holder(deciding.claim.holder)} · ${rule(deciding.claim.rule)?.title ?? deciding.claim.rule}`}
          path={`/points/${scheme.id}/claims/${deciding.claim.id}/decision`}
          submitText={deciding.approve ? t('points.approve') : t('points.reject')}
          schema={{ type: 'object', properties: { comment: { type: 'string', title: t('points.comment'), maxLength: 500 } } } as RJSFSchema}
          uiSchema={{ comment: { 'ui:widget': 'textarea', 'ui:options': { rows: 2 } } }}
          body={(data: { comment?: string }) => ({ approve: deciding.approve, version: deciding.claim.version, ...(data.comment ? { comment: data.comment } : {}) })}
          onClose={() => setDeciding(null)}
          onDone={() => {
            setDeciding(null);
            void message.success(t('points.decided'));
          }}
        />
      ) : null}
    </Space>
  );
}
