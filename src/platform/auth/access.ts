import type { ExpressionBuilder, SelectQueryBuilder } from 'kysely';
import type { DatabaseSchema, Role } from '../db/schema.ts';
import { problems } from '../http/problem.ts';
import type { Actor } from './actor.ts';

/**
 * The one place that answers "may this actor do X (to this record)" (issue #2, point 4).
 *
 * Two layers:
 *  - capabilities: what a role may do at all (permission table below). A missing capability is a
 *    403 for a logged-in actor and a 401 for an anonymous one;
 *  - relationships: which records an actor can reach, as SQL scopes applied in the repository's
 *    query, so an unreachable record is simply not found: 404, never 403, which would confirm that
 *    it exists (DESIGN §5).
 * An API token narrows its user's capabilities to the token's scopes.
 */
export const PERMISSIONS = [
  'profile:read',
  'profile:write',
  'tokens:manage_own',
  'users:read',
  'users:manage',
  'audit:read',
  'jobs:read',
  'jobs:manage',
  'backoffice:enter',
  'portal:enter',
  'products:read',
  'products:manage',
  'policies:apply',
  'policies:read_all',
  'policies:underwrite',
  // Issue #3 staff actions: void (JPF-COND-5), reinstatement, the insurer's consent to an assignment (JPF-COND-1).
  'policies:void',
  'policies:reinstate',
  'policies:assign',
  'billing:read',
  'billing:manage',
  // Issue #3 renewal (JPF-COND-7): start renewal runs and watch their progress.
  'renewals:manage',
  // Issue #5 privacy: read the register of processing, legal holds and privacy records; manage them.
  'privacy:read',
  'privacy:manage',
  // Issue #5, PRV-FRAUD-1: the incident register (non-payment, suspected fraud), only for the roles that need it.
  'incidents:manage',
  // Issue #4 claims: report a loss (insureds, their agents, approved jewelers, staff taking a phone call);
  // read every claim (staff); handle claims (adjusters: coverage decisions, diary, proof of loss, worksheets,
  // recovery, appraisal disputes); pay within one's authority; set adjusters' payment authority.
  'claims:report',
  'claims:read_all',
  'claims:handle',
  'claims:pay',
  'claims:manage_authority',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const EVERYONE: Permission[] = ['profile:read', 'profile:write', 'tokens:manage_own'];
// Staff read product versions and rate tables (drafts too); underwriters and admins change them (issue #3).
const STAFF: Permission[] = [...EVERYONE, 'backoffice:enter', 'products:read'];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  customer: [...EVERYONE, 'portal:enter'],
  agent: [...EVERYONE, 'portal:enter'],
  jeweler: [...EVERYONE, 'portal:enter'],
  partner: [...EVERYONE, 'portal:enter'],
  underwriter: [...STAFF, 'products:manage', 'incidents:manage'],
  adjuster: STAFF,
  // Issue #3, basic billing: the billing role reads and records invoices, payments and refunds.
  billing: [...STAFF, 'billing:read', 'billing:manage', 'incidents:manage'],
  privacy_officer: [...STAFF, 'privacy:read', 'privacy:manage'],
  secretary: STAFF,
  admin: [
    ...STAFF,
    'users:read',
    'users:manage',
    'audit:read',
    'jobs:read',
    'jobs:manage',
    'products:manage',
    'billing:read',
    'billing:manage',
    'privacy:read',
    'privacy:manage',
    'incidents:manage',
  ],
  // Auditors and regulators read everything and change nothing.
  auditor: [...STAFF, 'users:read', 'audit:read', 'jobs:read', 'billing:read', 'privacy:read'],
};

