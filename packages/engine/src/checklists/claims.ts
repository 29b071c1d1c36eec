import { resolveText } from '@zhili/schemas';
import type { BilingualText, ClaimantKind, Text } from '@zhili/schemas';
import type { Actor } from '../actor/actor.ts';
import { allows, grantCovers, grantsFor } from '../actor/actor.ts';
import type { AuditLog } from '../audit/log.ts';
import { errors } from '../errors/engine-error.ts';
import { isUuid, uuidv7 } from '../ids/uuid.ts';
import type { CompiledChecklist, CompiledClaiming, CompiledModel } from '../model/types.ts';
import type { OrgService, OrgUnitRecord } from '../org/service.ts';
import type { Database } from '../storage/database.ts';
import { writeTransaction } from '../storage/transaction.ts';
import { chinaDate } from './dates.ts';
import { asObject, Problems } from './items.ts';
import { CLAIMS_RESOURCE } from './authority.ts';
import { CLAIMANT_KINDS } from './kinds.ts';
import { type Handle, isUniqueViolation, itemsOf, readInForce } from './store.ts';
import { subtreePredicate } from '../resources/sql.ts';

/** The claims of needs-list items. */
export const CLAIMS_TABLE = 'zhili_checklist_claims';

export type ClaimStatus = 'claimed' | 'done' | 'withdrawn';
const STATUSES: readonly ClaimStatus[] = ['claimed', 'done', 'withdrawn'];
/** The slot of a claim that holds its item at its unit (see migration 0005). */
const HELD = 'held';

/** An organisation's claim of a needs-list item at a unit (社会认领). */
export interface Claim {
  readonly id: string;
  readonly checklist: string;
  readonly item: string;
  /** The version in force the item was claimed under. */
  readonly itemVersion: number;
  /** The unit (a community) the item was claimed at. */
  readonly orgCode: string;
  readonly orgPath: string;
  readonly claimant: { readonly name: string; readonly kind: ClaimantKind; readonly contact: string | null };
  readonly note: string | null;
  readonly status: ClaimStatus;
  /** Concurrency token: marking done and withdrawing name it. */
  readonly version: number;
  readonly claimedAt: string;
  readonly claimedBy: string;
  /** When and by whom the claim was marked done or withdrawn, and what they said. */
  readonly closedAt: string | null;
  readonly closedBy: string | null;
  readonly closingNote: string | null;
}

export interface ClaimQuery {
  /** Only claims at this unit or below it. */
  readonly org?: string;
  readonly item?: string;
  readonly status?: ClaimStatus;
}

/** The claims of a unit (a community): per active item of the version in force, and counted. */
export interface UnitClaims {
  readonly orgCode: string;
  readonly orgName: string;
  readonly items: readonly {
    readonly code: string;
    readonly title: Text;
    /** open: no one holds it; claimed: claimed and not done yet; done: a claim of it is done. */
    readonly status: 'open' | 'claimed' | 'done';
    /** The claims that hold it (several when the list allows it). */
    readonly claims: readonly Claim[];
  }[];
  readonly counts: { readonly items: number; readonly open: number; readonly claimed: number; readonly done: number };
}

/**
 * Claiming of needs-list items (社区协调 + 社会认领): at a unit of the list's claiming level, staff record
 * that an organisation (department, merchant, social organisation) claims an active item of the version
 * in force, then mark the claim done or withdraw it. An item is held by one claim per unit unless the
 * list allows several. Reading needs a `read` grant on `checklist_claims` covering the unit, claiming a
 * `create` grant, marking done and withdrawing an `update` grant; every write is audited.
 */
