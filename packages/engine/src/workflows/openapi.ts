import type { BilingualText, Locale } from '@zhili/schemas';

type Json = { [key: string]: unknown };

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const response = (name: string): Json => ({ $ref: `#/components/responses/${name}` });
const json = (schema: Json): Json => ({ 'application/json': { schema } });
const list = (items: Json): Json => ({ type: 'object', required: ['data'], properties: { data: { type: 'array', items } } });

/**
 * The workflow routes for the API's OpenAPI document, texts in one locale: their path items and
 * the component schemas they use (Case, CaseEvent, CaseAction, CaseMetrics).
 */
export function workflowOpenApi(locale: Locale): { paths: Json; schemas: Json } {
  const t = (text: BilingualText): string => text[locale];
  const nullable = (type: string, extra: Json = {}): Json => ({ type: [type, 'null'], ...extra });
  const dateTime: Json = { type: 'string', format: 'date-time' };
  const tags = [t({ 'zh-CN': '流程', en: 'Workflows' })];
  const attachment: Json = { type: 'object', required: ['name', 'url'], properties: { name: { type: 'string', minLength: 1 }, url: { type: 'string', minLength: 1 } } };
  const schemas: Json = {
    Case: {
      type: 'object',
      description: t({ 'zh-CN': '案卷：某条记录在某个流程中的办理', en: 'A case: the handling of one record in one workflow' }),
      required: ['id', 'workflow', 'resource', 'recordId', 'orgCode', 'state', 'version'],
      properties: {
        id: { type: 'string', format: 'uuid' },
        workflow: { type: 'string' },
        resource: { type: 'string' },
        recordId: { type: 'string', format: 'uuid' },
        orgCode: { type: 'string', description: t({ 'zh-CN': '案卷当前所在单位（超时上报后为上级单位）', en: 'The unit the case is at now (the one above after an escalation)' }) },
        orgPath: { type: 'string' },
        originPath: { type: 'string', description: t({ 'zh-CN': '发起案卷的单位（记录所属单位）', en: "The unit the case was opened at (the record's)" }) },
        state: { type: 'string' },
        version: { type: 'integer', minimum: 1, description: t({ 'zh-CN': '版本号：执行操作时须提交', en: 'The version: an action names it' }) },
        assignee: { type: ['object', 'null'], properties: { id: { type: 'string' }, username: { type: 'string' } } },
        openedAt: dateTime,
        openedBy: { type: 'string' },
        updatedAt: dateTime,
        stateSince: dateTime,
        dueAt: nullable('string', { format: 'date-time', description: t({ 'zh-CN': '当前阶段的办理期限', en: 'When the time limit of the current stage runs out' }) }),
        overdue: { type: 'boolean' },
        everOverdue: { type: 'boolean' },
        escalations: { type: 'integer', minimum: 0 },
        closedAt: nullable('string', { format: 'date-time' }),
        satisfaction: nullable('integer'),
      },
    },
    CaseEvent: {
      type: 'object',
      description: t({ 'zh-CN': '案卷历史中的一步（只增不改）', en: "A step of a case's history (never changed)" }),
      required: ['seq', 'kind', 'toState', 'toOrg', 'actorId', 'at'],
      properties: {
        seq: { type: 'integer', minimum: 1 },
        kind: { type: 'string', enum: ['open', 'transition', 'escalate', 'notify', 'expire'] },
        action: nullable('string'),
        fromState: nullable('string'),
        toState: { type: 'string' },
        fromOrg: nullable('string'),
        toOrg: { type: 'string' },
        actorId: { type: 'string' },
        actorName: { type: 'string' },
        at: dateTime,
        data: { type: ['object', 'null'] },
        comment: nullable('string'),
        attachments: { type: 'array', items: attachment },
        assignee: nullable('string'),
        reason: nullable('string', { description: t({ 'zh-CN': '系统执行时的原因（超时上报、提醒、自动流转）', en: 'Why the system acted (escalation, notice, automatic move)' }) }),
      },
    },
    CaseAssignee: {
      type: 'object',
      description: t({ 'zh-CN': '可被指定为承办人的用户：在用，且有可办理下一阶段的角色', en: 'A user who may be named as the handler: active, with a role that can act at the next stage' }),
      required: ['id', 'username', 'displayName', 'roles'],
      properties: {
        id: { type: 'string' },
        username: { type: 'string' },
        displayName: { type: 'string' },
        roles: {
          type: 'array',
          items: { type: 'object', required: ['role', 'orgCode', 'orgName'], properties: { role: { type: 'string' }, orgCode: { type: 'string' }, orgName: { type: 'string' } } },
        },
      },
    },
    CaseAction: {
      type: 'object',
      description: t({ 'zh-CN': '当前用户可对案卷执行的操作及其表单', en: 'An action the actor may take on the case, with its form' }),
      required: ['id', 'title', 'to'],
      properties: {
        id: { type: 'string' },
        title: { type: 'string' },
        description: nullable('string'),
        from: { type: 'array', items: { type: 'string' } },
        to: { type: 'string' },
        toTitle: { type: 'string' },
        roles: { type: 'array', items: { type: 'string' } },
        jurisdiction: { type: 'object' },
        form: { type: ['object', 'null'], description: t({ 'zh-CN': '表单的 JSON Schema', en: 'JSON Schema of the form' }) },
        uiSchema: { type: 'object' },
        comment: { type: 'string', enum: ['none', 'optional', 'required'] },
        attachmentRequired: { type: 'boolean' },
        assign: { type: 'boolean' },
      },
    },
    CaseMetrics: {
      type: 'object',
      description: t({ 'zh-CN': '某单位（按案卷发起单位）在统计期内的综合评价指标', en: 'The figures of one unit (by where cases were opened) over the period' }),
      properties: {
        orgCode: { type: 'string' },
        orgName: { type: 'string' },
        byState: { type: 'object', additionalProperties: { type: 'integer' } },
        opened: { type: 'integer' },
        closed: { type: 'integer' },
        onTimeRate: nullable('number', { description: t({ 'zh-CN': '按时办结率：未曾超时的办结案卷占办结案卷的比例', en: 'On-time rate: closed cases that never passed a time limit, over closed cases' }) }),
        meanHandlingHours: nullable('number'),
        satisfaction: nullable('number', { description: t({ 'zh-CN': '平均满意度', en: 'Mean satisfaction score' }) }),
        evaluated: { type: 'integer' },
      },
    },
  };
  const caseId = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
  const workflowId = { name: 'workflow', in: 'path', required: true, schema: { type: 'string' } };
  const locale_ = { $ref: '#/components/parameters/locale' };
  const query = (name: string, schema: Json, description: BilingualText, required = false): Json => ({ name, in: 'query', required, schema, description: t(description) });
  const read = { '400': response('BadRequest'), '403': response('Forbidden'), '404': response('NotFound') };

  const paths: Json = {
    '/api/workflows/{workflow}/cases': {
      post: {
        operationId: 'open_case',
        tags,
        summary: t({ 'zh-CN': '为一条记录发起案卷，或上报一条新记录并发起案卷', en: 'Open a case on a record, or report a new record and open its case' }),
        parameters: [workflowId],
        requestBody: {
          required: true,
          content: json({
            type: 'object',
            required: ['record'],
            properties: {
              record: {
                description: t({ 'zh-CN': '已有记录的编号，或新记录的字段（含 orgCode），与案卷在同一事务中写入', en: 'The id of an existing record, or the fields (with orgCode) of a new one, written in the same transaction as the case' }),
                oneOf: [{ type: 'string', format: 'uuid' }, { type: 'object' }],
              },
              comment: { type: 'string', maxLength: 2000 },
            },
          }),
        },
        responses: { '201': { description: 'Created', content: json(ref('Case')) }, ...read, '409': response('Conflict') },
      },
    },
    '/api/workflows/{workflow}/metrics': {
      get: {
        operationId: 'case_metrics',
        tags,
        summary: t({ 'zh-CN': '各单位的案卷统计：各阶段数量、按时办结率、平均办理时长、满意度', en: 'Case figures per unit: counts by state, on-time rate, mean handling time, satisfaction' }),
        parameters: [
          workflowId,
          query('org', { type: 'string' }, { 'zh-CN': '该单位及其直属下级；默认为可查看的最高单位', en: 'This unit and the units right below it; by default the top units the actor may read' }),
          query('from', { type: 'string' }, { 'zh-CN': '统计期开始（含），按发起时间', en: 'Start of the period (inclusive), by opening time' }),
          query('to', { type: 'string' }, { 'zh-CN': '统计期结束（不含）', en: 'End of the period (exclusive)' }),
        ],
        responses: { '200': { description: 'OK', content: json(list(ref('CaseMetrics'))) }, ...read },
      },
    },
    '/api/cases': {
      get: {
        operationId: 'list_cases',
        tags,
        summary: t({ 'zh-CN': '案卷列表（在可查看范围内）', en: 'The cases the actor may see' }),
        parameters: [
          query('workflow', { type: 'string' }, { 'zh-CN': '流程', en: 'Workflow' }),
          query('state', { type: 'string' }, { 'zh-CN': '阶段', en: 'State' }),
          query('assignee', { type: 'string' }, { 'zh-CN': '承办人的用户编号，或 me 表示自己', en: "The assignee's user id, or me" }),
          query('org', { type: 'string' }, { 'zh-CN': '只看该单位及其下级的案卷', en: 'Only cases at this unit or below it' }),
          query('record', { type: 'string', format: 'uuid' }, { 'zh-CN': '只看该记录的案卷', en: 'Only the cases of this record' }),
          query('overdue', { type: 'string', enum: ['true', 'false'] }, { 'zh-CN': '是否已超过当前阶段的办理期限', en: 'Whether the current time limit has passed' }),
          query('actionable', { type: 'string', enum: ['true', 'false'] }, { 'zh-CN': '当前用户现在能否办理（待我处理）', en: 'Whether the actor may act on it now (my to-do)' }),
          query('closed', { type: 'string', enum: ['true', 'false'] }, { 'zh-CN': '是否已办结（处于终止阶段）', en: 'Whether it reached a final state' }),
          query('page', { type: 'integer', minimum: 1 }, { 'zh-CN': '页码', en: 'Page' }),
          query('pageSize', { type: 'integer', minimum: 1, maximum: 200 }, { 'zh-CN': '每页条数', en: 'Page size' }),
        ],
        responses: {
          '200': { description: 'OK', content: json({ type: 'object', required: ['data', 'total'], properties: { data: { type: 'array', items: ref('Case') }, total: { type: 'integer' } } }) },
          '400': response('BadRequest'),
          '403': response('Forbidden'),
          '404': response('NotFound'),
        },
      },
    },
    '/api/cases/{id}': {
      get: { operationId: 'get_case', tags, summary: t({ 'zh-CN': '一个案卷', en: 'One case' }), parameters: [caseId], responses: { '200': { description: 'OK', content: json(ref('Case')) }, '404': response('NotFound') } },
    },
    '/api/cases/{id}/actions': {
      get: {
        operationId: 'case_actions',
        tags,
        summary: t({ 'zh-CN': '当前用户现在可以执行的操作及其表单', en: 'The actions the actor may take now, with their forms' }),
        parameters: [caseId, locale_],
        responses: { '200': { description: 'OK', content: json(list(ref('CaseAction'))) }, '404': response('NotFound') },
      },
    },
    '/api/cases/{id}/assignees': {
      get: {
        operationId: 'case_assignees',
        tags,
        summary: t({ 'zh-CN': '指派类操作可以指定的承办人', en: 'Who an assigning action may name as the handler' }),
        parameters: [caseId, query('action', { type: 'string' }, { 'zh-CN': '指派类操作的编号', en: 'The id of an action that assigns' }, true)],
        responses: { '200': { description: 'OK', content: json(list(ref('CaseAssignee'))) }, '400': response('BadRequest'), '404': response('NotFound') },
      },
    },
    '/api/cases/{id}/transitions': {
      post: {
        operationId: 'transition_case',
        tags,
        summary: t({ 'zh-CN': '执行操作：案卷进入下一阶段', en: 'Take an action: the case moves on' }),
        parameters: [caseId],
        requestBody: {
          required: true,
          content: json({
            type: 'object',
            required: ['action', 'version'],
            properties: {
              action: { type: 'string' },
              version: { type: 'integer', minimum: 1 },
              data: { type: 'object', description: t({ 'zh-CN': '按操作表单填写的数据', en: "Data by the action's form" }) },
              comment: { type: 'string', maxLength: 2000 },
              attachments: { type: 'array', maxItems: 20, items: attachment },
              assignee: { type: 'string', description: t({ 'zh-CN': '承办人用户名（指派类操作）', en: 'Username of the assignee (actions that assign)' }) },
            },
          }),
        },
        responses: { '200': { description: 'OK', content: json(ref('Case')) }, ...read, '409': response('Conflict') },
      },
    },
    '/api/cases/{id}/history': {
      get: {
        operationId: 'case_history',
        tags,
        summary: t({ 'zh-CN': '案卷的办理记录（谁、何时、从哪到哪、数据、意见）', en: "The case's history (who, when, from, to, data, comment)" }),
        parameters: [caseId, locale_],
        responses: { '200': { description: 'OK', content: json(list(ref('CaseEvent'))) }, '404': response('NotFound') },
      },
    },
  };
  return { paths, schemas };
}
