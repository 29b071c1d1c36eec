import { createAuditLog } from './audit/log.ts';
import { createAdmissionService } from './checklists/admission.ts';
import type { AdmissionService } from './checklists/admission.ts';
import { createClaimService } from './checklists/claims.ts';
import type { ClaimService } from './checklists/claims.ts';
import { createChecklistService } from './checklists/service.ts';
import type { ChecklistService } from './checklists/service.ts';
import type { AuditLog } from './audit/log.ts';
import { createAuthService } from './auth/service.ts';
import type { AuthService, AuthServiceOptions } from './auth/service.ts';
import { createGridService } from './grids/service.ts';
import type { GridService } from './grids/service.ts';
import type { CompiledModel } from './model/types.ts';
import { loadOrgService } from './org/service.ts';
import type { OrgService } from './org/service.ts';
import { createResourceService } from './resources/service.ts';
import type { ResourceService } from './resources/service.ts';
import type { Database } from './storage/database.ts';
import { createPointsService } from './points/service.ts';
import type { PointsService, PostingRequest } from './points/service.ts';
import { createWorkflowService } from './workflows/service.ts';
import { createCouncilService } from './councils/service.ts';
import type { CouncilService } from './councils/service.ts';
import { createFileService } from './files/service.ts';
import type { FileService } from './files/service.ts';
import type { TransitionEvent, WorkflowService } from './workflows/service.ts';
import { NO_PLUGINS } from './plugins/host.ts';
import type { BoundHooks, PluginErrorReporter, PluginHost } from './plugins/host.ts';
import { pluginServices } from './plugins/services.ts';
import type { PluginServices } from './plugins/types.ts';
import { afterCommit } from './storage/transaction.ts';
import type { Kysely } from 'kysely';

// Kysely<any>: a write transaction's handle, as the services pass it.
type Handle = Kysely<any>;

/** The engine in process: the model, the database and the services over them. */
export interface Engine {
  /** The compiled config package: resources, roles, checklists, workflows, grid rules, councils, points schemes. */
  readonly model: CompiledModel;
  readonly db: Database;
  /** The jurisdiction tree. */
  readonly org: OrgService;
  /** Generic records of every resource. */
  readonly resources: ResourceService;
  /** The hash-chained audit log. */
  readonly audit: AuditLog;
  /** Users, roles held, sessions, login throttling. */
  readonly auth: AuthService;
  /** Versions of the package's checklists: drafts, publication, the version in force. */
  readonly checklists: ChecklistService;
  /** Admission requests, and the admission check of records pushed down to a lower level. */
  readonly admission: AdmissionService;
  /** Claims of needs-list items by organisations (社会认领). */
  readonly claims: ClaimService;
  /** Cases of the workflows: opening, transitions, history, metrics, and escalation of overdue cases. */
  readonly workflows: WorkflowService;
  /** Uploaded files (attachments), kept per org unit. */
  readonly files: FileService;
  /** Grid rules: compliance, the dashboard summary, grid maintenance and the counters behind them. */
  readonly grids: GridService;
  /** Points schemes: the ledger, claims, redemption, the time bank, expiry and building totals. */
  readonly points: PointsService;
  /** Council bodies' rosters, proposals, meetings and votes, and the resolutions published (议事协商). */
  readonly councils: CouncilService;
  /** What the package's plugins registered (their record hooks run in the records service; the API mounts their routes). */
  readonly plugins: PluginHost;
  /** Closes the database. */
  close(): Promise<void>;
}

export interface CreateEngineOptions {
  readonly model: CompiledModel;
  /** A database already migrated to the model (see storage/migrate.ts); createEngine does not migrate. */
  readonly db: Database;
  /** Password cost, login throttling, session lifetimes and the clock of the auth service; defaults otherwise. */
  readonly auth?: Pick<AuthServiceOptions, 'scrypt' | 'throttle' | 'sessions' | 'now'>;
  /** The clock of checklists, admission and workflows (what "today" is for effective dates and decision deadlines, when a time limit runs out). @default () => new Date() */
  readonly now?: () => Date;
  /** The package's plugins, set up (see plugins/load.ts). @default none */
  readonly plugins?: PluginHost;
  /** Where errors of the plugins' after hooks go (the write they follow is done). @default a line on stderr */
  readonly reportPluginError?: PluginErrorReporter;
}

/** Errors of plugins' after hooks, on stderr. */
const reportOnStderr: PluginErrorReporter = (plugin, what, error) => {
  console.error(`插件 ${plugin} 的${what['zh-CN']}出错 / plugin ${plugin}: the ${what.en} failed`, error);
};

/**
 * Assembles the engine over a migrated database: loads the org tree, creates the services,
 * publishes version 1 of every checklist of the model the database does not have yet, and installs
 * the triggers that keep the grid counters (rebuilding them when the grid config changed), and creates the
 * points schemes' system accounts and stock.
 */
export async function createEngine(options: CreateEngineOptions): Promise<Engine> {
  const { model, db } = options;
  const clock = options.now ? { now: options.now } : {};
  const org = await loadOrgService(db, model);
  const audit = createAuditLog(db);
  const plugins = options.plugins ?? NO_PLUGINS;
  const checklists = createChecklistService({ db, model, org, audit, ajv: plugins.ajv, ...clock });
  const admission = createAdmissionService({ db, model, org, audit, ajv: plugins.ajv, ...clock });
  const claims = createClaimService({ db, model, org, audit, ...clock });
  let services: PluginServices | undefined;
  const hooks = plugins.hooks(() => {
    if (!services) throw new Error('a plugin hook ran before the engine was assembled');
    return services;
  }, options.reportPluginError ?? reportOnStderr);
  const points = createPointsService({
    db,
    model,
    org,
    audit,
    ruleKinds: plugins.pointsRuleKinds,
    ...(hooks.guardsPostings ? { beforePosting: (_trx: Handle, event: PostingRequest) => hooks.beforePosting(event) } : {}),
    ...clock,
    ...(hooks.watchesPostings ? { onPosting: (trx: Handle, event: Parameters<BoundHooks['posted']>[0]) => afterCommit(trx, () => hooks.posted(event)) } : {}),
  });
  const resources = createResourceService({ db, model, org, audit, hooks: [admission.hook, hooks.record], ajv: plugins.ajv });
  const workflows = createWorkflowService({
    db,
    model,
    org,
    audit,
    records: resources,
    ajv: plugins.ajv,
    ...(hooks.guardsTransitions ? { beforeTransition: async (_trx: Handle, event: TransitionEvent) => hooks.beforeTransition(event) } : {}),
    ...clock,
    onTransition: async (trx, event) => {
      await points.onTransition(trx, event);
      if (hooks.watchesTransitions) afterCommit(trx, () => hooks.transitionTaken(event));
    },
  });
  const auth = createAuthService({ ...options.auth, db, model, org, audit });
  const grids = createGridService({ db, model, org, audit, ...clock, kinds: plugins.gridRuleKinds });
  const councils = createCouncilService({ db, model, org, audit, workflows, ruleKinds: plugins.councilRuleKinds, ...clock });
  const files = createFileService({ db, org, audit, ...clock });
  await checklists.publishConfigured();
  await grids.install();
  await points.install();
  const engine: Engine = { model, db, org, resources, audit, auth, checklists, admission, claims, workflows, grids, councils, files, points, plugins, close: () => db.close() };
  services = pluginServices(engine);
  return engine;
}
