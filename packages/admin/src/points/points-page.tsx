import { Card, Empty, Segmented, Space, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useAdmin } from '../app/admin-context.ts';
import { AccountsTab } from './accounts-tab.tsx';
import { BuildingsTab } from './buildings-tab.tsx';
import { ClaimsTab } from './claims-tab.tsx';
import { ListsTab } from './lists-tab.tsx';
import { ShopTab } from './shop-tab.tsx';
import { TimeBankTab } from './time-bank-tab.tsx';

const VIEWS = ['accounts', 'claims', 'shop', 'lists', 'buildings', 'time-bank'] as const;
type View = (typeof VIEWS)[number];

/**
 * A points scheme (积分) at the navigator's unit: the households' accounts, the claims to review,
 * the redemption shop, the positive and negative lists as published, the building leaderboard and
 * the time bank — each where the scheme has it.
 */
export default function PointsPage() {
  const { meta, t } = useAdmin();
  const [params, setParams] = useSearchParams();
  const schemes = meta?.points.filter((s) => meta.pointsPermissions[s.id]?.read === true) ?? [];
  const scheme = schemes.find((s) => s.id === params.get('scheme')) ?? schemes[0];
  const view: View = VIEWS.find((v) => v === params.get('view')) ?? 'accounts';
  if (scheme === undefined) return <Empty style={{ margin: 64 }} description={t('points.none')} />;
  const choose = (next: { scheme?: string; view?: View }) => {
    const merged = new URLSearchParams(params);
    if (next.scheme !== undefined) merged.set('scheme', next.scheme);
    if (next.view !== undefined) merged.set('view', next.view);
    setParams(merged);
  };
  const items = [
    { key: 'accounts', label: t('points.accounts'), children: <AccountsTab scheme={scheme} /> },
    { key: 'claims', label: t('points.claims'), children: <ClaimsTab scheme={scheme} /> },
    ...(scheme.redemption !== null ? [{ key: 'shop', label: scheme.redemption.title, children: <ShopTab scheme={scheme} /> }] : []),
    { key: 'lists', label: t('points.lists'), children: <ListsTab scheme={scheme} /> },
    ...(scheme.publication !== null ? [{ key: 'buildings', label: t('points.leaderboard'), children: <BuildingsTab scheme={scheme} /> }] : []),
    ...(scheme.timeBank !== null ? [{ key: 'time-bank', label: scheme.timeBank.title, children: <TimeBankTab scheme={scheme} /> }] : []),
  ];
  return (
    <Card
      title={
        <Space>
          {t('points.title')}
          {schemes.length > 1 ? (
            <Segmented value={scheme.id} options={schemes.map((s) => ({ value: s.id, label: s.title }))} onChange={(next) => choose({ scheme: String(next) })} />
          ) : (
            <Typography.Text type="secondary">{scheme.title}</Typography.Text>
          )}
        </Space>
      }
    >
      {scheme.description !== null ? <Typography.Paragraph type="secondary">{scheme.description}</Typography.Paragraph> : null}
      <Tabs activeKey={items.some((i) => i.key === view) ? view : 'accounts'} onChange={(key) => choose({ view: key as View })} items={items} destroyOnHidden />
    </Card>
  );
}
