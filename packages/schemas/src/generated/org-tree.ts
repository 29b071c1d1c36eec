/* eslint-disable */
/**
 * DO NOT EDIT: generated from packages/schemas/meta/org-tree.schema.json by `npm run gen:types`.
 * A test fails when this file is stale.
 */

/**
 * The jurisdiction tree of a package (data/org-tree.yaml): nested org units from the top level down. Codes are national statistical division codes where they exist, extended for grids and lower units.
 */
export interface OrgTreeFile {
  /**
   * Optional URL or path of this meta-schema, for editor support. Ignored by the engine.
   */
  $schema?: string;
  /**
   * The top units of the tree (usually one: the city, county or region itself).
   *
   * @minItems 1
   */
  units: [OrgUnit, ...OrgUnit[]];
}
/**
 * One node of the jurisdiction tree.
 */
export interface OrgUnit {
  /**
   * Unique code of the unit, e.g. 320404 for 钟楼区. A child's code usually starts with its parent's. Becomes a segment of the materialized org path.
   */
  code: string;
  /**
   * Official name of the unit, e.g. 钟楼区.
   */
  name: string;
  /**
   * Id of the jurisdiction level (manifest levels) this unit is on; deeper than its parent's level.
   */
  level: string;
  /**
   * Optional sub-kind within the level, e.g. urban / rural for communities, or the grid type (residential, commercial …) that grid rules size by.
   */
  kind?: string;
  /**
   * Units directly under this one.
   */
  children?: OrgUnit[];
}
