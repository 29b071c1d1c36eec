import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import type { AdminCouncilBody, CouncilMember, CouncilRoster } from '@zhili/schemas';
import { Button, Card, Descriptions, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useAdmin } from '../app/admin-context.ts';
import { EMPTY_CELL } from '../schema/columns.ts';
import { ruleStatus } from './council-view.ts';
import type { RuleStatus } from './council-view.ts';
import { RosterModal } from './roster-modal.tsx';

/**
 * A body at a unit: how it is chosen and its term, each composition rule with what the roster has
 * and whether it holds (the engine's check), and the members. A user who manages rosters edits it.
 */
export function RosterCard({ body, roster }: { readonly body: AdminCouncilBody; readonly roster: CouncilRoster }) {
  const { meta, t } = useAdmin();
  const [editing, setEditing] = useState(false);
  const rules = ruleStatus(body, roster, t);
  const assembly = body.size.min === 0;
  const position = (id: string) => body.roles.find((r) => r.id === id)?.title ?? id;
  const ruleColumns: TableColumnsType<RuleStatus> = [
    { key: 'title', title: t('councils.rule'), dataIndex: 'title' },
    { key: 'found', title: t('councils.found'), dataIndex: 'found', width: 120 },
    {
      key: 'ok',
      title: t('councils.status'),
      render: (_: unknown, rule) =>
        rule.ok ? (
          <Typography.Text type="success">
            <CheckCircleFilled /> {t('councils.ruleMet')}
          </Typography.Text>
        ) : (
          <Typography.Text type="danger">
            <CloseCircleFilled /> {rule.message}
          </Typography.Text>
        ),
    },
  ];
  const memberColumns: TableColumnsType<CouncilMember> = [
    { key: 'name', title: t('councils.member'), dataIndex: 'name' },
    { key: 'gender', title: t('councils.gender'), render: (_: unknown, m) => t(`councils.gender.${m.gender}`) },
    { key: 'party', title: t('councils.partyMember'), render: (_: unknown, m) => (m.partyMember ? <Tag color="red">{t('councils.partyMember')}</Tag> : EMPTY_CELL) },
    { key: 'position', title: t('councils.position'), render: (_: unknown, m) => position(m.position) },
    ...(body.selection.method === 'per-building' ? [{ key: 'building', title: t('councils.building'), render: (_: unknown, m: CouncilMember) => m.building ?? EMPTY_CELL }] : []),
  ];
  const valid = roster.violations.length === 0;

  return (
    <Card
      title={
        <span>
          {body.title} <Tag color={valid ? 'green' : 'red'}>{valid ? t('councils.constituted') : t('councils.notConstituted')}</Tag>
        </span>
      }
      extra={
        meta?.councils.permissions.manageRosters && !assembly ? (
          <Button onClick={() => setEditing(true)}>{t('councils.editRoster')}</Button>
        ) : null
      }
      data-testid={`roster-${body.id}`}
    >
      {body.description !== null ? <Typography.Paragraph type="secondary">{body.description}</Typography.Paragraph> : null}
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('councils.unit')}>{roster.orgName}</Descriptions.Item>
        <Descriptions.Item label={t('councils.selection')}>{body.selection.methodTitle}</Descriptions.Item>
        <Descriptions.Item label={t('councils.term')}>{roster.termStart === null ? EMPTY_CELL : `${roster.termStart} ~ ${roster.termEnd ?? ''}`}</Descriptions.Item>
        {body.eligibility !== null ? <Descriptions.Item label={t('councils.eligibility')}>{body.eligibility}</Descriptions.Item> : null}
      </Descriptions>
      {assembly ? (
        <Typography.Paragraph type="secondary">{t('councils.assembly')}</Typography.Paragraph>
      ) : (
        <>
          <Table<RuleStatus> className="zhili-council-rules" rowKey="rule" size="small" pagination={false} columns={ruleColumns} dataSource={rules} style={{ marginBottom: 16 }} />
          <Table<CouncilMember> className="zhili-council-members" rowKey="id" size="small" pagination={false} columns={memberColumns} dataSource={[...roster.members]} locale={{ emptyText: t('councils.noMembers') }} />
        </>
      )}
      {editing ? <RosterModal body={body} roster={roster} onClose={() => setEditing(false)} /> : null}
    </Card>
  );
}
