import { DownOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useGetIdentity, useLogout } from '@refinedev/core';
import { Button, Dropdown, Layout, Segmented, Space } from 'antd';
import type { Locale } from '@zhili/schemas';
import { OrgNavigator } from '../org/org-navigator.tsx';
import { useAdmin } from './admin-context.ts';

const LANGUAGES: readonly { readonly value: Locale; readonly label: string }[] = [
  { value: 'zh-CN', label: '中文' },
  { value: 'en', label: 'English' },
];

/** The top bar: the jurisdiction navigator, the language switch and the user menu (sign out). */
export function AppHeader() {
  const { locale, setLocale, t } = useAdmin();
  const { data: identity } = useGetIdentity<{ id: string; name: string }>();
  const { mutate: logout } = useLogout();
  return (
    <Layout.Header style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', background: '#fff', padding: '0 24px', height: 64 }}>
      <OrgNavigator />
      <Space size="large">
        <Segmented<Locale> size="small" value={locale} options={LANGUAGES.map((l) => ({ value: l.value, label: l.label }))} onChange={setLocale} />
        {identity ? (
          <Dropdown
            trigger={['click']}
            menu={{ items: [{ key: 'logout', icon: <LogoutOutlined />, label: t('buttons.logout'), onClick: () => logout() }] }}
          >
            <Button type="text" icon={<UserOutlined />} aria-label={t('app.userMenu')}>
              {identity.name} <DownOutlined />
            </Button>
          </Dropdown>
        ) : null}
      </Space>
    </Layout.Header>
  );
}
