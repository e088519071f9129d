import type { Locale, Role } from '../db/schema.ts';

export const ROLES = [
  'customer',
  'agent',
  'jeweler',
  'partner',
  'underwriter',
  'adjuster',
  'billing',
  'privacy_officer',
  'secretary',
  'admin',
  'auditor',
] as const satisfies readonly Role[];

/** Roles held by the insurer's own people; the others are outsiders reached through relationships. */
export const STAFF_ROLES: readonly Role[] = ['underwriter', 'adjuster', 'billing', 'privacy_officer', 'secretary', 'admin', 'auditor'];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Who is acting. Every use case receives one and every audit event names one. */
export type Actor =
  | {
      kind: 'user';
      userId: string;
      roles: readonly Role[];
      locale: Locale;
      /** How they proved who they are: a browser session or a bearer API token. */
      via: 'session' | 'api_token';
      /** For API tokens: the scopes the token was given; sessions have all scopes of the user's roles. */
      tokenScopes?: readonly string[];
      apiTokenId?: string;
      /** Staff give a purpose for reading personal data; it is written to the audit event. */
      purpose?: string;
      /**
       * PRV-RIGHT-4: the person's own processing is restricted (read with the session or token, so it
       * holds from the next request after a restriction starts or is lifted).
       */
      processingRestricted?: boolean;
    }
  | { kind: 'anonymous' }
  | { kind: 'system'; name: string };

export type UserActor = Extract<Actor, { kind: 'user' }>;

export const ANONYMOUS: Actor = { kind: 'anonymous' };

export function systemActor(name: string): Actor {
  return { kind: 'system', name };
}

export function hasRole(actor: Actor, ...roles: Role[]): boolean {
  return actor.kind === 'user' && actor.roles.some((role) => roles.includes(role));
}

export function isStaff(actor: Actor): boolean {
  return actor.kind === 'user' && actor.roles.some((role) => STAFF_ROLES.includes(role));
}
