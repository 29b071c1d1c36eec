import { createHash } from 'node:crypto';
import type { BilingualText } from '@zhili/schemas';
import type { Actor } from '../actor/actor.ts';
import type { AuditLog } from '../audit/log.ts';
import { errors } from '../errors/engine-error.ts';
import { isUuid, uuidv7 } from '../ids/uuid.ts';
import type { OrgService } from '../org/service.ts';
import type { Database } from '../storage/database.ts';
import { writeTransaction } from '../storage/transaction.ts';
import { contentMatches, FILE_MAX_BYTES, FILE_TYPES, isFileType } from './content.ts';

const bi = (zh: string, en: string): BilingualText => ({ 'zh-CN': zh, en });

export const FILES_TABLE = 'zhili_files';
const FILES_AUDIT_RESOURCE = 'files';
const MAX_NAME = 200;

/** A kept file as the API describes it; `url` is where it is read from. */
export interface StoredFile {
  readonly id: string;
  readonly name: string;
  readonly contentType: string;
  readonly size: number;
  readonly sha256: string;
  readonly orgCode: string;
  readonly uploadedAt: string;
  readonly url: string;
}

interface FileRow {
  id: string;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
  content: Uint8Array;
  org_code: string;
  org_path: string;
  uploaded_by: string;
  uploaded_at: string;
}

/**
 * Uploaded files (附件: photos of the spot, scanned documents). A file belongs to an org unit: a
 * user uploads for a unit on the branch of one where it holds a role (the unit of a case it may act
 * on), and reads the files of the units at or below those it holds roles at, and its own uploads —
 * so a file attached to a case reaches whoever the case reaches up the tree.
 */
export interface FileService {
  /** Keeps a file: its bytes must be of the type declared, at most FILE_MAX_BYTES. */
  upload(ctx: { readonly actor: Actor }, input: { readonly org: string; readonly name: string; readonly contentType: string; readonly content: Uint8Array }): Promise<StoredFile>;
  /** A file with its content; NOT_FOUND for an unknown one or one the actor may not read. */
  read(ctx: { readonly actor: Actor }, id: string): Promise<{ readonly file: StoredFile; readonly content: Uint8Array }>;
}

export function createFileService(options: { readonly db: Database; readonly org: OrgService; readonly audit: AuditLog; readonly now?: () => Date }): FileService {
  const { db, org, audit } = options;
  const clock = options.now ?? (() => new Date());

  /** Whether the actor holds a role at the unit at `path` or above it (built-in actors: everywhere). */
  const reaches = (actor: Actor, path: string) => actor.kind !== 'user' || actor.assignments.some((a) => path.startsWith(a.orgPath));
  /** Whether the unit at `path` is on the branch of a unit where the actor holds a role: above or below it (a grid worker handling a case escalated to the community). */
  const onBranch = (actor: Actor, path: string) => reaches(actor, path) || actor.assignments.some((a) => a.orgPath.startsWith(path));

  const toFile = (row: Omit<FileRow, 'content'>): StoredFile => ({
    id: row.id,
    name: row.name,
    contentType: row.content_type,
    size: Number(row.size),
    sha256: row.sha256,
    orgCode: row.org_code,
    uploadedAt: row.uploaded_at,
    url: `/api/files/${row.id}`,
  });

  return {
    async upload(ctx, input) {
      const problems: Record<string, BilingualText[]> = {};
      const name = input.name.trim();
      if (name === '' || name.length > MAX_NAME || /[/\\\u0000-\u001f]/.test(name)) {
        problems['name'] = [bi(`文件名必须是 1 至 ${MAX_NAME} 个字符，不含路径和控制字符`, `the file name must be 1 to ${MAX_NAME} characters, with no path or control characters`)];
      }
      const unit = org.byCode(input.org);
      if (!unit) problems['org'] = [bi(`组织单位“${input.org}”不存在`, `the org unit "${input.org}" does not exist`)];
      if (Object.keys(problems).length) throw errors.validation(problems);
      if (!unit) throw new Error('unreachable: the unit was checked');
      if (!onBranch(ctx.actor, unit.path)) throw errors.forbidden(bi(`无权为${unit.name}上传文件`, `You may not upload files for ${unit.name}`));
      const accepted = FILE_TYPES.map((f) => f.extension).join('、');
      if (!isFileType(input.contentType)) {
        throw errors.unsupportedMediaType(bi(`不接受该类型的文件（${input.contentType}），可上传：${accepted}`, `Files of type ${input.contentType} are not accepted; upload one of: ${accepted}`));
      }
      if (input.content.length === 0) throw errors.badRequest(bi('文件是空的', 'The file is empty'));
      if (input.content.length > FILE_MAX_BYTES) throw errors.payloadTooLarge(bi('文件超过 10 MiB 的上限', 'The file exceeds the limit of 10 MiB'));
      if (!contentMatches(input.contentType, input.content)) {
        throw errors.badRequest(bi(`文件内容不是所声明的类型（${input.contentType}）`, `The file's content is not of the type declared (${input.contentType})`));
      }
      const row: FileRow = {
        id: uuidv7(),
        name,
        content_type: input.contentType,
        size: input.content.length,
        sha256: createHash('sha256').update(input.content).digest('hex'),
        content: input.content,
        org_code: unit.code,
        org_path: unit.path,
        uploaded_by: ctx.actor.id,
        uploaded_at: clock().toISOString(),
      };
      await writeTransaction(db, async (trx) => {
        await trx.insertInto(FILES_TABLE).values({ ...row, content: Buffer.from(row.content) }).execute();
        await audit.append(trx, {
          actor: ctx.actor,
          action: 'create',
          resource: FILES_AUDIT_RESOURCE,
          recordId: row.id,
          orgPath: row.org_path,
          detail: { name: row.name, contentType: row.content_type, size: row.size, sha256: row.sha256 },
        });
      });
      return toFile(row);
    },

    async read(ctx, id) {
      const notFound = errors.notFound(bi(`没有编号为 ${id} 的文件`, `There is no file ${id}`));
      if (!isUuid(id)) throw notFound;
      const row = (await db.kysely.selectFrom(FILES_TABLE).selectAll().where('id', '=', id).executeTakeFirst()) as FileRow | undefined;
      if (!row || !(reaches(ctx.actor, row.org_path) || row.uploaded_by === ctx.actor.id)) throw notFound;
      return { file: toFile(row), content: new Uint8Array(row.content) };
    },
  };
}