export interface ClaimService {
  /** Claims the actor may read, newest first. */
  list(ctx: { readonly actor: Actor }, checklist: string, query: ClaimQuery): Promise<readonly Claim[]>;
  /** Per unit of the claiming level the actor may read (under `org` when given): each item's status and the counts. */
  summary(ctx: { readonly actor: Actor }, checklist: string, query: { readonly org?: string }): Promise<readonly UnitClaims[]>;
  /** { item, orgCode, claimant: { name, kind, contact? }, note? }; CONFLICT when the item is held at the unit already. */
  claim(ctx: { readonly actor: Actor }, checklist: string, input: unknown): Promise<Claim>;
  /** { version, note? }: the claimed item is done. */
  markDone(ctx: { readonly actor: Actor }, checklist: string, id: string, input: unknown): Promise<Claim>;
  /** { version, note? }: the claimant gives the item up; it is open again. */
  withdraw(ctx: { readonly actor: Actor }, checklist: string, id: string, input: unknown): Promise<Claim>;
}

export interface ClaimServiceOptions {
  readonly db: Database;
  readonly model: CompiledModel;
  readonly org: OrgService;
  readonly audit: AuditLog;
  /** The clock. @default () => new Date() */
  readonly now?: () => Date;
}

interface ClaimRow {
  id: string;
  checklist_id: string;
  item_code: string;
  item_version: number;
  org_code: string;
  org_path: string;
  claimant_name: string;
  claimant_kind: ClaimantKind;
  claimant_contact: string | null;
  note: string | null;
  status: ClaimStatus;
  slot: string;
  version: number;
  claimed_at: string;
  claimed_by: string;
  closed_at: string | null;
  closed_by: string | null;
  closing_note: string | null;
}

const bi = (zh: string, en: string): BilingualText => ({ 'zh-CN': zh, en });

function toClaim(row: ClaimRow): Claim {
  return {
    id: row.id,
    checklist: row.checklist_id,
    item: row.item_code,
    itemVersion: Number(row.item_version),
    orgCode: row.org_code,
    orgPath: row.org_path,
    claimant: { name: row.claimant_name, kind: row.claimant_kind, contact: row.claimant_contact },
    note: row.note,
    status: row.status,
    version: Number(row.version),
    claimedAt: row.claimed_at,
    claimedBy: row.claimed_by,
    closedAt: row.closed_at,
    closedBy: row.closed_by,
    closingNote: row.closing_note,
  };
}

