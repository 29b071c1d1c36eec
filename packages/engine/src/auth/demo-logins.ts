import { resolveText } from '@zhili/schemas';
import type { Engine } from '../engine.ts';

/** The password of every demo login: demo data only, never a real deployment. */
export const DEMO_PASSWORD = 'zhili-demo';

/** A login created for demo data. */
export interface DemoLogin {
  readonly username: string;
  readonly password: string;
  readonly role: string;
  readonly roleTitle: string;
  readonly orgCode: string;
  readonly orgName: string;
}

/**
 * One login per role of the model, named after the role and held at the first org unit (in tree
 * order) of the role's level — the root unit for a role without a level or whose level has no unit.
 * Roles whose login already exists are skipped, so seeding twice adds nothing.
 */
export async function createDemoLogins(engine: Engine): Promise<readonly DemoLogin[]> {
  const { model, org, auth } = engine;
  const units = org.all();
  const root = units[0];
  if (!root) return [];
  const existing = new Set((await auth.listUsers()).map((user) => user.username));
  const logins: DemoLogin[] = [];
  for (const role of Object.values(model.roles)) {
    if (existing.has(role.id)) continue;
    const unit = (role.level === null ? undefined : units.find((u) => u.level === role.level)) ?? root;
    const roleTitle = resolveText(role.title, model.locale);
    await auth.addUser({
      username: role.id,
      password: DEMO_PASSWORD,
      displayName: `${roleTitle}（${unit.name}）`,
      roles: [{ role: role.id, orgCode: unit.code }],
    });
    logins.push({ username: role.id, password: DEMO_PASSWORD, role: role.id, roleTitle, orgCode: unit.code, orgName: unit.name });
  }
  return logins;
}
