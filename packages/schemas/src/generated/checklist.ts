/* eslint-disable */
/**
 * DO NOT EDIT: generated from packages/schemas/meta/checklist.schema.json by `npm run gen:types`.
 * A test fails when this file is stale.
 */

import type { Text } from '../text.ts';
import type { RecordSchema } from './resource.ts';

/**
 * duty: 依法履职事项 — what a villagers' or residents' committee does under the law; assist: 协助政府履职事项 — what it does to assist the government; service: 公共服务事项 — public services offered; power: 权力事项 — powers an authority exercises (e.g. a street's); burden: 减负事项 — burdens cleared from communities (bodies, signs, systems, appraisals, certificates …); behaviour-positive: 正面行为清单 — conduct that earns credit; behaviour-negative: 负面行为清单 — conduct that loses it; resource: 资源清单 — resources a community can draw on; need: 需求清单 — residents' needs to be met or claimed; consultation: 协商目录 — matters that must be consulted on, by whom and how.
 */
export type ChecklistKind =
  | 'duty'
  | 'assist'
  | 'service'
  | 'power'
  | 'burden'
  | 'behaviour-positive'
  | 'behaviour-negative'
  | 'resource'
  | 'need'
  | 'consultation';
/**
 * How fulfilment is assessed, e.g. "none" or "annual-review". Never "veto": 一票否决 (one failure voids the whole assessment) may not be imposed on communities, and a config that declares it is refused.
 */
export type ChecklistAssessment = string;
/**
 * department: 部门单位 — a government department or public body of the area; merchant: 经营商户 — a business; organisation: 社会组织、群团组织 — a social or mass organisation.
 */
export type ClaimantKind = 'department' | 'merchant' | 'organisation';

/**
 * A checklist (清单, checklists/*.yaml, one per file): a versioned catalogue of items, each with typed attributes (the item schema), edited and published by the authority that owns it and public by default (公开). The items given here are the checklist's first published version; from then on the database holds its versions and staff edit them through the API. A checklist may name resources whose records are work pushed down to a lower level (准入, admission): creating such a record must cite an active item of the version in force or an approved admission request. A file whose id names a checklist of a parent package replaces the keys it gives, except itemSchema (merged like a resource's record schema: properties per field, required as a union) and items (merged by code: an item with a parent item's code replaces it in place, new items are appended).
 */
export interface ChecklistConfig {
  /**
   * Optional URL or path of this meta-schema, for editor support. Ignored by the engine.
   */
  $schema?: string;
  /**
   * Identifier of the checklist in kebab-case, e.g. "committee-duties". Names it in the API (/api/checklists/<id>) and in admission citations.
   */
  id: string;
  /**
   * Name of the checklist, e.g. 村(居)民委员会依法履职事项清单. Required once the package layers are merged.
   */
  title?: Text;
  /**
   * What the checklist is for and where it comes from (the policy that set it up).
   */
  description?: Text;
  kind?: ChecklistKind;
  /**
   * Id of the jurisdiction level (manifest levels) of the authority that edits and publishes the checklist, e.g. "district". Staff need a checklist grant held at this level or above. Required once the package layers are merged.
   */
  owner?: string;
  /**
   * Whether the version in force is published to everyone, without login, at GET /api/public/checklists/<id> (公开).
   */
  public?: boolean;
  /**
   * JSON Schema of an item's attributes (the same subset as a resource's record schema), e.g. legalBasis 法律依据, responsibleBody 责任主体, procedure 办理流程, timeLimitDays 办理时限, funding 经费来源. An attribute named assessment may not allow the value "veto" (一票否决). Required once the package layers are merged.
   */
  itemSchema?: RecordSchema;
  /**
   * react-jsonschema-form uiSchema of the admin's item form. Keys other than ui:* must name attributes of the item schema.
   */
  itemUiSchema?: {};
  /**
   * The items of the checklist's first published version, in order. Each item's attributes are validated against the item schema.
   */
  items?: ChecklistItem[];
  admission?: ChecklistAdmission;
  claiming?: ChecklistClaiming;
}
/**
 * One item (事项) of a checklist.
 */
export interface ChecklistItem {
  /**
   * Code of the item, unique within the checklist and never reused, e.g. "LZ-01". Records cite items by it.
   */
  code: string;
  /**
   * Name of the item, e.g. 调解民间纠纷.
   */
  title: Text;
  /**
   * The item's attributes, validated against the checklist's item schema. An attribute assessment (how fulfilment is assessed) may not be "veto".
   */
  attributes?: {
    assessment?: ChecklistAssessment;
    [k: string]: unknown | undefined;
  };
}
/**
 * Admission control (准入): nothing is pushed down to the target levels as work unless it is an item of this checklist or an approved admission request (with its funding — 费随事转).
 */
export interface ChecklistAdmission {
  /**
   * Ids of the resources whose records are work pushed down (e.g. community_tasks). Each must have a field admission (type object) where the record keeps its citation.
   *
   * @minItems 1
   */
  resources: [string, ...string[]];
  /**
   * Id of the level of the authority that approves or rejects admission requests, e.g. "district" (居民委员会组织法 art. 20: work of government departments for residents' committees needs the consent of the city or district government or its agency). Must be above the target levels.
   */
  approverLevel: string;
  /**
   * Days within which an admission request must be decided; a pending request past it is listed as overdue.
   */
  decisionDays: number;
  /**
   * Ids of the levels the work is pushed down to, e.g. [community]. Defaults to the levels of the admitted resources; each admitted resource's level must be one of them.
   *
   * @minItems 1
   */
  targetLevels?: [string, ...string[]];
  assessment?: ChecklistAssessment;
}
/**
 * How the items of a needs list are claimed (社区协调 + 社会认领): a unit of the level (a community) posts the list, an organisation claims an item there and the unit marks it done.
 */
export interface ChecklistClaiming {
  /**
   * Id of the level whose units items are claimed at, e.g. "community": claims are counted per unit of it.
   */
  level: string;
  /**
   * Which sorts of organisation may claim; all of them by default.
   *
   * @minItems 1
   */
  claimantKinds?: [ClaimantKind, ...ClaimantKind[]];
  /**
   * Whether an item may be claimed by several organisations at the same unit. By default an item is claimed at most once per unit (a withdrawn claim frees it).
   */
  multiple?: boolean;
}
