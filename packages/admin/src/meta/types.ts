import type { FilterOperator, Locale } from '@zhili/schemas';
import type { FieldSchema } from '../schema/field-kind.ts';

/** What the actor may do with a resource somewhere in the tree (GET /api/meta `permissions`). */
export interface ResourcePermissions {
  readonly read: boolean;
  readonly create: boolean;
  readonly update: boolean;
  readonly delete: boolean;
  readonly piiRead: boolean;
}

/** A resource as GET /api/meta sends it: texts in one locale. */
export interface AdminResource {
  readonly id: string;
  readonly title: string;
  readonly description: string | null;
  readonly module: string | null;
  readonly level: string;
  readonly titleField: string | null;
  readonly schema: { readonly type?: string; readonly required?: readonly string[]; readonly properties?: Readonly<Record<string, FieldSchema>> };
  readonly uiSchema: unknown;
  readonly list: {
    readonly columns: readonly { readonly field: string; readonly title: string; readonly width: number | null; readonly sortable: boolean }[];
    readonly filters: readonly { readonly field: string; readonly title: string; readonly operators: readonly FilterOperator[] }[];
    readonly defaultSort: readonly { readonly field: string; readonly order: 'asc' | 'desc' }[];
    readonly pageSize: number;
  };
  readonly pii: readonly string[];
}

/** The body of GET /api/meta (the engine's AdminMeta), the parts the admin reads. */
export interface AdminMeta {
  readonly locale: Locale;
  readonly package: { readonly id: string; readonly title: string; readonly version: string };
  readonly levels: readonly { readonly id: string; readonly title: string; readonly depth: number }[];
  readonly modules: readonly { readonly id: string; readonly title: string; readonly order: number; readonly icon: string | null }[];
  readonly resources: readonly AdminResource[];
  readonly actor: { readonly id: string; readonly username: string; readonly displayName: string };
  readonly permissions: Readonly<Record<string, ResourcePermissions>>;
}
