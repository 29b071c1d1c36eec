import { createAjv, resolveText, toBilingualFieldErrors } from '@zhili/schemas';
import type { AjvExtensions } from '@zhili/schemas';
import type { Ajv2020, BilingualText } from '@zhili/schemas';
import { CompiledQuery, sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Action, Actor, ScopeGrant } from '../actor/actor.ts';
import { allows, grantsFor } from '../actor/actor.ts';
import type { AuditLog } from '../audit/log.ts';
import { EngineError, errors } from '../errors/engine-error.ts';
import type { FieldErrors } from '../errors/engine-error.ts';
import { isUuid, uuidv7 } from '../ids/uuid.ts';
import type { CompiledField, CompiledModel, CompiledResource } from '../model/types.ts';
import { isStandardField, STANDARD_FIELDS } from '../model/types.ts';
import { fieldCipherFromKey, hashColumn, isEncrypted } from '../pii/cipher.ts';
import type { FieldCipher } from '../pii/cipher.ts';
import { maskRecord, maskValue } from '../pii/mask.ts';
import { ROOT_PATH } from '../org/path.ts';
import type { OrgService, OrgUnitRecord } from '../org/service.ts';
import type { Database } from '../storage/database.ts';
import { afterCommit, writeTransaction } from '../storage/transaction.ts';
import { fromDbValue, toDbValue } from '../storage/values.ts';
import type { RecordFields, RecordWriteHook } from './hooks.ts';
import { encryptedFilters, encryptedSort, piiFieldsQueried } from './pii-query.ts';
import type { ListQuery } from './query.ts';
import { allOf, filtersPredicate, orderByTerms, scopePredicate, subtreePredicate } from './sql.ts';
import { validationSchema } from './schema.ts';

/** Who is calling a service; every call carries one. */
export interface ResourceContext {
  readonly actor: Actor;
}

/**
 * A record as the API sends it: the standard fields, then the resource's own fields. A field with
 * no value is absent, never null.
 */
export interface ResourceRecord {
  readonly id: string;
  /** Code of the org unit the record attaches to (the last segment of orgPath). */
  readonly orgCode: string;
  readonly orgPath: string;
  readonly version: number;
  /** ISO-8601 UTC. */
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
  /** Version of the config package the record was last written under. */
  readonly configVersion: string;
  readonly [field: string]: unknown;
}

