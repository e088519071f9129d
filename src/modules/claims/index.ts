/** The claims module's public surface (issue #4): other modules and the composition root import only this. */

export { type Claim, type ClaimItem, type ClaimWithItems, findClaimWithItemsVisibleTo } from './claims-repository.ts';
export { CLAIMS_HTTP_MODULES, CLAIMS_SCHEDULES, claimsJobHandlers } from './wiring.ts';
