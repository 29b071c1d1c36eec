import type { BilingualText, Locale } from '@zhili/schemas';
import { FILE_MAX_BYTES, FILE_TYPES } from './content.ts';

type Json = { [key: string]: unknown };

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const response = (name: string): Json => ({ $ref: `#/components/responses/${name}` });

/** The file routes for the API's OpenAPI document, texts in one locale: their path items and the StoredFile schema. */
export function fileOpenApi(locale: Locale): { paths: Json; schemas: Json } {
  const t = (text: BilingualText): string => text[locale];
  const tags = [t({ 'zh-CN': '文件', en: 'Files' })];
  const query = (name: string, description: BilingualText): Json => ({ name, in: 'query', required: true, schema: { type: 'string', minLength: 1 }, description: t(description) });
  const binary = Object.fromEntries(FILE_TYPES.map((f) => [f.type, { schema: { type: 'string', format: 'binary' } }]));
  const schemas: Json = {
    StoredFile: {
      type: 'object',
      description: t({ 'zh-CN': '已上传的文件（附件）', en: 'An uploaded file (an attachment)' }),
      required: ['id', 'name', 'contentType', 'size', 'sha256', 'orgCode', 'uploadedAt', 'url'],
      properties: {
        id: { type: 'string', format: 'uuid' },
        name: { type: 'string' },
        contentType: { type: 'string', enum: FILE_TYPES.map((f) => f.type) },
        size: { type: 'integer', minimum: 1, maximum: FILE_MAX_BYTES },
        sha256: { type: 'string' },
        orgCode: { type: 'string' },
        uploadedAt: { type: 'string', format: 'date-time' },
        url: { type: 'string', description: t({ 'zh-CN': '读取文件的地址，可作为案卷附件的 url', en: "Where the file is read from; a case attachment's url" }) },
      },
    },
  };
  const paths: Json = {
    '/api/files': {
      post: {
        operationId: 'upload_file',
        tags,
        summary: t({ 'zh-CN': '上传文件（请求体即文件内容，最大 10 MiB）', en: 'Upload a file (the request body is the file, at most 10 MiB)' }),
        parameters: [
          query('org', { 'zh-CN': '文件所属的组织单位：操作者任职单位的上级、本级或下级', en: 'The org unit the file is for: on the branch of one where the actor holds a role' }),
          query('name', { 'zh-CN': '文件名', en: 'The file name' }),
        ],
        requestBody: { required: true, content: binary },
        responses: {
          '201': { description: 'Created', content: { 'application/json': { schema: ref('StoredFile') } } },
          '400': response('BadRequest'),
          '403': response('Forbidden'),
          '413': response('PayloadTooLarge'),
          '415': response('UnsupportedMediaType'),
        },
      },
    },
    '/api/files/{id}': {
      get: {
        operationId: 'read_file',
        tags,
        summary: t({ 'zh-CN': '读取文件：本单位及下级单位的文件', en: 'Read a file: those of the units where the actor holds a role, and below' }),
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        responses: { '200': { description: 'OK', content: binary }, '404': response('NotFound') },
      },
    },
  };
  return { paths, schemas };
}
