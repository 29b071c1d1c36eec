import { Result, Typography } from 'antd';
import { useParams } from 'react-router';
import { useAdmin } from '../app/admin-context.ts';
import { usePlugins } from './use-plugins.ts';

/** /plugins/:plugin/:page: the page of an enabled plugin entry the actor has, under its title; otherwise a not-found result. */
export default function PluginPage() {
  const { plugin, page } = useParams();
  const { locale, t } = useAdmin();
  const { pages } = usePlugins();
  const entry = pages.find((p) => p.plugin === plugin && p.page.path === page);
  if (!entry) return <Result status="404" title={t('plugins.notFound')} />;
  const Page = entry.page.component;
  return (
    <>
      <Typography.Title level={3}>{entry.page.title[locale]}</Typography.Title>
      <Page />
    </>
  );
}
