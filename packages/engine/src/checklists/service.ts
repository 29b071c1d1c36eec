import type { AjvExtensions } from '@zhili/schemas';
import { resolveText } from '@zhili/schemas';
import type { BilingualText, Text } from '@zhili/schemas';
import type { Actor, ScopeGrant } from '../actor/actor.ts';
import { SYSTEM_ACTOR } from '../actor/actor.ts';
import type { AuditLog } from '../audit/log.ts';
import { errors } from '../errors/engine-error.ts';
import type { CompiledChecklist, CompiledModel } from '../model/types.ts';
import { ROOT_PATH } from '../org/path.ts';
import type { OrgService } from '../org/service.ts';
import type { Database } from '../storage/database.ts';
import { writeTransaction } from '../storage/transaction.ts';
import { checklistPermissions, CHECKLISTS_RESOURCE, requireAuthority } from './authority.ts';
import { chinaDate, isCalendarDate } from './dates.ts';
import { diffItems, type ChecklistDiff } from './diff.ts';
import { asObject, asText, ITEM_CODE_PATTERN, ItemAttributes, Problems, TITLE_REQUIRED } from './items.ts';
import {
  type Handle,
  insertDraft,
  itemsOf,
  readDraft,
  readInForce,
  readLatestPublished,
  readVersion,
  readVersions,
  saveDraftItems,
  staleDraft,
  toSummary,
  toVersion,
  VERSIONS_TABLE,
  type VersionRow,
} from './store.ts';
import type { ChecklistItem, ChecklistPermissions, ChecklistSummary, ChecklistVersion, DraftImport, VersionSummary } from './types.ts';
import { columnsOf, ImportProblems, type ImportedRow, readWorkbook, workbookFilename, writeWorkbook } from './xlsx.ts';

/** Who is calling; every call that is not public carries one. */
export interface ChecklistContext {
  readonly actor: Actor;
}

/** A version named by number, or the draft, or the version in force. */
export type VersionRef = number | 'draft' | 'current';

/** A checklist with its item schema: GET /api/checklists/:id. */
export interface ChecklistDetail extends ChecklistSummary {
  readonly itemSchema: CompiledChecklist['itemSchema'];
  readonly itemUiSchema: CompiledChecklist['itemUiSchema'];
}

/** The version in force of a public checklist, as anyone may read it. */
export interface PublicChecklist {
  readonly checklist: CompiledChecklist;
  readonly version: ChecklistVersion;
}

/**
 * Versions of the package's checklists. Version 1 of each is published from the config's items
 * (publishConfigured); after that staff change a checklist through its one draft — add, edit,
 * reorder and retire items, each change naming the draft's revision (CONFLICT when stale) — and
 * publish the draft with an effective date. A published version never changes. Drafts and
 * non-public checklists are for actors with a `read` grant on `checklists`; editing needs an
 * `update` grant, publishing a `publish` grant, held at the checklist's owner level or above.
 * Every change is audited in its own transaction.
 */
