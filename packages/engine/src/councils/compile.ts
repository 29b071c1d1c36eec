import { resolveText } from '@zhili/schemas';
import type { CouncilBody, CouncilProcedure, CouncilStage, Text } from '@zhili/schemas';
import type { CompiledTimeLimit, CompiledTransition, CompiledWorkflow, CompiledWorkflowState } from '../model/types.ts';
import type { LoadedCouncils } from '../package/types.ts';
import { parseDuration } from '../workflows/time.ts';
import { parseRatio, type Ratio } from './arithmetic.ts';
import {
  ADOPT_ACTION,
  type CompiledCouncilBody,
  type CompiledCouncils,
  type CompiledProcedure,
  type CompiledStage,
  COMPLETE_ACTION,
  COMPLETED_STATE,
  NO_QUORUM_ACTION,
  procedureWorkflowId,
  PUBLICATION_ENDED_ACTION,
  REJECT_ACTION,
  REJECTED_STATE,
} from './types.ts';

/** The resource id of proposals' cases: read grants on it let their holders see bodies, rosters and proposals (model ENGINE_RESOURCES). */
export const COUNCILS_RESOURCE = 'councils';

const bi = (zh: string, en: string): Text => ({ 'zh-CN': zh, en });
const zh = (text: Text) => resolveText(text, 'zh-CN');
const en = (text: Text) => resolveText(text, 'en');

/**
 * Compiles the council sets: bodies and procedures with their defaults, and one case workflow per
 * procedure whose states are its stages (plus completed and rejected), so that proposals get the
 * workflow engine's transitions, history, time limits and /api/cases for free. The package was
 * checked (council-check.ts), so ratios parse and references hold.
 */
export function compileCouncils(sets: readonly Pick<LoadedCouncils, 'config' | 'sourceFile'>[]): { councils: CompiledCouncils; workflows: Record<string, CompiledWorkflow> } {
  const bodies: Record<string, CompiledCouncilBody> = {};
  const procedures: Record<string, CompiledProcedure> = {};
  const workflows: Record<string, CompiledWorkflow> = {};
  for (const { config, sourceFile } of sets) {
    for (const body of config.bodies ?? []) bodies[body.id] = compileBody(body, config.id, sourceFile);
    for (const procedure of config.procedures ?? []) {
      const compiled = compileProcedure(procedure, config.id, sourceFile);
      procedures[procedure.id] = compiled;
      workflows[compiled.workflow] = procedureWorkflow(compiled);
    }
  }
  return { councils: { bodies, procedures }, workflows };
}

function compileBody(body: CouncilBody, set: string, sourceFile: string): CompiledCouncilBody {
  return {
    id: body.id,
    set,
    title: body.title,
    description: body.description ?? null,
    level: body.level,
    size: { min: body.size.min, max: body.size.max ?? null },
    roles: body.roles.map((r) => ({ id: r.id, title: r.title, min: r.min ?? 0, max: r.max ?? null })),
    requirements: (body.requirements ?? []).map((r) => ({ id: r.id, title: r.title, attribute: r.attribute, value: r.value, min: r.min ?? 0, share: r.share ? ratio(r.share) : null })),
    rules: (body.rules ?? []).map((rule) => ({ id: rule.id, kind: rule.kind, title: rule.title ?? null, options: councilRuleOptions(rule) })),
    selection: { method: body.selection?.method ?? 'elected', by: body.selection?.by ?? null },
    termYears: body.term?.years ?? null,
    eligibility: body.eligibility ?? null,
    sourceFile,
  };
}

const ratio = (text: string): Ratio => parseRatio(text) ?? { num: 1, den: 1 };

/** A council rule's options: its keys but id, kind and title. */
export function councilRuleOptions(rule: object): Record<string, unknown> {
  const { id: _id, kind: _kind, title: _title, ...options } = rule as Record<string, unknown>;
  return options;
}

function timeLimit(limit: { duration: string; calendar?: 'calendar' | 'working' } | undefined): CompiledTimeLimit | null {
  const parts = limit ? parseDuration(limit.duration) : null;
  return limit && parts ? { duration: limit.duration, calendar: limit.calendar ?? 'calendar', ...parts } : null;
}

function compileStage(stage: CouncilStage, publicationDays: number): CompiledStage {
  return {
    id: stage.id,
    kind: stage.kind,
    title: stage.title,
    description: stage.description ?? null,
    roles: stage.roles ?? [],
    timeLimit: stage.kind === 'publication' ? timeLimit({ duration: `P${publicationDays}D` }) : timeLimit(stage.timeLimit),
  };
}

