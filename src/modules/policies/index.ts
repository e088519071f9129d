/** The policies module's public surface: other modules and the composition root import only this. */
export { policiesApi } from './http/api-routes.ts';
export { policyPages } from './http/pages.tsx';
export type { Application, Policy, ScheduledItem } from './policies-repository.ts';
export { bindPolicy } from './use-cases/bind-policy.ts';
export { decideReferral } from './use-cases/decide-referral.ts';
export { type QuoteApplicationInput, quoteApplication } from './use-cases/quote-application.ts';
export { getApplication, getPolicy, listMyPolicies, listReferrals, type PolicyDetail } from './use-cases/read-policies.ts';
