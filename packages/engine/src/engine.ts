import { createAuditLog } from './audit/log.ts';
import type { AuditLog } from './audit/log.ts';
import { createAuthService } from './auth/service.ts';
import type { AuthService, AuthServiceOptions } from './auth/service.ts';
import type { CompiledModel } from './model/types.ts';
import { loadOrgService } from './org/service.ts';
import type { OrgService } from './org/service.ts';
import { createResourceService } from './resources/service.ts';
import type { ResourceService } from './resources/service.ts';
import type { Database } from './storage/database.ts';

/** The engine in process: the model, the database and the services over them. */
export interface Engine {
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
  /** Closes the database. */
  close(): Promise<void>;
}

export interface CreateEngineOptions {
  readonly model: CompiledModel;
  /** A database already migrated to the model (see storage/migrate.ts); createEngine does not migrate. */
  readonly db: Database;
  /** Password cost, login throttling, session lifetimes and the clock of the auth service; defaults otherwise. */
  readonly auth?: Pick<AuthServiceOptions, 'scrypt' | 'throttle' | 'sessions' | 'now'>;
}

/** Assembles the engine over a migrated database: loads the org tree and creates the services. */
export async function createEngine(options: CreateEngineOptions): Promise<Engine> {
  const { model, db } = options;
  const org = await loadOrgService(db, model);
  const audit = createAuditLog(db);
  const resources = createResourceService({ db, model, org, audit });
  const auth = createAuthService({ ...options.auth, db, model, org, audit });
  return { model, db, org, resources, audit, auth, close: () => db.close() };
}
