import { useGetIdentity } from '@refinedev/core';
import { Layout, Segmented, Space, Typography } from 'antd';
import type { Locale } from '@zhili/schemas';
import { useAdmin } from './admin-context.ts';

const LANGUAGES: readonly { readonly value: Locale; readonly label: string }[] = [
  { value: 'zh-CN', label: '中文' },
  { value: 'en', label: 'English' },
];

/** The top bar: the language switch and who is signed in. */
export function AppHeader() {
  const { locale, setLocale } = useAdmin();
  const { data: identity } = useGetIdentity<{ id: string; name: string }>();
  return (
    <Layout.Header style={{ display: 'flex', justifyContent: 'flex-end', alignItems: 'center', background: '#fff', padding: '0 24px', height: 64 }}>
      <Space size="large">
        <Segmented<Locale> size="small" value={locale} options={LANGUAGES.map((l) => ({ value: l.value, label: l.label }))} onChange={setLocale} />
        {identity ? <Typography.Text strong>{identity.name}</Typography.Text> : null}
      </Space>
    </Layout.Header>
  );
}
