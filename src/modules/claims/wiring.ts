import type { Deps } from '../../platform/deps.ts';
import type { HttpModule } from '../../platform/http/app.ts';
import type { JobHandlers } from '../../platform/jobs/index.ts';
import { claimPartnerApi } from './http/partner-routes.ts';

/**
 * The claims module's routes, job handlers and schedules (issue #4), gathered here so the composition root
 * (bootstrap.ts) wires the whole module with one import each. Each part of the module adds its own line.
 */
export const CLAIMS_HTTP_MODULES: HttpModule[] = [
  // DESIGN §5: a partner sees a claim's status only with the customer's authorisation.
  claimPartnerApi,
];

export function claimsJobHandlers(_deps: Deps): JobHandlers {
  return {};
}

/** Schedules as { name, cron, kind }; bootstrap gives them the insurer's time zone. */
export const CLAIMS_SCHEDULES: readonly { name: string; cron: string; kind: string }[] = [];
