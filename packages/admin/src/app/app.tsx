import '@refinedev/antd/dist/reset.css';
import { Authenticated, Refine } from '@refinedev/core';
import type { AccessControlProvider, I18nProvider } from '@refinedev/core';
import routerProvider, { CatchAllNavigate, NavigateToResource } from '@refinedev/react-router';
import type { Locale } from '@zhili/schemas';
import { App as AntdApp, Button, ConfigProvider, Result, Spin } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { BrowserRouter, Outlet, Route, Routes } from 'react-router';
import { translate } from '../i18n/messages.ts';
import { permissionsFor, refineResources } from '../meta/resources.ts';
import { BUNDLED_PLUGINS } from '../plugins/bundled.ts';
import { enabledPlugins, pluginPages } from '../plugins/registry.ts';
import type { AdminMeta } from '@zhili/schemas';
import { createAuthProvider } from '../providers/auth-provider.ts';
import { createDataProvider } from '../providers/data-provider.ts';
import { createCsrfTokenStore, requestJson } from '../providers/http.ts';
import type { EngineClient } from '../providers/http.ts';
import { AdminContext } from './admin-context.ts';
import { useNotificationProvider } from './notification-provider.ts';
import type { AdminContextValue } from './admin-context.ts';

const Shell = lazy(() => import('./shell.tsx'));
const LoginPage = lazy(() => import('../pages/login-page.tsx'));
const ListPage = lazy(() => import('../pages/list-page.tsx'));
const ShowPage = lazy(() => import('../pages/show-page.tsx'));
const FormPage = lazy(() => import('../pages/form-page.tsx'));
const AuditPage = lazy(() => import('../audit/audit-page.tsx'));
const ChecklistsPage = lazy(() => import('../checklists/checklists-page.tsx'));
const ChecklistPage = lazy(() => import('../checklists/checklist-page.tsx'));
const PublicChecklistPage = lazy(() => import('../checklists/public-checklist-page.tsx'));
const GridDashboardPage = lazy(() => import('../grids/grid-dashboard-page.tsx'));
const GridPage = lazy(() => import('../grids/grid-page.tsx'));
const CasesPage = lazy(() => import('../cases/cases-page.tsx'));
const CasePage = lazy(() => import('../cases/case-page.tsx'));
const CouncilsPage = lazy(() => import('../councils/councils-page.tsx'));
const PointsPage = lazy(() => import('../points/points-page.tsx'));
const AccountPage = lazy(() => import('../points/account-page.tsx'));
const ProposalPage = lazy(() => import('../councils/proposal-page.tsx'));
const PublicResolutionPage = lazy(() => import('../councils/public-resolution-page.tsx'));
const PublicResolutionsPage = lazy(() => import('../councils/public-resolutions-page.tsx'));
const PluginPage = lazy(() => import('../plugins/plugin-page.tsx'));

/** Where the chosen language is remembered between visits. */
const LOCALE_KEY = 'zhili.locale';

/** Where the navigator's org unit is remembered for the tab, per signed-in user. */
const orgKey = (actorId: string): string => `zhili.org.${actorId}`;

function storedLocale(): Locale {
  return window.localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'zh-CN';
}

/** Which meta permission a Refine action needs. */
const ACTION_PERMISSION = { list: 'read', show: 'read', create: 'create', edit: 'update', delete: 'delete' } as const;

type MetaState = { readonly status: 'loading' } | { readonly status: 'signed-out' } | { readonly status: 'ready'; readonly meta: AdminMeta } | { readonly status: 'failed'; readonly message: string };

/**
 * The admin: signs in against the engine, loads /api/meta for the actor and generates the menu,
 * routes and pages from it. Pages load on demand (one chunk per page).
 */
