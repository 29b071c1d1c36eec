import type { BilingualText, Locale } from '@zhili/schemas';
import { MAX_MOVED_HOUSEHOLDS } from './maintenance.ts';
import { DEFAULT_COMPLIANCE_LIMIT } from './service.ts';

type Json = { [key: string]: unknown };

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const response = (name: string): Json => ({ $ref: `#/components/responses/${name}` });
const json = (schema: Json): Json => ({ 'application/json': { schema } });

/**
 * The grid routes for the API's OpenAPI document (when the package has grid rules), texts in one
 * locale: their path items and the component schemas they use.
 */
export function gridOpenApi(locale: Locale): { paths: Json; schemas: Json } {
  const t = (text: BilingualText): string => text[locale];
  const tags = [t({ 'zh-CN': '网格', en: 'Grids' })];
  const bilingual: Json = { type: 'object', required: ['zh-CN', 'en'], properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } } };
  const unit: Json = { type: 'object', required: ['code', 'name', 'level'], properties: { code: { type: 'string' }, name: { type: 'string' }, level: { type: 'string' } } };
  const schemas: Json = {
    GridViolation: {
      type: 'object',
      required: ['rule', 'kind', 'hard', 'subject', 'figures', 'message'],
      properties: {
        rule: { type: 'string', description: t({ 'zh-CN': '规则 id', en: 'Rule id' }) },
        kind: { type: 'string', description: t({ 'zh-CN': '规则类型，如 household-cap、staffing、visit-quota', en: 'Rule kind, e.g. household-cap, staffing, visit-quota' }) },
        hard: { type: 'boolean', description: t({ 'zh-CN': '网格调整造成此类违规时是否拒绝调整', en: 'Whether grid maintenance refuses a change that causes it' }) },
        subject: {
          type: 'object',
          required: ['type', 'code', 'name'],
          properties: {
            type: { type: 'string', enum: ['grid', 'worker', 'unit'] },
            code: { type: 'string', description: t({ 'zh-CN': '网格、人员所在网格或单位的编码', en: "The grid's, the worker's grid's or the unit's code" }) },
            name: { type: 'string', description: t({ 'zh-CN': '名称；无权查看个人信息时人员姓名经脱敏', en: "Name; a worker's is masked unless the reader may see personal data" }) },
            id: { type: 'string', format: 'uuid', description: t({ 'zh-CN': '人员记录 id', en: "The worker's staff record id" }) },
          },
        },
        figures: {
          type: 'object',
          description: t({ 'zh-CN': '违规的数据，如 { households: 312, cap: 300 }、{ visits: 241, required: 300 }', en: 'The numbers, e.g. { households: 312, cap: 300 } or { visits: 241, required: 300 }' }),
          additionalProperties: { type: ['number', 'string', 'null'] },
        },
        measure: { type: 'number', description: t({ 'zh-CN': '违规程度（越大越严重）', en: 'How far the rule is broken (bigger is worse)' }) },
        message: { ...bilingual, description: t({ 'zh-CN': '说明，如“网格 320404-012-07: 312 户 > 上限 300”', en: 'The sentence, e.g. "网格 320404-012-07: 312 户 > 上限 300"' }) },
      },
    },
    GridPeriod: {
      type: 'object',
      required: ['from', 'to', 'label', 'asOf'],
      properties: {
        from: { type: 'string', format: 'date' },
        to: { type: 'string', format: 'date' },
        label: { type: 'string' },
        asOf: { type: 'string', format: 'date', description: t({ 'zh-CN': '取数日：期末，或期间未结束时的今天', en: 'The day figures are taken on: the last day, or today while the period runs' }) },
      },
    },
    GridCompliance: {
      type: 'object',
      required: ['org', 'period', 'rules', 'counts', 'grids', 'workers', 'units', 'truncated'],
      properties: {
        org: unit,
        period: ref('GridPeriod'),
        rules: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              id: { type: 'string' },
              kind: { type: 'string' },
              title: bilingual,
              hard: { type: 'boolean' },
              violations: { type: 'integer' },
              note: { anyOf: [bilingual, { type: 'null' }], description: t({ 'zh-CN': '只列出、不核查的规则的说明', en: 'For a rule listed rather than checked' }) },
            },
          },
        },
        counts: {
          type: 'object',
          properties: {
            grids: { type: 'integer' },
            households: { type: 'integer' },
            violations: { type: 'integer' },
            gridsInViolation: { type: 'integer' },
            workersInViolation: { type: 'integer' },
          },
        },
        grids: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              code: { type: 'string' },
              name: { type: 'string' },
              kind: { type: ['string', 'null'], description: t({ 'zh-CN': '网格类型', en: 'Grid type' }) },
              households: { type: 'integer' },
              staff: { type: 'object', additionalProperties: { type: 'integer' }, description: t({ 'zh-CN': '按岗位的在岗人数', en: 'Serving staff by role' }) },
              violations: { type: 'array', items: ref('GridViolation') },
            },
          },
        },
        workers: {
          type: 'array',
          items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, gridCode: { type: 'string' }, violations: { type: 'array', items: ref('GridViolation') } } },
        },
        units: {
          type: 'array',
          items: { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' }, violations: { type: 'array', items: ref('GridViolation') } } },
        },
        truncated: { type: 'boolean' },
      },
    },
    GridUnitSummary: {
      type: 'object',
      properties: {
        ...(unit['properties'] as Json),
        grids: { type: 'integer' },
        coveredGrids: { type: 'integer', description: t({ 'zh-CN': '已登记住户的网格数', en: 'Grids with registered households' }) },
        households: { type: 'integer' },
        overCap: { type: 'integer', description: t({ 'zh-CN': '超过户数上限的网格数', en: 'Grids over their household cap' }) },
        understaffed: { type: 'integer', description: t({ 'zh-CN': '人员不足的网格数', en: 'Understaffed grids' }) },
        overstaffed: { type: 'integer' },
        workers: { type: 'integer', description: t({ 'zh-CN': '有走访任务的在岗人员数', en: 'Serving workers with a visit quota' }) },
        workersMeetingQuota: { type: 'integer', description: t({ 'zh-CN': '完成走访任务的人数', en: 'Of them, those meeting it' }) },
        mustVisitOverdue: { type: 'integer', description: t({ 'zh-CN': '超期未走访的必访户数', en: 'Must-visit households overdue' }) },
        violations: { type: 'integer' },
      },
    },
    GridSummary: {
      type: 'object',
      required: ['org', 'period', 'total', 'children'],
      properties: { org: unit, period: ref('GridPeriod'), total: ref('GridUnitSummary'), children: { type: 'array', items: ref('GridUnitSummary') } },
    },
    GridChangeResult: {
      type: 'object',
      required: ['grids', 'caused', 'violations'],
      properties: {
        grids: { type: 'array', items: { type: 'string' } },
        caused: { type: 'array', items: ref('GridViolation'), description: t({ 'zh-CN': '本次调整造成的违规（均非硬性规则）', en: 'Violations the change caused (none of a hard rule)' }) },
        violations: { type: 'array', items: ref('GridViolation') },
      },
    },
  };
  const org = { name: 'org', in: 'query', schema: { type: 'string' }, description: t({ 'zh-CN': '单位编码（默认：权限范围的顶层单位）', en: "Unit code (default: the top of the reader's grants)" }) };
  const period = {
    name: 'period',
    in: 'query',
    schema: { type: 'string', pattern: '^\\d{4}(-\\d{2})?$|^\\d{4}-\\d{2}-\\d{2}\\.\\.\\d{4}-\\d{2}-\\d{2}$' },
    description: t({ 'zh-CN': '年份、月份或日期区间，如 2026、2026-03、2026-01-01..2026-06-30（默认：今年）', en: 'A year, month or range of days: 2026, 2026-03, 2026-01-01..2026-06-30 (default: this year)' }),
  };
  const code = { name: 'code', in: 'path', required: true, schema: { type: 'string' }, description: t({ 'zh-CN': '网格编码', en: 'Grid code' }) };
  const changed = (extra: Json = {}, status = '200'): Json => ({
    [status]: { description: status === '201' ? 'Created' : 'OK', content: json(ref('GridChangeResult')) },
    ...extra,
    '400': response('BadRequest'),
    '403': response('Forbidden'),
    '404': response('NotFound'),
    '422': response('RuleViolated'),
  });
  const body = (schema: Json): Json => ({ required: true, content: json(schema) });
  const ids = { type: 'array', items: { type: 'string', format: 'uuid' }, minItems: 1, maxItems: MAX_MOVED_HOUSEHOLDS };
  const paths: Json = {
    '/api/grids/compliance': {
      get: {
        operationId: 'grid_compliance',
        tags,
        summary: t({ 'zh-CN': '网格规则执行情况：按网格、人员列出违规及其数据', en: 'Grid compliance: the violated rules per grid and worker, with their figures' }),
        parameters: [
          org,
          period,
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, default: DEFAULT_COMPLIANCE_LIMIT }, description: t({ 'zh-CN': '网格、人员、单位各列出的上限', en: 'Grids, workers and units listed at most (each)' }) },
        ],
        responses: { '200': { description: 'OK', content: json(ref('GridCompliance')) }, '400': response('BadRequest'), '403': response('Forbidden'), '404': response('NotFound') },
      },
    },
    '/api/grids/summary': {
      get: {
        operationId: 'grid_summary',
        tags,
        summary: t({ 'zh-CN': '网格看板：单位及其下级单位的覆盖、超员、缺员和走访完成情况', en: 'Grid dashboard: coverage, grids over cap, understaffed grids and visit quotas of a unit and the units under it' }),
        parameters: [org, period],
        responses: { '200': { description: 'OK', content: json(ref('GridSummary')) }, '400': response('BadRequest'), '403': response('Forbidden'), '404': response('NotFound') },
      },
    },
    '/api/grids/move-households': {
      post: {
        operationId: 'grid_move_households',
        tags,
        summary: t({ 'zh-CN': '住户调整到另一网格（连同其居民记录）', en: 'Move households (with their residents) to another grid' }),
        requestBody: body({ type: 'object', required: ['households', 'to'], properties: { households: ids, to: { type: 'string' } } }),
        responses: changed(),
      },
    },
    '/api/grids/{code}/split': {
      parameters: [code],
      post: {
        operationId: 'grid_split',
        tags,
        summary: t({ 'zh-CN': '拆分网格：新网格接管部分住户和人员', en: 'Split a grid: a new grid takes over some households and staff' }),
        requestBody: body({
          type: 'object',
          required: ['code', 'name', 'households'],
          properties: { code: { type: 'string' }, name: { type: 'string' }, kind: { type: 'string' }, households: ids, staff: { type: 'array', items: { type: 'string', format: 'uuid' } } },
        }),
        responses: changed({}, '201'),
      },
    },
    '/api/grids/{code}/merge': {
      parameters: [code],
      post: {
        operationId: 'grid_merge',
        tags,
        summary: t({ 'zh-CN': '合并网格：另一网格的全部记录并入本网格，并撤销该网格', en: "Merge grids: every record of another grid moves into this one, and that grid leaves the tree" }),
        requestBody: body({ type: 'object', required: ['from'], properties: { from: { type: 'string' } } }),
        responses: changed({ '409': response('Conflict') }),
      },
    },
    '/api/grids/{code}/staff': {
      parameters: [code],
      post: {
        operationId: 'grid_assign_staff',
        tags,
        summary: t({ 'zh-CN': '人员到本网格上岗', en: 'Assign a staff member to the grid' }),
        requestBody: body({ type: 'object', required: ['staff'], properties: { staff: { type: 'string', format: 'uuid' } } }),
        responses: changed(),
      },
    },
    '/api/grids/{code}/staff/{id}': {
      parameters: [code, { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
      delete: {
        operationId: 'grid_remove_staff',
        tags,
        summary: t({ 'zh-CN': '人员离岗', en: 'Remove a staff member from the grid' }),
        parameters: [{ name: 'status', in: 'query', schema: { type: 'string' }, description: t({ 'zh-CN': '离岗后的状态（默认 left）', en: 'The status afterwards (default left)' }) }],
        responses: changed(),
      },
    },
  };
  return { paths, schemas };
}
