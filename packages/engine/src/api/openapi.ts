import { resolveText } from '@zhili/schemas';
import type { BilingualText, Locale } from '@zhili/schemas';
import { Hono } from 'hono';
import { auditOpenApiPaths } from '../audit/openapi.ts';
import { authOpenApiPaths, authSecuritySchemes } from '../auth/openapi.ts';
import { checklistOpenApi } from '../checklists/openapi.ts';
import { ERROR_STATUS } from '../errors/engine-error.ts';
import { workflowOpenApi } from '../workflows/openapi.ts';
import { fileOpenApi } from '../files/openapi.ts';
import { pointsOpenApi } from '../points/openapi.ts';
import { gridOpenApi } from '../grids/openapi.ts';
import { councilOpenApi } from '../councils/openapi.ts';
import { orgOpenApiPaths } from '../org/openapi.ts';
import type { CompiledModel, CompiledResource } from '../model/types.ts';
import { STANDARD_FIELDS } from '../model/types.ts';
import { FIELD_OPERATORS, MAX_PAGE_SIZE, operatorSuits, queryableFields, RESERVED_PARAMETERS } from '../resources/query.ts';
import type { FieldOperator, QueryField, ScalarKind } from '../resources/query.ts';
import { localizeFieldSchema } from '../resources/schema.ts';
import type { JsonSchemaObject } from '../resources/schema.ts';
import type { AppEnv } from './env.ts';
import { STANDARD_FIELD_TITLES } from './meta.ts';

type Json = { [key: string]: unknown };

const JSON_TYPES: Readonly<Record<ScalarKind, string>> = { text: 'string', integer: 'integer', number: 'number', boolean: 'boolean' };
const LIST_OPERATORS: ReadonlySet<FieldOperator> = new Set(['in', 'nin', 'between', 'nbetween']);
const RESERVED: ReadonlySet<string> = new Set(RESERVED_PARAMETERS);

const ref = (kind: 'schemas' | 'parameters' | 'responses', name: string): Json => ({ $ref: `#/components/${kind}/${name}` });
const jsonContent = (schema: Json): Json => ({ 'application/json': { schema } });

/** The error responses, by name: Refine's HttpError shape with the code and field errors. */
const ERROR_RESPONSES = {
  BadRequest: { status: 400, text: { 'zh-CN': '请求无效：查询参数、JSON 或记录未通过校验', en: 'Invalid request: query parameters, JSON or the record failed validation' } },
  Unauthorized: { status: 401, text: { 'zh-CN': '未登录、会话已失效，或用户名、密码错误', en: 'No session, an ended session, or a wrong username or password' } },
  Forbidden: { status: 403, text: { 'zh-CN': '超出操作者的权限范围', en: "Outside the actor's grants" } },
  NotFound: { status: 404, text: { 'zh-CN': '资源或记录不存在', en: 'Unknown resource or record' } },
  Conflict: { status: 409, text: { 'zh-CN': '版本已过期，或 id、唯一字段重复', en: 'Stale version, or a duplicate id or unique field' } },
  NotAdmitted: {
    status: 422,
    text: { 'zh-CN': '未经准入：交由下级承担的工作须引用现行有效的清单事项或已批准的准入申请', en: 'Not admitted: work pushed down must cite an item in force of a checklist or an approved admission request' },
  },
  ImportInvalid: {
    status: 422,
    text: {
      'zh-CN': '导入的文件有错误，未导入任何内容；errors 按“rows.<行号>.<列的键>”或“columns.<列标题>”列出每处错误',
      en: 'The imported file has errors and nothing was imported; errors lists each one under rows.<row number>.<column key> or columns.<column title>',
    },
  },
  RuleViolated: {
    status: 422,
    text: {
      'zh-CN': '违反规则，未作调整：网格硬性规则（如户数上限、人员上限），或议事机构的组成、联名人数规定；errors 列出所违反的规则原文',
      en: "Refused: the change would break a rule — a hard grid rule (a household cap, a staffing maximum) or a council body's composition or proposal threshold; errors lists the rules' texts",
    },
  },
  PayloadTooLarge: { status: 413, text: { 'zh-CN': '请求体过大', en: 'The request body is too large' } },
  UnsupportedMediaType: { status: 415, text: { 'zh-CN': '请求体不是该接口接受的类型（JSON 或所列文件类型）', en: 'The request body is not of a type the endpoint takes (JSON, or the file types listed)' } },
  Unavailable: { status: 503, text: { 'zh-CN': '数据库无响应', en: 'The database does not answer' } },
} as const satisfies Record<string, { status: number; text: BilingualText }>;
type ErrorResponse = keyof typeof ERROR_RESPONSES;

