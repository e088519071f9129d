import type { Deps } from '../../platform/deps.ts';
import type { HttpModule } from '../../platform/http/app.ts';
import type { JobHandlers } from '../../platform/jobs/index.ts';
import { claimClosingApi } from './http/closing-routes.ts';
import { claimsCoveragePages } from './http/coverage-pages.tsx';
import { claimsCoverageApi } from './http/coverage-routes.ts';
import { claimDiaryPages } from './http/diary-pages.tsx';
import { claimDutiesApi } from './http/duty-routes.ts';
import { fnolPages } from './http/fnol-pages.ts';
import { fnolApi } from './http/fnol-routes.ts';
import { claimJewelerOrdersApi } from './http/jeweler-order-routes.ts';
import { claimPartnerApi } from './http/partner-routes.ts';
import { claimPaymentPages } from './http/payment-page-module.ts';
import { claimPaymentsApi } from './http/payment-routes.ts';
import { claimsRecoveryHttp } from './http/recovery-module.ts';
import { settlementPages } from './http/settlement-pages.tsx';
import { settlementApi } from './http/settlement-routes.ts';
import { coverageJobHandlers } from './use-cases/generate-coverage-letter.ts';
import { diaryReminderJobHandlers, diaryReminderSchedule } from './use-cases/send-diary-reminders.ts';

/**
 * The claims module's routes, job handlers and schedules (issue #4), gathered here so the composition root
 * (bootstrap.ts) wires the whole module with one import each. Each part of the module adds its own line.
 */
export const CLAIMS_HTTP_MODULES: HttpModule[] = [
  // Reserves, payments with authority and approval, payment authority, jeweler repair/replace orders (JPF-SETTLE-2/7/8/9).
  claimPaymentsApi,
  claimJewelerOrdersApi,
  claimPaymentPages,
  // DESIGN §5: a partner sees a claim's status only with the customer's authorisation.
  claimPartnerApi,
  // Closing a decided claim.
  claimClosingApi,
  // First notice of loss, claim reads and the adjuster's queue; API and pages.
  fnolApi,
  fnolPages,
  // Duties and deadlines: duty requests and records, the claim's diary, the adjuster's diary; API and pages.
  claimDutiesApi,
  claimDiaryPages,
  // Coverage decision: proposals, decisions, review requests (PRV-RIGHT-6), denial letters; API and pages.
  claimsCoverageApi,
  claimsCoveragePages,
  // Proof of loss (JPF-DUTY-4) and the settlement worksheet (JPF-SETTLE-1..9, JPF-ADD-2).
  settlementApi,
  settlementPages,
  // Subrogation, recoveries and appraisal disputes (JPF-SUBRO-1/2, JPF-COND-4, JPF-APPR-1); API and pages.
  claimsRecoveryHttp,
];

export function claimsJobHandlers(deps: Deps): JobHandlers {
  return {
    // Nightly reminders of the insured's near and overdue deadlines.
    ...diaryReminderJobHandlers(deps),
    // The denial letter of an 'excluded' coverage decision (JPF-EXCL-*), then the mail to the holder.
    ...coverageJobHandlers(deps),
  };
}

/** Schedules as { name, cron, kind }; bootstrap gives them the insurer's time zone. */
export const CLAIMS_SCHEDULES: readonly { name: string; cron: string; kind: string }[] = [
  // Nightly at 03:00: the diary reminders (duties and deadlines).
  diaryReminderSchedule,
];
