import type { Deps } from '../../../../platform/deps.ts';

/** Today's date ('YYYY-MM-DD') in the insurer's time zone: notices are published, and pages counted, per calendar day. */
export function insurerToday(deps: Pick<Deps, 'clock' | 'config'>): string {
  return deps.clock.now().toZonedDateTimeISO(deps.config.insurerTimeZone).toPlainDate().toString();
}
