import { ROLES, systemActor } from '../../../platform/auth/actor.ts';
import type { Role } from '../../../platform/db/schema.ts';
import type { Deps } from '../../../platform/deps.ts';
import { SYSTEM_ORIGIN } from '../../../platform/request-origin.ts';
import { createUser } from './create-staff-user.ts';

/** Demo logins, printed at start. Never seeded in production unless BEZEL_SEED_DEMO=true says so. */
export const DEMO_PASSWORD = 'Bezel-demo-2026!';

const DEMO_NAMES: Record<Role, string> = {
  customer: 'Carla Customer',
  agent: 'Adam Agent',
  jeweler: 'Julia Jeweler',
  partner: 'Pieter Partner',
  underwriter: 'Uma Underwriter',
  adjuster: 'Aditya Adjuster',
  billing: 'Bea Billing',
  privacy_officer: 'Priya Privacy',
  secretary: 'Sam Secretary',
  admin: 'Ada Admin',
  auditor: 'Otto Auditor',
};

export type DemoLogin = { role: Role; email: string; password: string };

export function demoEmail(role: Role): string {
  return `${role.replace('_', '-')}@demo.bezel.test`;
}

/** Seeds one user per role on an empty database; does nothing when any user exists. */
export async function seedDemoUsers(deps: Deps): Promise<{ seeded: boolean; logins: DemoLogin[] }> {
  const logins = ROLES.map((role) => ({ role, email: demoEmail(role), password: DEMO_PASSWORD }));
  const anyone = await deps.db.selectFrom('app_user').select('id').limit(1).executeTakeFirst();
  if (anyone) return { seeded: false, logins };
  const actor = systemActor('seed-demo');
  // Side by side: each password hash runs on libuv's thread pool, so the first start is quicker.
  await Promise.all(
    logins.map((login) =>
      createUser(
        deps,
        actor,
        { email: login.email, displayName: DEMO_NAMES[login.role], roles: [login.role], locale: 'en', password: login.password },
        SYSTEM_ORIGIN,
      ),
    ),
  );
  return { seeded: true, logins };
}
