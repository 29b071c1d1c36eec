import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { createAuditRoutes } from '../audit/routes.ts';
import { createAuthRoutes } from '../auth/routes.ts';
import { CHECKLIST_UPLOADS, createChecklistRoutes } from '../checklists/routes.ts';
import { createFileRoutes, FILE_UPLOADS } from '../files/routes.ts';
import type { Engine } from '../engine.ts';
import { ERROR_STATUS, EngineError, toEngineError } from '../errors/engine-error.ts';
import { createGridRoutes } from '../grids/routes.ts';
import type { EngineErrorCode } from '../errors/engine-error.ts';
import { createOrgRoutes } from '../org/routes.ts';
import type { AppEnv } from './env.ts';
import { createHealthRoutes } from './health.ts';
import { createHomeRoutes } from './home.ts';
import { createMetaRoutes } from './meta.ts';
import { authenticate, jsonBody, locale, provideEngine, requestId } from './middleware.ts';
import { createOpenApiRoutes } from './openapi.ts';
import { createRecordRoutes } from './records.ts';
import { resolveAdminDir, serveAdmin } from './static.ts';
import { createWorkflowRoutes } from '../workflows/routes.ts';
import { createPointsRoutes } from '../points/routes.ts';
import { createCouncilRoutes } from '../councils/routes.ts';
import { pluginServices } from '../plugins/services.ts';
import type { PluginEnv } from '../plugins/types.ts';

/** Where the API reports internal errors; their details never reach the client. */
export interface AppLogger {
  error(message: string, details: { readonly requestId: string; readonly method: string; readonly path: string; readonly error: unknown }): void;
}

export interface AppOptions {
  /** Largest request body accepted, in bytes. @default 1_048_576 (1 MiB) */
  readonly bodyLimit?: number;
  /** @default console */
  readonly logger?: AppLogger;
  /**
   * Behind one reverse proxy: take the client's address and scheme from X-Forwarded-For and
   * X-Forwarded-Proto (see ProxyOptions). @default false
   */
  readonly trustProxy?: boolean;
  /**
   * The built admin (a folder holding index.html) to serve at / (see serveAdmin); null serves none
   * and keeps the API index page there. @default the dist folder of @zhili/admin when it is built
   */
  readonly adminDir?: string | null;
}

/** 1 MiB. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

const consoleLogger: AppLogger = {
  error: (message, details) => console.error(message, details),
};

/**
 * The HTTP API over an engine: /api/auth, /api/health, /api/meta, /api/openapi.json, the generic
 * records under /api/r, /api/org, /api/audit, the checklists (/api/checklists,
 * /api/admission-requests, and /api/public/checklists without login), the case workflows (/api/workflows,
 * /api/cases), the grids (/api/grids), uploaded files (/api/files), the councils (/api/councils, and /api/public/councils without login), the points schemes (/api/points); the built admin, when there is one, at /. Every
 * route but the public ones (PUBLIC_ROUTES) and the admin's files needs a session, by bearer
 * token or cookie. Every error — thrown by a service, by middleware or unexpected — leaves
 * through one handler as `{ message, statusCode, code, errors? }` in the request's locale.
 */
export function createApp(engine: Engine, options: AppOptions = {}): Hono<AppEnv> {
  const logger = options.logger ?? consoleLogger;
  const app = new Hono<AppEnv>();

  const proxy = { trustProxy: options.trustProxy ?? false };
  app.use(requestId, provideEngine(engine), locale);
  const adminDir = resolveAdminDir(options.adminDir);
  if (adminDir) app.use(serveAdmin(adminDir));
  app.use(authenticate(proxy));
  app.use('/api/*', jsonBody(options.bodyLimit ?? DEFAULT_BODY_LIMIT, [...CHECKLIST_UPLOADS, ...FILE_UPLOADS]));

  app.route('/', createHomeRoutes());
  app.route('/api/auth', createAuthRoutes(proxy));
  app.route('/api/health', createHealthRoutes());
  app.route('/api/meta', createMetaRoutes());
  app.route('/api/openapi.json', createOpenApiRoutes());
  app.route('/api/r', createRecordRoutes());
  app.route('/api/org', createOrgRoutes());
  app.route('/api/audit', createAuditRoutes());
  app.route('/api', createChecklistRoutes());
  app.route('/api', createWorkflowRoutes());
  app.route('/api/grids', createGridRoutes());
  app.route('/api', createCouncilRoutes());
  app.route('/api/files', createFileRoutes());
  app.route('/api/points', createPointsRoutes());
  const services = pluginServices(engine);
  for (const { plugin, app: routes } of engine.plugins.routes) {
    const mounted = new Hono<PluginEnv>();
    mounted.use('*', async (c, next) => {
      c.set('services', services);
      await next();
    });
    mounted.route('/', routes);
    // The cast: PluginEnv's actor, locale and requestId are set by this app's middleware above; services just now.
    app.route(`/api/plugins/${plugin}`, mounted as unknown as Hono<AppEnv>);
  }

  app.notFound(() => {
    throw new EngineError('NOT_FOUND', { 'zh-CN': '没有这个接口', en: 'There is no such endpoint' });
  });

  app.onError((thrown, c) => {
    const error = thrown instanceof HTTPException ? fromHttpException(thrown) : toEngineError(thrown);
    const id = c.var.requestId;
    if (error.status >= 500) logger.error(`[${id}] ${c.req.method} ${c.req.path} failed`, { requestId: id, method: c.req.method, path: c.req.path, error: thrown });
    // Locale middleware may not have run (an error before it): fall back to the package's locale.
    const body = error.toJSON(c.var.locale ?? engine.model.locale);
    return c.json(body, error.status as ContentfulStatusCode);
  });

  return app;
}

const CODE_BY_STATUS = new Map<number, EngineErrorCode>(
  (Object.entries(ERROR_STATUS) as [EngineErrorCode, number][]).reverse().map(([code, status]) => [status, code]),
);

/** hono's own HTTP errors (from its middleware) in the engine's shape. */
function fromHttpException(exception: HTTPException): EngineError {
  const code = CODE_BY_STATUS.get(exception.status);
  if (!code || exception.status >= 500) return toEngineError(exception);
  return new EngineError(code, { 'zh-CN': `请求失败（HTTP ${exception.status}）`, en: `Request failed (HTTP ${exception.status})` }, { cause: exception });
}
