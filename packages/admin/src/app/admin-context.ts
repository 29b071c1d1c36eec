import type { Locale } from '@zhili/schemas';
import { createContext, useContext } from 'react';
import type { EngineClient } from '../providers/http.ts';
import type { AdminMeta, AdminResource } from '@zhili/schemas';

/** What every page needs: the meta of the signed-in actor, the locale and the engine client. */
export interface AdminContextValue {
  readonly meta: AdminMeta | null;
  readonly locale: Locale;
  /** Switches the admin's language (texts, meta, antd, date pickers). */
  readonly setLocale: (locale: Locale) => void;
  readonly client: EngineClient;
  /** Code of the org unit the navigator narrowed every list to, or null for all the actor may see. */
  readonly org: string | null;
  readonly setOrg: (code: string | null) => void;
  readonly t: (key: string, options?: Record<string, unknown>) => string;
}

export const AdminContext = createContext<AdminContextValue | null>(null);

/** The admin context; pages are only rendered inside it. */
export function useAdmin(): AdminContextValue {
  const value = useContext(AdminContext);
  if (value === null) throw new Error('useAdmin outside AdminContext');
  return value;
}

/** The meta resource a page is about, or null while the meta loads or when it is unknown. */
export function useAdminResource(name: string | undefined): AdminResource | null {
  const { meta } = useAdmin();
  return meta?.resources.find((r) => r.id === name) ?? null;
}
