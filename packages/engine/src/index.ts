export type { Action, Actor, Grants, RoleAssignment, ScopeGrant } from './actor/actor.ts';
export { ACTIONS, allows, DEV_ACTOR, grantCovers, grantsFor, pluginActor, SYSTEM_ACTOR } from './actor/actor.ts';
export type { AuditAction, AuditEntry, AuditEvent, AuditLog, AuditPage, AuditQuery } from './audit/log.ts';
export { AUDIT_ACTIONS, createAuditLog } from './audit/log.ts';
export type { AuditProblem, VerifyResult } from './audit/verify.ts';
export type { DemoLogin } from './auth/demo-logins.ts';
export { createDemoLogins, DEMO_PASSWORD } from './auth/demo-logins.ts';
export type { ScryptParams } from './auth/password.ts';
export { DEFAULT_SCRYPT_PARAMS, hashPassword, verifyPassword } from './auth/password.ts';
export type { AuthService, AuthServiceOptions, LoginResult, PublicUser, Session, SessionPolicy, UserAccount, UserRole } from './auth/service.ts';
export { createAuthService, DEFAULT_SESSION_POLICY, LoginThrottledError } from './auth/service.ts';
export type { ThrottlePolicy, ThrottleRule } from './auth/throttle.ts';
export { DEFAULT_THROTTLE_POLICY } from './auth/throttle.ts';
export type { HeldRole, OrgLookup } from './authz/grants.ts';
export { buildActor, buildGrants, GRID_LEVEL, resolveScope } from './authz/grants.ts';
export type { AdmissionQuery, AdmissionRequest, AdmissionService, RequestStatus } from './checklists/admission.ts';
export type { ChecklistDiff, ItemChange } from './checklists/diff.ts';
export type { CounterDrift } from './grids/counters.ts';
export { COUNTER_TABLES, rebuildCounters, removeCounterTriggers, verifyCounters } from './grids/counters.ts';
export type { GridRuleKind, RuleCheckContext, RuleContext, RuleOutcome, RuleProblem } from './grids/rules/kind.ts';
export type { GridRuleKinds } from './grids/rules/registry.ts';
export type { Figures, GridFigure, OverdueFigure, StaffValue, WorkerFigure, WorkerMonths, WorkerVisits } from './grids/figures.ts';
export type { Period } from './grids/period.ts';
export { daysBefore, daysBetween } from './grids/period.ts';
export { gridLabel, workerLabel } from './grids/rules/labels.ts';
export { BUILT_IN_GRID_RULE_KINDS } from './grids/rules/registry.ts';
export type { ComplianceQuery, ComplianceReport, GridService, GridSummary, UnitSummary } from './grids/service.ts';
export type { CompiledGrids, CompiledGridRule, GridViolation, InformationalRule, ViolationSubject } from './grids/types.ts';
export type { ChecklistContext, ChecklistDetail, ChecklistService, PublicChecklist, VersionRef } from './checklists/service.ts';
export type { ChecklistItem, ChecklistPermissions, ChecklistSummary, ChecklistVersion, VersionSummary } from './checklists/types.ts';
export type { EngineErrorCode, FieldErrors } from './errors/engine-error.ts';
export { EngineError, toEngineError } from './errors/engine-error.ts';
export { isUuid, uuidv7, uuidv7FromParts } from './ids/uuid.ts';
export type * from './model/types.ts';
export type { CaseQuery, EscalationReport, WorkflowService } from './workflows/service.ts';
export type { Attachment, Case, CaseAssignee, CaseEvent, CaseEventKind, CaseMetrics } from '@zhili/schemas';
export type { CouncilService, Proposal, PublicResolution, Roster } from './councils/service.ts';
export type { CompiledCouncilBody, CompiledCouncils, CompiledProcedure, CompiledStage } from './councils/types.ts';
export type { DecisionRules, Outcome, Ratio, ShareRule, Tally } from './councils/arithmetic.ts';
export { decide, meets, parseRatio, threshold } from './councils/arithmetic.ts';
export type { EscalationScheduler } from './workflows/scheduler.ts';
export { startEscalationScheduler } from './workflows/scheduler.ts';
export type { ExpiryReport } from './points/expiry-scheduler.ts';
export { expireDue, startExpiryScheduler } from './points/expiry-scheduler.ts';
export type { PeriodicJob } from './runtime/periodic.ts';
export type { Account, BuildingTotal, PointsContext, PointsService } from './points/service.ts';
export type { Claim as PointsClaim, Currency, Posting, PostingKind, PostingLine } from './points/store.ts';
export type { CompiledPointsItem, CompiledPointsRule, CompiledPointsScheme, PointsPeriod } from './points/types.ts';
export type { LedgerProblem } from './points/verify.ts';
export { verifyLedger } from './points/verify.ts';
export { ALL_RESOURCES, ENGINE_RESOURCES, isStandardField, STANDARD_FIELDS } from './model/types.ts';
export type { OrgPathRange } from './org/path.ts';
export { subtreeRange } from './org/path.ts';
export type { OrgSyncReport, OrgUnitRecord } from './org/service.ts';
export { loadOrgService, OrgService } from './org/service.ts';
export type { LoadedPackage, LoadResult, PackageIssue } from './package/index.ts';
export { compile, formatIssues, loadModel, loadOrgTree, loadPackage, loadPackageModel, PackageError } from './package/index.ts';
export type { FieldCipher } from './pii/cipher.ts';
export { createFieldCipher, DATA_KEY_VARIABLE, fieldCipherFromKey, hashColumn, parseDataKey } from './pii/cipher.ts';
export type { MaskRule } from './pii/mask.ts';
export { maskRecord, maskValue } from './pii/mask.ts';
export type { RecordFields, RecordWriteHook } from './resources/hooks.ts';
export type { Database, Dialect } from './storage/database.ts';
export { openDatabase } from './storage/database.ts';
export type { Change, MigrationReport, Refusal } from './storage/migrate.ts';
export { migrate } from './storage/migrate.ts';
export type {
  DemoData,
  DemoDataContext,
  DemoDataGenerator,
  GeneratedOrgUnit,
  GeneratedRecord,
  SeedOrgUnit,
  SeedScale,
} from './seed/types.ts';
export { defineDemoData, SEED_SCALES } from './seed/types.ts';
export type { SeedOptions, SeedProgress, SeedReport } from './seed/seed.ts';
export { seedDemoData } from './seed/seed.ts';
export { definePlugin } from './plugins/define.ts';
export type { AfterRecordArgs, JobArgs, PluginApi, PluginEnv, PluginServices, PostingHookArgs, RecordHookArgs, RecordHooks, TransitionHookArgs, ZhiliPlugin } from './plugins/types.ts';
export { loadPlugins } from './plugins/load.ts';
export { startPluginJobs } from './plugins/jobs.ts';
export { pluginServices } from './plugins/services.ts';
export { PluginError, setupPlugins } from './plugins/host.ts';
export type { BoundHooks, PluginErrorReporter, PluginHost, PluginJob } from './plugins/host.ts';
export type { AppEnv } from './api/env.ts';
export { createApp } from './api/app.ts';
export type { AppOptions } from './api/app.ts';
