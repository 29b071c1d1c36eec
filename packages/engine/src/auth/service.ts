import type { BilingualText } from '@zhili/schemas';
import type { Actor, RoleAssignment } from '../actor/actor.ts';
import type { AuditLog } from '../audit/log.ts';
import { buildActor } from '../authz/grants.ts';
import { EngineError, errors } from '../errors/engine-error.ts';
import type { FieldErrors } from '../errors/engine-error.ts';
import { uuidv7 } from '../ids/uuid.ts';
import type { CompiledModel } from '../model/types.ts';
import type { OrgService } from '../org/service.ts';
import type { Database } from '../storage/database.ts';
import { writeTransaction } from '../storage/transaction.ts';
import { fromDbValue, toDbValue } from '../storage/values.ts';
import { DEFAULT_SCRYPT_PARAMS, hashPassword, needsRehash, verifyPassword } from './password.ts';
import type { ScryptParams } from './password.ts';
import { createLoginThrottle, DEFAULT_THROTTLE_POLICY, throttleKeys } from './throttle.ts';
import type { ThrottlePolicy } from './throttle.ts';
import { isTokenShaped, newToken, sessionIdOf } from './tokens.ts';

/** A user as the API shows it: never the password hash. */
export interface PublicUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
}

/** A role held at an org unit, as stored. */
export interface UserRole {
  readonly role: string;
  readonly orgCode: string;
}

