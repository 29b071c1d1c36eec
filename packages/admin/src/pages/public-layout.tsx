import { Layout, Segmented, Space } from 'antd';
import type { ReactNode } from 'react';
import { useAdmin } from '../app/admin-context.ts';

/** The frame of the pages residents read without signing in: a narrow column with the language switch on top (hidden in print), and `extra` beside it. */
export function PublicLayout({ extra, children }: { readonly extra?: ReactNode; readonly children: ReactNode }) {
  const { locale, setLocale } = useAdmin();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Content style={{ maxWidth: 960, width: '100%', margin: '0 auto', padding: '32px 16px' }}>
        <Space className="zhili-no-print" style={{ width: '100%', justifyContent: 'flex-end', marginBottom: 16 }}>
          {extra}
          <Segmented
            value={locale}
            onChange={(value) => setLocale(value === 'en' ? 'en' : 'zh-CN')}
            options={[
              { value: 'zh-CN', label: '中文' },
              { value: 'en', label: 'English' },
            ]}
          />
        </Space>
        {children}
      </Layout.Content>
    </Layout>
  );
}
