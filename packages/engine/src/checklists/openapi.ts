import type { BilingualText, Locale } from '@zhili/schemas';
import { CHECKLIST_KINDS, CLAIMANT_KINDS } from './kinds.ts';
import { COLUMNS_SHEET, ITEMS_SHEET, XLSX_MAX_BYTES, XLSX_MAX_ROWS, XLSX_TYPE } from './xlsx.ts';

type Json = { [key: string]: unknown };

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const response = (name: string): Json => ({ $ref: `#/components/responses/${name}` });
const json = (schema: Json): Json => ({ 'application/json': { schema } });
const page = (items: Json): Json => ({ type: 'object', required: ['data'], properties: { data: { type: 'array', items } } });

/**
 * The checklist routes for the API's OpenAPI document, texts in one locale: their path items and
 * the component schemas they use. Error responses and the locale parameter refer to the
 * document's shared components.
 */
export function checklistOpenApi(locale: Locale): { paths: Json; schemas: Json } {
  const t = (text: BilingualText): string => text[locale];
  const text: Json = {
    description: t({ 'zh-CN': '文本：字符串（简体中文），或 { "zh-CN": …, "en": … }', en: 'Text: a string (Simplified Chinese), or { "zh-CN": …, "en": … }' }),
    anyOf: [
      { type: 'string', minLength: 1 },
      { type: 'object', required: ['zh-CN'], additionalProperties: false, properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } } },
    ],
  };
  const nullable = (type: string, extra: Json = {}): Json => ({ type: [type, 'null'], ...extra });
  const date: Json = { type: 'string', format: 'date' };
  const kind: Json = { type: 'string', enum: Object.keys(CHECKLIST_KINDS) };
  const versionBase: Json = {
    checklist: { type: 'string' },
    version: { type: 'integer', minimum: 1 },
    status: { type: 'string', enum: ['draft', 'published'] },
    basedOn: nullable('integer'),
    effectiveFrom: nullable('string', {
      format: 'date',
      description: t({ 'zh-CN': '生效日期（中国标准时间）；草稿为 null', en: 'First day in force (China Standard Time); null for the draft' }),
    }),
    inForce: { type: 'boolean', description: t({ 'zh-CN': '是否为今天现行有效的版本', en: 'Whether this is the version in force today' }) },
    revision: {
      type: 'integer',
      minimum: 1,
      description: t({ 'zh-CN': '草稿的修订号：每次修改草稿都须提交它', en: "The draft's revision: every change to the draft names it" }),
    },
    note: nullable('string'),
    createdAt: { type: 'string', format: 'date-time' },
    createdBy: { type: 'string' },
    updatedAt: { type: 'string', format: 'date-time' },
    updatedBy: { type: 'string' },
    publishedAt: nullable('string', { format: 'date-time' }),
    publishedBy: nullable('string'),
  };
  const admission: Json = {
    type: ['object', 'null'],
    properties: {
      resources: { type: 'array', items: { type: 'string' } },
      approverLevel: { type: 'string' },
      decisionDays: { type: 'integer' },
      targetLevels: { type: 'array', items: { type: 'string' } },
      assessment: nullable('string'),
    },
  };
  const schemas: Json = {
    Text: text,
    ChecklistItem: {
      type: 'object',
      required: ['code', 'title', 'status', 'attributes'],
      properties: {
        code: { type: 'string' },
        title: ref('Text'),
        status: { type: 'string', enum: ['active', 'retired'] },
        attributes: {
          type: 'object',
          description: t({ 'zh-CN': '事项属性，符合清单的事项模式', en: "The item's attributes, valid against the checklist's item schema" }),
        },
        request: { type: 'string', format: 'uuid', description: t({ 'zh-CN': '事项来自的准入申请', en: 'The admission request the item came from' }) },
      },
    },
    ChecklistVersion: { type: 'object', properties: { ...versionBase, items: { type: 'array', items: ref('ChecklistItem') } } },
    DraftImport: {
      type: 'object',
      required: ['draft', 'rows', 'added', 'changed', 'retired', 'removed'],
      properties: {
        draft: ref('ChecklistVersion'),
        rows: { type: 'integer', description: t({ 'zh-CN': '读取的事项行数', en: 'Item rows read' }) },
        added: { type: 'array', items: { type: 'string' }, description: t({ 'zh-CN': '新增事项的编码', en: 'Codes of the items added' }) },
        changed: { type: 'array', items: { type: 'string' }, description: t({ 'zh-CN': '名称或属性有变化的事项编码', en: 'Codes of the items whose title or attributes changed' }) },
        retired: { type: 'array', items: { type: 'string' }, description: t({ 'zh-CN': '废止的事项编码', en: 'Codes of the items retired' }) },
        removed: {
          type: 'array',
          items: { type: 'string' },
          description: t({ 'zh-CN': '删除的事项编码（草稿中新增、从未发布）', en: 'Codes of the items removed (added in the draft, never published)' }),
        },
      },
    },
    ChecklistVersionSummary: { type: 'object', properties: { ...versionBase, activeItems: { type: 'integer' }, retiredItems: { type: 'integer' } } },
    ChecklistSummary: {
      type: 'object',
      properties: {
        id: { type: 'string' },
        title: ref('Text'),
        description: { anyOf: [ref('Text'), { type: 'null' }] },
        kind,
        owner: { type: 'string', description: t({ 'zh-CN': '编辑和发布清单的层级', en: 'Level of the authority that edits and publishes it' }) },
        public: { type: 'boolean' },
        admission,
        inForce: { anyOf: [ref('ChecklistVersionSummary'), { type: 'null' }] },
        latest: { anyOf: [ref('ChecklistVersionSummary'), { type: 'null' }] },
        draft: { anyOf: [ref('ChecklistVersionSummary'), { type: 'null' }] },
        permissions: {
          type: 'object',
          properties: {
            readDrafts: { type: 'boolean' },
            edit: { type: 'boolean' },
            publish: { type: 'boolean' },
            submitRequests: { type: 'boolean' },
            decideRequests: { type: 'boolean' },
            readClaims: { type: 'boolean' },
            claim: { type: 'boolean' },
            closeClaims: { type: 'boolean' },
          },
        },
      },
    },
    ChecklistDiff: {
      type: 'object',
      required: ['checklist', 'from', 'to', 'added', 'retired', 'changed', 'moved'],
      properties: {
        checklist: { type: 'string' },
        from: { type: 'integer' },
        to: { type: 'integer' },
        added: { type: 'array', items: { type: 'object', properties: { code: { type: 'string' }, title: ref('Text'), position: { type: 'integer' } } } },
        retired: { type: 'array', items: { type: 'object', properties: { code: { type: 'string' }, title: ref('Text') } } },
        changed: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              code: { type: 'string' },
              title: ref('Text'),
              keys: { type: 'array', items: { type: 'string' } },
              before: { type: 'object' },
              after: { type: 'object' },
            },
          },
        },
        moved: { type: 'array', items: { type: 'object', properties: { code: { type: 'string' }, from: { type: 'integer' }, to: { type: 'integer' } } } },
      },
    },
    AdmissionRequest: {
      type: 'object',
      properties: {
        id: { type: 'string', format: 'uuid' },
        checklist: { type: 'string' },
        resource: { type: 'string' },
        title: ref('Text'),
        requestingDepartment: { type: 'string' },
        justification: { type: 'string' },
        fundingSource: { type: 'string' },
        targetLevel: { type: 'string' },
        deadline: date,
        proposedCode: nullable('string'),
        attributes: { type: 'object' },
        status: { type: 'string', enum: ['pending', 'approved', 'rejected'] },
        decisionDue: date,
        overdue: { type: 'boolean' },
        itemCode: nullable('string'),
        decisionNote: nullable('string'),
        version: { type: 'integer', minimum: 1 },
        submittedAt: { type: 'string', format: 'date-time' },
        orgCode: { type: 'string', description: t({ 'zh-CN': '提出申请的单位；申请由覆盖该单位的权限查看和审批', en: 'The unit the request came from; grants covering it read and decide it' }) },
        submittedBy: { type: 'string' },
        decidedAt: nullable('string', { format: 'date-time' }),
        decidedBy: nullable('string'),
      },
    },
    Claim: {
      type: 'object',
      properties: {
        id: { type: 'string', format: 'uuid' },
        checklist: { type: 'string' },
        item: { type: 'string' },
        itemVersion: { type: 'integer' },
        orgCode: { type: 'string' },
        orgPath: { type: 'string' },
        claimant: ref('Claimant'),
        note: nullable('string'),
        status: { type: 'string', enum: ['claimed', 'done', 'withdrawn'] },
        version: { type: 'integer', minimum: 1 },
        claimedAt: { type: 'string', format: 'date-time' },
        claimedBy: { type: 'string' },
        closedAt: nullable('string', { format: 'date-time' }),
        closedBy: nullable('string'),
        closingNote: nullable('string'),
      },
    },
    Claimant: {
      type: 'object',
      required: ['name', 'kind'],
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 100 },
        kind: { type: 'string', enum: Object.keys(CLAIMANT_KINDS), description: t({ 'zh-CN': '部门单位、经营商户或社会组织', en: 'A department, a merchant or a social organisation' }) },
        contact: nullable('string', { maxLength: 100 }),
      },
    },
    UnitClaims: {
      type: 'object',
      properties: {
        orgCode: { type: 'string' },
        orgName: { type: 'string' },
        items: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              code: { type: 'string' },
              title: ref('Text'),
              status: { type: 'string', enum: ['open', 'claimed', 'done'] },
              claims: { type: 'array', items: ref('Claim') },
            },
          },
        },
        counts: {
          type: 'object',
          properties: { items: { type: 'integer' }, open: { type: 'integer' }, claimed: { type: 'integer' }, done: { type: 'integer' } },
        },
      },
    },
    PublicChecklist: {
      type: 'object',
      properties: {
        id: { type: 'string' },
        title: { type: 'string' },
        description: nullable('string'),
        kind,
        kindTitle: { type: 'string' },
        version: { type: 'integer' },
        effectiveFrom: date,
        publishedAt: { type: 'string', format: 'date-time' },
        note: nullable('string'),
        itemCount: { type: 'integer' },
        itemSchema: { type: 'object' },
        items: {
          type: 'array',
          items: { type: 'object', properties: { code: { type: 'string' }, title: { type: 'string' }, attributes: { type: 'object' } } },
        },
      },
    },
  };

  const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: t({ 'zh-CN': '清单 id', en: 'Checklist id' }) };
  const code = { name: 'code', in: 'path', required: true, schema: { type: 'string' }, description: t({ 'zh-CN': '事项编码', en: 'Item code' }) };
  const versionRef = (name: string, where: 'path' | 'query'): Json => ({
    name,
    in: where,
    required: where === 'path',
    schema: {
      anyOf: [
        { type: 'integer', minimum: 1 },
        { type: 'string', enum: ['draft', 'current'] },
      ],
    },
    description: t({ 'zh-CN': '版本号，或 draft（草稿）、current（现行有效版本）', en: 'A version number, or draft, or current (the version in force)' }),
  });
  const revisionQuery = {
    name: 'revision',
    in: 'query',
    required: true,
    schema: { type: 'integer', minimum: 1 },
    description: t({ 'zh-CN': '草稿的当前修订号', en: "The draft's current revision" }),
  };
  const locale_ = { $ref: '#/components/parameters/locale' };
  const tags = [t({ 'zh-CN': '清单', en: 'Checklists' })];
  const draftWrite = (operationId: string, summary: BilingualText, body: Json | null, status = '200'): Json => ({
    operationId,
    tags,
    summary: t(summary),
    ...(body ? { requestBody: { required: true, content: json(body) } } : {}),
    responses: {
      [status]: { description: 'OK', content: json(ref('ChecklistVersion')) },
      '400': response('BadRequest'),
      '403': response('Forbidden'),
      '404': response('NotFound'),
      '409': response('Conflict'),
    },
  });
  const revision = { type: 'integer', minimum: 1 };
  const item = { code: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$' }, title: ref('Text'), attributes: { type: 'object' } };

  const orgQuery = {
    name: 'org',
    in: 'query',
    required: false,
    schema: { type: 'string' },
    description: t({ 'zh-CN': '只看该组织单元（及其下级或所在社区）', en: 'Only this org unit (with the units below it, or the community it is in)' }),
  };
  const claimId = { name: 'claim', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
  const claimErrors = { '400': response('BadRequest'), '403': response('Forbidden'), '404': response('NotFound') };
  const closeClaim = (operationId: string, summary: BilingualText): Json => ({
    operationId,
    tags,
    summary: t(summary),
    requestBody: {
      required: true,
      content: json({ type: 'object', required: ['version'], properties: { version: { type: 'integer', minimum: 1 }, note: { type: 'string', maxLength: 2000 } } }),
    },
    responses: { '200': { description: 'OK', content: json(ref('Claim')) }, ...claimErrors, '409': response('Conflict') },
  });

  const paths: Json = {
    '/api/checklists': {
      get: {
        operationId: 'list_checklists',
        tags,
        summary: t({ 'zh-CN': '清单列表：现行有效版本、最新版本和草稿', en: 'The checklists, with the version in force, the latest version and the draft' }),
        responses: { '200': { description: 'OK', content: json(page(ref('ChecklistSummary'))) } },
      },
    },
    '/api/checklists/{id}': {
      parameters: [id],
      get: {
        operationId: 'get_checklist',
        tags,
        summary: t({ 'zh-CN': '一份清单及其事项模式', en: 'A checklist with its item schema' }),
        responses: {
          '200': {
            description: 'OK',
            content: json({
              allOf: [ref('ChecklistSummary'), { type: 'object', properties: { itemSchema: { type: 'object' }, itemUiSchema: { type: 'object' } } }],
            }),
          },
          '404': response('NotFound'),
        },
      },
    },
    '/api/checklists/{id}/versions': {
      parameters: [id],
      get: {
        operationId: 'list_checklist_versions',
        tags,
        summary: t({ 'zh-CN': '清单的各个版本（新版在前）', en: "The checklist's versions, newest first" }),
        responses: { '200': { description: 'OK', content: json(page(ref('ChecklistVersionSummary'))) }, '404': response('NotFound') },
      },
    },
    '/api/checklists/{id}/versions/{ref}': {
      parameters: [id, versionRef('ref', 'path')],
      get: {
        operationId: 'get_checklist_version',
        tags,
        summary: t({ 'zh-CN': '清单的一个版本及其事项', en: 'One version of a checklist with its items' }),
        responses: { '200': { description: 'OK', content: json(ref('ChecklistVersion')) }, '400': response('BadRequest'), '404': response('NotFound') },
      },
    },
    '/api/checklists/{id}/diff': {
      parameters: [id],
      get: {
        operationId: 'diff_checklist_versions',
        tags,
        summary: t({
          'zh-CN': '两个版本之间的差异（默认：草稿相对其所依据的版本）',
          en: 'What changed between two versions (by default: the draft against the version it is based on)',
        }),
        parameters: [versionRef('from', 'query'), versionRef('to', 'query')],
        responses: { '200': { description: 'OK', content: json(ref('ChecklistDiff')) }, '400': response('BadRequest'), '404': response('NotFound') },
      },
    },
    '/api/checklists/{id}/draft': {
      parameters: [id],
      post: draftWrite(
        'create_checklist_draft',
        {
          'zh-CN': '以最新发布的版本为基础创建草稿（每份清单只有一份草稿）',
          en: 'Start the draft from the latest published version (one draft per checklist)',
        },
        null,
        '201',
      ),
      delete: {
        operationId: 'discard_checklist_draft',
        tags,
        summary: t({ 'zh-CN': '放弃草稿', en: 'Discard the draft' }),
        parameters: [revisionQuery],
        responses: {
          '204': { description: 'Deleted' },
          '400': response('BadRequest'),
          '403': response('Forbidden'),
          '404': response('NotFound'),
          '409': response('Conflict'),
        },
      },
    },
    '/api/checklists/{id}/draft/items': {
      parameters: [id],
      post: draftWrite(
        'add_checklist_item',
        { 'zh-CN': '在草稿中新增事项（编码不得重复使用）', en: 'Add an item to the draft (codes are never reused)' },
        { type: 'object', required: ['revision', 'code', 'title'], properties: { revision, ...item, position: { type: 'integer', minimum: 0 } } },
        '201',
      ),
    },
    '/api/checklists/{id}/draft/items/{code}': {
      parameters: [id, code],
      patch: draftWrite(
        'update_checklist_item',
        {
          'zh-CN': '修改草稿中的事项：给出的属性替换原值，null 表示清除',
          en: 'Change an item of the draft: given attributes replace the old ones, null clears one',
        },
        { type: 'object', required: ['revision'], properties: { revision, title: ref('Text'), attributes: { type: 'object' } } },
      ),
      delete: {
        ...draftWrite(
          'retire_checklist_item',
          { 'zh-CN': '废止草稿中的事项（仅草稿中新增的事项直接删除）', en: 'Retire an item of the draft (an item added in the draft is removed)' },
          null,
        ),
        parameters: [revisionQuery],
      },
    },
    '/api/checklists/{id}/draft/reorder': {
      parameters: [id],
      post: draftWrite(
        'reorder_checklist_items',
        { 'zh-CN': '调整草稿中事项的顺序', en: 'Reorder the items of the draft' },
        { type: 'object', required: ['revision', 'codes'], properties: { revision, codes: { type: 'array', items: { type: 'string' }, uniqueItems: true } } },
      ),
    },
    '/api/checklists/{id}/export.xlsx': {
      parameters: [id],
      get: {
        operationId: 'export_checklist_xlsx',
        tags,
        summary: t({ 'zh-CN': '将一个版本的现行事项导出为 Excel 工作簿', en: "Export a version's active items as an Excel workbook" }),
        description: t({
          'zh-CN': `工作表“${ITEMS_SHEET}”：第 1 行为列标题（编码、事项名称、事项名称（英文）及事项模式的各属性），第 2 行（隐藏）为列的键，事项从第 3 行开始；选项写作其名称，是/否写作“是”“否”，多个值以“；”分隔。工作表“${COLUMNS_SHEET}”说明每一列。文件名见 Content-Disposition（UTF-8，RFC 5987）。`,
          en: `Sheet ${ITEMS_SHEET}: row 1 the column titles (code, title, English title and the item schema's attributes), row 2 (hidden) the column keys, the items from row 3; choices as their labels, yes/no as 是/否, lists joined with "；". Sheet ${COLUMNS_SHEET} describes each column. The filename is in Content-Disposition (UTF-8, RFC 5987).`,
        }),
        parameters: [{ ...versionRef('version', 'query'), description: t({ 'zh-CN': '要导出的版本，默认 current', en: 'The version to export; current by default' }) }],
        responses: {
          '200': { description: 'OK', content: { [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } } } },
          '400': response('BadRequest'),
          '404': response('NotFound'),
        },
      },
    },
    '/api/checklists/{id}/draft/import': {
      parameters: [id],
      post: {
        operationId: 'import_checklist_xlsx',
        tags,
        summary: t({ 'zh-CN': '以 Excel 工作簿中的事项替换草稿的事项', en: "Replace the draft's items with those of an Excel workbook" }),
        description: t({
          'zh-CN': `请求体为 .xlsx 文件本身（Content-Type: ${XLSX_TYPE}），格式同导出，不超过 ${XLSX_MAX_BYTES / 1024 / 1024} MB、${XLSX_MAX_ROWS} 行。编码已在草稿中的事项被更新，新编码的事项被新增，文件中没有的事项被废止（草稿中新增、从未发布的直接删除）；顺序以文件为准。任何一行有误时返回 422，按行和列列出全部错误，不导入任何内容。`,
          en: `The body is the .xlsx file itself (Content-Type: ${XLSX_TYPE}), laid out as the export, at most ${XLSX_MAX_BYTES / 1024 / 1024} MB and ${XLSX_MAX_ROWS} rows. Items whose code is in the draft are updated, new codes added, items missing from the file retired (removed when added in the draft and never published); the file's order is the new order. Any invalid row answers 422 listing every error by row and column, and nothing is imported.`,
        }),
        parameters: [revisionQuery],
        requestBody: { required: true, content: { [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } } } },
        responses: {
          '200': { description: 'OK', content: json(ref('DraftImport')) },
          '400': response('BadRequest'),
          '403': response('Forbidden'),
          '404': response('NotFound'),
          '409': response('Conflict'),
          '413': response('PayloadTooLarge'),
          '415': response('UnsupportedMediaType'),
          '422': response('ImportInvalid'),
        },
      },
    },
    '/api/checklists/{id}/publish': {
      parameters: [id],
      post: draftWrite(
        'publish_checklist',
        {
          'zh-CN': '发布草稿：生效日期为今天或以后；已发布的版本不再改变',
          en: 'Publish the draft, in force from today or a later day; a published version never changes',
        },
        { type: 'object', required: ['revision', 'effectiveFrom'], properties: { revision, effectiveFrom: date, note: { type: 'string', maxLength: 2000 } } },
      ),
    },
    '/api/checklists/{id}/claims': {
      parameters: [id],
      get: {
        operationId: 'list_checklist_claims',
        tags,
        summary: t({ 'zh-CN': '需求清单事项的认领（新认领在前）', en: "Claims of a needs list's items, newest first" }),
        parameters: [
          orgQuery,
          { name: 'item', in: 'query', required: false, schema: { type: 'string' } },
          { name: 'status', in: 'query', required: false, schema: { type: 'string', enum: ['claimed', 'done', 'withdrawn'] } },
        ],
        responses: { '200': { description: 'OK', content: json(page(ref('Claim'))) }, ...claimErrors },
      },
      post: {
        operationId: 'claim_checklist_item',
        tags,
        summary: t({
          'zh-CN': '登记认领：某组织在某社区认领现行有效版本中的一个事项（每个社区只认领一次，除非清单允许多家认领）',
          en: 'Record a claim: an organisation claims an item in force at a community (once per community unless the list allows several)',
        }),
        requestBody: {
          required: true,
          content: json({
            type: 'object',
            required: ['item', 'orgCode', 'claimant'],
            properties: { item: { type: 'string' }, orgCode: { type: 'string' }, claimant: ref('Claimant'), note: { type: 'string', maxLength: 2000 } },
          }),
        },
        responses: { '201': { description: 'Created', content: json(ref('Claim')) }, ...claimErrors, '409': response('Conflict') },
      },
    },
    '/api/checklists/{id}/claims/summary': {
      parameters: [id],
      get: {
        operationId: 'summarise_checklist_claims',
        tags,
        summary: t({ 'zh-CN': '各社区的认领情况：每个事项的状态和计数', en: "Claims per community: each item's status, and the counts" }),
        parameters: [orgQuery],
        responses: { '200': { description: 'OK', content: json(page(ref('UnitClaims'))) }, ...claimErrors },
      },
    },
    '/api/checklists/{id}/claims/{claim}/done': {
      parameters: [id, claimId],
      post: closeClaim('complete_checklist_claim', { 'zh-CN': '认领的事项已办结', en: 'The claimed item is done' }),
    },
    '/api/checklists/{id}/claims/{claim}/withdraw': {
      parameters: [id, claimId],
      post: closeClaim('withdraw_checklist_claim', { 'zh-CN': '撤回认领：事项重新开放认领', en: 'Withdraw the claim: the item is open again' }),
    },
    '/api/admission-requests': {
      get: {
        operationId: 'list_admission_requests',
        tags,
        summary: t({ 'zh-CN': '准入申请（新申请在前）', en: 'Admission requests, newest first' }),
        parameters: [
          { name: 'checklist', in: 'query', required: false, schema: { type: 'string' } },
          { name: 'status', in: 'query', required: false, schema: { type: 'string', enum: ['pending', 'approved', 'rejected'] } },
          {
            name: 'overdue',
            in: 'query',
            required: false,
            schema: { type: 'boolean' },
            description: t({ 'zh-CN': '只列出超过审批期限仍未决定的申请', en: 'Only pending requests past their decision day' }),
          },
        ],
        responses: { '200': { description: 'OK', content: json(page(ref('AdmissionRequest'))) }, '400': response('BadRequest'), '403': response('Forbidden') },
      },
      post: {
        operationId: 'submit_admission_request',
        tags,
        summary: t({
          'zh-CN': '提出准入申请：写明理由和经费来源（费随事转）',
          en: 'Submit an admission request, with the justification and the funding source (funding follows the work)',
        }),
        requestBody: {
          required: true,
          content: json({
            type: 'object',
            required: ['checklist', 'title', 'requestingDepartment', 'justification', 'fundingSource', 'deadline'],
            properties: {
              checklist: { type: 'string' },
              resource: { type: 'string' },
              title: ref('Text'),
              requestingDepartment: { type: 'string' },
              justification: { type: 'string' },
              fundingSource: { type: 'string', minLength: 1 },
              targetLevel: { type: 'string' },
              deadline: date,
              proposedCode: { type: 'string' },
              attributes: { type: 'object' },
            },
          }),
        },
        responses: { '201': { description: 'Created', content: json(ref('AdmissionRequest')) }, '400': response('BadRequest'), '403': response('Forbidden') },
      },
    },
    '/api/admission-requests/{id}': {
      get: {
        operationId: 'get_admission_request',
        tags,
        summary: t({ 'zh-CN': '一份准入申请', en: 'An admission request' }),
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        responses: { '200': { description: 'OK', content: json(ref('AdmissionRequest')) }, '403': response('Forbidden'), '404': response('NotFound') },
      },
    },
    '/api/admission-requests/{id}/decision': {
      post: {
        operationId: 'decide_admission_request',
        tags,
        summary: t({
          'zh-CN': '批准或驳回准入申请；批准后事项加入清单草稿',
          en: "Approve or reject an admission request; an approved request's item joins the checklist's draft",
        }),
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        requestBody: {
          required: true,
          content: json({
            type: 'object',
            required: ['decision', 'version'],
            properties: {
              decision: { type: 'string', enum: ['approve', 'reject'] },
              version: { type: 'integer', minimum: 1 },
              note: { type: 'string' },
              code: { type: 'string' },
            },
          }),
        },
        responses: {
          '200': { description: 'OK', content: json(ref('AdmissionRequest')) },
          '400': response('BadRequest'),
          '403': response('Forbidden'),
          '404': response('NotFound'),
          '409': response('Conflict'),
        },
      },
    },
    '/api/public/checklists': {
      get: {
        operationId: 'list_public_checklists',
        tags,
        security: [],
        summary: t({ 'zh-CN': '公开的清单（无需登录）', en: 'The public checklists (no login)' }),
        parameters: [locale_],
        responses: { '200': { description: 'OK', content: json(page(ref('PublicChecklist'))) } },
      },
    },
    '/api/public/checklists/{id}': {
      get: {
        operationId: 'get_public_checklist',
        tags,
        security: [],
        summary: t({ 'zh-CN': '公开清单现行有效的版本及其事项（无需登录）', en: 'The version in force of a public checklist, with its items (no login)' }),
        parameters: [id, locale_],
        responses: { '200': { description: 'OK', content: json(ref('PublicChecklist')) }, '404': response('NotFound') },
      },
    },
  };
  return { paths, schemas };
}
