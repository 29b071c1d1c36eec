/* eslint-disable */
/**
 * DO NOT EDIT: generated from packages/schemas/meta/resource.schema.json by `npm run gen:types`.
 * A test fails when this file is stale.
 */

import type { Text } from '../text.ts';

/**
 * A JSON Schema type name.
 */
export type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null';
/**
 * A filter operator of the list API (the same names as Refine's CrudOperators).
 */
export type FilterOperator =
  | 'eq'
  | 'ne'
  | 'lt'
  | 'lte'
  | 'gt'
  | 'gte'
  | 'in'
  | 'nin'
  | 'contains'
  | 'ncontains'
  | 'containss'
  | 'ncontainss'
  | 'startswith'
  | 'nstartswith'
  | 'startswiths'
  | 'nstartswiths'
  | 'endswith'
  | 'nendswith'
  | 'endswiths'
  | 'nendswiths'
  | 'between'
  | 'nbetween'
  | 'null'
  | 'nnull';

/**
 * A resource (resources/*.yaml): an entity type such as 住户 households. The engine derives its table, its REST API under /api/r/<id>, and the admin's list and form. A file whose id names a resource of a parent package is merged into it: keys given replace the parent's, except schema.properties (merged per field), schema.required (union: a child never drops what a parent requires), pii (merged per field) and indexes (union).
 */
export interface ResourceConfig {
  /**
   * Optional URL or path of this meta-schema, for editor support. Ignored by the engine.
   */
  $schema?: string;
  /**
   * Identifier in snake_case, plural by convention, e.g. "households". Names the table and the API path /api/r/<id>.
   */
  id: string;
  /**
   * Name of one record's kind, e.g. 住户. Required once the package layers are merged.
   */
  title?: Text;
  /**
   * What a record of this resource is, shown as help in the admin.
   */
  description?: Text;
  /**
   * Id of the menu group (manifest modules) the admin lists this resource under.
   */
  module?: string;
  /**
   * Id of the jurisdiction level (manifest levels) a record attaches to, e.g. "grid" for households. Every record carries the org path of one unit of this level. Required once the package layers are merged.
   */
  level?: string;
  /**
   * Top-level field whose value labels a record (in titles, pickers, breadcrumbs). Defaults to the first string field of the list columns.
   */
  titleField?: string;
  schema?: RecordSchema;
  /**
   * react-jsonschema-form uiSchema for the admin's create and edit forms (widgets, order, help). Keys other than ui:* must name fields of the schema.
   */
  uiSchema?: {};
  list?: ListConfig;
  /**
   * Database indexes beyond the standard ones (id, org path, org path + default sort). Each names top-level scalar fields.
   */
  indexes?: Index[];
  /**
   * Fields holding personal information (PIPL): how each is masked for those who may not see it in full.
   */
  pii?: PiiField[];
}
/**
 * The JSON Schema of a record. Top-level scalar properties become typed columns (filterable, sortable, indexable); objects and arrays are stored as JSON.
 */
export interface RecordSchema {
  /**
   * Always "object": a record is an object of fields.
   */
  type: 'object';
  /**
   * The fields, by name. Names are camelCase identifiers (letters, digits, underscore; at most 63 characters) and must not be one of the standard fields (id, orgCode, orgPath, version, createdAt, createdBy, updatedAt, updatedBy, configVersion).
   */
  properties: {
    [k: string]: FieldSchema | undefined;
  };
  /**
   * Names of the fields every record must have.
   */
  required?: string[];
  /**
   * ajv-errors custom messages for the record as a whole.
   */
  errorMessage?: unknown;
  /**
   * A note for authors; ignored.
   */
  $comment?: string;
}
/**
 * The JSON Schema of one field (a supported subset of JSON Schema 2020-12). Keys starting with x- are annotations: x-unit (unit shown after a number: a Text, e.g. { zh-CN: 分钟, en: min }), x-widget (admin widget), x-ref (id of the resource a string field refers to), x-group (form section), and those plugins register.
 */