export function App() {
  const [locale, setLocale] = useState<Locale>(storedLocale);
  const localeRef = useRef(locale);
  localeRef.current = locale;
  const [state, setState] = useState<MetaState>({ status: 'loading' });
  const client = useMemo<EngineClient>(
    () => ({ fetch: (input, init) => window.fetch(input, init), apiUrl: '/api', csrf: createCsrfTokenStore(), locale: () => localeRef.current }),
    [],
  );

  const loadMeta = useCallback(async () => {
    try {
      const meta = (await requestJson(client, { method: 'GET', path: `/meta?locale=${locale}` })) as AdminMeta;
      if (localeRef.current !== locale) return;
      setState({ status: 'ready', meta });
    } catch (error) {
      const { statusCode, message } = error as { statusCode?: number; message: string };
      setState(statusCode === 401 ? { status: 'signed-out' } : { status: 'failed', message });
    }
  }, [client, locale]);

  useEffect(() => {
    void loadMeta();
  }, [loadMeta]);

  useEffect(() => {
    dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
    document.documentElement.lang = locale;
    window.localStorage.setItem(LOCALE_KEY, locale);
  }, [locale]);

  const t = useCallback((key: string, options?: Record<string, unknown>) => translate(locale, key, options), [locale]);
  const dataProvider = useMemo(() => createDataProvider(client), [client]);
  const authProvider = useMemo(
    () => createAuthProvider(client, { signedIn: () => void loadMeta(), signedOut: () => window.location.assign('/login') }),
    [client, loadMeta],
  );
  const i18nProvider = useMemo<I18nProvider>(
    () => ({
      translate: (key, options, defaultMessage) => translate(locale, key, options, defaultMessage),
      changeLocale: async (next) => setLocale(next === 'en' ? 'en' : 'zh-CN'),
      getLocale: () => locale,
    }),
    [locale],
  );
  const meta = state.status === 'ready' ? state.meta : null;
  const accessControlProvider = useMemo<AccessControlProvider>(
    () => ({
      can: async ({ resource, action }) => {
        // Module groups of the menu have no permissions of their own; their resources decide.
        if (meta === null || resource === undefined || meta.permissions[resource] === undefined) return { can: true };
        const needs = ACTION_PERMISSION[action as keyof typeof ACTION_PERMISSION];
        return { can: needs === undefined ? true : permissionsFor(meta, resource)[needs] };
      },
    }),
    [meta],
  );
  const resources = useMemo(() => {
    if (meta === null) return [];
    const pages = pluginPages(enabledPlugins(BUNDLED_PLUGINS, meta), meta).map((p) => ({ resource: p.resource, route: p.route, label: p.page.title[locale] }));
    const labels = {
      audit: translate(locale, 'audit.title'),
      cases: translate(locale, 'cases.title'),
      councils: translate(locale, 'councils.title'),
      points: translate(locale, 'points.title'),
      checklists: translate(locale, 'checklists.title'),
      grids: translate(locale, 'grids.title'),
    };
    return refineResources(meta, labels, pages);
  }, [meta, locale]);
  const actorId = meta?.actor.id ?? null;
  const [org, setOrgState] = useState<string | null>(null);
  useEffect(() => {
    setOrgState(actorId === null ? null : window.sessionStorage.getItem(orgKey(actorId)));
  }, [actorId]);
  const setOrg = useCallback(
    (code: string | null) => {
      setOrgState(code);
      if (actorId === null) return;
      if (code === null) window.sessionStorage.removeItem(orgKey(actorId));
      else window.sessionStorage.setItem(orgKey(actorId), code);
    },
    [actorId],
  );
  const context = useMemo<AdminContextValue>(() => ({ meta, locale, setLocale, client, org, setOrg, t }), [meta, locale, client, org, setOrg, t]);

  if (state.status === 'loading') return <Spin fullscreen tip={t('app.loading')} />;
  if (state.status === 'failed') {
    return (
      <Result
        status="error"
        title={t('app.metaFailed')}
        subTitle={state.message}
        extra={
          <Button type="primary" onClick={() => void loadMeta()}>
            {t('app.retry')}
          </Button>
        }
      />
    );
  }

  const fallback = <Spin style={{ display: 'block', margin: '64px auto' }} />;
  return (
    <ConfigProvider locale={locale === 'zh-CN' ? zhCN : enUS}>
      <AntdApp>
        <AdminContext.Provider value={context}>
          <BrowserRouter>
            <Refine
              dataProvider={dataProvider}
              authProvider={authProvider}
              routerProvider={routerProvider}
              i18nProvider={i18nProvider}
              accessControlProvider={accessControlProvider}
              notificationProvider={useNotificationProvider}
              resources={resources}
              options={{ disableTelemetry: true, syncWithLocation: true, warnWhenUnsavedChanges: true }}
            >
              <Suspense fallback={fallback}>
                <Routes>
                  <Route
                    element={
                      <Authenticated key="admin" fallback={<CatchAllNavigate to="/login" />}>
                        <Shell />
                      </Authenticated>
                    }
                  >
                    <Route index element={<NavigateToResource />} />
                    <Route path="/r/:resource" element={<ListPage />} />
                    <Route path="/r/:resource/create" element={<FormPage action="create" />} />
                    <Route path="/r/:resource/edit/:id" element={<FormPage action="edit" />} />
                    <Route path="/r/:resource/show/:id" element={<ShowPage />} />
                    <Route path="/audit" element={<AuditPage />} />
                    <Route path="/checklists" element={<ChecklistsPage />} />
                    <Route path="/checklists/:id" element={<ChecklistPage />} />
                    <Route path="/grids" element={<GridDashboardPage />} />
                    <Route path="/grids/:code" element={<GridPage />} />
                    <Route path="/cases" element={<CasesPage />} />
                    <Route path="/cases/:id" element={<CasePage />} />
                    <Route path="/councils" element={<CouncilsPage />} />
                    <Route path="/councils/proposals/:id" element={<ProposalPage />} />
                    <Route path="/points" element={<PointsPage />} />
                    <Route path="/points/:scheme/accounts/:holder" element={<AccountPage />} />
                    <Route path="/plugins/:plugin/:page" element={<PluginPage />} />
                  </Route>
                  {/* Residents read a public checklist, the resolutions in publication and a resolution's notice without signing in. */}
                  <Route path="/public/checklists/:id" element={<PublicChecklistPage />} />
                  <Route path="/public/councils/resolutions" element={<PublicResolutionsPage />} />
                  <Route path="/public/councils/resolutions/:id" element={<PublicResolutionPage />} />
                  <Route
                    element={
                      <Authenticated key="login" fallback={<Outlet />}>
                        <NavigateToResource />
                      </Authenticated>
                    }
                  >
                    <Route path="/login" element={<LoginPage />} />
                  </Route>
                </Routes>
              </Suspense>
            </Refine>
          </BrowserRouter>
        </AdminContext.Provider>
      </AntdApp>
    </ConfigProvider>
  );
}