/** A page of records and the number of records matching in all. */
export interface ListResult {
  readonly data: readonly ResourceRecord[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/** A new record: its fields, the org unit it attaches to, and optionally a client-generated id. */
export type RecordInput = Readonly<Record<string, unknown>>;

/**
 * The generic records service: CRUD on every resource of the model, always within the actor's
 * grants. Routes, the CLI, seeding, plugins and tests all go through it. An action the actor holds
 * no grant for at all is FORBIDDEN; a record outside its read grants does not exist for it
 * (NOT_FOUND); a write at an org unit outside the action's grants is FORBIDDEN.
 */
export interface ResourceService {
  /** The compiled resource by id. @throws EngineError NOT_FOUND for an unknown resource. */
  describe(resource: string): CompiledResource;
  /** A page of the records matching a parsed query (see query.ts), with the total. */
  list(ctx: ResourceContext, resource: string, query: ListQuery): Promise<ListResult>;
  /** One record; NOT_FOUND when it does not exist or lies outside the actor's read grants. */
  get(ctx: ResourceContext, resource: string, id: string): Promise<ResourceRecord>;
  /**
   * Creates a record from its fields plus `orgCode` (required: a unit of the resource's level) and
   * an optional client-generated `id` (UUID). Null fields are absent; the server-managed standard
   * fields (orgPath, version, createdAt …) are ignored. VALIDATION_FAILED for an invalid record,
   * FORBIDDEN for an org unit outside the actor's create grants, CONFLICT for a duplicate id or unique key.
   */
  create(ctx: ResourceContext, resource: string, input: RecordInput): Promise<ResourceRecord>;
  /**
   * Creates a record as {@link create} does, inside the caller's transaction: for an engine service
   * that writes a record and rows of its own at once (a case opened on a new record), so that both
   * or neither are written. Resolves with the stored record, unmasked.
   */
  // Kysely<any>: the caller's transaction on the untyped handle (see Database.kysely).
  createWithin(trx: Kysely<any>, ctx: ResourceContext, resource: string, input: RecordInput): Promise<ResourceRecord>;
  /**
   * Updates a record: `patch.version` (required) must be the stored version; its other top-level
   * fields replace the stored ones, null removes one, `orgCode` moves the record. The merged record
   * is validated as a whole. NOT_FOUND, CONFLICT when the version is stale, VALIDATION_FAILED,
   * FORBIDDEN when the record or the unit it moves to lies outside the actor's update grants.
   */
  update(ctx: ResourceContext, resource: string, id: string, patch: RecordInput): Promise<ResourceRecord>;
  /**
   * Deletes a record at the given version: NOT_FOUND, CONFLICT when the version is stale,
   * FORBIDDEN when it lies outside the actor's delete grants.
   */
  remove(ctx: ResourceContext, resource: string, id: string, version: number): Promise<void>;
  /**
   * Inserts many new records (inputs as for {@link create}) in one transaction, in multi-row
   * statements. Every record is validated first; the first invalid one fails the whole call, with
   * its index in the message and the field errors keyed `<index>.<field>`, and nothing is written.
   * Resolves with the number inserted.
   */
  insertMany(ctx: ResourceContext, resource: string, inputs: readonly RecordInput[]): Promise<number>;
}

export interface ResourceServiceOptions {
  readonly db: Database;
  readonly model: CompiledModel;
  readonly org: OrgService;
  /** Where writes and unmasked reads of personal data are recorded (engine.audit). */
  readonly audit: AuditLog;
  /**
   * Encrypts pii field values at rest; null stores them as they are. Defaults to the cipher of
   * $ZHILI_DATA_KEY when it is set.
   */
  readonly cipher?: FieldCipher | null;
  /** Checks and transformations run on writes of the resources they apply to, inside the write's transaction (admission control …). */
  readonly hooks?: readonly RecordWriteHook[];
  /** The package's plugins' formats and keywords, for validating records and forms. @default none */
  readonly ajv?: AjvExtensions;
}

/** Bound parameters per statement: SQLite (3.32+) allows 32,766, Postgres 65,535. */
const MAX_PARAMETERS = { sqlite: 32_766, postgres: 65_535 } as const;

/** Standard columns in table order, with the record key each one is read into. */
const STANDARD_COLUMNS = Object.entries(STANDARD_FIELDS).flatMap(([key, standard]) =>
  standard.column === null ? [] : [{ key, column: standard.column }],
);

const bi = (zh: string, en: string): BilingualText => ({ 'zh-CN': zh, en });

type Row = Record<string, unknown>;
type ValidateFunction = ReturnType<Ajv2020['compile']>;
// Kysely<any>: resource tables come from the config package, so no static table map exists (see Database).
type Handle = Kysely<any>;

/** A new record that passed validation: its id, the unit it attaches to, its own fields. */
interface CheckedNew {
  readonly id: string;
  readonly unit: OrgUnitRecord;
  readonly fields: RecordFields;
}

/** A record ready to insert: its column values in the resource's column order, and the record itself. */
interface NewRow {
  readonly values: readonly unknown[];
  readonly record: ResourceRecord;
}

/** Creates the records service over a migrated database. */
export function createResourceService(options: ResourceServiceOptions): ResourceService {
  const { db, model, org, audit } = options;
  const hooks = options.hooks ?? [];
  const cipher = options.cipher === undefined ? fieldCipherFromKey() : options.cipher;
  const ajv: Ajv2020 = createAjv({}, options.ajv);
  const validators = new Map<string, ValidateFunction>();

  const describe = (id: string): CompiledResource => {
    const resource = Object.hasOwn(model.resources, id) ? model.resources[id] : undefined;
    if (!resource) throw errors.notFound(bi(`没有名为“${id}”的资源`, `There is no resource "${id}"`));
    return resource;
  };

  const validatorOf = (resource: CompiledResource): ValidateFunction => {
    let validate = validators.get(resource.id);
    if (!validate) {
      validate = ajv.compile(validationSchema(resource));
      validators.set(resource.id, validate);
    }
    return validate;
  };

  const piiRules = new Map<string, ReadonlyMap<string, CompiledResource['pii'][number]>>();
  /** The resource's pii fields by name. */
  const piiOf = (resource: CompiledResource): ReadonlyMap<string, CompiledResource['pii'][number]> => {
    let rules = piiRules.get(resource.id);
    if (!rules) {
      rules = new Map(resource.pii.map((p) => [p.field, p]));
      piiRules.set(resource.id, rules);
    }
    return rules;
  };

  /** The resource's fields with a keyed-hash column, in table order (see storage/table-plan.ts). */
  const hashedFields = (resource: CompiledResource): readonly CompiledField[] => resource.fields.filter((field) => piiOf(resource).has(field.name));

  const columnsOf = (resource: CompiledResource): readonly string[] => [
    ...STANDARD_COLUMNS.map((standard) => standard.column),
    ...resource.fields.map((field) => field.name),
    ...hashedFields(resource).map((field) => hashColumn(field.name)),
  ];

  /** A field value as stored: pii text encrypted when a key is configured. */
  const storedValue = (resource: CompiledResource, field: CompiledField, value: unknown): unknown => {
    if (cipher && typeof value === 'string' && piiOf(resource).has(field.name)) return cipher.encrypt(value, `${resource.id}.${field.name}`);
    return toDbValue(field.kind, value, db.dialect);
  };

  /** The keyed hash stored beside a pii value; null without a key. */
  const hashValue = (value: unknown): string | null => (cipher && typeof value === 'string' ? cipher.hash(value) : null);

  /** A stored pii value in plain text. */
  const readPii = (resource: CompiledResource, field: CompiledField, stored: unknown): unknown => {
    if (typeof stored !== 'string' || !isEncrypted(stored)) return stored;
    if (!cipher) {
      throw new EngineError('INTERNAL', {
        'zh-CN': `${resolveText(resource.title, 'zh-CN')}的 ${field.name} 已加密存储，但未配置 ZHILI_DATA_KEY`,
        en: `${field.name} of ${resolveText(resource.title, 'en')} is stored encrypted, but ZHILI_DATA_KEY is not set`,
      });
    }
    return cipher.decrypt(stored, `${resource.id}.${field.name}`);
  };

  const rowToRecord = (resource: CompiledResource, row: Row): ResourceRecord =>
    buildRecord(
      resource,
      {
        id: String(row['id']),
        orgPath: String(row['org_path']),
        version: Number(row['version']),
        createdAt: String(row['created_at']),
        createdBy: String(row['created_by']),
        updatedAt: String(row['updated_at']),
        updatedBy: String(row['updated_by']),
        configVersion: String(row['config_version']),
      },
      (field) =>
        piiOf(resource).has(field.name) ? readPii(resource, field, row[field.name]) : fromDbValue(field.kind, row[field.name], db.dialect),
    );

  const notFound = (resource: CompiledResource, id: string): EngineError =>
    errors.notFound(
      bi(`${resolveText(resource.title, 'zh-CN')}中没有 id 为 ${id} 的记录`, `No ${resolveText(resource.title, 'en')} record has the id ${id}`),
    );

  const stale = (resource: CompiledResource, id: string, version: number, current: number): EngineError =>
    errors.conflict(
      bi(
        `${resolveText(resource.title, 'zh-CN')}记录 ${id} 已被修改（当前版本 ${current}，提交的版本 ${version}）。请刷新后重试`,
        `The ${resolveText(resource.title, 'en')} record ${id} has changed (current version ${current}, submitted ${version}). Reload it and try again`,
      ),
    );

  /** Where the actor may perform the action on the resource; FORBIDDEN when nowhere. */
  const requireGrants = (actor: Actor, resource: CompiledResource, action: Action): readonly ScopeGrant[] => {
    const grants = grantsFor(actor, resource.id, action);
    if (grants.length === 0) {
      const verb = ACTION_VERBS[action];
      throw errors.forbidden(
        bi(`无权${verb['zh-CN']}${resolveText(resource.title, 'zh-CN')}`, `You may not ${verb.en} ${resolveText(resource.title, 'en')} records`),
      );
    }
    return grants;
  };

  /** The stored row of a record within the grants, or undefined. */
  const findRow = async (trx: Handle, resource: CompiledResource, grants: readonly ScopeGrant[], id: string): Promise<Row | undefined> => {
    if (!isUuid(id)) return undefined;
    const scope = scopePredicate(grants);
    let query = trx.selectFrom(resource.table).selectAll().where('id', '=', id);
    if (scope) query = query.where(scope);
    return (await query.executeTakeFirst()) as Row | undefined;
  };

  /** The org unit a record attaches to: a known unit of the resource's level, else field errors. */
  const checkOrgUnit = (resource: CompiledResource, orgCode: unknown, problems: FieldErrorsBuilder): OrgUnitRecord | undefined => {
    if (typeof orgCode !== 'string' || orgCode === '') {
      problems.add('orgCode', bi('必须填写记录所属的组织单位编码', 'the code of the org unit the record belongs to is required'));
      return undefined;
    }
    const unit = org.byCode(orgCode);
    if (!unit) {
      problems.add('orgCode', bi(`组织单位“${orgCode}”不存在`, `the org unit "${orgCode}" does not exist`));
      return undefined;
    }
    if (unit.level !== resource.level) {
      const level = model.levels.find((l) => l.id === resource.level);
      const title = level ? level.title : resource.level;
      problems.add(
        'orgCode',
        bi(
          `${resolveText(resource.title, 'zh-CN')}记录应属于${resolveText(title, 'zh-CN')}级单位，而“${unit.name}”（${unit.code}）不是`,
          `a ${resolveText(resource.title, 'en')} record belongs to a unit of the level ${resolveText(title, 'en')}, which "${unit.name}" (${unit.code}) is not`,
        ),
      );
      return undefined;
    }
    return unit;
  };

  const assertAllowedAt = (actor: Actor, resource: CompiledResource, action: Action, orgPath: string): void => {
    if (!allows(actor, resource.id, action, orgPath)) {
      const unit = org.byCode(codeOfPath(orgPath));
      const where = unit ? { zh: `“${unit.name}”（${unit.code}）`, en: `"${unit.name}" (${unit.code})` } : { zh: orgPath, en: orgPath };
      const verb = ACTION_VERBS[action];
      throw errors.forbidden(
        bi(
          `无权在${where.zh}${verb['zh-CN']}${resolveText(resource.title, 'zh-CN')}记录`,
          `You may not ${verb.en} ${resolveText(resource.title, 'en')} records under ${where.en}`,
        ),
      );
    }
  };

  /**
   * The row a write applies to: NOT_FOUND when the actor can neither read nor write it there,
   * FORBIDDEN when it can see it but not perform the action where it lies.
   */
  const findWritableRow = async (trx: Handle, resource: CompiledResource, actor: Actor, action: Action, id: string): Promise<Row> => {
    const grants = requireGrants(actor, resource, action);
    const row = await findRow(trx, resource, [...grants, ...grantsFor(actor, resource.id, 'read')], id);
    if (!row) throw notFound(resource, id);
    assertAllowedAt(actor, resource, action, String(row['org_path']));
    return row;
  };

  /** Validates record fields; adds ajv's errors to `problems`. */
  const validateFields = (resource: CompiledResource, fields: Record<string, unknown>, problems: FieldErrorsBuilder): void => {
    const validate = validatorOf(resource);
    if (!validate(fields)) problems.addAll(toBilingualFieldErrors(validate.errors ?? []));
  };

  /** Checks one new record; throws VALIDATION_FAILED or FORBIDDEN. */
  const checkNew = (ctx: ResourceContext, resource: CompiledResource, input: unknown): CheckedNew => {
    const problems = new FieldErrorsBuilder();
    if (!isPlainObject(input)) {
      throw errors.validation({ $: [bi('记录必须是 JSON 对象', 'a record must be a JSON object')] });
    }
    const { standard, fields, removed } = splitInput(input);
    checkRemoved(resource, removed, problems);
    const id = standard['id'] ?? uuidv7();
    if (!isUuid(id)) problems.add('id', bi('id 必须是小写的 UUID', 'the id must be a lower-case UUID'));
    const unit = checkOrgUnit(resource, standard['orgCode'], problems);
    validateFields(resource, fields, problems);
    if (problems.any || !unit || !isUuid(id)) throw problems.toError();
    assertAllowedAt(ctx.actor, resource, 'create', unit.path);
    return { id, unit, fields };
  };

  /** A checked new record as a row to insert. */
  const buildNew = (ctx: ResourceContext, resource: CompiledResource, checked: CheckedNew, now: string): NewRow => {
    const record = buildRecord(
      resource,
      {
        id: checked.id,
        orgPath: checked.unit.path,
        version: 1,
        createdAt: now,
        createdBy: ctx.actor.id,
        updatedAt: now,
        updatedBy: ctx.actor.id,
        configVersion: model.version,
      },
      (field) => checked.fields[field.name],
    );
    return { values: rowValues(resource, record), record };
  };

  const hooksOf = (resource: CompiledResource): readonly RecordWriteHook[] => hooks.filter((hook) => hook.appliesTo(resource.id));

  /** Fields a hook changed are validated again: a hook cannot store what the schema refuses. */
  const revalidate = (resource: CompiledResource, fields: RecordFields): void => {
    const problems = new FieldErrorsBuilder();
    validateFields(resource, { ...fields }, problems);
    problems.throwIfAny();
  };

  /** Inserts a checked new record and audits it, in the caller's transaction. */
  const insertNew = async (trx: Handle, ctx: ResourceContext, resource: CompiledResource, checked: CheckedNew): Promise<ResourceRecord> => {
    const row = buildNew(ctx, resource, await hookedNew(trx, ctx.actor, resource, checked), new Date().toISOString());
    const { record } = row;
    await insertRows(trx, resource, [row]);
    await audit.append(trx, {
      actor: ctx.actor,
      action: 'create',
      resource: resource.id,
      recordId: record.id,
      orgPath: record.orgPath,
      detail: { after: auditView(resource, record) },
    });
    afterCreated(trx, ctx.actor, resource, [record]);
    return record;
  };

  /** Has the after-create hooks of the resource run on the records once the write commits. */
  const afterCreated = (trx: Handle, actor: Actor, resource: CompiledResource, records: readonly ResourceRecord[]): void => {
    for (const hook of hooksOf(resource)) {
      const after = hook.afterCreate;
      if (after) afterCommit(trx, async () => {
        for (const record of records) await after.call(hook, { actor, resource, record });
      });
    }
  };

  /** A new record after the resource's hooks (in the write's transaction). */
  const hookedNew = async (trx: Handle, actor: Actor, resource: CompiledResource, checked: CheckedNew): Promise<CheckedNew> => {
    let fields = checked.fields;
    for (const hook of hooksOf(resource)) fields = await hook.beforeCreate({ trx, actor, resource, fields });
    if (fields === checked.fields) return checked;
    revalidate(resource, fields);
    return { ...checked, fields };
  };

  const rowValues = (resource: CompiledResource, record: ResourceRecord): unknown[] => {
    const values: unknown[] = [];
    for (const { key } of STANDARD_COLUMNS) values.push(record[key]);
    for (const field of resource.fields) values.push(storedValue(resource, field, record[field.name]));
    for (const field of hashedFields(resource)) values.push(hashValue(record[field.name]));
    return values;
  };

  /**
   * A record as the actor may see it: in full where it holds pii:read for the resource at the
   * record's org unit, else masked. Records with pii values shown in full are added to `unmasked`.
   */
  const present = (actor: Actor, resource: CompiledResource, record: ResourceRecord, unmasked: string[]): ResourceRecord => {
    if (resource.pii.length === 0 || !resource.pii.some((p) => record[p.field] !== undefined)) return record;
    if (!allows(actor, resource.id, 'pii:read', record.orgPath)) return maskRecord(resource.pii, record);
    unmasked.push(record.id);
    return record;
  };

  /**
   * The fields of a patch from an actor who sees the record masked, without the pii values it
   * merely echoes back masked: those keep the stored value instead of overwriting it with stars.
   */
  const withoutMaskedEcho = (resource: CompiledResource, current: ResourceRecord, changes: Record<string, unknown>): Record<string, unknown> => {
    const kept: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(changes)) {
      const rule = piiOf(resource).get(name);
      const stored = current[name];
      const echo = rule !== undefined && !rule.sensitive && typeof stored === 'string' && value === maskValue(rule.mask, stored);
      if (!echo) kept[name] = value;
    }
    return kept;
  };

  /**
   * The WHERE parts a list adds for pii: filtering or sorting on a sensitive field is confined to
   * where the actor may read pii (FORBIDDEN when nowhere), since matches would reveal the value.
   */
  const piiScope = (actor: Actor, resource: CompiledResource, query: ListQuery): ReturnType<typeof scopePredicate> => {
    const sensitive = [...piiFieldsQueried(resource, query)].filter((name) => piiOf(resource).get(name)?.sensitive);
    if (sensitive.length === 0) return null;
    if (grantsFor(actor, resource.id, 'pii:read').length === 0) {
      throw errors.forbidden(
        bi(
          `${sensitive.join('、')} 属敏感个人信息，无权按其筛选或排序${resolveText(resource.title, 'zh-CN')}`,
          `${sensitive.join(', ')} is sensitive personal data: you may not filter or sort ${resolveText(resource.title, 'en')} records on it`,
        ),
      );
    }
    return scopePredicate(grantsFor(actor, resource.id, 'pii:read'));
  };

  /** A record's own fields (without the standard ones). */
  const ownFields = (resource: CompiledResource, record: ResourceRecord): Record<string, unknown> => {
    const fields: Record<string, unknown> = {};
    for (const field of resource.fields) if (record[field.name] !== undefined) fields[field.name] = record[field.name];
    return fields;
  };

  /** A record's own fields as the audit log keeps them: personal data masked, never in plain text. */
  const auditView = (resource: CompiledResource, record: ResourceRecord): Record<string, unknown> => {
    const fields: Record<string, unknown> = {};
    for (const field of resource.fields) if (record[field.name] !== undefined) fields[field.name] = record[field.name];
    return maskRecord(resource.pii, fields);
  };

  /** One audit row for the records of a read shown with their personal data in full (none when there are none). */
  const auditPiiRead = async (actor: Actor, resource: CompiledResource, records: readonly ResourceRecord[], unmasked: readonly string[]): Promise<void> => {
    if (unmasked.length === 0) return;
    const shown = new Set(unmasked);
    await audit.append(db.kysely, {
      actor,
      action: 'pii-read',
      resource: resource.id,
      ...(unmasked.length === 1 ? { recordId: unmasked[0] } : {}),
      orgPath: commonPath(records.filter((record) => shown.has(record.id)).map((record) => record.orgPath)),
      detail: { ids: [...unmasked], fields: resource.pii.map((p) => p.field) },
    });
  };

  const insertStatements = new Map<string, string>();
  /** INSERT … VALUES (…), (…) for `rows` rows, with the dialect's placeholders; cached by shape. */
  const insertSql = (resource: CompiledResource, rows: number): string => {
    const key = `${resource.id}:${rows}`;
    let text = insertStatements.get(key);
    if (!text) {
      const columns = columnsOf(resource);
      let n = 0;
      const tuple = (): string => `(${columns.map(() => (db.dialect === 'postgres' ? `$${++n}` : '?')).join(', ')})`;
      const tuples = Array.from({ length: rows }, tuple);
      text = `insert into ${quoteId(resource.table)} (${columns.map(quoteId).join(', ')}) values ${tuples.join(', ')}`;
      if (insertStatements.size > 100) insertStatements.clear();
      insertStatements.set(key, text);
    }
    return text;
  };

  const insertRows = async (trx: Handle, resource: CompiledResource, rows: readonly NewRow[]): Promise<void> => {
    const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS[db.dialect] / columnsOf(resource).length));
    for (let start = 0; start < rows.length; start += perStatement) {
      const chunk = rows.slice(start, start + perStatement);
      const parameters: unknown[] = [];
      for (const row of chunk) for (const value of row.values) parameters.push(value);
      try {
        await trx.executeQuery(CompiledQuery.raw(insertSql(resource, chunk.length), parameters));
      } catch (error) {
        throw uniqueConflict(resource, error) ?? error;
      }
    }
  };

  return {
    describe,

    async list(ctx, resourceId, query) {
      const resource = describe(resourceId);
      const grants = requireGrants(ctx.actor, resource, 'read');
      let orgPredicate: ReturnType<typeof subtreePredicate> | null = null;
      if (query.org !== null) {
        const unit = org.byCode(query.org);
        if (!unit) {
          throw errors.badRequest(bi('查询参数有误', 'The query parameters are invalid'), {
            org: [bi(`组织单位“${query.org}”不存在`, `the org unit "${query.org}" does not exist`)],
          });
        }
        orgPredicate = subtreePredicate(unit.path, { leaf: org.children(unit.code).length === 0 });
      }
      const filters = cipher ? encryptedFilters(resource, query.filters, cipher) : query.filters;
      const sort = cipher ? encryptedSort(resource, query.sort) : query.sort;
      const where = allOf([scopePredicate(grants), piiScope(ctx.actor, resource, query), orgPredicate, filtersPredicate(filters, db.dialect)]);
      let pageQuery = db.kysely.selectFrom(resource.table).selectAll();
      let countQuery = db.kysely.selectFrom(resource.table).select(sql<number>`count(*)`.as('n'));
      if (where) {
        pageQuery = pageQuery.where(where);
        countQuery = countQuery.where(where);
      }
      pageQuery = pageQuery
        .orderBy(orderByTerms(sort))
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize);
      // Postgres runs the two on separate pooled connections at once; SQLite has one connection.
      const [rows, count] =
        db.dialect === 'postgres'
          ? await Promise.all([pageQuery.execute(), countQuery.executeTakeFirstOrThrow()])
          : [await pageQuery.execute(), await countQuery.executeTakeFirstOrThrow()];
      const unmasked: string[] = [];
      const records = (rows as Row[]).map((row) => rowToRecord(resource, row));
      const data = records.map((record) => present(ctx.actor, resource, record, unmasked));
      await auditPiiRead(ctx.actor, resource, records, unmasked);
      return {
        data,
        total: Number((count as { n: unknown }).n),
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    async get(ctx, resourceId, id) {
      const resource = describe(resourceId);
      const row = await findRow(db.kysely, resource, requireGrants(ctx.actor, resource, 'read'), id);
      if (!row) throw notFound(resource, id);
      const unmasked: string[] = [];
      const record = rowToRecord(resource, row);
      const shown = present(ctx.actor, resource, record, unmasked);
      await auditPiiRead(ctx.actor, resource, [record], unmasked);
      return shown;
    },

    async create(ctx, resourceId, input) {
      const resource = describe(resourceId);
      requireGrants(ctx.actor, resource, 'create');
      const checked = checkNew(ctx, resource, input);
      const record = await writeTransaction(db, (trx) => insertNew(trx, ctx, resource, checked));
      return present(ctx.actor, resource, record, []);
    },

    async createWithin(trx, ctx, resourceId, input) {
      const resource = describe(resourceId);
      requireGrants(ctx.actor, resource, 'create');
      return insertNew(trx, ctx, resource, checkNew(ctx, resource, input));
    },

    async update(ctx, resourceId, id, patch) {
      const resource = describe(resourceId);
      if (!isPlainObject(patch)) throw errors.validation({ $: [bi('修改内容必须是 JSON 对象', 'a patch must be a JSON object')] });
      const version = patch['version'];
      if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
        throw errors.validation({ version: [bi('必须提供记录的当前版本号（正整数）', "the record's current version (a positive integer) is required")] });
      }
      const { standard, fields: changes, removed } = splitInput(patch);
      if (standard['id'] !== undefined && standard['id'] !== id) {
        throw errors.validation({ id: [bi('不能修改记录的 id', "a record's id cannot be changed")] });
      }
      return writeTransaction(db, async (trx) => {
        const row = await findWritableRow(trx, resource, ctx.actor, 'update', id);
        const current = rowToRecord(resource, row);
        if (current.version !== version) throw stale(resource, id, version, current.version);
        const masked = !allows(ctx.actor, resource.id, 'pii:read', current.orgPath);
        const applied = masked ? withoutMaskedEcho(resource, current, changes) : changes;

        const fields: Record<string, unknown> = {};
        for (const field of resource.fields) {
          if (current[field.name] !== undefined) fields[field.name] = current[field.name];
        }
        for (const name of removed) delete fields[name];
        Object.assign(fields, applied);

        const problems = new FieldErrorsBuilder();
        checkRemoved(resource, removed, problems);
        const moveTo = standard['orgCode'];
        const target = moveTo !== undefined && moveTo !== current.orgCode ? checkOrgUnit(resource, moveTo, problems) : undefined;
        validateFields(resource, fields, problems);
        problems.throwIfAny();
        if (target) assertAllowedAt(ctx.actor, resource, 'update', target.path);
        let hooked: RecordFields = fields;
        for (const hook of hooksOf(resource)) hooked = await hook.beforeUpdate({ trx, actor: ctx.actor, resource, before: ownFields(resource, current), fields: hooked });
        if (hooked !== fields) revalidate(resource, hooked);
        const orgPath = target?.path ?? current.orgPath;

        const now = new Date().toISOString();
        const record = buildRecord(
          resource,
          {
            id,
            orgPath,
            version: version + 1,
            createdAt: current.createdAt,
            createdBy: current.createdBy,
            updatedAt: now,
            updatedBy: ctx.actor.id,
            configVersion: model.version,
          },
          (field) => hooked[field.name],
        );
        const set: Row = {
          org_path: orgPath,
          version: record.version,
          updated_at: now,
          updated_by: ctx.actor.id,
          config_version: model.version,
        };
        for (const field of resource.fields) set[field.name] = storedValue(resource, field, record[field.name]);
        for (const field of hashedFields(resource)) set[hashColumn(field.name)] = hashValue(record[field.name]);
        const result = await trx
          .updateTable(resource.table)
          .set(set)
          .where('id', '=', id)
          .where('version', '=', version)
          .executeTakeFirst()
          .catch((error: unknown) => {
            throw uniqueConflict(resource, error) ?? error;
          });
        if (Number(result.numUpdatedRows) !== 1) throw stale(resource, id, version, version + 1);
        await audit.append(trx, {
          actor: ctx.actor,
          action: 'update',
          resource: resource.id,
          recordId: id,
          orgPath,
          detail: updateDiff(auditView(resource, current), auditView(resource, record), { from: current.orgPath, to: orgPath }),
        });
        for (const hook of hooksOf(resource)) {
          const after = hook.afterUpdate;
          if (after) afterCommit(trx, () => after.call(hook, { actor: ctx.actor, resource, before: current, record }));
        }
        return present(ctx.actor, resource, record, []);
      });
    },

    async remove(ctx, resourceId, id, version) {
      const resource = describe(resourceId);
      await writeTransaction(db, async (trx) => {
        const row = await findWritableRow(trx, resource, ctx.actor, 'delete', id);
        const current = Number(row['version']);
        if (current !== version) throw stale(resource, id, version, current);
        const before = rowToRecord(resource, row);
        for (const hook of hooksOf(resource)) await hook.beforeDelete?.({ trx, actor: ctx.actor, resource, before });
        const result = await trx.deleteFrom(resource.table).where('id', '=', id).where('version', '=', version).executeTakeFirst();
        if (Number(result.numDeletedRows) !== 1) throw stale(resource, id, version, version + 1);
        await audit.append(trx, {
          actor: ctx.actor,
          action: 'delete',
          resource: resource.id,
          recordId: id,
          orgPath: String(row['org_path']),
          detail: { before: auditView(resource, before) },
        });
        for (const hook of hooksOf(resource)) {
          const after = hook.afterDelete;
          if (after) afterCommit(trx, () => after.call(hook, { actor: ctx.actor, resource, before }));
        }
      });
    },

    async insertMany(ctx, resourceId, inputs) {
      const resource = describe(resourceId);
      requireGrants(ctx.actor, resource, 'create');
      const now = new Date().toISOString();
      const checked: CheckedNew[] = [];
      for (const [index, input] of inputs.entries()) {
        try {
          checked.push(checkNew(ctx, resource, input));
        } catch (error) {
          throw error instanceof EngineError ? atIndex(error, index) : error;
        }
      }
      if (checked.length === 0) return 0;
      // Without hooks the rows are built before the transaction, to hold the write lock no longer than the inserts.
      const unhooked = hooksOf(resource).length === 0 ? checked.map((item) => buildNew(ctx, resource, item, now)) : null;
      await writeTransaction(db, async (trx) => {
        const rows: NewRow[] = unhooked ?? [];
        for (const [index, item] of (unhooked ? [] : checked).entries()) {
          try {
            rows.push(buildNew(ctx, resource, await hookedNew(trx, ctx.actor, resource, item), now));
          } catch (error) {
            throw error instanceof EngineError ? atIndex(error, index) : error;
          }
        }
        await insertRows(trx, resource, rows);
        // One row per batch: a seed writes millions of records, whose values the audit need not repeat.
        await audit.append(trx, {
          actor: ctx.actor,
          action: 'create',
          resource: resource.id,
          orgPath: commonPath(rows.map((row) => row.record.orgPath)),
          detail: { count: rows.length, ids: rows.map((row) => row.record.id) },
        });
        afterCreated(trx, ctx.actor, resource, rows.map((row) => row.record));
      });
      return checked.length;
    },
  };
}

