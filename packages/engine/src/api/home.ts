import { resolveText, type Locale } from '@zhili/schemas';
import { Hono } from 'hono';
import { html } from 'hono/html';
import type { CompiledModel } from '../model/types.ts';
import type { AppEnv } from './env.ts';

const LABELS = {
  'zh-CN': { api: '接口', resources: '资源', health: '运行状态', meta: '管理端元数据', openapi: 'OpenAPI 文档', list: '列表' },
  en: { api: 'API', resources: 'Resources', health: 'Health', meta: 'Admin metadata', openapi: 'OpenAPI document', list: 'list' },
} as const;

/**
 * GET /: an index of the API for people who open the server in a browser — the package, its
 * resources with their list endpoints, and the documents. All links are on this server.
 */
export function createHomeRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/', (c) => c.html(homePage(c.var.engine.model, c.var.locale)));
  return routes;
}

function homePage(model: CompiledModel, locale: Locale) {
  const t = LABELS[locale];
  const title = resolveText(model.title, locale);
  const resources = Object.values(model.resources);
  return html`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · zhili</title>
<style>
body { font: 15px/1.6 system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #1f1f1f; }
h1 { font-size: 1.5rem; margin-bottom: 0; } p.version { color: #666; margin-top: .25rem; }
h2 { font-size: 1.1rem; margin-top: 1.75rem; border-bottom: 1px solid #eee; }
code { font-size: .9em; } li { margin: .2rem 0; }
</style>
</head>
<body>
<h1>${title}</h1>
<p class="version">${model.id} ${model.version}</p>
<h2>${t.resources}</h2>
<ul>
${resources.map((r) => html`<li><a href="/api/r/${r.id}">${resolveText(r.title, locale)}</a> <code>GET /api/r/${r.id}</code></li>`)}
</ul>
<h2>${t.api}</h2>
<ul>
<li><a href="/api/health">${t.health}</a> <code>GET /api/health</code></li>
<li><a href="/api/meta?locale=${locale}">${t.meta}</a> <code>GET /api/meta</code></li>
<li><a href="/api/openapi.json">${t.openapi}</a> <code>GET /api/openapi.json</code></li>
</ul>
</body>
</html>`;
}
