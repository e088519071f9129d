/** The policies module's public surface: other modules and the composition root import only this. */

export { type InsuredStatus, insuredStatusOf } from './domain/insureds.ts';
export { DEFAULT_OFFER_DAYS_BEFORE } from './domain/renewal.ts';
export { policiesApi } from './http/api-routes.ts';
export { policyPages } from './http/pages.tsx';
export type { Application, Policy, ScheduledItem } from './policies-repository.ts';
export type { RenewalRun } from './renewal-repository.ts';
export { bindPolicy } from './use-cases/bind-policy.ts';
export { decideReferral } from './use-cases/decide-referral.ts';
export { type EndedItemCover, endItemCoverAfterTotalLoss, type TotalLossInput } from './use-cases/end-item-cover-after-total-loss.ts';
export { type QuoteApplicationInput, quoteApplication } from './use-cases/quote-application.ts';
export { type RateTableImpact, rateTableImpact } from './use-cases/rate-table-impact.ts';
export { type GoverningProductVersion, getGoverningProductVersion, type ProductTerms } from './use-cases/read-governing-version.ts';
export { getApplication, getPolicy, listMyPolicies, listReferrals, type PolicyDetail } from './use-cases/read-policies.ts';
export { findPolicyStateAsOf, getPolicyAsOf, type PolicyAsOf, type PolicyStateOnDate } from './use-cases/read-policy-as-of.ts';
export { getPolicyTransaction, type InsurerNotice, listPolicyTransactions, type PolicyTransactionView } from './use-cases/read-policy-transactions.ts';
export { getRenewalRun, listRenewalRuns } from './use-cases/read-renewal-runs.ts';
export { renewalJobHandlers, renewalSchedule } from './use-cases/renewal-job.ts';
export { type RunRenewalOptions, runRenewal } from './use-cases/run-renewal.ts';
export { RENEWAL_JOB_KIND, type StartedRenewalRun, startRenewalRun } from './use-cases/start-renewal-run.ts';
