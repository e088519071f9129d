import type { Actor } from '../../../platform/auth/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { problems } from '../../../platform/http/problem.ts';

/** Helpers shared by the products use cases. */

/** Rating and the product catalogue are for anyone logged in (the instant premium of the portal). */
export function requireSignedIn(actor: Actor): void {
  if (actor.kind === 'anonymous') throw problems.unauthenticated();
}

/** Today, 'YYYY-MM-DD', in the insurer's time zone: the default rating date and the earliest effective date. */
export function todayFor(deps: Pick<Deps, 'clock' | 'config'>): string {
  return deps.clock.now().toZonedDateTimeISO(deps.config.insurerTimeZone).toPlainDate().toString();
}

/** Who did it, as stored beside the record: a user id, or 'system:<name>' (as audit_event.actor_id). */
export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'user':
      return actor.userId;
    case 'system':
      return `system:${actor.name}`;
    case 'anonymous':
      return 'anonymous';
  }
}

/** Sorts after every real date: "the latest version, whenever it takes effect". */
export const END_OF_TIME = '9999-12-31';
