import type { Kysely } from 'kysely';
import type { Actor } from '../actor/actor.ts';
import type { CompiledResource } from '../model/types.ts';
import type { ResourceRecord } from './service.ts';

/** A record's own fields (no standard fields), as a hook sees and returns them. */
export type RecordFields = Readonly<Record<string, unknown>>;

/**
 * A check or transformation the records service runs on writes of some resources, inside the
 * write's transaction: a hook returns the fields to store (the same object when it changes
 * nothing) or throws an EngineError to refuse the write, and then nothing is stored. Fields a hook
 * returns are validated against the record schema again. Admission control (checklists) is one.
 * The after methods run once the write has committed, outside its transaction (see afterCommit).
 */
export interface RecordWriteHook {
  /** Whether the hook runs on writes of the resource; the service skips it (and its cost) otherwise. */
  appliesTo(resource: string): boolean;
  /** Before a new record is stored (each record of an insertMany too). */
  beforeCreate(args: {
    // Kysely<any>: the transaction's handle over tables with no static type map (see Database.kysely).
    readonly trx: Kysely<any>;
    readonly actor: Actor;
    readonly resource: CompiledResource;
    readonly fields: RecordFields;
  }): Promise<RecordFields>;
  /** Before an updated record is stored: `before` are its stored fields, `fields` the fields it will have. */
  beforeUpdate(args: {
    readonly trx: Kysely<any>;
    readonly actor: Actor;
    readonly resource: CompiledResource;
    readonly before: RecordFields;
    readonly fields: RecordFields;
  }): Promise<RecordFields>;
  /** Before a record is deleted: `before` is the record as stored. Throws to refuse the delete. */
  beforeDelete?(args: { readonly trx: Kysely<any>; readonly actor: Actor; readonly resource: CompiledResource; readonly before: ResourceRecord }): Promise<void>;
  /** After a record was created (each record of an insertMany too) and the write committed. */
  afterCreate?(args: { readonly actor: Actor; readonly resource: CompiledResource; readonly record: ResourceRecord }): Promise<void>;
  /** After a record was updated and the write committed. */
  afterUpdate?(args: { readonly actor: Actor; readonly resource: CompiledResource; readonly before: ResourceRecord; readonly record: ResourceRecord }): Promise<void>;
  /** After a record was deleted and the write committed: `before` is the record as it was. */
  afterDelete?(args: { readonly actor: Actor; readonly resource: CompiledResource; readonly before: ResourceRecord }): Promise<void>;
}
