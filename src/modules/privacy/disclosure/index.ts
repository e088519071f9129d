/** Disclosures, recipients, partner access, incidents, surveys (issue #5): the part of the privacy module's surface they make up. */
export { type Disclosure, findRecipientOfUser, type PartnerAuthorisation, partnerRecipientIdOf, type Recipient } from './disclosure-repository.ts';
export { DISCLOSURE_BASES, type DisclosureBasis, RECIPIENT_TYPES, type RecipientType } from './domain/disclosure-rules.ts';
export { privacyDisclosureApi } from './http/disclosure-routes.ts';
export { privacyDisclosurePages } from './http/pages.tsx';
export type { Incident } from './incident-repository.ts';
export { auditStaffRead, type StaffRead, type StaffReadView } from './use-cases/audit-staff-read.ts';
export { actorMayAccessAsPartner, partnerMayAccess } from './use-cases/partner-authorisations.ts';
export { listDisclosuresAbout } from './use-cases/read-disclosures.ts';
export { type DisclosureInput, type DisclosureResult, recordDisclosure } from './use-cases/record-disclosure.ts';