// Issue #3, policies: customers apply for themselves, agents for their clients (each sees only
// their own, by the scopes below); staff read every application and policy; underwriters and
// admins decide referred applications.
const POLICY_PERMISSIONS: Partial<Record<Role, readonly Permission[]>> = {
  customer: ['policies:apply'],
  agent: ['policies:apply'],
  underwriter: ['policies:read_all', 'policies:underwrite', 'policies:void', 'policies:reinstate', 'policies:assign', 'renewals:manage'],
  adjuster: ['policies:read_all'],
  billing: ['policies:read_all'],
  privacy_officer: ['policies:read_all'],
  secretary: ['policies:read_all'],
  admin: ['policies:read_all', 'policies:underwrite', 'policies:void', 'policies:reinstate', 'policies:assign', 'renewals:manage'],
  auditor: ['policies:read_all'],
};

// Issue #4 claims: insureds, agents and approved jewelers report (each reaches only their own claims, by
// scopeClaims); adjusters handle and pay within their authority; admins set that authority; other staff read.
const CLAIM_PERMISSIONS: Partial<Record<Role, readonly Permission[]>> = {
  customer: ['claims:report'],
  agent: ['claims:report'],
  jeweler: ['claims:report'],
  adjuster: ['claims:report', 'claims:read_all', 'claims:handle', 'claims:pay'],
  underwriter: ['claims:read_all'],
  billing: ['claims:read_all'],
  privacy_officer: ['claims:read_all'],
  admin: ['claims:report', 'claims:read_all', 'claims:handle', 'claims:pay', 'claims:manage_authority'],
  auditor: ['claims:read_all'],
};

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

export function permissionsOfRoles(roles: readonly Role[]): Set<Permission> {
  return new Set(roles.flatMap((role) => [...ROLE_PERMISSIONS[role], ...(POLICY_PERMISSIONS[role] ?? []), ...(CLAIM_PERMISSIONS[role] ?? [])]));
}

export function permissionsOf(actor: Actor): Set<Permission> {
  if (actor.kind === 'system') return new Set(PERMISSIONS);
  if (actor.kind === 'anonymous') return new Set();
  const granted = permissionsOfRoles(actor.roles);
  if (actor.via === 'api_token') {
    const scopes = new Set(actor.tokenScopes ?? []);
    return new Set([...granted].filter((permission) => scopes.has(permission)));
  }
  return granted;
}

export function can(actor: Actor, permission: Permission): boolean {
  return permissionsOf(actor).has(permission);
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (can(actor, permission)) return;
  throw actor.kind === 'anonymous' ? problems.unauthenticated() : problems.forbidden();
}

/** Records that relationships decide. Each later module adds its record type here. */
export type RecordType = 'user' | 'api_token' | 'application' | 'policy' | 'claim';

type Scope<T extends keyof DatabaseSchema> = <O>(query: SelectQueryBuilder<DatabaseSchema, T, O>) => SelectQueryBuilder<DatabaseSchema, T, O>;

const nothing = <T extends keyof DatabaseSchema>(eb: ExpressionBuilder<DatabaseSchema, T>) => eb.lit(false);

/** Users: staff who may read users see everyone; anyone else sees only themselves. */
export function scopeUsers(actor: Actor): Scope<'app_user'> {
  return (query) => {
    if (can(actor, 'users:read')) return query;
    if (actor.kind === 'user') return query.where('app_user.id', '=', actor.userId);
    return query.where(nothing);
  };
}

/** API tokens: only their owner manages them, even an admin does not see another user's tokens. */
export function scopeApiTokens(actor: Actor): Scope<'api_token'> {
  return (query) => (actor.kind === 'user' ? query.where('api_token.user_id', '=', actor.userId) : query.where(nothing));
}

/** For records already loaded: the same rules as the scopes, in memory. */
export function canReach(actor: Actor, record: { type: 'user'; id: string } | { type: 'api_token'; ownerId: string }): boolean {
  switch (record.type) {
    case 'user':
      return can(actor, 'users:read') || (actor.kind === 'user' && actor.userId === record.id);
    case 'api_token':
      return actor.kind === 'user' && actor.userId === record.ownerId;
  }
}