/** A user account with its roles, for the CLI and administration. */
export interface UserAccount extends PublicUser {
  readonly disabled: boolean;
  readonly roles: readonly UserRole[];
  /** ISO-8601 UTC. */
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A live session: who it acts as and the secret cookie-authenticated writes must echo. */
export interface Session {
  readonly id: string;
  readonly user: PublicUser;
  readonly actor: Actor;
  readonly csrfToken: string;
  /** ISO-8601 UTC: the session ends then at the latest. */
  readonly expiresAt: string;
}

/** A successful login: the session and its token (shown this once; only its hash is stored). */
export interface LoginResult extends Session {
  readonly token: string;
}

/** How long sessions live. */
export interface SessionPolicy {
  /** From login to the end of the session, however active. */
  readonly ttlMs: number;
  /** A session unused this long ends. */
  readonly idleMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Sessions end 12 hours after login, or after 2 hours without a request. */
export const DEFAULT_SESSION_POLICY: SessionPolicy = Object.freeze({ ttlMs: 12 * HOUR, idleMs: 2 * HOUR });

/** last_seen_at is written at most this often per session, not on every request. */
const TOUCH_INTERVAL_MS = MINUTE;
/** How long a session's resolved actor is reused, and how many sessions' actors are kept. */
const ACTOR_CACHE_MS = MINUTE;
const ACTOR_CACHE_SIZE = 10_000;

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._@-]{1,63}$/;
export const MIN_PASSWORD_LENGTH = 8;
/** scrypt takes any length; this bounds the work a login request can ask for. */
export const MAX_PASSWORD_LENGTH = 256;

export interface AuthServiceOptions {
  readonly db: Database;
  readonly model: CompiledModel;
  readonly org: OrgService;
  readonly audit: AuditLog;
  /** @default DEFAULT_SCRYPT_PARAMS */
  readonly scrypt?: ScryptParams;
  /** @default DEFAULT_THROTTLE_POLICY */
  readonly throttle?: ThrottlePolicy;
  /** @default DEFAULT_SESSION_POLICY */
  readonly sessions?: SessionPolicy;
  /** The clock; tests move it. @default () => new Date() */
  readonly now?: () => Date;
}

/**
 * Users, their roles and their sessions. Logins are throttled per account and per client address
 * in the database, so several API processes share the counts; every login, logout and failed
 * login is audited.
 */
export interface AuthService {
  /**
   * Checks a username and password and opens a session. Wrong or unknown credentials, and a
   * disabled account, are one 401 (the same message, about the same time); a locked account or
   * address is 429 with `retryAfterSeconds`.
   */
  login(input: { readonly username: string; readonly password: string; readonly ip: string }): Promise<LoginResult>;
  /** The session of a token, or null when it is unknown, expired, idle too long or its user is disabled. */
  authenticate(token: string): Promise<Session | null>;
  /** Ends a session. */
  logout(session: Session): Promise<void>;
  /** Creates a user with its roles; 409 when the username is taken, 400 for an unknown role or org unit. */
  addUser(input: {
    readonly username: string;
    readonly password: string;
    readonly displayName?: string;
    readonly roles: readonly UserRole[];
  }): Promise<UserAccount>;
  /** Sets a new password and ends the user's sessions. */
  setPassword(input: { readonly username: string; readonly password: string }): Promise<void>;
  /** Disables a user and ends its sessions; a disabled user cannot log in. */
  disableUser(username: string): Promise<void>;
  /** Every user with its roles, by username. */
  listUsers(): Promise<readonly UserAccount[]>;
}

/** The error of a throttled login: 429 with the seconds to wait. */
export class LoginThrottledError extends EngineError {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    super('TOO_MANY_REQUESTS', {
      'zh-CN': `登录失败次数过多，请 ${formatWait(retryAfterSeconds, 'zh-CN')}后再试`,
      en: `Too many failed logins; try again in ${formatWait(retryAfterSeconds, 'en')}`,
    });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

function formatWait(seconds: number, locale: 'zh-CN' | 'en'): string {
  const minutes = Math.ceil(seconds / 60);
  if (seconds < 60) return locale === 'zh-CN' ? `${seconds} 秒` : `${seconds} s`;
  return locale === 'zh-CN' ? `${minutes} 分钟` : `${minutes} min`;
}

const BAD_CREDENTIALS: BilingualText = { 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' };

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  disabled: unknown;
  created_at: string;
  updated_at: string;
}

interface SessionRow {
  id: string;
  user_id: string;
  csrf_token: string;
  expires_at: string;
  last_seen_at: string;
  username: string;
  display_name: string;
}

/** The username as stored: trimmed and lower-case, so "Wang.Li" and "wang.li" are one account. */
export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

/** The auth service over an engine's database. */
export function createAuthService(options: AuthServiceOptions): AuthService {
  const { db, model, org, audit } = options;
  const kysely = db.kysely;
  const scryptParams = options.scrypt ?? DEFAULT_SCRYPT_PARAMS;
  const policy = options.throttle ?? DEFAULT_THROTTLE_POLICY;
  const sessionPolicy = options.sessions ?? DEFAULT_SESSION_POLICY;
  const now = options.now ?? (() => new Date());
  const throttle = createLoginThrottle(kysely);
  // An unknown username still costs a full scrypt, so timing does not tell which usernames exist.
  const decoyHash = hashPassword(newToken(), scryptParams);
  const bool = (value: boolean) => toDbValue('boolean', value, db.dialect);

  const rolesOf = async (userId: string): Promise<UserRole[]> => {
    const rows = await kysely
      .selectFrom('zhili_user_roles')
      .select(['role', 'org_code'])
      .where('user_id', '=', userId)
      .orderBy('role')
      .orderBy('org_code')
      .execute();
    return rows.map((row) => ({ role: String(row.role), orgCode: String(row.org_code) }));
  };

  const actorOf = (user: PublicUser, roles: readonly UserRole[], sessionId: string | null): Actor =>
    buildActor({ model, org, user, assignments: roles, sessionId });

  // Actors of live sessions, so that a request reads only its session row: the role query and the
  // grant resolution run once per session and minute. The session row is still read on every
  // request, so logout, expiry and a disabled user take effect at once; a changed role assignment
  // reaches a running session within ACTOR_CACHE_MS.
  const actors = new Map<string, { readonly actor: Actor; readonly at: number }>();
  const sessionActor = async (user: PublicUser, sessionId: string, at: number): Promise<Actor> => {
    const cached = actors.get(sessionId);
    if (cached && cached.actor.id === user.id && at - cached.at < ACTOR_CACHE_MS) return cached.actor;
    const actor = actorOf(user, await rolesOf(user.id), sessionId);
    if (actors.size >= ACTOR_CACHE_SIZE) actors.delete(actors.keys().next().value ?? '');
    actors.set(sessionId, { actor, at });
    return actor;
  };

  const findUser = (username: string): Promise<UserRow | undefined> =>
    kysely.selectFrom('zhili_users').selectAll().where('username', '=', normalizeUsername(username)).executeTakeFirst() as Promise<UserRow | undefined>;

  const requireUser = async (username: string): Promise<UserRow> => {
    const user = await findUser(username);
    if (!user) throw errors.notFound({ 'zh-CN': `没有用户“${username}”`, en: `There is no user "${username}"` });
    return user;
  };

  const publicUser = (row: { id: string; username: string; display_name: string }): PublicUser => ({
    id: row.id,
    username: row.username,
    displayName: row.display_name,
  });

  /** Who failed to log in, for the audit row: the account when it exists. */
  const claimant = (username: string, user: UserRow | undefined): Actor => ({
    id: user?.id ?? 'anonymous',
    username: user?.username ?? username.slice(0, 64),
    displayName: user?.display_name ?? username.slice(0, 64),
    kind: 'user',
    assignments: [],
    grants: {},
    sessionId: null,
  });

  const orgPathOf = (assignments: readonly RoleAssignment[]): { orgPath?: string } => {
    const first = assignments[0];
    return first ? { orgPath: first.orgPath } : {};
  };

  return {
    async login({ username, password, ip }) {
      const started = now();
      const keys = throttleKeys(username, ip);
      const lockedMs = await throttle.lockedFor([keys.account, keys.ip], started);
      if (lockedMs > 0) throw new LoginThrottledError(Math.ceil(lockedMs / 1000));

      const user = password.length <= MAX_PASSWORD_LENGTH ? await findUser(username) : undefined;
      const matches = await verifyPassword(password.slice(0, MAX_PASSWORD_LENGTH), user?.password_hash ?? (await decoyHash));
      const disabled = user !== undefined && fromDbValue('boolean', user.disabled, db.dialect) === true;
      if (!user || !matches || disabled) {
        await throttle.recordFailure({ key: keys.account, rule: policy.account, now: started });
        await throttle.recordFailure({ key: keys.ip, rule: policy.ip, now: started });
        const reason = !user ? 'unknown-user' : disabled ? 'disabled' : 'wrong-password';
        await audit.append(kysely, { actor: claimant(username, user), action: 'login-failed', detail: { username: username.slice(0, 64), ip, reason } });
        throw new EngineError('UNAUTHORIZED', BAD_CREDENTIALS);
      }
      await throttle.clear(keys.account);

      const token = newToken();
      const id = sessionIdOf(token);
      const csrfToken = newToken();
      const at = started.toISOString();
      const expiresAt = new Date(started.getTime() + sessionPolicy.ttlMs).toISOString();
      const roles = await rolesOf(user.id);
      const actor = actorOf(publicUser(user), roles, id);
      const rehash = needsRehash(user.password_hash, scryptParams) ? await hashPassword(password, scryptParams) : null;
      await writeTransaction(db, async (trx) => {
        await trx.deleteFrom('zhili_sessions').where('user_id', '=', user.id).where('expires_at', '<=', at).execute();
        await trx.insertInto('zhili_sessions').values({ id, user_id: user.id, csrf_token: csrfToken, created_at: at, expires_at: expiresAt, last_seen_at: at }).execute();
        if (rehash) await trx.updateTable('zhili_users').set({ password_hash: rehash }).where('id', '=', user.id).execute();
        await audit.append(trx, { actor, action: 'login', ...orgPathOf(actor.assignments), detail: { ip } });
      });
      return { id, token, user: publicUser(user), actor, csrfToken, expiresAt };
    },

    async authenticate(token) {
      if (!isTokenShaped(token)) return null;
      const id = sessionIdOf(token);
      const at = now();
      const row = (await kysely
        .selectFrom('zhili_sessions as s')
        .innerJoin('zhili_users as u', 'u.id', 's.user_id')
        .select(['s.id', 's.user_id', 's.csrf_token', 's.expires_at', 's.last_seen_at', 'u.username', 'u.display_name'])
        .where('s.id', '=', id)
        .where('u.disabled', '=', bool(false))
        .executeTakeFirst()) as SessionRow | undefined;
      if (!row) return null;
      const idleSince = Date.parse(row.last_seen_at);
      if (Date.parse(row.expires_at) <= at.getTime() || idleSince + sessionPolicy.idleMs <= at.getTime()) {
        await kysely.deleteFrom('zhili_sessions').where('id', '=', id).execute();
        return null;
      }
      if (at.getTime() - idleSince >= TOUCH_INTERVAL_MS) {
        await kysely.updateTable('zhili_sessions').set({ last_seen_at: at.toISOString() }).where('id', '=', id).execute();
      }
      const user = publicUser({ id: row.user_id, username: row.username, display_name: row.display_name });
      const actor = await sessionActor(user, id, at.getTime());
      return { id, user, actor, csrfToken: row.csrf_token, expiresAt: row.expires_at };
    },

    async logout(session) {
      actors.delete(session.id);
      await writeTransaction(db, async (trx) => {
        await trx.deleteFrom('zhili_sessions').where('id', '=', session.id).execute();
        await audit.append(trx, { actor: session.actor, action: 'logout', ...orgPathOf(session.actor.assignments) });
      });
    },

    async addUser(input) {
      const username = normalizeUsername(input.username);
      const displayName = (input.displayName ?? username).trim();
      const problems: Record<string, BilingualText[]> = {};
      const problem = (field: string, text: BilingualText) => (problems[field] ??= []).push(text);
      if (!USERNAME_PATTERN.test(username)) {
        problem('username', {
          'zh-CN': '用户名为 2–64 个字符：小写字母、数字及 . _ @ -，以字母或数字开头',
          en: 'A username has 2–64 characters: lower-case letters, digits and . _ @ -, starting with a letter or digit',
        });
      }
      if (displayName.length === 0 || displayName.length > 100) problem('displayName', { 'zh-CN': '姓名为 1–100 个字符', en: 'A display name has 1–100 characters' });
      const passwordProblem = checkPassword(input.password);
      if (passwordProblem) problem('password', passwordProblem);
      input.roles.forEach((assignment, i) => {
        if (!Object.hasOwn(model.roles, assignment.role)) {
          problem(`roles.${i}.role`, { 'zh-CN': `没有角色“${assignment.role}”`, en: `There is no role "${assignment.role}"` });
        }
        if (!org.byCode(assignment.orgCode)) {
          problem(`roles.${i}.orgCode`, { 'zh-CN': `没有编码为“${assignment.orgCode}”的单位`, en: `There is no org unit with code "${assignment.orgCode}"` });
        }
      });
      if (Object.keys(problems).length > 0) throw errors.validation(problems satisfies FieldErrors);
      if (await findUser(username)) throw errors.conflict({ 'zh-CN': `用户名“${username}”已被使用`, en: `The username "${username}" is taken` });

      const id = uuidv7();
      const at = now().toISOString();
      const passwordHash = await hashPassword(input.password, scryptParams);
      const roles = dedupe(input.roles);
      try {
        await writeTransaction(db, async (trx) => {
          await trx
            .insertInto('zhili_users')
            .values({ id, username, display_name: displayName, password_hash: passwordHash, disabled: bool(false), created_at: at, updated_at: at })
            .execute();
          if (roles.length > 0) {
            await trx.insertInto('zhili_user_roles').values(roles.map((r) => ({ user_id: id, role: r.role, org_code: r.orgCode }))).execute();
          }
        });
      } catch (cause) {
        // Two concurrent adds of one username: the unique index decides.
        if (await findUser(username)) throw errors.conflict({ 'zh-CN': `用户名“${username}”已被使用`, en: `The username "${username}" is taken` });
        throw cause;
      }
      return { id, username, displayName, disabled: false, roles, createdAt: at, updatedAt: at };
    },

    async setPassword({ username, password }) {
      const passwordProblem = checkPassword(password);
      if (passwordProblem) throw errors.validation({ password: [passwordProblem] });
      const user = await requireUser(username);
      const passwordHash = await hashPassword(password, scryptParams);
      await writeTransaction(db, async (trx) => {
        await trx.updateTable('zhili_users').set({ password_hash: passwordHash, updated_at: now().toISOString() }).where('id', '=', user.id).execute();
        await trx.deleteFrom('zhili_sessions').where('user_id', '=', user.id).execute();
      });
    },

    async disableUser(username) {
      const user = await requireUser(username);
      await writeTransaction(db, async (trx) => {
        await trx.updateTable('zhili_users').set({ disabled: bool(true), updated_at: now().toISOString() }).where('id', '=', user.id).execute();
        await trx.deleteFrom('zhili_sessions').where('user_id', '=', user.id).execute();
      });
    },

    async listUsers() {
      const users = (await kysely.selectFrom('zhili_users').selectAll().orderBy('username').execute()) as UserRow[];
      const roles = await kysely.selectFrom('zhili_user_roles').select(['user_id', 'role', 'org_code']).orderBy('role').orderBy('org_code').execute();
      return users.map((row) => ({
        ...publicUser(row),
        disabled: fromDbValue('boolean', row.disabled, db.dialect) === true,
        roles: roles.filter((r) => r.user_id === row.id).map((r) => ({ role: String(r.role), orgCode: String(r.org_code) })),
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      }));
    },
  };
}

function checkPassword(password: string): BilingualText | null {
  if ([...password].length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    return {
      'zh-CN': `密码长度应为 ${MIN_PASSWORD_LENGTH}–${MAX_PASSWORD_LENGTH} 个字符`,
      en: `A password has ${MIN_PASSWORD_LENGTH}–${MAX_PASSWORD_LENGTH} characters`,
    };
  }
  return null;
}

function dedupe(roles: readonly UserRole[]): UserRole[] {
  const seen = new Map<string, UserRole>();
  for (const role of roles) seen.set(`${role.role}\u0000${role.orgCode}`, { role: role.role, orgCode: role.orgCode });
  return [...seen.values()];
}