/**
 * The audit detail of an update: the fields whose value changed (and orgPath when the record
 * moved), with their values before and after; a field absent on one side was empty there.
 */
function updateDiff(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
  path: { readonly from: string; readonly to: string },
): { changed: string[]; before: Record<string, unknown>; after: Record<string, unknown> } {
  const diff = { changed: [] as string[], before: {} as Record<string, unknown>, after: {} as Record<string, unknown> };
  const note = (name: string, was: unknown, is: unknown): void => {
    diff.changed.push(name);
    if (was !== undefined) diff.before[name] = was;
    if (is !== undefined) diff.after[name] = is;
  };
  if (path.from !== path.to) note('orgPath', path.from, path.to);
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[name]) !== JSON.stringify(after[name])) note(name, before[name], after[name]);
  }
  return diff;
}

/** The deepest org path every given path lies in ("/" when they share nothing or there are none). */
function commonPath(paths: readonly string[]): string {
  const [first, ...rest] = paths;
  if (first === undefined) return ROOT_PATH;
  let common = first;
  for (const path of rest) {
    while (!path.startsWith(common)) common = common.slice(0, common.lastIndexOf('/', common.length - 2) + 1);
  }
  return common;
}

/** Each action as a verb in messages ("You may not update households records"). */
const ACTION_VERBS: Readonly<Record<Action, BilingualText>> = {
  read: bi('查看', 'read'),
  create: bi('新建', 'create'),
  update: bi('修改', 'update'),
  delete: bi('删除', 'delete'),
  'pii:read': bi('查看完整个人信息的', 'see the personal data of'),
  publish: bi('发布', 'publish'),
  approve: bi('审批', 'approve'),
};

