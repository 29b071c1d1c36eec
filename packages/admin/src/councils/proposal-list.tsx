import type { CouncilProposal } from '@zhili/schemas';
import { App, Button, Segmented, Space, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useAdmin } from '../app/admin-context.ts';
import { PagedTable } from '../pages/paged-table.tsx';
import { useProposals } from './council-hooks.ts';
import { COMPLETED_STAGE, mayPropose, proposalsPath, REJECTED_STAGE } from './council-view.ts';
import { ProposeModal } from './propose-modal.tsx';

const PAGE_SIZE = 20;
const ALL = '';

/** The proposals at the navigator's unit and below, newest first, by procedure; the actor may put a new one where a procedure lets it. */
export function ProposalList() {
  const { meta, org, t } = useAdmin();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [procedure, setProcedure] = useState(ALL);
  const [page, setPage] = useState(1);
  const [proposing, setProposing] = useState(false);
  const result = useProposals(proposalsPath({ org, ...(procedure !== ALL ? { procedure } : {}), page, pageSize: PAGE_SIZE }));
  if (meta === null) return null;
  const procedures = meta.councils.procedures;
  const proposable = procedures.filter((p) => mayPropose(meta, p));
  const stageTitle = (p: CouncilProposal) => meta.workflows.find((w) => w.id === p.workflow)?.states.find((s) => s.id === p.stage)?.title ?? p.stage;
  const stageColor = (p: CouncilProposal) => (p.stage === COMPLETED_STAGE ? 'green' : p.stage === REJECTED_STAGE ? 'default' : 'blue');
  const columns: TableColumnsType<CouncilProposal> = [
    { key: 'title', title: t('councils.proposalTitle'), render: (_: unknown, p) => <Link to={`/councils/proposals/${p.id}`}>{p.title}</Link> },
    { key: 'procedure', title: t('councils.procedure'), render: (_: unknown, p) => procedures.find((x) => x.id === p.procedure)?.title ?? p.procedure },
    { key: 'unit', title: t('councils.unit'), dataIndex: 'orgName' },
    { key: 'stage', title: t('councils.stage'), render: (_: unknown, p) => <Tag color={stageColor(p)}>{stageTitle(p)}</Tag> },
    {
      key: 'result',
      title: t('councils.result'),
      render: (_: unknown, p) => (p.result === null ? null : <Tag color={p.result === 'adopted' ? 'green' : 'red'}>{t(`councils.result.${p.result}`)}</Tag>),
    },
    { key: 'proposedAt', title: t('councils.proposedAt'), render: (_: unknown, p) => dayjs(p.proposedAt).format('YYYY-MM-DD HH:mm') },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        {procedures.length > 1 ? (
          <Segmented
            value={procedure}
            options={[{ value: ALL, label: t('councils.allProcedures') }, ...procedures.map((p) => ({ value: p.id, label: p.title }))]}
            onChange={(next) => {
              setProcedure(String(next));
              setPage(1);
            }}
          />
        ) : (
          <span />
        )}
        <Space>
          <a href={`/public/councils/resolutions${org === null ? '' : `?org=${encodeURIComponent(org)}`}`} target="_blank" rel="noreferrer">
            {t('councils.noticeBoard')}
          </a>
          {proposable.length > 0 ? (
            <Button type="primary" onClick={() => setProposing(true)}>
              {t('councils.propose')}
            </Button>
          ) : null}
        </Space>
      </Space>
      <PagedTable<CouncilProposal>
        className="zhili-proposals"
        rowKey="id"
        size="middle"
        columns={columns}
        rows={result.data?.data ?? []}
        total={result.data?.total ?? 0}
        loading={result.isLoading}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        emptyText={t('councils.noProposals')}
      />
      {proposing ? (
        <ProposeModal
          procedures={proposable}
          onClose={() => setProposing(false)}
          onProposed={(proposal) => {
            setProposing(false);
            void message.success(t('councils.proposed'));
            navigate(`/councils/proposals/${proposal.id}`);
          }}
        />
      ) : null}
    </Space>
  );
}
