import type { Case, CaseAction } from '@zhili/schemas';
import { App, Button, Card, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useAdmin } from '../app/admin-context.ts';
import { requestJson } from '../providers/http.ts';
import { ActionModal } from './action-modal.tsx';
import { CASES_KEY, useRefreshCases } from './case-hooks.ts';

/**
 * The actions the actor may take on a case now, one button each; a button opens the action's form.
 * After an action (or a reload on a conflict) every case query is refreshed, and `onChanged` runs
 * for the page's own queries (a proposal's, say).
 */
export function CaseActions({ found, exclude = [], onChanged }: { readonly found: Case; readonly exclude?: readonly string[]; readonly onChanged?: () => Promise<void> }) {
  const { client, locale, t } = useAdmin();
  const { message } = App.useApp();
  const refresh = useRefreshCases();
  const [acting, setActing] = useState<CaseAction | null>(null);
  const actions = useQuery({
    queryKey: [...CASES_KEY, 'actions', found.id, locale],
    queryFn: async () => ((await requestJson(client, { method: 'GET', path: `/cases/${found.id}/actions` })) as { data: CaseAction[] }).data,
  });
  const shown = (actions.data ?? []).filter((a) => !exclude.includes(a.id));

  const settle = async (taken: CaseAction | null) => {
    setActing(null);
    await Promise.all([refresh(), onChanged?.()]);
    if (taken !== null) void message.success(t('cases.done', { action: taken.title }));
  };

  return (
    <Card title={t('cases.actions')} size="small">
      {actions.data !== undefined && shown.length === 0 ? <Typography.Text type="secondary">{t('cases.noActions')}</Typography.Text> : null}
      <Space wrap>
        {shown.map((action) => (
          <Button key={action.id} type="primary" ghost onClick={() => setActing(action)}>
            {action.title}
          </Button>
        ))}
      </Space>
      {acting !== null ? <ActionModal found={found} action={acting} onClose={() => setActing(null)} onDone={() => void settle(acting)} onReload={() => void settle(null)} /> : null}
    </Card>
  );
}
