import type { BilingualText, Locale } from '@zhili/schemas';

type Json = { [key: string]: unknown };

/**
 * The path items of /api/org for the API's OpenAPI document, texts in one locale. Error responses
 * and the locale parameter refer to the document's shared components.
 */
export function orgOpenApiPaths(locale: Locale): Json {
  const t = (text: BilingualText): string => text[locale];
  const unit: Json = {
    type: 'object',
    required: ['code', 'name', 'level', 'levelTitle', 'kind', 'hasChildren'],
    properties: {
      code: { type: 'string' },
      name: { type: 'string' },
      level: { type: 'string', description: t({ 'zh-CN': '层级 id', en: 'Level id' }) },
      levelTitle: { type: 'string', description: t({ 'zh-CN': '层级名称（请求的语言）', en: "The level's title in the request's language" }) },
      kind: { type: ['string', 'null'] },
      hasChildren: { type: 'boolean', description: t({ 'zh-CN': '是否有操作者可见的下级单位', en: 'Whether the unit has children the actor may see' }) },
    },
  };
  const visibility = t({
    'zh-CN': '只含操作者可见的单位：其读取权限范围内的单位及其上级',
    en: "Only units the actor may see: those within its read grants and their ancestors",
  });
  const localeParameter = { $ref: '#/components/parameters/locale' };
  const notFound = { $ref: '#/components/responses/NotFound' };
  return {
    '/api/org/units': {
      get: {
        operationId: 'list_org_units',
        summary: t({ 'zh-CN': '组织树：某单位的下级，或不带 parent 时的根单位', en: 'The org tree: the children of a unit, or the roots without parent' }),
        description: visibility,
        parameters: [
          { name: 'parent', in: 'query', required: false, schema: { type: 'string' }, description: t({ 'zh-CN': '上级单位编码', en: 'Code of the parent unit' }) },
          localeParameter,
        ],
        responses: {
          '200': {
            description: 'OK',
            content: { 'application/json': { schema: { type: 'object', required: ['data'], properties: { data: { type: 'array', items: unit } } } } },
          },
          '404': notFound,
        },
      },
    },
    '/api/org/units/{code}': {
      get: {
        operationId: 'get_org_unit',
        summary: t({ 'zh-CN': '一个组织单位及其全部上级（从根开始）', en: 'One org unit with its ancestors, root first' }),
        description: visibility,
        parameters: [{ name: 'code', in: 'path', required: true, schema: { type: 'string' } }, localeParameter],
        responses: {
          '200': {
            description: 'OK',
            content: {
              'application/json': {
                schema: { allOf: [unit, { type: 'object', required: ['ancestors'], properties: { ancestors: { type: 'array', items: unit } } }] },
              },
            },
          },
          '404': notFound,
        },
      },
    },
  };
}
