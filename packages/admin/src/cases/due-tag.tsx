import type { Case } from '@zhili/schemas';
import { Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useAdmin } from '../app/admin-context.ts';
import { dueStatus } from './case-view.ts';

/** Where a case stands against its time limit: a red 超时 tag, an orange 即将到期 tag, or the deadline. */
export function DueTag({ found }: { readonly found: Pick<Case, 'dueAt' | 'overdue' | 'closedAt'> }) {
  const { t } = useAdmin();
  const status = dueStatus(found, new Date());
  if (status.kind === 'none') return null;
  const at = dayjs(status.at).format('YYYY-MM-DD HH:mm');
  if (status.kind === 'overdue') {
    return (
      <Tooltip title={t('cases.overdueSince', { at })}>
        <Tag color="red">{t('cases.overdue')}</Tag>
      </Tooltip>
    );
  }
  if (status.kind === 'soon') {
    return (
      <Tooltip title={t('cases.dueAt', { at })}>
        <Tag color="orange">{t('cases.dueSoon')}</Tag>
      </Tooltip>
    );
  }
  return <Typography.Text type="secondary">{t('cases.dueAt', { at: dayjs(status.at).format('MM-DD HH:mm') })}</Typography.Text>;
}