function compileProcedure(procedure: CouncilProcedure, set: string, sourceFile: string): CompiledProcedure {
  return {
    id: procedure.id,
    set,
    title: procedure.title,
    description: procedure.description ?? null,
    body: procedure.body,
    supervisor: procedure.supervisor ?? null,
    supervisionRoles: procedure.supervisionRoles ?? [],
    proposers: { share: procedure.proposers?.share ? ratio(procedure.proposers.share) : null, roles: procedure.proposers?.roles ?? [] },
    quorum: { base: procedure.quorum.base, ratio: ratio(procedure.quorum.ratio), strict: procedure.quorum.strict ?? false },
    pass: { base: procedure.pass.base, ratio: ratio(procedure.pass.ratio), strict: procedure.pass.strict ?? true },
    recusal: procedure.recusal ?? true,
    publicationDays: procedure.publicationDays,
    stages: procedure.stages.map((s) => compileStage(s, procedure.publicationDays)),
    workflow: procedureWorkflowId(procedure.id),
    sourceFile,
  };
}

const CASE_OR_ABOVE = { unit: 'case-or-above', level: null } as const;

function transition(t: Pick<CompiledTransition, 'id' | 'title' | 'from' | 'to' | 'roles'> & Partial<CompiledTransition>): CompiledTransition {
  return { description: null, jurisdiction: CASE_OR_ABOVE, form: null, uiSchema: {}, comment: 'optional', attachmentRequired: false, assign: false, ...t };
}

/**
 * The case workflow of a procedure. Transitions without roles are the engine's own: adopt,
 * reject and no-quorum are taken when a meeting's votes are recorded, publication-ended when the publication
 * period passes; the workflow service refuses them to users.
 */
export function procedureWorkflow(procedure: CompiledProcedure): CompiledWorkflow {
  const states: CompiledWorkflowState[] = procedure.stages.map((stage) => ({
    id: stage.id,
    title: stage.title,
    description: stage.description,
    final: false,
    timeLimit: stage.timeLimit,
    onExpiry: stage.timeLimit ? (stage.kind === 'publication' ? { action: 'transition', transition: PUBLICATION_ENDED_ACTION } : { action: 'escalate', transition: null }) : null,
  }));
  states.push(
    { id: COMPLETED_STATE, title: bi('已实施', 'Carried out'), description: null, final: true, timeLimit: null, onExpiry: null },
    { id: REJECTED_STATE, title: bi('未通过', 'Not adopted'), description: null, final: true, timeLimit: null, onExpiry: null },
  );
  const transitions: CompiledTransition[] = [];
  for (const [i, stage] of procedure.stages.entries()) {
    const next = procedure.stages[i + 1];
    switch (stage.kind) {
      case 'proposal':
      case 'consultation':
        if (next) {
          transitions.push(
            transition({ id: `${stage.id}-done`, title: bi(`转入${zh(next.title)}`, `Move on to ${en(next.title)}`), from: [stage.id], to: next.id, roles: stage.roles }),
          );
        }
        break;
      case 'deliberation':
        if (next) transitions.push(transition({ id: ADOPT_ACTION, title: bi('表决通过', 'Adopted by vote'), from: [stage.id], to: next.id, roles: [] }));
        transitions.push(transition({ id: REJECT_ACTION, title: bi('表决未通过', 'Not adopted by vote'), from: [stage.id], to: REJECTED_STATE, roles: [] }));
        transitions.push(transition({ id: NO_QUORUM_ACTION, title: bi('未达法定人数', 'No quorum'), from: [stage.id], to: stage.id, roles: [] }));
        break;
      case 'publication':
        if (next) transitions.push(transition({ id: PUBLICATION_ENDED_ACTION, title: bi('公示期满', 'Publication period over'), from: [stage.id], to: next.id, roles: [], comment: 'none' }));
        break;
      case 'implementation':
        transitions.push(
          transition({
            id: COMPLETE_ACTION,
            title: bi('实施完毕', 'Carried out'),
            from: [stage.id],
            to: COMPLETED_STATE,
            roles: stage.roles,
            form: {
              type: 'object',
              required: ['report'],
              properties: { report: { type: 'string', minLength: 1, maxLength: 4000, title: { 'zh-CN': '实施情况', en: 'What was done' } } },
            },
          }),
        );
        break;
    }
    if (procedure.supervisionRoles.length) {
      transitions.push(
        transition({
          id: `supervise-${stage.id}`,
          title: bi('监督意见', 'Supervisory observation'),
          description: bi('监督委员会对本阶段的监督意见，不改变阶段', "The supervisory committee's observation on this stage; the stage stays"),
          from: [stage.id],
          to: stage.id,
          roles: procedure.supervisionRoles,
          comment: 'required',
        }),
      );
    }
  }
  const first = procedure.stages[0];
  return {
    id: procedure.workflow,
    title: procedure.title,
    description: procedure.description,
    resource: COUNCILS_RESOURCE,
    initial: first ? first.id : COMPLETED_STATE,
    open: { roles: [], jurisdiction: { unit: 'case', level: null } },
    states,
    transitions,
    evaluation: null,
    sourceFile: procedure.sourceFile,
  };
}