/** The code of the unit at a materialized path: its last segment ("/320400/320404/" → "320404"). */
export function codeOfPath(path: string): string {
  return path.slice(path.lastIndexOf('/', path.length - 2) + 1, -1);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Splits a request body into the standard keys that mean something in a write (id, orgCode), the
 * record's fields with values, and the fields set to null (removed). The server-managed standard
 * fields are dropped: clients echo them back from a record they read.
 */
function splitInput(input: Readonly<Record<string, unknown>>): {
  standard: { id?: unknown; orgCode?: unknown };
  fields: Record<string, unknown>;
  removed: string[];
} {
  const standard: { id?: unknown; orgCode?: unknown } = {};
  const fields: Record<string, unknown> = {};
  const removed: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (key === 'id' || key === 'orgCode') standard[key] = value;
    else if (isStandardField(key)) continue;
    else if (value === null) removed.push(key);
    else fields[key] = value;
  }
  return { standard, fields, removed };
}

/** The standard fields of a record other than orgCode, which is derived from orgPath. */
type StandardValues = Pick<
  ResourceRecord,
  'id' | 'orgPath' | 'version' | 'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy' | 'configVersion'
>;

/**
 * A record in wire order: the standard fields, then the resource's fields in schema order, those
 * without a value (undefined or null) left out. Built in one pass: seeding builds millions.
 */
