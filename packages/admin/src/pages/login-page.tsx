import { useLogin } from '@refinedev/core';
import { Button, Card, Form, Input, Layout, Typography } from 'antd';
import { useAdmin } from '../app/admin-context.ts';

/** Sign in with a username and password (the engine's session cookie). */
export default function LoginPage() {
  const { t } = useAdmin();
  const { mutate: login, isPending } = useLogin<{ username: string; password: string }>();
  const required = (field: string) => [{ required: true, message: t('pages.login.errors.required', { field }) }];
  return (
    <Layout style={{ minHeight: '100vh', alignItems: 'center', justifyContent: 'center' }}>
      <Card style={{ width: 360 }}>
        <Typography.Title level={3} style={{ textAlign: 'center' }}>
          {t('pages.login.title')}
        </Typography.Title>
        <Form layout="vertical" requiredMark={false} onFinish={(values: { username: string; password: string }) => login(values)}>
          <Form.Item name="username" label={t('pages.login.fields.username')} rules={required(t('pages.login.fields.username'))}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('pages.login.fields.password')} rules={required(t('pages.login.fields.password'))}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={isPending}>
            {t('pages.login.signin')}
          </Button>
        </Form>
      </Card>
    </Layout>
  );
}
