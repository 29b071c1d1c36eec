import type { BilingualText, Locale } from '@zhili/schemas';

type Json = { [key: string]: unknown };

const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
const response = (name: string): Json => ({ $ref: `#/components/responses/${name}` });
const json = (schema: Json): Json => ({ 'application/json': { schema } });
const page = (items: Json): Json => ({ type: 'object', required: ['data', 'total'], properties: { data: { type: 'array', items }, total: { type: 'integer' } } });

/** The points routes for the API's OpenAPI document, texts in one locale: path items and component schemas (PointsPosting, PointsAccount, PointsClaim, …). */
export function pointsOpenApi(locale: Locale): { paths: Json; schemas: Json } {
  const t = (text: BilingualText): string => text[locale];
  const nullable = (type: string, extra: Json = {}): Json => ({ type: [type, 'null'], ...extra });
  const dateTime: Json = { type: 'string', format: 'date-time' };
  const uuid: Json = { type: 'string', format: 'uuid' };
  const tags = [t({ 'zh-CN': '积分', en: 'Points' })];
  const who: Json = { type: 'object', required: ['id', 'name'], properties: { id: { type: 'string' }, name: { type: 'string' } } };
  const schemas: Json = {
    PointsPosting: {
      type: 'object',
      description: t({ 'zh-CN': '一笔记账（只增不改）：各行金额之和为零', en: 'A posting (never changed): its lines sum to zero' }),
      required: ['id', 'scheme', 'kind', 'currency', 'quantity', 'amount', 'actor', 'at', 'lines'],
      properties: {
        id: uuid,
        scheme: { type: 'string' },
        kind: { type: 'string', enum: ['award', 'deduct', 'redeem', 'expire', 'reverse', 'time-earn', 'time-spend', 'time-donate'] },
        currency: { type: 'string', enum: ['points', 'time'] },
        rule: nullable('string'),
        item: nullable('string'),
        service: nullable('string'),
        quantity: { type: 'integer', minimum: 1 },
        amount: { type: 'integer', minimum: 0, description: t({ 'zh-CN': '变动的积分（或时间币）', en: 'Points (or time coins) moved' }) },
        holder: nullable('string'),
        orgPath: nullable('string'),
        reverses: nullable('string', { description: t({ 'zh-CN': '被冲正的记账', en: 'The posting this one reverses' }) }),
        claim: nullable('string'),
        case: nullable('string'),
        memo: nullable('string'),
        actor: who,
        at: dateTime,
        lines: {
          type: 'array',
          minItems: 2,
          items: {
            type: 'object',
            required: ['account', 'amount'],
            properties: { account: uuid, holder: nullable('string'), system: nullable('string'), amount: { type: 'integer' } },
          },
        },
      },
    },
    PointsAccount: {
      type: 'object',
      required: ['scheme', 'holder', 'orgPath', 'balance', 'timeBalance'],
      properties: {
        scheme: { type: 'string' },
        holder: uuid,
        orgPath: { type: 'string' },
        building: nullable('string'),
        balance: { type: 'integer' },
        timeBalance: { type: 'integer', description: t({ 'zh-CN': '时间币余额', en: 'Time coins' }) },
      },
    },
    PointsClaim: {
      type: 'object',
      required: ['id', 'scheme', 'rule', 'holder', 'quantity', 'status', 'version'],
      properties: {
        id: uuid,
        scheme: { type: 'string' },
        rule: { type: 'string' },
        holder: uuid,
        orgPath: { type: 'string' },
        quantity: { type: 'integer', minimum: 1 },
        memo: nullable('string'),
        status: { type: 'string', enum: ['pending', 'approved', 'rejected'] },
        version: { type: 'integer', minimum: 1 },
        claimedBy: who,
        claimedAt: dateTime,
        decidedBy: { type: ['object', 'null'], properties: { id: { type: 'string' }, name: { type: 'string' } } },
        decidedAt: nullable('string', { format: 'date-time' }),
        comment: nullable('string'),
        posting: nullable('string'),
      },
    },
    PointsBuildings: {
      type: 'object',
      required: ['period', 'from', 'to', 'data'],
      properties: {
        period: { type: 'string' },
        from: dateTime,
        to: dateTime,
        data: {
          type: 'array',
          items: {
            type: 'object',
            required: ['building', 'accounts', 'earned', 'deducted', 'balance'],
            properties: { building: { type: 'string' }, accounts: { type: 'integer' }, earned: { type: 'integer' }, deducted: { type: 'integer' }, balance: { type: 'integer' } },
          },
        },
      },
    },
  };
  const scheme = { name: 'scheme', in: 'path', required: true, schema: { type: 'string' } };
  const holder = { name: 'holder', in: 'path', required: true, schema: uuid };
  const id = { name: 'id', in: 'path', required: true, schema: uuid };
  const key = {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    schema: { type: 'string', minLength: 1, maxLength: 200 },
    description: t({ 'zh-CN': '重试同一请求时带相同的键：只记账一次；同一键用于不同请求返回 409', en: 'Retry a request with the same key: it posts once; the key with another request is a 409' }),
  };
  const query = (name: string, schema: Json, description: BilingualText): Json => ({ name, in: 'query', required: false, schema, description: t(description) });
  const paging = [query('page', { type: 'integer', minimum: 1 }, { 'zh-CN': '页码', en: 'Page' }), query('pageSize', { type: 'integer', minimum: 1, maximum: 200 }, { 'zh-CN': '每页条数', en: 'Page size' })];
  const read = { '400': response('BadRequest'), '403': response('Forbidden'), '404': response('NotFound') };
  const write = { ...read, '409': response('Conflict'), '422': { description: t({ 'zh-CN': '超过上限、余额或库存不足', en: 'Past a cap or limit, or not enough points or stock' }), content: json(ref('Error')) } };
  const body = (required: string[], properties: Json): Json => ({ required: true, content: json({ type: 'object', additionalProperties: false, required, properties }) });
  const post = (operationId: string, summary: BilingualText, requestBody: Json, out = 'PointsPosting'): Json => ({
    post: { operationId, tags, summary: t(summary), parameters: [scheme, key], requestBody, responses: { '201': { description: 'Created', content: json(ref(out)) }, ...write } },
  });
  const ruleBody = body(['holder', 'rule'], { holder: uuid, rule: { type: 'string' }, quantity: { type: 'integer', minimum: 1 }, memo: { type: 'string', maxLength: 500 } });
  const hours = { type: 'integer', minimum: 1 };

  const paths: Json = {
    '/api/points/{scheme}/accounts': {
      get: {
        operationId: 'points_accounts',
        tags,
        summary: t({ 'zh-CN': '积分账户（余额从高到低）', en: 'Points accounts, highest balance first' }),
        parameters: [scheme, query('org', { type: 'string' }, { 'zh-CN': '该单位及其下级', en: 'This unit and below' }), query('building', { type: 'string' }, { 'zh-CN': '楼栋', en: 'Building' }), ...paging],
        responses: { '200': { description: 'OK', content: json(page(ref('PointsAccount'))) }, ...read },
      },
    },
    '/api/points/{scheme}/accounts/{holder}': {
      get: { operationId: 'points_account', tags, summary: t({ 'zh-CN': '一户的积分与时间币余额', en: "A holder's points and time coins" }), parameters: [scheme, holder], responses: { '200': { description: 'OK', content: json(ref('PointsAccount')) }, ...read } },
    },
    '/api/points/{scheme}/accounts/{holder}/postings': {
      get: {
        operationId: 'points_account_postings',
        tags,
        summary: t({ 'zh-CN': '一户的记账明细（新的在前）', en: "A holder's postings, newest first" }),
        parameters: [scheme, holder, ...paging],
        responses: { '200': { description: 'OK', content: json(page(ref('PointsPosting'))) }, ...read },
      },
    },
    '/api/points/{scheme}/postings': {
      get: {
        operationId: 'points_postings',
        tags,
        summary: t({ 'zh-CN': '方案的记账（按类型，如兑换记录、时间银行记录；新的在前）', en: "The scheme's postings of some kinds (the shop's orders, time-bank exchanges), newest first" }),
        parameters: [
          scheme,
          { ...query('kind', { type: 'string' }, { 'zh-CN': '类型，逗号分隔：award、deduct、redeem、expire、reverse、time-earn、time-spend、time-donate', en: 'Kinds, comma-separated: award, deduct, redeem, expire, reverse, time-earn, time-spend, time-donate' }), required: true },
          query('org', { type: 'string' }, { 'zh-CN': '该单位及其下级', en: 'This unit and below' }),
          ...paging,
        ],
        responses: { '200': { description: 'OK', content: json(page(ref('PointsPosting'))) }, ...read },
      },
    },
    '/api/points/{scheme}/postings/{id}': {
      get: { operationId: 'points_posting', tags, summary: t({ 'zh-CN': '一笔记账', en: 'One posting' }), parameters: [scheme, id], responses: { '200': { description: 'OK', content: json(ref('PointsPosting')) }, ...read } },
    },
    '/api/points/{scheme}/postings/{id}/reversal': {
      post: {
        operationId: 'points_reverse',
        tags,
        summary: t({ 'zh-CN': '冲正：记一笔相反的账（原记账不改）', en: 'Reverse: post the opposite (the original is never changed)' }),
        parameters: [scheme, id, key],
        requestBody: body(['reason'], { reason: { type: 'string', minLength: 1, maxLength: 500 } }),
        responses: { '201': { description: 'Created', content: json(ref('PointsPosting')) }, ...write },
      },
    },
    '/api/points/{scheme}/awards': post('points_award', { 'zh-CN': '按规则记分（负面清单规则为扣分）', en: 'Post a rule (a deduction for a rule of the negative list)' }, ruleBody),
    '/api/points/{scheme}/claims': {
      ...post('points_claim', { 'zh-CN': '申报加分，待审核', en: 'Claim a positive rule, for review' }, ruleBody, 'PointsClaim'),
      get: {
        operationId: 'points_claims',
        tags,
        summary: t({ 'zh-CN': '积分申报（审核队列）', en: 'Claims (the review queue)' }),
        parameters: [scheme, query('status', { type: 'string', enum: ['pending', 'approved', 'rejected'] }, { 'zh-CN': '状态', en: 'Status' }), ...paging],
        responses: { '200': { description: 'OK', content: json(page(ref('PointsClaim'))) }, ...read },
      },
    },
    '/api/points/{scheme}/claims/{id}/decision': {
      post: {
        operationId: 'points_decide_claim',
        tags,
        summary: t({ 'zh-CN': '审核申报：通过则记分', en: 'Review a claim: approving posts the rule' }),
        parameters: [scheme, id],
        requestBody: body(['approve', 'version'], { approve: { type: 'boolean' }, version: { type: 'integer', minimum: 1 }, comment: { type: 'string', maxLength: 500 } }),
        responses: { '200': { description: 'OK', content: json(ref('PointsClaim')) }, ...write },
      },
    },
    '/api/points/{scheme}/items': {
      get: {
        operationId: 'points_items',
        tags,
        summary: t({ 'zh-CN': '兑换目录与现有库存', en: 'The catalogue with the stock now' }),
        parameters: [scheme],
        responses: { '200': { description: 'OK', content: json({ type: 'object', required: ['data'], properties: { data: { type: 'array', items: { type: 'object' } } } }) }, ...read },
      },
    },
    '/api/points/{scheme}/items/{code}/restock': {
      post: {
        operationId: 'points_restock',
        tags,
        summary: t({ 'zh-CN': '补充库存', en: 'Restock an item' }),
        parameters: [scheme, { name: 'code', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: body(['quantity'], { quantity: { type: 'integer', minimum: 1 } }),
        responses: { '200': { description: 'OK', content: json({ type: 'object', properties: { item: { type: 'string' }, inStock: { type: 'integer' } } }) }, ...write },
      },
    },
    '/api/points/{scheme}/redemptions': post(
      'points_redeem',
      { 'zh-CN': '兑换：扣减积分与库存（同一事务）', en: 'Redeem: debit the account and the stock in one transaction' },
      body(['holder', 'item'], { holder: uuid, item: { type: 'string' }, quantity: { type: 'integer', minimum: 1, maximum: 100 }, memo: { type: 'string', maxLength: 500 } }),
    ),
    '/api/points/{scheme}/time-bank/earn': post(
      'points_time_earn',
      { 'zh-CN': '时间银行：记录为老服务时长，存入时间币', en: 'Time bank: record hours of service, earning coins' },
      body(['holder', 'service', 'hours'], { holder: uuid, service: { type: 'string' }, hours, memo: { type: 'string', maxLength: 500 } }),
    ),
    '/api/points/{scheme}/time-bank/spend': post(
      'points_time_spend',
      { 'zh-CN': '时间银行：支取时间币', en: 'Time bank: spend coins' },
      body(['holder', 'hours'], { holder: uuid, hours, memo: { type: 'string', maxLength: 500 } }),
    ),
    '/api/points/{scheme}/time-bank/donate': post(
      'points_time_donate',
      { 'zh-CN': '时间银行：捐赠时间币给另一户', en: 'Time bank: donate coins to another holder' },
      body(['holder', 'to', 'hours'], { holder: uuid, to: uuid, hours, memo: { type: 'string', maxLength: 500 } }),
    ),
    '/api/points/{scheme}/expiry': {
      post: {
        operationId: 'points_expire',
        tags,
        summary: t({ 'zh-CN': '使到期积分失效（先到期先扣）', en: 'Lapse the points due to expire (oldest first)' }),
        parameters: [scheme],
        responses: { '200': { description: 'OK', content: json({ type: 'object', properties: { accounts: { type: 'integer' }, points: { type: 'integer' } } }) }, ...read },
      },
    },
    '/api/points/{scheme}/buildings': {
      get: {
        operationId: 'points_buildings',
        tags,
        summary: t({ 'zh-CN': '楼栋积分公布：各楼栋本期所得、所扣与余额', en: 'Building totals: earned, deducted and balance per building for a period' }),
        parameters: [scheme, query('period', { type: 'string' }, { 'zh-CN': '如 2026-11、2026-Q4、2026、2026-W48（按方案的公布周期）', en: "e.g. 2026-11, 2026-Q4, 2026, 2026-W48 (the scheme's publication period)" }), query('org', { type: 'string' }, { 'zh-CN': '该单位及其下级', en: 'This unit and below' })],
        responses: { '200': { description: 'OK', content: json(ref('PointsBuildings')) }, ...read },
      },
    },
  };
  return { paths, schemas };
}