/**
 * The OpenAPI 3.1 document of the API, generated from the same record schemas the server
 * validates with: one component schema per resource (the record as read), plus its create body,
 * its patch body and its list page; the list parameters; the error shape. Texts in one locale.
 */
export function buildOpenApiDocument(model: CompiledModel, locale: Locale): Json {
  const t = (text: BilingualText): string => text[locale];
  const errorResponses = (...names: ErrorResponse[]): Json =>
    Object.fromEntries(names.map((name) => [String(ERROR_RESPONSES[name].status), ref('responses', name)]));

  const checklists = checklistOpenApi(locale);
  const workflows = workflowOpenApi(locale);
  const grids = model.grids ? gridOpenApi(locale) : { paths: {}, schemas: {} };
  const councils = councilOpenApi(locale);
  const files = fileOpenApi(locale);
  const points = Object.keys(model.points).length > 0 ? pointsOpenApi(locale) : { paths: {}, schemas: {} };
  const schemas: Json = {
    ...checklists.schemas,
    ...workflows.schemas,
    ...grids.schemas,
    ...councils.schemas,
    ...files.schemas,
    ...points.schemas,
    Error: {
      type: 'object',
      description: t({ 'zh-CN': '错误（Refine HttpError 格式）', en: "An error (Refine's HttpError shape)" }),
      required: ['message', 'statusCode', 'code'],
      properties: {
        message: { type: 'string' },
        statusCode: { type: 'integer' },
        code: { type: 'string', enum: Object.keys(ERROR_STATUS) },
        errors: {
          type: 'object',
          description: t({ 'zh-CN': '按字段路径（如 address.city）或查询参数列出的错误', en: 'Messages by field path (e.g. address.city) or by query parameter' }),
          additionalProperties: { type: 'array', items: { type: 'string' } },
        },
      },
    },
    StandardFields: standardFieldsSchema(locale),
  };
  const paths: Json = {
    ...authOpenApiPaths(locale),
    '/api/health': {
      get: {
        operationId: 'health',
        security: [],
        summary: t({ 'zh-CN': '健康检查（数据库是否响应）', en: 'Health (does the database answer)' }),
        responses: { '200': { description: 'OK', content: jsonContent({ type: 'object' }) }, ...errorResponses('Unavailable') },
      },
    },
    '/api/meta': {
      get: {
        operationId: 'meta',
        summary: t({ 'zh-CN': '管理端元数据：资源、表单、列表配置与权限', en: 'Admin metadata: resources, forms, list config, permissions' }),
        parameters: [ref('parameters', 'locale')],
        responses: { '200': { description: 'OK', content: jsonContent({ type: 'object' }) } },
      },
    },
    '/api/openapi.json': {
      get: {
        operationId: 'openapi',
        security: [],
        summary: t({ 'zh-CN': '本文档', en: 'This document' }),
        parameters: [ref('parameters', 'locale')],
        responses: { '200': { description: 'OK', content: jsonContent({ type: 'object' }) } },
      },
    },
    ...orgOpenApiPaths(locale),
    ...auditOpenApiPaths(locale),
    ...checklists.paths,
    ...workflows.paths,
    ...grids.paths,
    ...councils.paths,
    ...files.paths,
    ...points.paths,
  };
  const admitted = new Set(Object.values(model.checklists).flatMap((checklist) => checklist.admission?.resources ?? []));

  /** The 422 of writes of a resource under admission control. */
  const admissionResponse = (resource: string): ErrorResponse[] => (admitted.has(resource) ? ['NotAdmitted'] : []);

  for (const resource of Object.values(model.resources)) {
    const id = resource.id;
    const title = resolveText(resource.title, locale);
    const own = ownProperties(resource, locale);
    const required = resource.schema.required ?? [];
    schemas[id] = {
      title,
      ...(resource.description === null ? {} : { description: resolveText(resource.description, locale) }),
      allOf: [ref('schemas', 'StandardFields'), { type: 'object', properties: own, ...(required.length ? { required } : {}) }],
    };
    schemas[`${id}.create`] = {
      type: 'object',
      additionalProperties: false,
      required: ['orgCode', ...required],
      properties: {
        id: { type: 'string', format: 'uuid', description: t({ 'zh-CN': '可选：客户端生成的 UUID', en: 'Optional: a client-generated UUID' }) },
        orgCode: { type: 'string', description: t({ 'zh-CN': `所属单位编码（${levelTitle(model, resource, 'zh-CN')}级）`, en: `Code of the org unit (level ${levelTitle(model, resource, 'en')})` }) },
        ...own,
      },
    };
    schemas[`${id}.patch`] = {
      type: 'object',
      description: t({ 'zh-CN': '只需给出要修改的字段；null 表示清除该字段', en: 'Only the fields to change; null clears a field' }),
      required: ['version'],
      properties: {
        version: { type: 'integer', minimum: 1, description: t({ 'zh-CN': '记录的当前版本号', en: "The record's current version" }) },
        orgCode: { type: 'string', description: t({ 'zh-CN': '移动到另一单位', en: 'Moves the record to another unit' }) },
        ...Object.fromEntries(Object.entries(own).map(([name, schema]) => [name, { anyOf: [schema, { type: 'null' }] }])),
      },
    };
    schemas[`${id}.page`] = {
      type: 'object',
      required: ['data', 'total', 'page', 'pageSize'],
      properties: {
        data: { type: 'array', items: ref('schemas', id) },
        total: { type: 'integer', minimum: 0 },
        page: { type: 'integer', minimum: 1 },
        pageSize: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE },
      },
    };

    const tags = [title];
    paths[`/api/r/${id}`] = {
      get: {
        operationId: `list_${id}`,
        tags,
        summary: t({ 'zh-CN': `分页查询${title}`, en: `List ${title} records` }),
        parameters: [
          ...['page', 'pageSize', 'sort', 'filter', 'org', 'locale'].map((name) => ref('parameters', name)),
          ...fieldFilterParameters(resource, locale),
        ],
        responses: { '200': { description: 'OK', content: jsonContent(ref('schemas', `${id}.page`)) }, ...errorResponses('BadRequest', 'NotFound') },
      },
      post: {
        operationId: `create_${id}`,
        tags,
        summary: t({ 'zh-CN': `新建${title}`, en: `Create a ${title} record` }),
        requestBody: { required: true, content: jsonContent(ref('schemas', `${id}.create`)) },
        responses: {
          '201': { description: 'Created', content: jsonContent(ref('schemas', id)) },
          ...errorResponses('BadRequest', 'Forbidden', 'NotFound', 'Conflict', 'PayloadTooLarge', 'UnsupportedMediaType', ...admissionResponse(id)),
        },
      },
    };
    paths[`/api/r/${id}/{id}`] = {
      parameters: [ref('parameters', 'id')],
      get: {
        operationId: `get_${id}`,
        tags,
        summary: t({ 'zh-CN': `读取一条${title}`, en: `Read a ${title} record` }),
        responses: { '200': { description: 'OK', content: jsonContent(ref('schemas', id)) }, ...errorResponses('NotFound') },
      },
      patch: {
        operationId: `update_${id}`,
        tags,
        summary: t({ 'zh-CN': `修改${title}（需提供当前版本号）`, en: `Update a ${title} record (at its current version)` }),
        requestBody: { required: true, content: jsonContent(ref('schemas', `${id}.patch`)) },
        responses: {
          '200': { description: 'OK', content: jsonContent(ref('schemas', id)) },
          ...errorResponses('BadRequest', 'Forbidden', 'NotFound', 'Conflict', 'PayloadTooLarge', 'UnsupportedMediaType', ...admissionResponse(id)),
        },
      },
      delete: {
        operationId: `delete_${id}`,
        tags,
        summary: t({ 'zh-CN': `删除${title}（需提供当前版本号）`, en: `Delete a ${title} record (at its current version)` }),
        parameters: [ref('parameters', 'version')],
        responses: { '204': { description: 'Deleted' }, ...errorResponses('BadRequest', 'NotFound', 'Conflict') },
      },
    };
  }

  return {
    openapi: '3.1.0',
    info: {
      title: resolveText(model.title, locale),
      version: model.version,
      ...(model.description === null ? {} : { description: resolveText(model.description, locale) }),
    },
    security: [{ bearer: [] }, { cookie: [] }],
    paths,
    components: {
      securitySchemes: authSecuritySchemes(locale),
      schemas,
      parameters: listParameters(locale),
      responses: Object.fromEntries(
        Object.entries(ERROR_RESPONSES).map(([name, response]) => [name, { description: t(response.text), content: jsonContent(ref('schemas', 'Error')) }]),
      ),
    },
  };
}

