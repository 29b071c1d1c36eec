import type { AdminMeta, AdminResource } from '@zhili/schemas';

/** A field of a resource that holds the id of a record of another resource (`x-ref`). */
export interface ReferenceField {
  readonly field: string;
  /** Id of the referenced resource. */
  readonly target: string;
}

/** The reference fields among `fields` of a resource (a list's columns, a record's properties). */
export function referenceFields(resource: AdminResource, fields: readonly string[]): ReferenceField[] {
  const out: ReferenceField[] = [];
  for (const field of fields) {
    const target = resource.schema.properties?.[field]?.['x-ref'];
    if (typeof target === 'string') out.push({ field, target });
  }
  return out;
}

/** The ids to look up per referenced resource, from the reference fields of some records. */
export function referencedIds(records: readonly Record<string, unknown>[], fields: readonly ReferenceField[]): Map<string, string[]> {
  const ids = new Map<string, Set<string>>();
  for (const { field, target } of fields) {
    for (const record of records) {
      const value = record[field];
      if (typeof value !== 'string' || value === '') continue;
      let set = ids.get(target);
      if (set === undefined) ids.set(target, (set = new Set()));
      set.add(value);
    }
  }
  return new Map([...ids].map(([target, set]) => [target, [...set].sort()]));
}

/** Characters of an id shown when a referenced record has no title the actor can read. */
const SHORT_ID_LENGTH = 8;

/**
 * What a reference shows for a referenced record: its title field, or the start of its id when the
 * resource has no title field or the record has no title.
 */
export function referenceLabel(target: AdminResource | undefined, record: Record<string, unknown> | undefined, id: string): string {
  const title = target?.titleField === null || target === undefined ? undefined : record?.[target.titleField];
  if (typeof title === 'string' && title !== '') return title;
  if (typeof title === 'number') return String(title);
  return `${id.slice(0, SHORT_ID_LENGTH)}…`;
}

/** The referenced resource when the actor may read it, else undefined (references then show ids). */
export function readableTarget(meta: AdminMeta | null, target: string): AdminResource | undefined {
  if (meta === null || meta.permissions[target]?.read !== true) return undefined;
  return meta.resources.find((r) => r.id === target);
}