export interface ChecklistService {
  /**
   * Publishes version 1, from the config's items and in force from today, of every checklist of the
   * model the database does not have yet; safe to run on every start and from several processes.
   * Resolves with the ids of the checklists it published.
   */
  publishConfigured(): Promise<readonly string[]>;
  /** The checklists the actor may see, each with the version in force, the latest version and the draft. */
  list(ctx: ChecklistContext): Promise<readonly ChecklistSummary[]>;
  get(ctx: ChecklistContext, id: string): Promise<ChecklistDetail>;
  /** The versions the actor may see, newest first (the draft first, when there is one). */
  versions(ctx: ChecklistContext, id: string): Promise<readonly VersionSummary[]>;
  version(ctx: ChecklistContext, id: string, ref: VersionRef): Promise<ChecklistVersion>;
  /** What changed from one version to another; by default from the version the draft is based on (or the previous one) to the draft (or the latest). */
  diff(ctx: ChecklistContext, id: string, refs: { readonly from?: VersionRef; readonly to?: VersionRef }): Promise<ChecklistDiff>;
  /** Starts the draft from the latest published version. CONFLICT when there is one already. */
  createDraft(ctx: ChecklistContext, id: string): Promise<ChecklistVersion>;
  /** Throws the draft away. */
  discardDraft(ctx: ChecklistContext, id: string, revision: unknown): Promise<void>;
  /** Adds an item to the draft: { revision, code, title, attributes?, position? } (position 0-based, the end by default). */
  addItem(ctx: ChecklistContext, id: string, input: unknown): Promise<ChecklistVersion>;
  /** Changes an active item of the draft: { revision, title?, attributes? } — given attributes replace the item's, null removes one. */
  updateItem(ctx: ChecklistContext, id: string, code: string, input: unknown): Promise<ChecklistVersion>;
  /**
   * Retires an item of the draft: it stays in the list, retired, and its code is never given again.
   * An item added in this draft and never published is removed instead.
   */
  retireItem(ctx: ChecklistContext, id: string, code: string, revision: unknown): Promise<ChecklistVersion>;
  /** Puts the draft's items in a new order: { revision, codes } naming every item once. */
  reorder(ctx: ChecklistContext, id: string, input: unknown): Promise<ChecklistVersion>;
  /**
   * Publishes the draft: { revision, effectiveFrom (YYYY-MM-DD, today or later, not before the
   * latest published version's), note? }. Every active item must be valid against the item schema
   * and the draft must differ from the version it is based on.
   */
  publish(ctx: ChecklistContext, id: string, input: unknown): Promise<ChecklistVersion>;
  /**
   * A version's active items as an Excel workbook (see xlsx.ts), with its filename (e.g.
   * 社区工作事项清单-v3.xlsx) and an ASCII one for clients that cannot take UTF-8 names.
   */
  exportWorkbook(ctx: ChecklistContext, id: string, ref: VersionRef): Promise<{ filename: string; asciiFilename: string; content: Uint8Array }>;
  /**
   * Replaces the draft's items with the rows of an Excel workbook (see xlsx.ts), on the draft's
   * `revision`: an item whose code is in the draft keeps its place in history and takes the row's
   * title and attributes, a new code is added, an active item missing from the file is retired
   * (removed, when it was added in this draft and never published); the file's order is the new
   * order, retired items staying after the item they followed. A file that cannot be read is a 400;
   * any invalid row or column an IMPORT_INVALID (422) listing every error by row and column, and
   * nothing changes. Needs the same grant as editing the draft, and is audited like its other changes.
   */
  importWorkbook(ctx: ChecklistContext, id: string, input: { readonly content: Uint8Array; readonly revision: unknown }): Promise<DraftImport>;
  /** The version in force of a public checklist, without an actor; NOT_FOUND when it is not public. */
  publicVersion(id: string): Promise<PublicChecklist>;
  /** What the actor may do with the checklist. */
  permissions(actor: Actor, id: string): ChecklistPermissions;
  /** The compiled checklist; NOT_FOUND for an unknown id. */
  describe(id: string): CompiledChecklist;
  /** Today's date in China (YYYY-MM-DD), by the service's clock. */
  today(): string;
}

export interface ChecklistServiceOptions {
  readonly db: Database;
  readonly model: CompiledModel;
  readonly org: OrgService;
  readonly audit: AuditLog;
  /** The clock. @default () => new Date() */
  readonly now?: () => Date;
  /** The package's plugins' formats and keywords, for validating records and forms. @default none */
  readonly ajv?: AjvExtensions;
}

const bi = (zh: string, en: string): BilingualText => ({ 'zh-CN': zh, en });