export function createClaimService(options: ClaimServiceOptions): ClaimService {
  const { db, model, org, audit } = options;
  const clock = options.now ?? (() => new Date());
  const today = (): string => chinaDate(clock());

  /** The checklist and its claiming config; NOT_FOUND when it is unknown or its items are not claimed. */
  const claimable = (id: string): { checklist: CompiledChecklist; claiming: CompiledClaiming } => {
    const checklist = Object.hasOwn(model.checklists, id) ? model.checklists[id] : undefined;
    if (!checklist?.claiming) throw errors.notFound(bi(`没有名为“${id}”的可认领清单`, `There is no checklist "${id}" whose items are claimed`));
    return { checklist, claiming: checklist.claiming };
  };

  const readGrants = (actor: Actor) => {
    const grants = grantsFor(actor, CLAIMS_RESOURCE, 'read');
    if (grants.length === 0) throw errors.forbidden(bi('无权查看认领情况', 'You may not read claims'));
    return grants;
  };

  /** The unit `?org=` names; NOT_FOUND when there is none. */
  const unitOf = (code: string): OrgUnitRecord => {
    const unit = org.byCode(code);
    if (!unit) throw errors.notFound(bi(`没有代码为 ${code} 的组织单元`, `There is no org unit ${code}`));
    return unit;
  };

  const readClaim = async (trx: Handle, checklist: string, id: string): Promise<ClaimRow | undefined> =>
    isUuid(id)
      ? ((await trx.selectFrom(CLAIMS_TABLE).selectAll().where('id', '=', id).where('checklist_id', '=', checklist).executeTakeFirst()) as
          | ClaimRow
          | undefined)
      : undefined;

  const listRows = async (actor: Actor, checklist: string, query: ClaimQuery): Promise<ClaimRow[]> => {
    const grants = readGrants(actor);
    let select = db.kysely.selectFrom(CLAIMS_TABLE).selectAll().where('checklist_id', '=', checklist);
    if (query.org !== undefined) select = select.where(subtreePredicate(unitOf(query.org).path, { leaf: false }));
    if (query.item !== undefined) select = select.where('item_code', '=', query.item);
    if (query.status !== undefined) select = select.where('status', '=', query.status);
    const rows = (await select.orderBy('claimed_at', 'desc').orderBy('id', 'desc').execute()) as ClaimRow[];
    return rows.filter((row) => grants.some((grant) => grantCovers(grant, row.org_path)));
  };

  /** Closes a claimed claim (done or withdrawn) in one transaction: version checked, audited. */
  const close = async ({
    ctx,
    checklist,
    id,
    input,
    status,
  }: {
    ctx: { readonly actor: Actor };
    checklist: string;
    id: string;
    input: unknown;
    status: 'done' | 'withdrawn';
  }): Promise<Claim> => {
    claimable(checklist);
    const body = asObject(input);
    const problems = new Problems();
    const version = body['version'];
    const note = body['note'] ?? null;
    if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1)
      problems.add('version', bi('必须提供认领记录的当前版本号（正整数）', "the claim's current version (a positive integer) is required"));
    if (note !== null && (typeof note !== 'string' || note.length > 2000))
      problems.add('note', bi('说明必须是不超过 2000 字的文本', 'the note must be text of at most 2,000 characters'));
    problems.throwIfAny();
    return writeTransaction(db, async (trx) => {
      const row = await readClaim(trx, checklist, id);
      if (!row || !allows(ctx.actor, CLAIMS_RESOURCE, 'read', row.org_path))
        throw errors.notFound(bi(`清单 ${checklist} 没有编号为 ${id} 的认领`, `Checklist ${checklist} has no claim ${id}`));
      if (!allows(ctx.actor, CLAIMS_RESOURCE, 'update', row.org_path))
        throw errors.forbidden(bi('无权办结或撤回该认领', 'You may not mark this claim done or withdraw it'));
      if (Number(row.version) !== version) {
        throw errors.conflict(
          bi(
            `认领 ${id} 已被他人修改（当前版本 ${row.version}）。请刷新后重试`,
            `Claim ${id} has changed (current version ${row.version}). Reload it and try again`,
          ),
        );
      }
      if (row.status !== 'claimed') {
        throw errors.conflict(
          bi(`认领 ${id} 已${row.status === 'done' ? '办结' : '撤回'}，不能再修改`, `Claim ${id} is ${row.status} already and cannot change`),
        );
      }
      const now = new Date().toISOString();
      const changed = {
        status,
        // A withdrawn claim frees the item at its unit; a done one keeps holding it.
        slot: status === 'withdrawn' ? row.id : row.slot,
        version: version + 1,
        closed_at: now,
        closed_by: ctx.actor.id,
        closing_note: note as string | null,
      };
      const result = await trx
        .updateTable(CLAIMS_TABLE)
        .set(changed)
        .where('id', '=', id)
        .where('version', '=', version)
        .where('status', '=', 'claimed')
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw errors.conflict(bi(`认领 ${id} 已被他人修改，请刷新`, `Claim ${id} was changed by someone else; reload it`));
      const after: ClaimRow = { ...row, ...changed };
      await audit.append(trx, {
        actor: ctx.actor,
        action: 'update',
        resource: CLAIMS_RESOURCE,
        recordId: id,
        orgPath: row.org_path,
        detail: { op: status === 'done' ? 'done' : 'withdraw', checklist, item: row.item_code, before: { status: row.status }, after: { status }, note },
      });
      return toClaim(after);
    });
  };

  return {
    async list(ctx, checklist, query) {
      claimable(checklist);
      return (await listRows(ctx.actor, checklist, query)).map(toClaim);
    },

    async summary(ctx, id, query) {
      const { checklist, claiming } = claimable(id);
      const grants = readGrants(ctx.actor);
      // ?org= a community, a unit above it (its communities) or below it (the community it is in).
      const under = query.org !== undefined ? unitOf(query.org).path : null;
      const units = org
        .all()
        .filter((unit) => unit.level === claiming.level)
        .filter((unit) => under === null || unit.path.startsWith(under) || under.startsWith(unit.path))
        .filter((unit) => grants.some((grant) => grantCovers(grant, unit.path)));
      const row = await readInForce(db.kysely, checklist.id, today());
      const active = row ? itemsOf(row).filter((item) => item.status === 'active') : [];
      const shown = new Set(units.map((unit) => unit.code));
      const held = (await listRows(ctx.actor, checklist.id, {})).filter((r) => r.status !== 'withdrawn' && shown.has(r.org_code));
      return units.map((unit) => {
        const items = active.map((item) => {
          const claims = held.filter((r) => r.org_code === unit.code && r.item_code === item.code).map(toClaim);
          const status: 'open' | 'claimed' | 'done' = claims.length === 0 ? 'open' : claims.some((c) => c.status === 'done') ? 'done' : 'claimed';
          return { code: item.code, title: item.title, status, claims };
        });
        const count = (status: string) => items.filter((item) => item.status === status).length;
        return {
          orgCode: unit.code,
          orgName: unit.name,
          items,
          counts: { items: items.length, open: count('open'), claimed: count('claimed'), done: count('done') },
        };
      });
    },

    async claim(ctx, id, input) {
      const { checklist, claiming } = claimable(id);
      const body = asObject(input);
      const problems = new Problems();
      const itemCode = body['item'];
      const orgCode = body['orgCode'];
      const claimant = body['claimant'];
      const note = body['note'] ?? null;
      if (typeof itemCode !== 'string' || itemCode === '') problems.add('item', bi('必须给出所认领事项的编码', 'the code of the claimed item is required'));
      const unit = typeof orgCode === 'string' ? org.byCode(orgCode) : undefined;
      const levelTitle = model.levels.find((l) => l.id === claiming.level)?.title ?? claiming.level;
      if (!unit) problems.add('orgCode', bi('必须是一个存在的组织单元代码', 'must be the code of an existing org unit'));
      else if (unit.level !== claiming.level) {
        problems.add(
          'orgCode',
          bi(
            `事项在${resolveText(levelTitle, 'zh-CN')}一级认领：${unit.name}不是${resolveText(levelTitle, 'zh-CN')}`,
            `items are claimed at the level ${resolveText(levelTitle, 'en')}: ${unit.name} is not one`,
          ),
        );
      }
      const fields = typeof claimant === 'object' && claimant !== null && !Array.isArray(claimant) ? (claimant as Record<string, unknown>) : null;
      if (fields === null) problems.add('claimant', bi('必须给出认领方：{ name, kind, contact? }', 'the claimant is required: { name, kind, contact? }'));
      const name = fields?.['name'];
      const kind = fields?.['kind'];
      const contact = fields?.['contact'] ?? null;
      if (fields && (typeof name !== 'string' || name.trim() === '' || name.length > 100))
        problems.add('claimant.name', bi('必须填写认领方名称（不超过 100 字）', "the claimant's name is required (at most 100 characters)"));
      if (fields && (typeof kind !== 'string' || !(claiming.claimantKinds as readonly string[]).includes(kind))) {
        const allowed = claiming.claimantKinds.map((k) => `${k}（${CLAIMANT_KINDS[k]['zh-CN']}）`).join('、');
        problems.add('claimant.kind', bi(`应为 ${allowed} 之一`, `must be one of ${claiming.claimantKinds.join(', ')}`));
      }
      if (fields && contact !== null && (typeof contact !== 'string' || contact.length > 100))
        problems.add('claimant.contact', bi('联系方式必须是不超过 100 字的文本', 'the contact must be text of at most 100 characters'));
      if (note !== null && (typeof note !== 'string' || note.length > 2000))
        problems.add('note', bi('说明必须是不超过 2000 字的文本', 'the note must be text of at most 2,000 characters'));
      for (const key of Object.keys(body)) {
        if (!['item', 'orgCode', 'claimant', 'note'].includes(key)) problems.add(key, bi(`未知的字段 ${key}`, `unknown field ${key}`));
      }
      problems.throwIfAny();
      const at = unit as OrgUnitRecord;
      if (!allows(ctx.actor, CLAIMS_RESOURCE, 'create', at.path))
        throw errors.forbidden(bi(`无权在${at.name}登记认领`, `You may not record claims at ${at.name}`));
      return writeTransaction(db, async (trx) => {
        const row = await readInForce(trx, checklist.id, today());
        const item = row ? itemsOf(row).find((i) => i.code === itemCode) : undefined;
        if (!row || !item || item.status !== 'active') {
          throw errors.validation({
            item: [bi(`清单 ${checklist.id} 现行有效的版本中没有可认领的事项 ${String(itemCode)}`, `the version in force of ${checklist.id} has no active item ${String(itemCode)}`)],
          });
        }
        const claimId = uuidv7();
        const claimRow: ClaimRow = {
          id: claimId,
          checklist_id: checklist.id,
          item_code: item.code,
          item_version: row.version,
          org_code: at.code,
          org_path: at.path,
          claimant_name: (name as string).trim(),
          claimant_kind: kind as ClaimantKind,
          claimant_contact: contact as string | null,
          note: note as string | null,
          status: 'claimed',
          slot: claiming.multiple ? claimId : HELD,
          version: 1,
          claimed_at: new Date().toISOString(),
          claimed_by: ctx.actor.id,
          closed_at: null,
          closed_by: null,
          closing_note: null,
        };
        try {
          // A savepoint would let Postgres go on after the violation; nothing else is written before it, so the transaction is simply given up.
          await trx.insertInto(CLAIMS_TABLE).values(claimRow).execute();
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
          throw errors.conflict(
            bi(`事项 ${item.code} 在${at.name}已被认领：撤回之前不能再次认领`, `Item ${item.code} is claimed at ${at.name} already: it cannot be claimed again unless withdrawn`),
          );
        }
        const claim = toClaim(claimRow);
        await audit.append(trx, { actor: ctx.actor, action: 'create', resource: CLAIMS_RESOURCE, recordId: claimId, orgPath: at.path, detail: { after: claim } });
        return claim;
      });
    },

    markDone(ctx, checklist, id, input) {
      return close({ ctx, checklist, id, input, status: 'done' });
    },

    withdraw(ctx, checklist, id, input) {
      return close({ ctx, checklist, id, input, status: 'withdrawn' });
    },
  };
}

/** Parses the query of GET /api/checklists/:id/claims; unknown values are a 400. */
export function parseClaimQuery(params: URLSearchParams): ClaimQuery {
  const problems = new Problems();
  const status = params.get('status');
  if (status !== null && !(STATUSES as readonly string[]).includes(status))
    problems.add('status', bi(`应为 ${STATUSES.join('、')} 之一`, `must be one of ${STATUSES.join(', ')}`));
  for (const key of params.keys()) if (!['org', 'item', 'status'].includes(key)) problems.add(key, bi(`未知的查询参数 ${key}`, `unknown query parameter ${key}`));
  problems.throwIfAny();
  return {
    ...(params.get('org') !== null ? { org: params.get('org') as string } : {}),
    ...(params.get('item') !== null ? { item: params.get('item') as string } : {}),
    ...(status !== null ? { status: status as ClaimStatus } : {}),
  };
}
