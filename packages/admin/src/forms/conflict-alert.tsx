import { Alert, Button } from 'antd';
import { useAdmin } from '../app/admin-context.ts';

/** Someone else changed what the user is editing (a 409): says so, with a button that reloads it. */
export function ConflictAlert({ onReload }: { readonly onReload: () => void }) {
  const { t } = useAdmin();
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      message={t('forms.conflict')}
      action={
        <Button size="small" onClick={onReload}>
          {t('forms.reload')}
        </Button>
      }
    />
  );
}
