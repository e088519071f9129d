/** The privacy module's public surface (issue #5): other modules import only this file. */

// Consent, cookies and marketing (PRV-COOKIE-1, PRV-BEACON-1, PRV-CHANGE-1, PRV-OPTOUT-1, PRV-RIGHT-5, PRV-RIGHT-7);
// marketingStatusOf is the suppression check every marketing send goes through.
export { consentApi, consentPages, cookiePages, type MarketingStatus, marketingStatusOf, sendMarketingMail } from './consent/index.ts';
export { columnDeclaration, DATA_MAP, declaredColumnNames, type PersonalColumnEntry, personalColumns, tableDeclaration } from './data-map/index.ts';
// Retention and legal holds (PRV-RET-1, PRV-REC-1) and the register of processing (PRV-USE-1, PRV-COLLECT-1/2).
// hasLegalHold is the check erasure goes through; the purge job runs nightly.
export { PURGE_TARGETS, type PurgeTarget } from './data-map/purge-targets.ts';
// PRV-DEID-1: the de-identified export.
export { deidentifiedExportApi } from './deidentified/http/export-routes.ts';
// Disclosures (PRV-DISC-1/2/3, PRV-PROC-1, PRV-FRAUD-1, PRV-SURVEY-1): recordDisclosure logs every disclosure (other
// modules call it in their transaction), partnerMayAccess is the partner check, auditStaffRead records staff reads.
export {
  actorMayAccessAsPartner,
  auditStaffRead,
  type Disclosure,
  type DisclosureInput,
  type DisclosureResult,
  findRecipientOfUser,
  listDisclosuresAbout,
  partnerMayAccess,
  partnerRecipientIdOf,
  privacyDisclosureApi,
  privacyDisclosurePages,
  recordDisclosure,
  type StaffReadView,
} from './disclosure/index.ts';
export type { ColumnDeclaration, DataCategory, ErasureAction, PersonalColumn, Provenance, Purpose, TableDeclaration } from './domain/data-map-types.ts';
export { isRetentionOver, retentionEndsAt, retentionEndsOn } from './domain/retention.ts';
export { isRetentionRuleId, RETENTION_RULES, type RetentionRule, retentionRule } from './domain/retention-rules.ts';
// Fulfilment (PRV-RIGHT-1, -2, -3, -4, -8, PRV-PORTAL-1): access packages, erasure, restriction (isRestricted is the
// check every processing of a person's data goes through), correction and account closure.
export {
  assertPersonNotRestricted,
  closeOwnAccount,
  collectAccessPackage,
  type ErasureReport,
  erasePersonData,
  fulfilmentBackofficePages,
  fulfilmentJobHandlers,
  fulfilmentPages,
  isRestricted,
  liftRestriction,
  restrictedAmong,
  restrictProcessing,
  startAccessPackage,
  startRestriction,
} from './fulfilment/index.ts';
// Protection (PRV-SEC-1, PRV-REC-1, PRV-CHILD-1): field encryption, call recordings, children at intake.
export {
  type BirthDateInput,
  type CheckedBirthDate,
  checkChildIntake,
  GUARDIAN_CONSENT_METHODS,
  GUARDIAN_RELATIONS,
  type GuardianConsentInput,
} from './protection/domain/child-intake.ts';
export { protectionErrors } from './protection/errors.ts';
export { privacyProtectionApi } from './protection/http/protection-routes.ts';
export { recordChildIntake } from './protection/use-cases/record-child-intake.ts';
export { revealSensitiveValue } from './protection/use-cases/reveal-sensitive-value.ts';
export { type RotationReport, rotateDataKeys } from './protection/use-cases/rotate-data-keys.ts';
// Privacy requests (PRV-RIGHT-1..13, PRV-CONTACT-1): the API, pages and the fulfilment plug-in types.
export {
  type Executor,
  type ExecutorResult,
  type PrivacyRequest,
  privacyRequestPages,
  privacyRequestsApi,
  REQUEST_TYPES,
  type RequestType,
  supervisoryAuthority,
} from './requests/index.ts';
export { legalHoldsApi, privacyRetentionHttp } from './retention/http/legal-hold-routes.ts';
export type { LegalHold } from './retention/legal-hold-repository.ts';
export { placeLegalHold } from './retention/use-cases/place-legal-hold.ts';
export { getHold, hasLegalHold, listHolds } from './retention/use-cases/read-legal-holds.ts';
export { releaseLegalHold } from './retention/use-cases/release-legal-hold.ts';
export { RETENTION_PURGE_JOB_KIND, retentionJobHandlers, retentionPurgeSchedule } from './retention/use-cases/retention-purge-job.ts';
export { type PurgeReport, runRetentionPurge } from './retention/use-cases/run-retention-purge.ts';