function levelTitle(model: CompiledModel, resource: CompiledResource, locale: Locale): string {
  const level = model.levels.find((l) => l.id === resource.level);
  return level ? resolveText(level.title, locale) : resource.level;
}

function ownProperties(resource: CompiledResource, locale: Locale): Record<string, JsonSchemaObject> {
  return Object.fromEntries(resource.fields.map((field) => [field.name, localizeFieldSchema(field.schema, locale)]));
}

function standardFieldsSchema(locale: Locale): Json {
  const formats: Partial<Record<keyof typeof STANDARD_FIELDS, Json>> = {
    id: { format: 'uuid' },
    version: { minimum: 1 },
    createdAt: { format: 'date-time' },
    updatedAt: { format: 'date-time' },
  };
  return {
    type: 'object',
    required: Object.keys(STANDARD_FIELDS),
    properties: Object.fromEntries(
      Object.entries(STANDARD_FIELDS).map(([name, field]) => [
        name,
        {
          type: field.kind === 'integer' ? 'integer' : 'string',
          title: STANDARD_FIELD_TITLES[name as keyof typeof STANDARD_FIELDS][locale],
          ...formats[name as keyof typeof STANDARD_FIELDS],
        },
      ]),
    ),
  };
}

function listParameters(locale: Locale): Json {
  const t = (text: BilingualText): string => text[locale];
  const query = (name: string, schema: Json, description: BilingualText): Json => ({ name, in: 'query', required: false, schema, description: t(description) });
  return {
    id: { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
    version: {
      name: 'version',
      in: 'query',
      required: true,
      schema: { type: 'integer', minimum: 1 },
      description: t({ 'zh-CN': '记录的当前版本号', en: "The record's current version" }),
    },
    page: query('page', { type: 'integer', minimum: 1, default: 1 }, { 'zh-CN': '页码，从 1 开始', en: 'Page number, from 1' }),
    pageSize: query('pageSize', { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE }, { 'zh-CN': `每页条数，最多 ${MAX_PAGE_SIZE}；默认为资源的列表配置`, en: `Rows per page, at most ${MAX_PAGE_SIZE}; defaults to the resource's list config` }),
    sort: query('sort', { type: 'string' }, { 'zh-CN': '排序字段，逗号分隔，减号表示降序，如 -updatedAt,address', en: 'Sort keys, comma-separated, minus for descending, e.g. -updatedAt,address' }),
    filter: query(
      'filter',
      { type: 'string', contentMediaType: 'application/json' },
      { 'zh-CN': 'Refine CrudFilters 的 JSON：[{ field, operator, value } | { operator: "or"|"and", value: [...] }]', en: 'Refine CrudFilters as JSON: [{ field, operator, value } | { operator: "or"|"and", value: [...] }]' },
    ),
    org: query('org', { type: 'string' }, { 'zh-CN': '只列出该组织单位（含下级）的记录', en: "Only records in this org unit's subtree" }),
    locale: query('locale', { type: 'string', enum: ['zh-CN', 'en'] }, { 'zh-CN': '消息与文本的语言', en: 'Language of messages and texts' }),
  };
}

/**
 * One deepObject parameter per filterable field: `name[op]=value` for each operator that suits the
 * field; `name=value` (equality) is accepted too.
 */
function fieldFilterParameters(resource: CompiledResource, locale: Locale): Json[] {
  return queryableFields(resource)
    .filter((field) => !RESERVED.has(field.name))
    .map((field) => ({
      name: field.name,
      in: 'query',
      required: false,
      style: 'deepObject',
      explode: true,
      description: filterDescription(resource, field, locale),
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(
          FIELD_OPERATORS.filter((op) => operatorSuits(op, field.kind)).map((op) => [op, operatorValueSchema(op, field.kind)]),
        ),
      },
    }));
}

function filterDescription(resource: CompiledResource, field: QueryField, locale: Locale): string {
  const own = resource.fields.find((f) => f.name === field.name);
  const title = own ? resolveText(own.title, locale) : STANDARD_FIELD_TITLES[field.name as keyof typeof STANDARD_FIELDS][locale];
  return locale === 'zh-CN'
    ? `按“${title}”筛选：${field.name}[运算符]=值；列表值以逗号分隔`
    : `Filter on ${title}: ${field.name}[operator]=value; lists are comma-separated`;
}

function operatorValueSchema(operator: FieldOperator, kind: ScalarKind): Json {
  if (operator === 'null' || operator === 'nnull') return { type: 'boolean', const: true };
  if (LIST_OPERATORS.has(operator)) return { type: 'string' };
  return { type: JSON_TYPES[kind] };
}

/** GET /api/openapi.json?locale=. */
export function createOpenApiRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const cache = new Map<Locale, Json>();
  routes.get('/', (c) => {
    const { locale, engine } = c.var;
    let document = cache.get(locale);
    if (!document) {
      document = buildOpenApiDocument(engine.model, locale);
      cache.set(locale, document);
    }
    return c.json(document);
  });
  return routes;
}
