import type { AdminWorkflow, CaseHistoryEntry } from '@zhili/schemas';
import { Card, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useAdmin } from '../app/admin-context.ts';
import { EMPTY_CELL } from '../schema/columns.ts';
import { useUnitNames } from './case-hooks.ts';
import { timelineEntries } from './case-view.ts';

export const formatAt = (iso: string | null) => (iso === null ? EMPTY_CELL : dayjs(iso).format('YYYY-MM-DD HH:mm'));

/** A case's history as a timeline: who did what when, the form data by field title, comments, the handler named, attachments, and the system's reasons. */
export function CaseTimeline({ workflow, history, title }: { readonly workflow: AdminWorkflow; readonly history: readonly CaseHistoryEntry[]; readonly title?: string }) {
  const { t } = useAdmin();
  const unitName = useUnitNames(history.flatMap((e) => [e.fromOrg ?? '', e.toOrg]));
  const entries = timelineEntries({ workflow, history, unitName, t });
  return (
    <Card title={title ?? t('cases.timeline')} size="small">
      <Timeline
        items={entries.map((entry) => ({
          key: entry.key,
          color: entry.color,
          children: (
            <div data-testid="timeline-entry">
              <Typography.Text strong>{entry.title}</Typography.Text>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatAt(entry.at)} · {entry.actor}
                </Typography.Text>
              </div>
              {entry.notes.map((note) => (
                <div key={note}>{note}</div>
              ))}
              {entry.fields.map((field) => (
                <div key={field.label}>
                  <Typography.Text type="secondary">{field.label}：</Typography.Text>
                  {field.value}
                </div>
              ))}
              {entry.attachments.map((file) => (
                <div key={file.url}>
                  <Typography.Link href={file.url} target="_blank" rel="noreferrer">
                    {file.name}
                  </Typography.Link>
                </div>
              ))}
            </div>
          ),
        }))}
      />
    </Card>
  );
}
