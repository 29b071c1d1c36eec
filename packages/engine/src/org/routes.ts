import { resolveText } from '@zhili/schemas';
import type { Locale, OrgUnitDetail, OrgUnitView } from '@zhili/schemas';
import { Hono } from 'hono';
import type { ScopeGrant } from '../actor/actor.ts';
import type { AppEnv } from '../api/env.ts';
import type { Engine } from '../engine.ts';
import { EngineError } from '../errors/engine-error.ts';
import type { OrgUnitRecord } from './service.ts';
import { readScopes, unitVisible } from './visibility.ts';

/**
 * The org tree for the admin's navigator, mounted at /api/org, limited to the units the actor may
 * see (those within or above its read grants; see unitVisible). GET /units?parent=<code> lists a
 * unit's visible children, or without `parent` the visible roots; GET /units/:code gives one unit
 * with its ancestors. A unit the actor may not see is answered as one that does not exist (404).
 */
export function createOrgRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();

  routes.get('/units', (c) => {
    const view = new OrgView(c.var.engine, readScopes(c.var.actor), c.var.locale);
    const parent = c.req.query('parent');
    const units = parent === undefined ? c.var.engine.org.roots() : c.var.engine.org.children(view.visibleUnit(parent).code);
    return c.json({ data: units.filter((unit) => view.visible(unit)).map((unit) => view.of(unit)) });
  });

  routes.get('/units/:code', (c) => {
    const view = new OrgView(c.var.engine, readScopes(c.var.actor), c.var.locale);
    const unit = view.visibleUnit(c.req.param('code'));
    const ancestors: OrgUnitView[] = [];
    for (let code = unit.parentCode; code !== null; ) {
      const ancestor = c.var.engine.org.byCode(code);
      if (!ancestor) break;
      ancestors.unshift(view.of(ancestor));
      code = ancestor.parentCode;
    }
    const detail: OrgUnitDetail = { ...view.of(unit), ancestors };
    return c.json(detail);
  });

  return routes;
}

/** The units of one request's actor, in its locale. */
class OrgView {
  readonly #engine: Engine;
  readonly #scopes: readonly ScopeGrant[];
  readonly #levelTitles: ReadonlyMap<string, string>;

  constructor(engine: Engine, scopes: readonly ScopeGrant[], locale: Locale) {
    this.#engine = engine;
    this.#scopes = scopes;
    this.#levelTitles = new Map(engine.model.levels.map((level) => [level.id, resolveText(level.title, locale)]));
  }

  visible(unit: OrgUnitRecord): boolean {
    return unitVisible(this.#scopes, unit.path);
  }

  /** The unit with this code, or 404 when there is none or the actor may not see it. */
  visibleUnit(code: string): OrgUnitRecord {
    const unit = this.#engine.org.byCode(code);
    if (!unit || !this.visible(unit)) {
      throw new EngineError('NOT_FOUND', { 'zh-CN': `没有编码为 ${code} 的组织单位`, en: `There is no org unit with code ${code}` });
    }
    return unit;
  }

  of(unit: OrgUnitRecord): OrgUnitView {
    return {
      code: unit.code,
      name: unit.name,
      level: unit.level,
      levelTitle: this.#levelTitles.get(unit.level) ?? unit.level,
      kind: unit.kind,
      hasChildren: this.#engine.org.children(unit.code).some((child) => this.visible(child)),
    };
  }
}
