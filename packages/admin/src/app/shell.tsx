import { ThemedLayout, ThemedTitle } from '@refinedev/antd';
import { Spin, Typography } from 'antd';
import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { useAdmin } from './admin-context.ts';
import { AppHeader } from './app-header.tsx';

/**
 * The signed-in frame: menu, top bar (navigator, language, user menu) and the current page. Its
 * own chunk, loaded after sign-in: the login page does not need it.
 */
export default function Shell() {
  const { meta } = useAdmin();
  return (
    <ThemedLayout Header={AppHeader} Title={(props) => <ThemedTitle {...props} text={<PackageTitle title={meta?.package.title ?? ''} />} />}>
      <Suspense fallback={<Spin style={{ display: 'block', margin: '64px auto' }} />}>
        <Outlet />
      </Suspense>
    </ThemedLayout>
  );
}

/** The package's title in the menu's head, on one line: a long one is cut, whole in the tooltip. */
function PackageTitle({ title }: { readonly title: string }) {
  return (
    <Typography.Text strong ellipsis={{ tooltip: title }} style={{ maxWidth: 150 }}>
      {title}
    </Typography.Text>
  );
}