/**
 * Applications (issue #3): staff who read policies see all; a customer sees those made for them, an
 * agent those they made for their clients; anyone else nothing (404).
 */
export function scopeApplications(actor: Actor): Scope<'application'> {
  return (query) => {
    if (can(actor, 'policies:read_all')) return query;
    if (actor.kind === 'user')
      return query.where((eb) =>
        eb.or([
          eb('application.applicant_user_id', '=', actor.userId),
          eb('application.agent_user_id', '=', actor.userId),
          // JPF-COND-1: after an assignment the new holder reaches the policy's application (its declarations) too.
          eb.exists(
            eb
              .selectFrom('policy')
              .select('policy.id')
              .whereRef('policy.application_id', '=', 'application.id')
              .where('policy.holder_user_id', '=', actor.userId),
          ),
        ]),
      );
    return query.where(nothing);
  };
}

/** Policies: the same relationships as their applications, by holder and agent. */
export function scopePolicies(actor: Actor): Scope<'policy'> {
  return (query) => {
    if (can(actor, 'policies:read_all')) return query;
    if (actor.kind === 'user')
      return query.where((eb) => eb.or([eb('policy.holder_user_id', '=', actor.userId), eb('policy.agent_user_id', '=', actor.userId)]));
    return query.where(nothing);
  };
}

/**
 * Claims (issue #4): staff who read claims see all; the policyholder, the policy's agent, the approved
 * jeweler the claim is assigned to and whoever reported it see it; anyone else nothing (404). A partner sees a
 * claim's status only through the privacy module's partner authorisation, not through this scope.
 */
export function scopeClaims(actor: Actor): Scope<'claim'> {
  return (query) => {
    if (can(actor, 'claims:read_all')) return query;
    if (actor.kind === 'user')
      return query.where((eb) =>
        eb.or([
          eb('claim.holder_user_id', '=', actor.userId),
          eb('claim.agent_user_id', '=', actor.userId),
          eb('claim.jeweler_user_id', '=', actor.userId),
          eb('claim.reported_by_user_id', '=', actor.userId),
        ]),
      );
    return query.where(nothing);
  };
}

/**
 * Uploaded files (issue #3 appraisals and receipts, issue #4 claim photos and documents): staff who read
 * policies see all; a user sees the files they uploaded or own, an agent those linked to the applications
 * and policies they handle for their clients, and anyone who reaches a claim its files; anyone else nothing (404).
 */
export function scopeStoredFiles(actor: Actor): Scope<'stored_file'> {
  return (query) => {
    if (can(actor, 'policies:read_all')) return query;
    if (actor.kind !== 'user') return query.where(nothing);
    const me = actor.userId;
    return query.where((eb) =>
      eb.or([
        eb('stored_file.owner_user_id', '=', me),
        eb('stored_file.uploaded_by', '=', me),
        eb.and([
          eb('stored_file.linked_type', '=', 'application'),
          eb('stored_file.linked_id', 'in', eb.selectFrom('application').select('application.id').where('application.agent_user_id', '=', me)),
        ]),
        eb.and([
          eb('stored_file.linked_type', '=', 'policy'),
          eb('stored_file.linked_id', 'in', eb.selectFrom('policy').select('policy.id').where('policy.agent_user_id', '=', me)),
        ]),
        // Issue #4: a claim's photos and documents reach whoever reaches the claim (holder, agent, jeweler, reporter).
        eb.and([
          eb('stored_file.linked_type', '=', 'claim'),
          eb(
            'stored_file.linked_id',
            'in',
            eb
              .selectFrom('claim')
              .select('claim.id')
              .where((claim) =>
                claim.or([
                  claim('claim.holder_user_id', '=', me),
                  claim('claim.agent_user_id', '=', me),
                  claim('claim.jeweler_user_id', '=', me),
                  claim('claim.reported_by_user_id', '=', me),
                ]),
              ),
          ),
        ]),
      ]),
    );
  };
}
