import type { Actor, UserActor } from '../../../../platform/auth/actor.ts';
import { nowText } from '../../../../platform/clock.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { problems } from '../../../../platform/http/problem.ts';

/** Today in the insurer's time zone (YYYY-MM-DD): the day processor agreements are checked against. */
export function insurerToday(deps: Pick<Deps, 'clock' | 'config'>): string {
  return deps.clock.now().toZonedDateTimeISO(deps.config.insurerTimeZone).toPlainDate().toString();
}

export function now(deps: Pick<Deps, 'clock'>): string {
  return nowText(deps.clock);
}

export function requireUser(actor: Actor): UserActor {
  if (actor.kind !== 'user') throw problems.unauthenticated();
  return actor;
}