export function createChecklistService(options: ChecklistServiceOptions): ChecklistService {
  const { db, model, org, audit } = options;
  const clock = options.now ?? (() => new Date());
  const attributes = new ItemAttributes(options.ajv);
  const today = (): string => chinaDate(clock());

  const describe = (id: string): CompiledChecklist => {
    const checklist = Object.hasOwn(model.checklists, id) ? model.checklists[id] : undefined;
    if (!checklist) throw errors.notFound(bi(`没有名为“${id}”的清单`, `There is no checklist "${id}"`));
    return checklist;
  };

  const permissions = (actor: Actor, id: string): ChecklistPermissions => checklistPermissions({ actor, model, org, checklist: describe(id) });

  /** The checklist, if the actor may see it at all (a non-public one only with a read grant on checklists). */
  const visible = (actor: Actor, id: string): CompiledChecklist => {
    const checklist = describe(id);
    if (!checklist.public && !permissions(actor, id).readDrafts) throw errors.notFound(bi(`没有名为“${id}”的清单`, `There is no checklist "${id}"`));
    return checklist;
  };

  const editor = (actor: Actor, checklist: CompiledChecklist, action: 'update' | 'publish'): ScopeGrant =>
    requireAuthority({
      actor,
      model,
      org,
      resource: CHECKLISTS_RESOURCE,
      action,
      level: checklist.owner,
      what:
        action === 'update'
          ? bi(`编辑清单“${titleZh(checklist.title)}”`, `edit the checklist ${checklist.id}`)
          : bi(`发布清单“${titleZh(checklist.title)}”`, `publish the checklist ${checklist.id}`),
    });

  const noDraft = (id: string) => errors.notFound(bi(`清单 ${id} 没有草稿：请先创建草稿`, `Checklist ${id} has no draft: create one first`));

  const summaryOf = async (actor: Actor, checklist: CompiledChecklist): Promise<ChecklistSummary> => {
    const may = permissions(actor, checklist.id);
    const [inForce, latest, draft] = await Promise.all([
      readInForce(db.kysely, checklist.id, today()),
      readLatestPublished(db.kysely, checklist.id),
      may.readDrafts ? readDraft(db.kysely, checklist.id) : Promise.resolve(undefined),
    ]);
    return {
      id: checklist.id,
      title: checklist.title,
      description: checklist.description,
      kind: checklist.kind,
      owner: checklist.owner,
      public: checklist.public,
      admission: checklist.admission,
      inForce: inForce ? toSummary(inForce, true) : null,
      latest: latest ? toSummary(latest, latest.version === inForce?.version) : null,
      draft: draft ? toSummary(draft, false) : null,
      permissions: may,
    };
  };

  /** The row a reference names, as the actor may see it. */
  const resolve = async (actor: Actor, checklist: CompiledChecklist, ref: VersionRef): Promise<VersionRow> => {
    const missing = () =>
      errors.notFound(
        ref === 'draft'
          ? bi(`清单 ${checklist.id} 没有草稿`, `Checklist ${checklist.id} has no draft`)
          : ref === 'current'
            ? bi(`清单 ${checklist.id} 没有现行有效的版本`, `Checklist ${checklist.id} has no version in force`)
            : bi(`清单 ${checklist.id} 没有第 ${ref} 版`, `Checklist ${checklist.id} has no version ${ref}`),
      );
    const row =
      ref === 'draft'
        ? await readDraft(db.kysely, checklist.id)
        : ref === 'current'
          ? await readInForce(db.kysely, checklist.id, today())
          : await readVersion(db.kysely, checklist.id, ref);
    if (!row || (row.status === 'draft' && !permissions(actor, checklist.id).readDrafts)) throw missing();
    return row;
  };

  const inForceVersion = async (id: string): Promise<number | null> => (await readInForce(db.kysely, id, today()))?.version ?? null;

  /**
   * Runs a change of the draft in one transaction: reads it (NOT_FOUND without one), checks the
   * revision the client named (CONFLICT when stale), lets `change` compute the new items (it throws
   * for bad input), saves them under the next revision and audits the change.
   */
  const changeDraft = async ({
    ctx,
    id,
    revision,
    change,
  }: {
    ctx: ChecklistContext;
    id: string;
    revision: unknown;
    change: (draft: {
      items: ChecklistItem[];
      row: VersionRow;
      checklist: CompiledChecklist;
      trx: Handle;
    }) => Promise<{ items: ChecklistItem[]; detail: Record<string, unknown> }>;
  }): Promise<ChecklistVersion> => {
    const checklist = describe(id);
    const grant = editor(ctx.actor, checklist, 'update');
    const expected = requireRevision(revision);
    return writeTransaction(db, async (trx) => {
      const draft = await readDraft(trx, id);
      if (!draft) throw noDraft(id);
      if (draft.revision !== expected) throw staleDraft(id, expected);
      const { items, detail } = await change({ items: itemsOf(draft), row: draft, checklist, trx });
      const saved = await saveDraftItems(trx, { draft, items, actor: ctx.actor, now: new Date().toISOString() });
      await audit.append(trx, {
        actor: ctx.actor,
        action: 'update',
        resource: CHECKLISTS_RESOURCE,
        recordId: id,
        orgPath: grant.path,
        detail: { draft: draft.version, revision: saved.revision, ...detail },
      });
      return toVersion(saved, false);
    });
  };

  /** Whether an item was in some published version (else it was added in the draft and was never public). */
  const everPublished = async ({ trx, id, code, basedOn }: { trx: Handle; id: string; code: string; basedOn: number | null }): Promise<boolean> => {
    if (basedOn === null) return false;
    const row = await readVersion(trx, id, basedOn);
    return row !== undefined && itemsOf(row).some((item) => item.code === code);
  };

  return {
    describe,
    permissions,
    today,

    async publishConfigured() {
      const published: string[] = [];
      for (const checklist of Object.values(model.checklists)) {
        const done = await writeTransaction(db, async (trx) => {
          const now = new Date().toISOString();
          const items: ChecklistItem[] = checklist.items.map((item) => ({ code: item.code, title: item.title, status: 'active', attributes: item.attributes }));
          const result = await trx
            .insertInto(VERSIONS_TABLE)
            .values({
              checklist_id: checklist.id,
              version: 1,
              status: 'published',
              based_on: null,
              items: JSON.stringify(items),
              revision: 1,
              effective_from: today(),
              note: '首版，来自配置包 / First version, from the config package',
              created_at: now,
              created_by: SYSTEM_ACTOR.id,
              updated_at: now,
              updated_by: SYSTEM_ACTOR.id,
              published_at: now,
              published_by: SYSTEM_ACTOR.id,
            })
            .onConflict((oc) => oc.columns(['checklist_id', 'version']).doNothing())
            .executeTakeFirst();
          if (Number(result.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
          await audit.append(trx, {
            actor: SYSTEM_ACTOR,
            action: 'publish',
            resource: CHECKLISTS_RESOURCE,
            recordId: checklist.id,
            orgPath: ROOT_PATH,
            detail: { version: 1, effectiveFrom: today(), items: items.length, from: 'config', configVersion: model.version },
          });
          return true;
        });
        if (done) published.push(checklist.id);
      }
      return published;
    },

    async list(ctx) {
      const shown = Object.values(model.checklists).filter((c) => c.public || permissions(ctx.actor, c.id).readDrafts);
      return Promise.all(shown.map((checklist) => summaryOf(ctx.actor, checklist)));
    },

    async get(ctx, id) {
      const checklist = visible(ctx.actor, id);
      return { ...(await summaryOf(ctx.actor, checklist)), itemSchema: checklist.itemSchema, itemUiSchema: checklist.itemUiSchema };
    },

    async versions(ctx, id) {
      const checklist = visible(ctx.actor, id);
      const drafts = permissions(ctx.actor, id).readDrafts;
      const current = await inForceVersion(checklist.id);
      const rows = await readVersions(db.kysely, checklist.id);
      return rows.filter((row) => drafts || row.status === 'published').map((row) => toSummary(row, row.version === current && row.status === 'published'));
    },

    async version(ctx, id, ref) {
      const checklist = visible(ctx.actor, id);
      const row = await resolve(ctx.actor, checklist, ref);
      const current = await inForceVersion(checklist.id);
      return toVersion(row, row.status === 'published' && row.version === current);
    },

    async diff(ctx, id, refs) {
      const checklist = visible(ctx.actor, id);
      const drafts = permissions(ctx.actor, id).readDrafts;
      const draft = drafts ? await readDraft(db.kysely, checklist.id) : undefined;
      const to = refs.to !== undefined ? await resolve(ctx.actor, checklist, refs.to) : (draft ?? (await resolve(ctx.actor, checklist, 'current')));
      const fromRef: VersionRef | undefined = refs.from ?? to.based_on ?? (to.version > 1 ? to.version - 1 : undefined);
      const from = fromRef === undefined ? to : await resolve(ctx.actor, checklist, fromRef);
      return diffItems({ checklist: checklist.id, from: { version: from.version, items: itemsOf(from) }, to: { version: to.version, items: itemsOf(to) } });
    },

    async createDraft(ctx, id) {
      const checklist = describe(id);
      const grant = editor(ctx.actor, checklist, 'update');
      return writeTransaction(db, async (trx) => {
        const latest = await readLatestPublished(trx, id);
        if (!latest) throw errors.notFound(bi(`清单 ${id} 尚无已发布的版本`, `Checklist ${id} has no published version yet`));
        const draft = await insertDraft(trx, { checklist: id, basedOn: latest, actor: ctx.actor, now: new Date().toISOString() });
        await audit.append(trx, {
          actor: ctx.actor,
          action: 'create',
          resource: CHECKLISTS_RESOURCE,
          recordId: id,
          orgPath: grant.path,
          detail: { draft: draft.version, basedOn: latest.version },
        });
        return toVersion(draft, false);
      });
    },

    async discardDraft(ctx, id, revision) {
      const checklist = describe(id);
      const grant = editor(ctx.actor, checklist, 'update');
      const expected = requireRevision(revision);
      await writeTransaction(db, async (trx) => {
        const draft = await readDraft(trx, id);
        if (!draft) throw noDraft(id);
        const result = await trx
          .deleteFrom(VERSIONS_TABLE)
          .where('checklist_id', '=', id)
          .where('version', '=', draft.version)
          .where('status', '=', 'draft')
          .where('revision', '=', expected)
          .executeTakeFirst();
        if (Number(result.numDeletedRows) !== 1) throw staleDraft(id, expected);
        await audit.append(trx, {
          actor: ctx.actor,
          action: 'delete',
          resource: CHECKLISTS_RESOURCE,
          recordId: id,
          orgPath: grant.path,
          detail: { draft: draft.version, revision: draft.revision },
        });
      });
    },

    addItem(ctx, id, input) {
      const body = asObject(input);
      return changeDraft({
        ctx,
        id,
        revision: body['revision'],
        change: async ({ items, checklist }) => {
          const problems = new Problems();
          const code = body['code'];
          if (typeof code !== 'string' || !ITEM_CODE_PATTERN.test(code)) {
            problems.add(
              'code',
              bi(
                '事项编码由字母、数字、点、下划线或连字符组成（1–32 个字符，以字母或数字开头）',
                'an item code is 1–32 letters, digits, dots, underscores or hyphens, starting with a letter or digit',
              ),
            );
          } else if (items.some((item) => item.code === code)) {
            problems.add(
              'code',
              bi(
                `事项编码 ${code} 已被使用（含已废止的事项）：编码不得重复使用`,
                `the item code ${code} is taken (retired items included): codes are never reused`,
              ),
            );
          }
          const title = asText(body['title']);
          if (title === null) problems.add('title', TITLE_REQUIRED);
          const given = body['attributes'] ?? {};
          attributes.check({ checklist, attributes: given, problems });
          const position = body['position'] ?? items.length;
          if (typeof position !== 'number' || !Number.isInteger(position) || position < 0 || position > items.length) {
            problems.add('position', bi(`位置必须是 0 到 ${items.length} 之间的整数`, `the position must be an integer from 0 to ${items.length}`));
          }
          problems.throwIfAny();
          const item: ChecklistItem = { code: code as string, title: title as Text, status: 'active', attributes: given as Record<string, unknown> };
          const next = [...items];
          next.splice(position as number, 0, item);
          return { items: next, detail: { op: 'add-item', code: item.code, position, after: { title: item.title, attributes: item.attributes } } };
        },
      });
    },

    updateItem(ctx, id, code, input) {
      const body = asObject(input);
      return changeDraft({
        ctx,
        id,
        revision: body['revision'],
        change: async ({ items, checklist }) => {
          const at = items.findIndex((item) => item.code === code);
          const current = items[at];
          if (!current) throw itemNotFound(id, code);
          if (current.status === 'retired') throw errors.badRequest(bi(`事项 ${code} 已废止，不能修改`, `Item ${code} is retired and cannot be changed`));
          const problems = new Problems();
          let title = current.title;
          if (body['title'] !== undefined) {
            const given = asText(body['title']);
            if (given === null) problems.add('title', TITLE_REQUIRED);
            else title = given;
          }
          const merged: Record<string, unknown> = { ...current.attributes };
          const patch = body['attributes'];
          if (patch !== undefined) {
            if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
              problems.add('attributes', bi('事项属性必须是 JSON 对象', 'the item attributes must be a JSON object'));
            } else {
              for (const [key, value] of Object.entries(patch)) {
                if (value === null) delete merged[key];
                else merged[key] = value;
              }
            }
          }
          for (const key of Object.keys(body)) {
            if (!['revision', 'title', 'attributes'].includes(key)) problems.add(key, bi(`不能修改事项的 ${key}`, `an item's ${key} cannot be changed`));
          }
          problems.throwIfAny();
          attributes.check({ checklist, attributes: merged, problems });
          problems.throwIfAny();
          const updated: ChecklistItem = { ...current, title, attributes: merged };
          const next = [...items];
          next[at] = updated;
          return {
            items: next,
            detail: { op: 'update-item', code, before: { title: current.title, attributes: current.attributes }, after: { title, attributes: merged } },
          };
        },
      });
    },

    retireItem(ctx, id, code, revision) {
      return writeItemRetirement(ctx, id, code, revision);
    },

    reorder(ctx, id, input) {
      const body = asObject(input);
      return changeDraft({
        ctx,
        id,
        revision: body['revision'],
        change: async ({ items }) => {
          const codes = body['codes'];
          const byCode = new Map(items.map((item) => [item.code, item]));
          const valid =
            Array.isArray(codes) &&
            codes.length === items.length &&
            new Set(codes).size === codes.length &&
            codes.every((code) => typeof code === 'string' && byCode.has(code));
          if (!valid) {
            throw errors.validation({
              codes: [
                bi(
                  '必须按新的顺序列出草稿中的全部事项编码（含已废止的），每个一次',
                  'list every item code of the draft (retired ones included) once, in the new order',
                ),
              ],
            });
          }
          const next = (codes as string[]).map((code) => byCode.get(code) as ChecklistItem);
          return { items: next, detail: { op: 'reorder', before: items.map((item) => item.code), after: codes } };
        },
      });
    },

    async publish(ctx, id, input) {
      const checklist = describe(id);
      const grant = editor(ctx.actor, checklist, 'publish');
      const body = asObject(input);
      const expected = requireRevision(body['revision']);
      const problems = new Problems();
      const effectiveFrom = body['effectiveFrom'];
      const note = body['note'];
      if (!isCalendarDate(effectiveFrom))
        problems.add('effectiveFrom', bi('生效日期必须是 YYYY-MM-DD 格式的日期', 'the effective date must be a date written YYYY-MM-DD'));
      else if (effectiveFrom < today())
        problems.add('effectiveFrom', bi(`生效日期不能早于今天（${today()}）`, `the effective date cannot be before today (${today()})`));
      if (note !== undefined && note !== null && (typeof note !== 'string' || note.length > 2000)) {
        problems.add('note', bi('发布说明必须是不超过 2000 字的文本', 'the note must be text of at most 2,000 characters'));
      }
      problems.throwIfAny();
      return writeTransaction(db, async (trx) => {
        const draft = await readDraft(trx, id);
        if (!draft) throw noDraft(id);
        if (draft.revision !== expected) throw staleDraft(id, expected);
        const latest = await readLatestPublished(trx, id);
        if (latest?.effective_from && (effectiveFrom as string) < latest.effective_from) {
          throw errors.validation({
            effectiveFrom: [
              bi(
                `生效日期不能早于第 ${latest.version} 版的生效日期（${latest.effective_from}）`,
                `the effective date cannot be before that of version ${latest.version} (${latest.effective_from})`,
              ),
            ],
          });
        }
        const items = itemsOf(draft);
        for (const item of items)
          if (item.status === 'active') attributes.check({ checklist, attributes: item.attributes, problems, prefix: `items.${item.code}.attributes` });
        problems.throwIfAny();
        const base = draft.based_on === null ? undefined : await readVersion(trx, id, draft.based_on);
        const changes = diffItems({
          checklist: id,
          from: { version: base?.version ?? 0, items: base ? itemsOf(base) : [] },
          to: { version: draft.version, items },
        });
        if (!changes.added.length && !changes.retired.length && !changes.changed.length && !changes.moved.length) {
          throw errors.badRequest(
            bi(
              `草稿与第 ${base?.version ?? 0} 版相同，没有可发布的修改`,
              `The draft is the same as version ${base?.version ?? 0}: there is nothing to publish`,
            ),
          );
        }
        const now = new Date().toISOString();
        const result = await trx
          .updateTable(VERSIONS_TABLE)
          .set({
            status: 'published',
            effective_from: effectiveFrom as string,
            note: typeof note === 'string' ? note : null,
            updated_at: now,
            updated_by: ctx.actor.id,
            published_at: now,
            published_by: ctx.actor.id,
          })
          .where('checklist_id', '=', id)
          .where('version', '=', draft.version)
          .where('status', '=', 'draft')
          .where('revision', '=', expected)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) throw staleDraft(id, expected);
        await audit.append(trx, {
          actor: ctx.actor,
          action: 'publish',
          resource: CHECKLISTS_RESOURCE,
          recordId: id,
          orgPath: grant.path,
          detail: {
            version: draft.version,
            effectiveFrom,
            added: changes.added.map((a) => a.code),
            retired: changes.retired.map((r) => r.code),
            changed: changes.changed.map((c) => c.code),
            moved: changes.moved.map((m) => m.code),
          },
        });
        const published = await readVersion(trx, id, draft.version);
        if (!published) throw new Error(`version ${draft.version} of ${id} vanished while being published`);
        return toVersion(published, (effectiveFrom as string) <= today());
      });
    },

    async exportWorkbook(ctx, id, ref) {
      const checklist = visible(ctx.actor, id);
      const row = await resolve(ctx.actor, checklist, ref);
      return {
        filename: workbookFilename(checklist, row),
        asciiFilename: `${checklist.id}-v${row.version}${row.status === 'draft' ? '-draft' : ''}.xlsx`,
        content: await writeWorkbook(checklist, itemsOf(row)),
      };
    },

    async importWorkbook(ctx, id, input) {
      const checklist = describe(id);
      editor(ctx.actor, checklist, 'update');
      requireRevision(input.revision);
      const problems = new ImportProblems();
      const rows = await readWorkbook(checklist, input.content, problems);
      problems.throwIfAny();
      let outcome: Omit<DraftImport, 'draft'> | undefined;
      const draft = await changeDraft({
        ctx,
        id,
        revision: input.revision,
        change: async ({ items, row, trx }) => {
          const base = row.based_on === null ? undefined : await readVersion(trx, id, row.based_on);
          const published = new Set(base ? itemsOf(base).map((item) => item.code) : []);
          const merged = mergeImport({ checklist, items, rows, published, problems });
          problems.throwIfAny();
          outcome = { rows: rows.length, added: merged.added, changed: merged.changed, retired: merged.retired, removed: merged.removed };
          return { items: merged.items, detail: { op: 'import', ...outcome } };
        },
      });
      if (!outcome) throw new Error('the import finished without an outcome');
      return { draft, ...outcome };
    },

    async publicVersion(id) {
      const checklist = Object.hasOwn(model.checklists, id) ? model.checklists[id] : undefined;
      const missing = errors.notFound(bi(`没有名为“${id}”的公开清单`, `There is no public checklist "${id}"`));
      if (!checklist?.public) throw missing;
      const row = await readInForce(db.kysely, id, today());
      if (!row) throw missing;
      return { checklist, version: toVersion(row, true) };
    },
  };

  /**
   * The draft's items after an import of `rows` (see importWorkbook), and what changed; problems
   * of the rows (code, title, attributes against the item schema) go to `problems`.
   */
  function mergeImport(options: {
    checklist: CompiledChecklist;
    items: readonly ChecklistItem[];
    rows: readonly ImportedRow[];
    published: ReadonlySet<string>;
    problems: ImportProblems;
  }): { items: ChecklistItem[]; added: string[]; changed: string[]; retired: string[]; removed: string[] } {
    const { checklist, items, rows, published, problems } = options;
    const columns = new Map(columnsOf(checklist).map((column) => [column.key, column]));
    const column = (key: string) => columns.get(key) ?? { key, name: key };
    const byCode = new Map(items.map((item) => [item.code, item]));
    const rowOf = new Map<string, number>();
    const fromFile: ChecklistItem[] = [];
    const added: string[] = [];
    const changed: string[] = [];
    for (const row of rows) {
      const { code, title } = row;
      if (code === null) problems.cell(row.row, column('code'), bi('必须填写事项编码', 'the item code is required'));
      else if (!ITEM_CODE_PATTERN.test(code)) {
        problems.cell(
          row.row,
          column('code'),
          bi(
            '事项编码由字母、数字、点、下划线或连字符组成（1–32 个字符，以字母或数字开头）',
            'an item code is 1–32 letters, digits, dots, underscores or hyphens, starting with a letter or digit',
          ),
        );
      } else if (rowOf.has(code)) {
        problems.cell(row.row, column('code'), bi(`编码 ${code} 与第 ${rowOf.get(code)} 行重复`, `the code ${code} is also on row ${rowOf.get(code)}`));
      } else if (byCode.get(code)?.status === 'retired') {
        problems.cell(row.row, column('code'), bi(`事项 ${code} 已废止：编码不得重复使用`, `item ${code} is retired: codes are never reused`));
      } else rowOf.set(code, row.row);
      if (title === null) problems.cell(row.row, column('title'), bi('必须填写事项名称', 'the item title is required'));
      const found = new Problems();
      attributes.check({ checklist, attributes: row.attributes, problems: found, prefix: '$' });
      for (const [path, messages] of Object.entries(found.fieldErrors)) {
        const key = path === '$' ? undefined : path.slice(2).split('.')[0];
        for (const message of messages) {
          if (key === undefined) problems.row(row.row, message);
          else problems.cell(row.row, column(key), message);
        }
      }
      if (code === null || title === null || problems.any) continue;
      const current = byCode.get(code);
      if (!current) {
        added.push(code);
        fromFile.push({ code, title, status: 'active', attributes: row.attributes });
        continue;
      }
      const sameTitle = sameText(current.title, title);
      const sameAttributes = sameValues(current.attributes, row.attributes);
      if (!sameTitle || !sameAttributes) changed.push(code);
      fromFile.push({ ...current, title: sameTitle ? current.title : title, attributes: sameAttributes ? current.attributes : row.attributes });
    }

    // Items not in the file stay (retired) after the item they followed, or go when never published.
    const retired: string[] = [];
    const removed: string[] = [];
    const after = new Map<string | null, ChecklistItem[]>();
    let anchor: string | null = null;
    for (const item of items) {
      if (rowOf.has(item.code)) {
        anchor = item.code;
        continue;
      }
      if (item.status === 'active' && !published.has(item.code)) {
        removed.push(item.code);
        continue;
      }
      if (item.status === 'active') retired.push(item.code);
      const list = after.get(anchor) ?? [];
      list.push(item.status === 'active' ? { ...item, status: 'retired' } : item);
      after.set(anchor, list);
    }
    const next = [...(after.get(null) ?? []), ...fromFile.flatMap((item) => [item, ...(after.get(item.code) ?? [])])];
    return { items: next, added, changed, retired, removed };
  }

  function writeItemRetirement(ctx: ChecklistContext, id: string, code: string, revision: unknown): Promise<ChecklistVersion> {
    return changeDraft({
      ctx,
      id,
      revision,
      change: async ({ items, row, trx }) => {
        const current = items.find((item) => item.code === code);
        if (!current) throw itemNotFound(id, code);
        if (current.status === 'retired') throw errors.badRequest(bi(`事项 ${code} 已经废止`, `Item ${code} is retired already`));
        const removed = !(await everPublished({ trx, id, code, basedOn: row.based_on }));
        const next = removed
          ? items.filter((item) => item.code !== code)
          : items.map((item) => (item.code === code ? { ...item, status: 'retired' as const } : item));
        return { items: next, detail: { op: removed ? 'remove-item' : 'retire-item', code, before: { title: current.title, attributes: current.attributes } } };
      },
    });
  }
}

/** Whether two titles say the same in both languages (a title without English equals its Chinese text alone). */
function sameText(a: Text, b: Text): boolean {
  const en = (text: Text): string | undefined => (typeof text === 'string' ? undefined : text.en);
  return resolveText(a, 'zh-CN') === resolveText(b, 'zh-CN') && en(a) === en(b);
}

/** Whether two attribute sets hold the same values, whatever the order of their keys. */
function sameValues(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => JSON.stringify(a[key]) === JSON.stringify(b[key]));
}

function titleZh(title: Text): string {
  return typeof title === 'string' ? title : title['zh-CN'];
}

function itemNotFound(id: string, code: string) {
  return errors.notFound(bi(`清单 ${id} 的草稿中没有编码为 ${code} 的事项`, `The draft of checklist ${id} has no item ${code}`));
}

/** The draft revision a change is made on: a positive integer, else a 400. */
function requireRevision(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw errors.validation({ revision: [bi('必须提供草稿的当前修订号（正整数）', "the draft's current revision (a positive integer) is required")] });
  }
  return value;
}
