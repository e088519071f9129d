import type { DataCategory } from '../../domain/data-map-types.ts';

/**
 * Who personal data may go to and on which basis (PRV-DISC-3), as the privacy notices list them.
 * PRV-DISC-1: "no sale of personal data" — there is no basis for a sale, so no such disclosure can be
 * recorded; an attempt with any basis not listed here is refused.
 */
export const RECIPIENT_TYPES = [
  // Service providers under confidentiality: processors, each under a processor agreement (PRV-PROC-1).
  'service_provider',
  'agent',
  'repairer',
  'jeweler',
  'regulator',
  'reinsurer',
  'auditor',
  'attorney',
  'partner',
  'group_company',
  'legal_process',
] as const;
export type RecipientType = (typeof RECIPIENT_TYPES)[number];

export const DISCLOSURE_BASES = [
  'service_provision',
  'insured_agent',
  'repair_order',
  'customer_authorisation',
  'legal_process',
  'regulatory_audit',
  'legal_advice',
  'financial_audit',
  'reinsurance',
  'group_company',
  'business_transfer',
] as const;
export type DisclosureBasis = (typeof DISCLOSURE_BASES)[number];

export function isRecipientType(value: string): value is RecipientType {
  return (RECIPIENT_TYPES as readonly string[]).includes(value);
}

export function isDisclosureBasis(value: string): value is DisclosureBasis {
  return (DISCLOSURE_BASES as readonly string[]).includes(value);
}

/** PRV-DISC-3: each basis names the recipients it allows. */
export function recipientTypesFor(basis: DisclosureBasis): readonly RecipientType[] {
  switch (basis) {
    case 'service_provision':
      return ['service_provider'];
    case 'insured_agent':
      // "the insured's own agent/broker only for that insured": checked against the policy by the caller's scope.
      return ['agent'];
    case 'repair_order':
      return ['repairer', 'jeweler'];
    case 'customer_authorisation':
      return ['partner'];
    case 'legal_process':
      return ['legal_process', 'attorney'];
    case 'regulatory_audit':
      return ['regulator'];
    case 'legal_advice':
      return ['attorney'];
    case 'financial_audit':
      return ['auditor'];
    case 'reinsurance':
      return ['reinsurer'];
    case 'group_company':
    case 'business_transfer':
      return ['group_company'];
  }
}

/** The categories a disclosure may name: the data map's categories (DataCategory). */
export const DISCLOSABLE_CATEGORIES = [
  'user.name',
  'user.contact.email',
  'user.contact.phone_number',
  'user.contact.address',
  'user.account.username',
  'user.account.settings',
  'user.authorization.credentials',
  'user.demographic.date_of_birth',
  'user.demographic.language',
  'user.device.ip_address',
  'user.device.cookie_id',
  'user.device.device_id',
  'user.behavior.browsing_history',
  'user.financial.bank_account',
  'user.government_id',
  'user.unique_id',
  'user.content.private',
  'user.childrens',
  'user.privacy_preferences',
  'user.insurance.policy',
  'user.insurance.insured_property',
  'user.insurance.claim',
  'user.insurance.shipment',
  'user.insurance.device',
  'user.insurance.call_recording',
  'user.insurance.payment',
  'user.insurance.incident',
] as const satisfies readonly DataCategory[];

// Compile-time check that the list above names every category of the data map.
type Missing = Exclude<DataCategory, (typeof DISCLOSABLE_CATEGORIES)[number]>;
const everyCategoryListed: Missing extends never ? true : Missing = true;
void everyCategoryListed;

export function isDataCategory(value: string): value is DataCategory {
  return (DISCLOSABLE_CATEGORIES as readonly string[]).includes(value);
}

/**
 * PRV-DISC-3, limited views: repairers get name, address and phone for a reported claim (plus the item to
 * repair and the claim itself); a partner sees claim status only (with the name it is about).
 */
const LIMITED_CATEGORIES: Partial<Record<DisclosureBasis, readonly DataCategory[]>> = {
  repair_order: ['user.name', 'user.contact.address', 'user.contact.phone_number', 'user.insurance.insured_property', 'user.insurance.claim'],
  customer_authorisation: ['user.name', 'user.insurance.claim'],
};

export function allowedCategories(basis: DisclosureBasis): readonly DataCategory[] | null {
  return LIMITED_CATEGORIES[basis] ?? null;
}

export type ProcessorAgreement = { signedOn: string; endsOn: string | null };

/** PRV-PROC-1: an agreement covers `today` (YYYY-MM-DD) when it was signed by then and has not ended. */
export function agreementCovers(agreement: ProcessorAgreement, today: string): boolean {
  return agreement.signedOn <= today && (agreement.endsOn === null || today <= agreement.endsOn);
}

export function hasCurrentAgreement(agreements: readonly ProcessorAgreement[], today: string): boolean {
  return agreements.some((agreement) => agreementCovers(agreement, today));
}

export type RecipientFacts = {
  type: RecipientType;
  retired: boolean;
  agreements: readonly ProcessorAgreement[];
};

export type DisclosureRefusal =
  | 'basis_not_allowed'
  | 'basis_not_for_recipient'
  | 'recipient_retired'
  | 'no_processor_agreement'
  | 'categories_invalid'
  | 'categories_beyond_basis'
  | 'partner_not_authorised'
  | 'agent_not_of_insured';

export type DisclosureCheck = { ok: true; basis: DisclosureBasis; categories: DataCategory[] } | { ok: false; reason: DisclosureRefusal };

/**
 * Decides whether a disclosure may happen (and so be recorded). Pure: the caller supplies the recipient,
 * its agreements, today's date and, for partners, whether the customer authorised them.
 */
export function checkDisclosure(input: {
  recipient: RecipientFacts;
  basis: string;
  categories: readonly string[];
  today: string;
  partnerAuthorised: boolean;
  /** For an agent: whether they are the agent of one of the person's policies. */
  agentOfInsured?: boolean;
}): DisclosureCheck {
  const { recipient, basis } = input;
  // PRV-DISC-1: "sale" (or anything else unlisted) is no basis.
  if (!isDisclosureBasis(basis)) return { ok: false, reason: 'basis_not_allowed' };
  if (recipient.retired) return { ok: false, reason: 'recipient_retired' };
  if (!recipientTypesFor(basis).includes(recipient.type)) return { ok: false, reason: 'basis_not_for_recipient' };
  const categories = [...new Set(input.categories)];
  if (categories.length === 0 || !categories.every(isDataCategory)) return { ok: false, reason: 'categories_invalid' };
  const limit = allowedCategories(basis);
  if (limit && !categories.every((category) => limit.includes(category))) return { ok: false, reason: 'categories_beyond_basis' };
  // PRV-PROC-1: a processor without a current agreement receives nothing.
  if (recipient.type === 'service_provider' && !hasCurrentAgreement(recipient.agreements, input.today)) return { ok: false, reason: 'no_processor_agreement' };
  // PRV-DISC-3: partners only on the customer's own authorisation.
  if (recipient.type === 'partner' && !input.partnerAuthorised) return { ok: false, reason: 'partner_not_authorised' };
  // PRV-DISC-3: "the insured's own agent/broker only for that insured".
  if (recipient.type === 'agent' && !input.agentOfInsured) return { ok: false, reason: 'agent_not_of_insured' };
  return { ok: true, basis, categories };
}
