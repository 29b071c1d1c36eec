import { useQuery } from '@tanstack/react-query';
import type { MetaRecordSchema } from '@zhili/schemas';
import { Card, Descriptions, List, Result, Skeleton, Space, Tag, Typography } from 'antd';
import { useParams } from 'react-router';
import { useAdmin } from '../app/admin-context.ts';
import { Cell } from '../pages/cell.tsx';
import { PublicLayout } from '../pages/public-layout.tsx';
import type { CellDisplay } from '../schema/columns.ts';
import { requestJson } from '../providers/http.ts';
import type { PublicChecklist } from './checklist-types.ts';
import { attributeColumns } from './checklist-view.ts';

/**
 * A public checklist as residents read it, without signing in: its title, the version in force
 * and its effective date, and each item with its attributes, in the chosen language.
 */
export default function PublicChecklistPage() {
  const { id = '' } = useParams();
  const { client, locale, t } = useAdmin();
  const { data, error, isLoading } = useQuery({
    queryKey: ['zhili', 'public-checklist', id, locale],
    queryFn: async () => (await requestJson(client, { method: 'GET', path: `/public/checklists/${encodeURIComponent(id)}` })) as PublicChecklist,
    retry: false,
  });
  const columns = data === undefined ? [] : attributeColumns(data.itemSchema as MetaRecordSchema, {}, locale);

  return (
    <PublicLayout>
        {isLoading ? (
          <Skeleton active />
        ) : error !== null || data === undefined ? (
          <Result status="404" title={t('checklists.publicNotFound')} subTitle={error?.message} />
        ) : (
          <Card>
            <Typography.Title level={2} style={{ marginTop: 0 }}>
              {data.title}
            </Typography.Title>
            {data.description === null ? null : <Typography.Paragraph>{data.description}</Typography.Paragraph>}
            <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
              <Descriptions.Item label={t('checklists.kind')}>{data.kindTitle}</Descriptions.Item>
              <Descriptions.Item label={t('checklists.version')}>{t('checklists.versionNumber', { version: data.version })}</Descriptions.Item>
              <Descriptions.Item label={t('checklists.effectiveFrom')}>{data.effectiveFrom}</Descriptions.Item>
            </Descriptions>
            {data.note === null ? null : <Typography.Paragraph type="secondary">{data.note}</Typography.Paragraph>}
            <List
              className="zhili-public-items"
              itemLayout="vertical"
              dataSource={data.items as PublicChecklist['items'][number][]}
              header={<Typography.Text strong>{t('checklists.itemCount', { count: data.itemCount })}</Typography.Text>}
              renderItem={(item, index) => (
                <List.Item key={item.code}>
                  <Space align="baseline">
                    <Typography.Text type="secondary">{index + 1}.</Typography.Text>
                    <Typography.Text strong>{item.title}</Typography.Text>
                    <Tag>{item.code}</Tag>
                  </Space>
                  <Descriptions size="small" column={1} style={{ marginTop: 8 }}>
                    {columns
                      .filter((column) => item.attributes[column.field] !== undefined)
                      .map((column) => (
                        <Descriptions.Item key={column.field} label={column.title}>
                          <WholeCell display={column.render(item.attributes[column.field])} />
                        </Descriptions.Item>
                      ))}
                  </Descriptions>
                </List.Item>
              )}
            />
          </Card>
        )}
    </PublicLayout>
  );
}

/** A value as a list cell shows it, but whole: a resident reads the page, nobody hovers for the rest. */
function WholeCell({ display }: { readonly display: CellDisplay }) {
  return <Cell display={display.type === 'text' && display.title !== undefined ? { type: 'text', text: display.title } : display} />;
}
