import type { BilingualText, Locale } from '@zhili/schemas';

type Json = { [key: string]: unknown };

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const response = (name: string): Json => ({ $ref: `#/components/responses/${name}` });
const json = (schema: Json): Json => ({ 'application/json': { schema } });
const list = (items: Json): Json => ({ type: 'object', required: ['data'], properties: { data: { type: 'array', items } } });

/**
 * The council routes for the API's OpenAPI document, texts in one locale: their path items and the
 * component schemas they use (CouncilRoster, CouncilProposal, CouncilMeeting, CouncilResolution).
 */
export function councilOpenApi(locale: Locale): { paths: Json; schemas: Json } {
  const t = (text: BilingualText): string => text[locale];
  const nullable = (type: string, extra: Json = {}): Json => ({ type: [type, 'null'], ...extra });
  const dateTime: Json = { type: 'string', format: 'date-time' };
  const tags = [t({ 'zh-CN': '议事协商', en: 'Councils' })];
  const member: Json = {
    type: 'object',
    required: ['name', 'gender', 'position'],
    properties: {
      id: { type: 'string', description: t({ 'zh-CN': '已有成员的编号（保留其编号）；新成员不填', en: "An existing member's id (kept); none for a new member" }) },
      name: { type: 'string', minLength: 1, maxLength: 100 },
      gender: { type: 'string', enum: ['female', 'male'] },
      partyMember: { type: 'boolean' },
      position: { type: 'string', description: t({ 'zh-CN': '职务（机构 roles 的 id）', en: "Position (an id of the body's roles)" }) },
      building: nullable('string', { description: t({ 'zh-CN': '所代表的楼栋或小区（按楼推选时必填）', en: 'The building or compound represented (required with per-building selection)' }) }),
      userId: nullable('string'),
    },
  };
  const outcome: Json = {
    type: 'object',
    required: ['result', 'quorum', 'pass', 'explanation'],
    properties: {
      result: { type: 'string', enum: ['adopted', 'rejected', 'no-quorum'] },
      quorum: ref('CouncilComparison'),
      pass: { oneOf: [ref('CouncilComparison'), { type: 'null' }] },
      explanation: { type: 'string', description: t({ 'zh-CN': '计算过程，如“出席 21/30 ≥ 2/3；赞成 12/21 > 1/2 → 通过”', en: 'The arithmetic, e.g. "present 21/30 ≥ 2/3; in favour 12/21 > 1/2 → adopted"' }) },
    },
  };
  const tally: Json = {
    type: 'object',
    properties: Object.fromEntries(['members', 'eligible', 'present', 'recused', 'for', 'against', 'abstain'].map((k) => [k, { type: 'integer', minimum: 0 }])),
  };
  const schemas: Json = {
    CouncilComparison: {
      type: 'object',
      description: t({ 'zh-CN': '一次比例比较：count/base 与 ratio，精确计算', en: 'One share comparison: count/base against ratio, computed exactly' }),
      properties: { count: { type: 'integer' }, base: { type: 'integer' }, ratio: { type: 'string' }, strict: { type: 'boolean' }, met: { type: 'boolean' } },
    },
    CouncilRoster: {
      type: 'object',
      description: t({ 'zh-CN': '某单位的议事机构名册', en: "A council body's roster at one unit" }),
      required: ['body', 'orgCode', 'version', 'members', 'violations'],
      properties: {
        body: { type: 'string' },
        orgCode: { type: 'string' },
        orgName: { type: 'string' },
        version: { type: 'integer', minimum: 0, description: t({ 'zh-CN': '版本号；尚无名册时为 0', en: 'The version; 0 while there is no roster' }) },
        termStart: nullable('string', { format: 'date' }),
        termEnd: nullable('string', { format: 'date' }),
        members: { type: 'array', items: { ...member, required: ['id', 'name', 'gender', 'position'] } },
        violations: {
          type: 'array',
          items: { type: 'object', required: ['rule', 'message'], properties: { rule: { type: 'string', description: 'size, position:<id>, requirement:<id>, building' }, message: { type: 'string' } } },
          description: t({ 'zh-CN': '名册违反的组成规则（保存后为空）', en: 'Composition rules the roster breaks (none once saved)' }),
        },
      },
    },
    CouncilMeeting: {
      type: 'object',
      required: ['id', 'heldAt', 'tally', 'attendance', 'outcome'],
      properties: {
        id: { type: 'string', format: 'uuid' },
        heldAt: { type: 'string' },
        recordedAt: dateTime,
        recordedBy: { type: 'string' },
        tally,
        attendance: {
          type: 'array',
          items: { type: 'object', properties: { member: { type: 'string' }, name: { type: 'string' }, present: { type: 'boolean' }, recused: { type: 'boolean' }, vote: nullable('string', { enum: ['for', 'against', 'abstain', null] }) } },
        },
        outcome,
      },
    },
    CouncilProposal: {
      type: 'object',
      description: t({ 'zh-CN': '议案：其案卷（caseId）在议事程序的流程中流转', en: "A proposal: its case (caseId) moves through the procedure's workflow" }),
      required: ['id', 'procedure', 'body', 'orgCode', 'title', 'caseId', 'stage', 'caseVersion', 'meetings'],
      properties: {
        id: { type: 'string', format: 'uuid' },
        procedure: { type: 'string' },
        body: { type: 'string' },
        orgCode: { type: 'string' },
        orgName: { type: 'string' },
        title: { type: 'string' },
        content: { type: 'string' },
        proposers: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } } },
        proposedBy: { type: 'string' },
        proposedAt: dateTime,
        caseId: { type: 'string', format: 'uuid' },
        workflow: { type: 'string' },
        stage: { type: 'string' },
        caseVersion: { type: 'integer', minimum: 1, description: t({ 'zh-CN': '案卷版本号：记录会议时须提交', en: "The case's version: recording a meeting names it" }) },
        result: nullable('string', { enum: ['adopted', 'rejected', null] }),
        publishedAt: nullable('string', { format: 'date-time' }),
        publicationUntil: nullable('string', { format: 'date-time' }),
        meetings: { type: 'array', items: ref('CouncilMeeting') },
      },
    },
    CouncilResolution: {
      type: 'object',
      description: t({ 'zh-CN': '公示中的决议', en: 'A resolution being published' }),
      properties: {
        id: { type: 'string', format: 'uuid' },
        procedure: { type: 'object', properties: { id: { type: 'string' }, title: { type: 'string' } } },
        body: { type: 'object', properties: { id: { type: 'string' }, title: { type: 'string' } } },
        orgCode: { type: 'string' },
        orgName: { type: 'string' },
        title: { type: 'string' },
        content: { type: 'string' },
        heldAt: { type: 'string' },
        outcome,
        publishedAt: dateTime,
        publicationUntil: dateTime,
      },
    },
  };
  const path = (name: string, description: BilingualText): Json => ({ name, in: 'path', required: true, schema: { type: 'string' }, description: t(description) });
  const org = path('org', { 'zh-CN': '组织单元代码', en: 'Org unit code' });
  const body = path('body', { 'zh-CN': '议事机构 id', en: 'Council body id' });
  const id = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
  const query = (name: string, schema: Json, description: BilingualText): Json => ({ name, in: 'query', required: false, schema, description: t(description) });
  const locale_ = { $ref: '#/components/parameters/locale' };
  const read = { '400': response('BadRequest'), '403': response('Forbidden'), '404': response('NotFound') };
  const paths: Json = {
    '/api/councils/units/{org}/bodies': {
      get: {
        operationId: 'council_bodies',
        tags,
        summary: t({ 'zh-CN': '该单位的各议事机构及其名册', en: 'The council bodies of the unit, with their rosters' }),
        parameters: [org, locale_],
        responses: { '200': { description: 'OK', content: json(list(ref('CouncilRoster'))) }, ...read },
      },
    },
    '/api/councils/units/{org}/bodies/{body}': {
      get: { operationId: 'council_roster', tags, summary: t({ 'zh-CN': '名册', en: 'The roster' }), parameters: [org, body, locale_], responses: { '200': { description: 'OK', content: json(ref('CouncilRoster')) }, ...read } },
      put: {
        operationId: 'save_council_roster',
        tags,
        summary: t({ 'zh-CN': '保存名册：违反组成规则（人数、职务、妇女成员等）时返回 422 及规则原文', en: 'Save the roster: 422 with the rules it breaks (size, positions, a woman member …)' }),
        parameters: [org, body, locale_],
        requestBody: {
          required: true,
          content: json({ type: 'object', required: ['version', 'members'], properties: { version: { type: 'integer', minimum: 0 }, termStart: nullable('string', { format: 'date' }), members: { type: 'array', items: member } } }),
        },
        responses: { '200': { description: 'OK', content: json(ref('CouncilRoster')) }, ...read, '409': response('Conflict'), '422': response('RuleViolated') },
      },
    },
    '/api/councils/units/{org}/procedures/{procedure}/proposals': {
      post: {
        operationId: 'put_council_proposal',
        tags,
        summary: t({ 'zh-CN': '提出议案（角色持有者，或按比例联名的成员）', en: 'Put a proposal (a role holder, or members jointly by the share)' }),
        parameters: [org, path('procedure', { 'zh-CN': '议事程序 id', en: 'Procedure id' }), locale_],
        requestBody: {
          required: true,
          content: json({
            type: 'object',
            required: ['title', 'content'],
            properties: { title: { type: 'string', maxLength: 200 }, content: { type: 'string', maxLength: 4000 }, proposers: { type: 'array', items: { type: 'string' } }, comment: { type: 'string' } },
          }),
        },
        responses: { '201': { description: 'Created', content: json(ref('CouncilProposal')) }, ...read, '422': response('RuleViolated') },
      },
    },
    '/api/councils/proposals': {
      get: {
        operationId: 'list_council_proposals',
        tags,
        summary: t({ 'zh-CN': '议案列表', en: 'Proposals' }),
        parameters: [
          query('org', { type: 'string' }, { 'zh-CN': '该单位及其下级', en: 'This unit and below' }),
          query('procedure', { type: 'string' }, { 'zh-CN': '议事程序', en: 'Procedure' }),
          query('page', { type: 'integer', minimum: 1 }, { 'zh-CN': '页码', en: 'Page' }),
          query('pageSize', { type: 'integer', minimum: 1, maximum: 200 }, { 'zh-CN': '每页条数', en: 'Page size' }),
          locale_,
        ],
        responses: { '200': { description: 'OK', content: json({ type: 'object', properties: { data: { type: 'array', items: ref('CouncilProposal') }, total: { type: 'integer' } } }) }, ...read },
      },
    },
    '/api/councils/proposals/{id}': {
      get: { operationId: 'get_council_proposal', tags, summary: t({ 'zh-CN': '一个议案及其会议', en: 'One proposal with its meetings' }), parameters: [id, locale_], responses: { '200': { description: 'OK', content: json(ref('CouncilProposal')) }, ...read } },
    },
    '/api/councils/proposals/{id}/meetings': {
      post: {
        operationId: 'record_council_meeting',
        tags,
        summary: t({ 'zh-CN': '记录会议的出席与表决：结果由规则计算，并推动议案进入下一阶段', en: 'Record the attendance and votes of a meeting: the outcome is computed and moves the proposal on' }),
        parameters: [id, locale_],
        requestBody: {
          required: true,
          content: json({
            type: 'object',
            required: ['version', 'heldAt'],
            properties: {
              version: { type: 'integer', minimum: 1 },
              heldAt: { type: 'string' },
              attendance: {
                type: 'array',
                description: t({ 'zh-CN': '有名册的机构：每名成员一项', en: 'A body with a roster: one entry per member' }),
                items: { type: 'object', required: ['member', 'present'], properties: { member: { type: 'string' }, present: { type: 'boolean' }, recused: { type: 'boolean' }, vote: { type: 'string', enum: ['for', 'against', 'abstain'] } } },
              },
              counts: {
                type: 'object',
                description: t({ 'zh-CN': '居民会议：应到、实到和表决人数', en: "A residents' meeting: eligible, present and votes" }),
                properties: Object.fromEntries(['eligible', 'present', 'for', 'against', 'abstain'].map((k) => [k, { type: 'integer', minimum: 0 }])),
              },
            },
          }),
        },
        responses: { '200': { description: 'OK', content: json(ref('CouncilProposal')) }, ...read, '409': response('Conflict'), '422': response('RuleViolated') },
      },
    },
    '/api/public/councils/resolutions': {
      get: {
        operationId: 'public_council_resolutions',
        security: [],
        tags,
        summary: t({ 'zh-CN': '公示中的决议（无需登录）', en: 'Resolutions being published (no login)' }),
        parameters: [query('org', { type: 'string' }, { 'zh-CN': '该单位及其下级', en: 'This unit and below' }), locale_],
        responses: { '200': { description: 'OK', content: json(list(ref('CouncilResolution'))) }, '404': response('NotFound') },
      },
    },
    '/api/public/councils/resolutions/{id}': {
      get: {
        operationId: 'public_council_resolution',
        security: [],
        tags,
        summary: t({ 'zh-CN': '一项公示中的决议（无需登录）', en: 'One resolution being published (no login)' }),
        parameters: [id, locale_],
        responses: { '200': { description: 'OK', content: json(ref('CouncilResolution')) }, '404': response('NotFound') },
      },
    },
  };
  return { paths, schemas };
}
