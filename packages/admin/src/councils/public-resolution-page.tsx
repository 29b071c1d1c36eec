import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { CouncilResolution } from '@zhili/schemas';
import { Button, Card, Descriptions, Result, Skeleton, Typography } from 'antd';
import dayjs from 'dayjs';
import { useParams } from 'react-router';
import { useAdmin } from '../app/admin-context.ts';
import { PublicLayout } from '../pages/public-layout.tsx';
import { requestJson } from '../providers/http.ts';

const day = (iso: string) => dayjs(iso).format('YYYY-MM-DD');

/**
 * The public notice (公示) of an adopted resolution, as residents read it without signing in and as
 * it is printed for the notice board: the unit, the body and procedure, the resolution's text, the
 * meeting's date and computed outcome with its arithmetic, and the publication period.
 */
export default function PublicResolutionPage() {
  const { id = '' } = useParams();
  const { client, locale, t } = useAdmin();
  const { data, error, isLoading } = useQuery({
    queryKey: ['zhili', 'public-resolution', id, locale],
    queryFn: async () => (await requestJson(client, { method: 'GET', path: `/public/councils/resolutions/${encodeURIComponent(id)}` })) as CouncilResolution,
    retry: false,
  });

  return (
    <PublicLayout
      extra={
        <Button icon={<PrinterOutlined />} onClick={() => window.print()} disabled={data === undefined}>
          {t('councils.print')}
        </Button>
      }
    >
      {isLoading ? (
        <Skeleton active />
      ) : error !== null || data === undefined ? (
        <Result status="404" title={t('councils.noticeNotFound')} subTitle={error?.message} />
      ) : (
        <Card className="zhili-notice">
          <Typography.Title level={2} style={{ marginTop: 0, textAlign: 'center' }}>
            {t('councils.noticeTitle', { org: data.orgName })}
          </Typography.Title>
          <Typography.Title level={4} style={{ textAlign: 'center' }}>
            {data.title}
          </Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 16 }}>{data.content}</Typography.Paragraph>
          <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('councils.body')}>{data.body.title}</Descriptions.Item>
            <Descriptions.Item label={t('councils.procedure')}>{data.procedure.title}</Descriptions.Item>
            <Descriptions.Item label={t('councils.heldAt')}>{day(data.heldAt)}</Descriptions.Item>
            <Descriptions.Item label={t('councils.outcome')}>
              <span className="zhili-notice-outcome">{data.outcome.explanation}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('councils.publication')}>{`${day(data.publishedAt)} ~ ${day(data.publicationUntil)}`}</Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph type="secondary">{t('councils.noticeFooter', { until: day(data.publicationUntil) })}</Typography.Paragraph>
          <Typography.Paragraph style={{ textAlign: 'right' }}>
            {data.orgName}
            <br />
            {day(data.publishedAt)}
          </Typography.Paragraph>
        </Card>
      )}
    </PublicLayout>
  );
}
