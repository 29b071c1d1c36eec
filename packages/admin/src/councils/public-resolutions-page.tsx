import { useQuery } from '@tanstack/react-query';
import type { CouncilResolution } from '@zhili/schemas';
import { Card, List, Result, Skeleton, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import { useAdmin } from '../app/admin-context.ts';
import { PublicLayout } from '../pages/public-layout.tsx';
import { requestJson } from '../providers/http.ts';
import { publicNoticePath } from './council-view.ts';

const day = (iso: string) => dayjs(iso).format('YYYY-MM-DD');

/**
 * The resolutions in their publication period (公示栏) at a unit (?org=) and below, newest first, as
 * residents read them without signing in: the address a notice board's QR code points to.
 */
export default function PublicResolutionsPage() {
  const [params] = useSearchParams();
  const org = params.get('org');
  const { client, locale, t } = useAdmin();
  const { data, error, isLoading } = useQuery({
    queryKey: ['zhili', 'public-resolutions', org, locale],
    queryFn: async () =>
      ((await requestJson(client, { method: 'GET', path: `/public/councils/resolutions${org === null ? '' : `?org=${encodeURIComponent(org)}`}` })) as { data: CouncilResolution[] }).data,
    retry: false,
  });

  return (
    <PublicLayout>
      {isLoading ? (
        <Skeleton active />
      ) : error !== null || data === undefined ? (
        <Result status="404" title={t('councils.noticeBoardNotFound')} subTitle={error?.message} />
      ) : (
        <Card>
          <Typography.Title level={2} style={{ marginTop: 0 }}>
            {t('councils.noticeBoard')}
          </Typography.Title>
          <List
            className="zhili-public-resolutions"
            dataSource={[...data].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))}
            locale={{ emptyText: t('councils.noNotices') }}
            renderItem={(r) => (
              <List.Item key={r.id}>
                <List.Item.Meta
                  title={<Link to={publicNoticePath(r.id)}>{r.title}</Link>}
                  description={`${r.orgName} · ${r.body.title} · ${t('councils.publication')} ${day(r.publishedAt)} ~ ${day(r.publicationUntil)}`}
                />
              </List.Item>
            )}
          />
        </Card>
      )}
    </PublicLayout>
  );
}
