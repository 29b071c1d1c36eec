import { Card, Empty, Space, Spin, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useAdmin } from '../app/admin-context.ts';
import { OrgTreeSelect } from '../org/org-tree-select.tsx';
import { useRosters } from './council-hooks.ts';
import { homeCouncilUnit } from './council-view.ts';
import { ProposalList } from './proposal-list.tsx';
import { RosterCard } from './roster-card.tsx';

const VIEWS = ['bodies', 'proposals'] as const;
type View = (typeof VIEWS)[number];

/**
 * Council procedures (议事协商) at the navigator's unit (or the actor's own, before it narrows): its bodies with their members and the
 * status of each composition rule, and the proposals put there or below, each opening its page.
 * Bodies are constituted at units of their level; elsewhere a picker of those units is offered.
 */
export default function CouncilsPage() {
  const { meta, org, setOrg, t } = useAdmin();
  const [params, setParams] = useSearchParams();
  const view: View = VIEWS.find((v) => v === params.get('view')) ?? 'bodies';
  const unit = org ?? (meta === null ? null : homeCouncilUnit(meta));
  const rosters = useRosters(unit);
  if (meta === null || meta.councils.bodies.length === 0) return <Empty style={{ margin: 64 }} description={t('councils.none')} />;
  const levels = [...new Set(meta.councils.bodies.map((b) => b.level))];

  const picker = (
    <Space direction="vertical" align="center">
      <Typography.Text type="secondary">{t('councils.pickUnit', { levels: levels.map((l) => meta.levels.find((x) => x.id === l)?.title ?? l).join('、') })}</Typography.Text>
      <OrgTreeSelect id="council-unit" value={null} onChange={setOrg} {...(levels.length === 1 && levels[0] !== undefined ? { level: levels[0] } : {})} style={{ width: 280 }} />
    </Space>
  );
  const bodies =
    unit === null ? (
      <Empty description={picker} />
    ) : rosters.isLoading ? (
      <Spin style={{ display: 'block', margin: 32 }} />
    ) : (rosters.data ?? []).length === 0 ? (
      <Empty description={picker} />
    ) : (
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {(rosters.data ?? []).map((roster) => {
          const body = meta.councils.bodies.find((b) => b.id === roster.body);
          return body === undefined ? null : <RosterCard key={roster.body} body={body} roster={roster} />;
        })}
      </Space>
    );

  return (
    <Card title={t('councils.title')}>
      <Tabs
        activeKey={view}
        onChange={(key) => setParams({ view: key })}
        items={[
          { key: 'bodies', label: t('councils.bodies'), children: bodies },
          { key: 'proposals', label: t('councils.proposals'), children: <ProposalList /> },
        ]}
      />
    </Card>
  );
}
