import { Show } from '@refinedev/antd';
import { useQuery } from '@tanstack/react-query';
import type { AdminChecklist } from '@zhili/schemas';
import { Alert, Button, Descriptions, Empty, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { useAdmin } from '../app/admin-context.ts';
import { requestJson } from '../providers/http.ts';
import { EMPTY_CELL, formatDateTime } from '../schema/columns.ts';
import { AdmissionRequests } from './admission-requests.tsx';
import { checklistKey } from './checklist-hooks.ts';
import { ClaimsPanel } from './claims-panel.tsx';
import type { ChecklistSummary, ChecklistVersion, VersionSummary } from './checklist-types.ts';
import { DraftPanel } from './draft-panel.tsx';
import { ExportExcelButton } from './excel-buttons.tsx';
import { ItemsTable } from './items-table.tsx';

/**
 * One checklist: the items of the version in force, the draft (for those who may edit it: add,
 * edit, reorder and retire items, see what changed, publish), the version history, and — when
 * the checklist has admission control — its admission requests; when its items are claimed, who
 * claimed them where.
 */
export default function ChecklistPage() {
  const { id = '' } = useParams();
  const { meta, t } = useAdmin();
  const checklist = meta?.checklists.find((c) => c.id === id);
  if (checklist === undefined) return <Empty style={{ margin: 64 }} description={t('checklists.notFound')} />;
  return <ChecklistView key={id} checklist={checklist} />;
}

function ChecklistView({ checklist }: { readonly checklist: AdminChecklist }) {
  const { client, meta, locale, t } = useAdmin();
  const base = `/checklists/${encodeURIComponent(checklist.id)}`;
  const permissions = meta?.checklistPermissions[checklist.id];
  const summary = useQuery({
    queryKey: [...checklistKey(checklist.id), 'summary', locale],
    queryFn: async () => (await requestJson(client, { method: 'GET', path: base })) as ChecklistSummary,
  });
  const current = useQuery({
    queryKey: [...checklistKey(checklist.id), 'current', locale],
    queryFn: async () => (await requestJson(client, { method: 'GET', path: `${base}/versions/current` })) as ChecklistVersion,
    enabled: summary.data?.inForce != null,
  });
  const [tab, setTab] = useState('current');
  const inForce = current.data;
  const levelTitle = meta?.levels.find((l) => l.id === checklist.owner)?.title ?? checklist.owner;

  const tabs = [
    {
      key: 'current',
      label: t('checklists.currentTab'),
      children: (
        <>
          {inForce === undefined ? null : (
            <Descriptions
              size="small"
              column={{ xs: 1, md: 3 }}
              style={{ marginBottom: 16 }}
              extra={<ExportExcelButton checklist={checklist} version="current" />}
            >
              <Descriptions.Item label={t('checklists.version')}>{t('checklists.versionNumber', { version: inForce.version })}</Descriptions.Item>
              <Descriptions.Item label={t('checklists.effectiveFrom')}>{inForce.effectiveFrom ?? EMPTY_CELL}</Descriptions.Item>
              <Descriptions.Item label={t('checklists.note')}>{inForce.note ?? EMPTY_CELL}</Descriptions.Item>
            </Descriptions>
          )}
          <ItemsTable checklist={checklist} items={(inForce?.items ?? []).filter((item) => item.status === 'active')} loading={current.isFetching} />
        </>
      ),
    },
    ...(permissions?.readDrafts === true
      ? [
          {
            key: 'draft',
            label: summary.data?.draft == null ? t('checklists.draftTab') : <Space size={4}>{t('checklists.draftTab')}<Tag color="gold">{t('checklists.draftExists')}</Tag></Space>,
            children: <DraftPanel checklist={checklist} summary={summary.data} permissions={permissions} onPublished={() => setTab('versions')} />,
          },
        ]
      : []),
    { key: 'versions', label: t('checklists.versionsTab'), children: <VersionHistory checklist={checklist} /> },
    ...(checklist.admission !== null && permissions !== undefined && (permissions.submitRequests || permissions.decideRequests || permissions.readDrafts)
      ? [{ key: 'requests', label: t('admission.title'), children: <AdmissionRequests checklist={checklist} permissions={permissions} /> }]
      : []),
    ...(checklist.claiming !== null && permissions?.readClaims === true
      ? [{ key: 'claims', label: t('claims.title'), children: <ClaimsPanel checklist={checklist} permissions={permissions} /> }]
      : []),
  ];

  return (
    <Show
      title={checklist.title}
      isLoading={summary.isLoading}
      headerButtons={() =>
        checklist.public ? (
          <Button href={`/public/checklists/${encodeURIComponent(checklist.id)}`} target="_blank">
            {t('checklists.publicPage')}
          </Button>
        ) : null
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {checklist.kindTitle} · {t('checklists.ownedBy', { level: levelTitle })}
        </Typography.Paragraph>
        {checklist.description === null ? null : <Typography.Paragraph>{checklist.description}</Typography.Paragraph>}
        {summary.error === null ? null : <Alert type="error" showIcon message={summary.error.message} />}
        <Tabs activeKey={tab} onChange={setTab} items={tabs} />
      </Space>
    </Show>
  );
}

/** The versions of the checklist, newest first: the draft, then the published ones with their effective dates. */
function VersionHistory({ checklist }: { readonly checklist: AdminChecklist }) {
  const { client, locale, t } = useAdmin();
  const path = `/checklists/${encodeURIComponent(checklist.id)}/versions`;
  const versions = useQuery({
    queryKey: [...checklistKey(checklist.id), 'versions', locale],
    queryFn: async () => ((await requestJson(client, { method: 'GET', path })) as { data: VersionSummary[] }).data,
  });
  const columns: TableColumnsType<VersionSummary> = [
    { key: 'version', title: t('checklists.version'), render: (_: unknown, row) => t('checklists.versionNumber', { version: row.version }) },
    {
      key: 'status',
      title: t('checklists.status'),
      render: (_: unknown, row) =>
        row.status === 'draft' ? (
          <Tag color="gold">{t('checklists.draftExists')}</Tag>
        ) : row.inForce ? (
          <Tag color="green">{t('checklists.inForceNow')}</Tag>
        ) : isFuture(row, versions.data) ? (
          <Tag color="blue">{t('checklists.scheduled')}</Tag>
        ) : (
          <Tag>{t('checklists.superseded')}</Tag>
        ),
    },
    { key: 'effectiveFrom', title: t('checklists.effectiveFrom'), render: (_: unknown, row) => row.effectiveFrom ?? EMPTY_CELL },
    { key: 'activeItems', title: t('checklists.activeItems'), dataIndex: 'activeItems' },
    { key: 'retiredItems', title: t('checklists.retiredItems'), dataIndex: 'retiredItems' },
    { key: 'publishedAt', title: t('checklists.publishedAt'), render: (_: unknown, row) => (row.publishedAt === null ? EMPTY_CELL : formatDateTime(row.publishedAt)) },
    { key: 'note', title: t('checklists.note'), render: (_: unknown, row) => row.note ?? EMPTY_CELL },
  ];
  return (
    <Table<VersionSummary>
      rowKey="version"
      size="middle"
      loading={versions.isFetching}
      columns={columns}
      dataSource={versions.data}
      pagination={false}
      scroll={{ x: 'max-content' }}
    />
  );
}

/** A published version newer than the one in force: it comes into force on its date. */
function isFuture(row: VersionSummary, all: readonly VersionSummary[] | undefined): boolean {
  const inForce = all?.find((v) => v.inForce);
  return inForce === undefined || row.version > inForce.version;
}