function buildRecord(resource: CompiledResource, standard: StandardValues, valueOf: (field: CompiledField) => unknown): ResourceRecord {
  const record: { -readonly [K in keyof ResourceRecord]: ResourceRecord[K] } = {
    id: standard.id,
    orgCode: codeOfPath(standard.orgPath),
    orgPath: standard.orgPath,
    version: standard.version,
    createdAt: standard.createdAt,
    createdBy: standard.createdBy,
    updatedAt: standard.updatedAt,
    updatedBy: standard.updatedBy,
    configVersion: standard.configVersion,
  };
  for (const field of resource.fields) {
    const value = valueOf(field);
    if (value !== undefined && value !== null) record[field.name] = value;
  }
  return record;
}

/** A field set to null must be one of the resource's: null for an undeclared name is a typo, not a removal. */
function checkRemoved(resource: CompiledResource, removed: readonly string[], problems: FieldErrorsBuilder): void {
  for (const name of removed) {
    if (!resource.fields.some((field) => field.name === name)) {
      problems.add(name, bi(`${resolveText(resource.title, 'zh-CN')}没有字段“${name}”`, `${resolveText(resource.title, 'en')} has no field "${name}"`));
    }
  }
}

function quoteId(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A duplicate primary key or unique index, as CONFLICT; undefined for any other error. */
function uniqueConflict(resource: CompiledResource, error: unknown): EngineError | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const unique = code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
  if (!unique) return undefined;
  return new EngineError(
    'CONFLICT',
    bi(
      `${resolveText(resource.title, 'zh-CN')}中已有相同 id 或相同唯一字段的记录`,
      `A ${resolveText(resource.title, 'en')} record with the same id or unique fields already exists`,
    ),
    { cause: error },
  );
}

/** The error of one record of a batch, naming its index. */
function atIndex(error: EngineError, index: number): EngineError {
  const fieldErrors = error.fieldErrors
    ? Object.fromEntries(Object.entries(error.fieldErrors).map(([key, messages]) => [`${index}.${key}`, messages]))
    : undefined;
  return new EngineError(
    error.code,
    bi(`第 ${index + 1} 条记录（下标 ${index}）：${error.text['zh-CN']}`, `Record at index ${index}: ${error.text.en}`),
    { cause: error, ...(fieldErrors ? { fieldErrors } : {}) },
  );
}

/** Field errors gathered from several checks, thrown as one VALIDATION_FAILED. */
class FieldErrorsBuilder {
  readonly #errors: Record<string, BilingualText[]> = {};

  add(key: string, message: BilingualText): void {
    (this.#errors[key] ??= []).push(message);
  }

  addAll(fieldErrors: FieldErrors): void {
    for (const [key, messages] of Object.entries(fieldErrors)) for (const message of messages) this.add(key, message);
  }

  get any(): boolean {
    return Object.keys(this.#errors).length > 0;
  }

  toError(): EngineError {
    return errors.validation(this.#errors);
  }

  throwIfAny(): void {
    if (this.any) throw this.toError();
  }
}
