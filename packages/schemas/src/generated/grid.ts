/* eslint-disable */
/**
 * DO NOT EDIT: generated from packages/schemas/meta/grid.schema.json by `npm run gen:types`.
 * A test fails when this file is stale.
 */

import type { Text } from '../text.ts';

export type GridFieldName = string;

/**
 * The grid rules of a package (grids/*.yaml): which level's units are the grids, where the engine finds their households, staff and visits, and the rules grids and grid workers are checked against (网格 compliance). A package has at most one rule set once its layers are merged; a file whose id names the rule set of a parent package replaces the keys it gives (rules as a whole).
 */
export interface GridRulesConfig {
  /**
   * Optional URL or path of this meta-schema, for editor support. Ignored by the engine.
   */
  $schema?: string;
  /**
   * Identifier of the rule set in kebab-case, e.g. "grid-rules".
   */
  id: string;
  /**
   * Name of the rule set, e.g. 全要素网格管理规范. Required once the package layers are merged.
   */
  title?: Text;
  /**
   * Where the rules come from (the policy that set them).
   */
  description?: Text;
  /**
   * Id of the jurisdiction level (manifest levels) whose units are the grids. The unit's kind (org tree) is its grid type, which household caps are given per.
   */
  level?: string;
  households?: GridHouseholdBinding;
  staff?: GridStaffBinding;
  visits?: GridVisitBinding;
  /**
   * The rules, each of a registered kind (household-cap, coverage, staffing, visit-quota, must-visit, cadence, staff-attribute, coverage-target, or a kind a plugin registers). The options each kind takes are checked against that kind's own schema.
   */
  rules?: GridRule[];
}
/**
 * Where the households of a grid are: records of a resource at the grid level.
 */
export interface GridHouseholdBinding {
  /**
   * Id of the household resource.
   */
  resource?: string;
  mustVisitField?: GridFieldName;
}
/**
 * Where the staff of a grid are: records of a resource at the grid level, one per person.
 */
export interface GridStaffBinding {
  /**
   * Id of the staff resource.
   */
  resource?: string;
  roleField?: GridFieldName;
  nameField?: GridFieldName;
  statusField?: GridFieldName;
  /**
   * Values of the status field that count as serving.
   *
   * @minItems 1
   */
  activeStatuses?: [string, ...string[]];
}
/**
 * Where visits are: records naming the household visited, the visitor (a staff record) and the date.
 */
export interface GridVisitBinding {
  /**
   * Id of the visit resource.
   */
  resource?: string;
  householdField?: GridFieldName;
  visitorField?: GridFieldName;
  dateField?: GridFieldName;
}
/**
 * One rule. Besides the keys below, the options of its kind.
 */
export interface GridRule {
  /**
   * Identifier of the rule within the rule set, in kebab-case.
   */
  id: string;
  /**
   * The rule kind (see rules).
   */
  kind: string;
  /**
   * Name of the rule as people say it, e.g. 1名责任社工.
   */
  title?: Text;
  /**
   * Where the rule comes from (the article, the policy), for the reader of the config.
   */
  source?: string;
  [k: string]: unknown | undefined;
}