export interface FieldSchema {
  /**
   * JSON type of the value, or a list of types (add "null" to allow clearing the field).
   */
  type?: JsonType | [JsonType, ...JsonType[]];
  /**
   * Label of the field in forms and list headers, e.g. 身份证号码.
   */
  title?: Text;
  /**
   * Help text shown under the field.
   */
  description?: Text;
  /**
   * A string format: the ajv-formats ones (date, date-time, time, email, uri, uuid …) or zhili's own (cn-id-card: 18-digit resident ID number with its GB 11643 check digit; cn-mobile; cn-phone; cn-postcode; cn-division-code).
   */
  format?: string;
  /**
   * The allowed values. Prefer oneOf with const and title to give each value a label.
   *
   * @minItems 1
   */
  enum?: [unknown, ...unknown[]];
  /**
   * The only allowed value.
   */
  const?: unknown;
  /**
   * Labelled choices ({ const, title }) or alternative schemas.
   *
   * @minItems 1
   */
  oneOf?: [FieldSchema | undefined, ...(FieldSchema | undefined)[]];
  /**
   * Alternative schemas, any of which may match.
   *
   * @minItems 1
   */
  anyOf?: [FieldSchema | undefined, ...(FieldSchema | undefined)[]];
  /**
   * Value the admin pre-fills in new records.
   */
  default?: unknown;
  /**
   * Example values, shown as placeholders.
   */
  examples?: unknown[];
  /**
   * Smallest allowed number.
   */
  minimum?: number;
  /**
   * Largest allowed number.
   */
  maximum?: number;
  /**
   * Numbers must be greater than this.
   */
  exclusiveMinimum?: number;
  /**
   * Numbers must be less than this.
   */
  exclusiveMaximum?: number;
  /**
   * Numbers must be a multiple of this.
   */
  multipleOf?: number;
  /**
   * Fewest characters of a string.
   */
  minLength?: number;
  /**
   * Most characters of a string.
   */
  maxLength?: number;
  /**
   * Regular expression (ECMAScript, unicode) a string must match.
   */
  pattern?: string;
  items?: FieldSchema | undefined;
  /**
   * Fewest elements of an array.
   */
  minItems?: number;
  /**
   * Most elements of an array.
   */
  maxItems?: number;
  /**
   * Whether array elements must be distinct.
   */
  uniqueItems?: boolean;
  /**
   * Fields of a nested object.
   */
  properties?: {
    [k: string]: FieldSchema | undefined;
  };
  /**
   * Required fields of a nested object.
   */
  required?: string[];
  /**
   * Whether a nested object may have fields beyond its properties (false), or their schema.
   */
  additionalProperties?: boolean | FieldSchema | undefined;
  /**
   * Shown but not editable in forms.
   */
  readOnly?: boolean;
  /**
   * ajv-errors custom message(s) for this field, replacing the generated ones.
   */
  errorMessage?: unknown;
  /**
   * A note for authors; ignored.
   */
  $comment?: string;
  /**
   * An annotation (x-unit, x-widget, x-ref, x-group, or one a plugin registers); ignored by validation.
   *
   * This interface was referenced by `FieldSchema`'s JSON-Schema definition
   * via the `patternProperty` "^x-".
   */
  [k: string]: unknown;
}
/**
 * List page configuration.
 */
export interface ListConfig {
  /**
   * Columns of the list table, in order: a field name, or an object with the field and display options. Standard fields (orgCode, createdAt, updatedAt …) may be listed too.
   */
  columns?: (string | ListColumn)[];
  /**
   * Filters offered above the list: top-level scalar fields, each with the operators offered (by default the ones that suit its type).
   */
  filters?: (string | ListFilter)[];
  /**
   * Sort applied when the request names none. The engine indexes (org path, these fields) so that a jurisdiction's first page is an index scan.
   *
   * @minItems 1
   */
  defaultSort?: [SortKey, ...SortKey[]];
  /**
   * Rows per page when the request names none.
   */
  pageSize?: number;
}
/**
 * A list column with display options.
 */
export interface ListColumn {
  /**
   * Name of the field shown in the column.
   */
  field: string;
  /**
   * Header of the column; defaults to the field's title.
   */
  title?: Text;
  /**
   * Width of the column in pixels.
   */
  width?: number;
  /**
   * Whether the column header sorts; defaults to true for scalar fields.
   */
  sortable?: boolean;
}
/**
 * A filter offered above the list.
 */
export interface ListFilter {
  /**
   * Name of the filtered field.
   */
  field: string;
  /**
   * Operators offered, e.g. [eq, in] or [between]; defaults to the ones that suit the field's type.
   *
   * @minItems 1
   */
  operators?: [FilterOperator, ...FilterOperator[]];
}
/**
 * One key of a sort order.
 */
export interface SortKey {
  /**
   * Top-level scalar field or standard field (createdAt, updatedAt …) to sort by.
   */
  field: string;
  /**
   * Ascending or descending.
   */
  order?: 'asc' | 'desc';
}
/**
 * A database index.
 */
export interface Index {
  /**
   * Top-level scalar fields (or the standard fields orgPath, createdAt, updatedAt) indexed, in order.
   *
   * @minItems 1
   */
  fields: [string, ...string[]];
  /**
   * Whether the combination must be unique across the whole resource.
   */
  unique?: boolean;
}
/**
 * A field holding personal information.
 */
export interface PiiField {
  /**
   * Top-level string field holding the information.
   */
  field: string;
  /**
   * How the value is masked for readers without the right to see it: id-number keeps the first 4 and last 4 characters (3204**********1234), phone the first 3 and last 4 (138****1234), name the first character (王**), address up to the community, full hides it all.
   */
  mask: 'id-number' | 'phone' | 'name' | 'address' | 'full';
  /**
   * Marks a sensitive category under PIPL art. 28 (e.g. 刑满释放人员, 社区戒毒人员): hidden entirely unless the reader's role is granted it explicitly.
   */
  sensitive?: boolean;
}
