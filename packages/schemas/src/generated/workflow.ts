/* eslint-disable */
/**
 * DO NOT EDIT: generated from packages/schemas/meta/workflow.schema.json by `npm run gen:types`.
 * A test fails when this file is stale.
 */

import type { Text } from '../text.ts';
import type { RecordSchema } from './resource.ts';

/**
 * An identifier in kebab-case.
 */
export type WorkflowId = string;

/**
 * A case workflow (流程, workflows/*.yaml, one per file): a state machine over the records of one resource — an event reported by a grid worker, an errand taken in for a resident, a need posted by a community. A case belongs to one record and sits at one org unit; transitions move it between states, each allowed to some roles held at some units relative to the case's unit, each with a form (JSON Schema) for the data it takes. A state may have a time limit; when it passes, the case is escalated to the parent org unit, a notice is recorded, or a named transition is taken automatically. Every step is written to the case's immutable history. A file whose id names a workflow of a parent package replaces the keys it gives (states and transitions as a whole).
 */
export interface WorkflowConfig {
  /**
   * Optional URL or path of this meta-schema, for editor support. Ignored by the engine.
   */
  $schema?: string;
  /**
   * Identifier of the workflow in kebab-case, e.g. "event-loop". Names it in the API (/api/workflows/<id>).
   */
  id: string;
  /**
   * Name of the workflow, e.g. 事件处置闭环. Required once the package layers are merged.
   */
  title?: Text;
  /**
   * What the workflow is for and where its rules come from.
   */
  description?: Text;
  /**
   * Id of the resource whose records are the cases' subjects, e.g. "events". Opening a case names one of its records. Required once the package layers are merged.
   */
  resource?: string;
  /**
   * Id of the state a case opens in. Required once the package layers are merged.
   */
  initial?: string;
  open?: WorkflowOpen;
  /**
   * The states, in the order a case board shows them. Every state must be reachable from the initial one; a final state has no transitions out. Required once the package layers are merged.
   *
   * @minItems 2
   */
  states?: [WorkflowState, WorkflowState, ...WorkflowState[]];
  /**
   * The actions that move a case from state to state. Required once the package layers are merged.
   *
   * @minItems 1
   */
  transitions?: [WorkflowTransition, ...WorkflowTransition[]];
  evaluation?: WorkflowEvaluation;
}
/**
 * Who may open a case on a record: holders of one of the roles at the record's unit or above it (or, with within, below it), who may also read the record.
 */
export interface WorkflowOpen {
  /**
   * Ids of the roles whose holders may open a case, e.g. [grid-worker, community-worker].
   *
   * @minItems 1
   */
  roles: [string, ...string[]];
  jurisdiction?: WorkflowJurisdiction;
}
/**
 * Where a role must be held, relative to the case's org unit, for its holder to act.
 */
export interface WorkflowJurisdiction {
  /**
   * case: at the case's unit itself; above: at a unit above it (an ancestor); case-or-above: at the case's unit or above it; case-or-below: at the case's unit or below it (e.g. a grid of the community the case is at); branch: at, above or below it.
   */
  unit?: 'case' | 'above' | 'case-or-above' | 'case-or-below' | 'branch';
  /**
   * Id of a level: the unit where the role is held must also be of this level, e.g. street (the street's centre assigns tasks).
   */
  level?: string;
}
/**
 * A state (阶段) of a case.
 */
export interface WorkflowState {
  id: WorkflowId;
  /**
   * Name of the state, e.g. 派遣.
   */
  title: Text;
  /**
   * What happens in this state, and who answers for it.
   */
  description?: Text;
  /**
   * Whether the case is closed in this state: no transition leaves it, it has no time limit, and handling time is measured up to it.
   */
  final?: boolean;
  timeLimit?: WorkflowTimeLimit;
  onExpiry?: WorkflowExpiry;
}
/**
 * A time limit (办理时限) counted from when the case entered the state (or from its escalation).
 */
export interface WorkflowTimeLimit {
  /**
   * ISO 8601 duration in weeks, days, hours and minutes, e.g. P3D (three days), PT4H (four hours), P1DT12H.
   */
  duration: string;
  /**
   * calendar: every day counts; working: only Monday to Friday count (China time), a week being five working days. Public holidays and make-up working days (调休) are not known to the engine yet: they count as ordinary days of their weekday.
   */
  calendar?: 'calendar' | 'working';
}
/**
 * What happens to a case still in the state when its time limit passes.
 */
export interface WorkflowExpiry {
  /**
   * escalate: the case moves to the parent org unit of its unit (上报), the clock restarts there, and it escalates again if that limit passes too, up to the top of the tree; notify: a notice of the lapse is recorded in the history once, and the case stays where it is; transition: the transition named by transition is taken by the system.
   */
  action: 'escalate' | 'notify' | 'transition';
  transition?: WorkflowId;
}
/**
 * An action (操作) that moves a case from one of the from states to the to state.
 */
export interface WorkflowTransition {
  id: WorkflowId;
  /**
   * Name of the action as its button shows it, e.g. 派遣.
   */
  title: Text;
  /**
   * What the action means.
   */
  description?: Text;
  /**
   * Id of the state the action leaves, or the ids of several.
   */
  from: WorkflowId | [WorkflowId, ...WorkflowId[]];
  to: WorkflowId;
  /**
   * Ids of the roles whose holders may take the action.
   *
   * @minItems 1
   */
  roles: [string, ...string[]];
  jurisdiction?: WorkflowJurisdiction;
  /**
   * JSON Schema of the data the action takes (the same subset as a resource's record schema), e.g. the handling result or the satisfaction score. No data is taken when absent.
   */
  form?: RecordSchema;
  /**
   * react-jsonschema-form uiSchema of the action's form.
   */
  uiSchema?: {};
  /**
   * Whether the action takes a comment (意见) — none, optional or required.
   */
  comment?: 'none' | 'optional' | 'required';
  /**
   * Whether the action needs at least one attachment (a photo of the spot, a signed form), given as { name, url } references to files stored elsewhere.
   */
  attachmentRequired?: boolean;
  /**
   * Whether the action names the user who handles the case next (assignee, a username), e.g. 派遣 / 任务分配.
   */
  assign?: boolean;
}
/**
 * The satisfaction evaluation (满意度评价) of a closed loop.
 */
export interface WorkflowEvaluation {
  transition: WorkflowId;
  /**
   * Name of an integer field of that transition's form holding the score, required there and bounded by minimum and maximum (e.g. 1 to 5).
   */
  field: string;
}
