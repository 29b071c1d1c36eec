import type { NotificationProvider, OpenNotificationParams } from '@refinedev/core';
import { App } from 'antd';
import { createElement } from 'react';
import { Button } from 'antd';
import { useAdmin } from './admin-context.ts';

/**
 * Refine's notifications shown with antd's `App` notification API. The admin's own rather than
 * @refinedev/antd's, so that the page before sign-in does not load that whole library; undoable
 * changes ("progress") get an undo button.
 */
export function useNotificationProvider(): NotificationProvider {
  const { notification } = App.useApp();
  const { t } = useAdmin();
  return {
    open: (params: OpenNotificationParams) => {
      const key = params.key ?? `${params.type}-${params.message}`;
      if (params.type === 'progress') {
        notification.info({
          key,
          message: params.message,
          description: params.description,
          duration: params.undoableTimeout ?? 5,
          btn:
            params.cancelMutation === undefined
              ? undefined
              : createElement(Button, { size: 'small', onClick: () => (params.cancelMutation?.(), notification.destroy(key)) }, t('buttons.undo')),
        });
        return;
      }
      notification[params.type]({ key, message: params.message, description: params.description });
    },
    close: (key: string) => notification.destroy(key),
  };
}
