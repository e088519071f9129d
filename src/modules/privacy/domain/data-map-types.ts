/**
 * The data map (issue #5, DESIGN §5): every column of every table is declared once, here in code.
 * A personal-data column names its data category (fideslang taxonomy, extended for insurance), the
 * purposes it serves (PRV-USE-1), where it comes from (PRV-COLLECT-2), how long it is kept
 * (PRV-RET-1) and what erasure does to it (PRV-RIGHT-3). Access packages, erasure, retention purges
 * and de-identified exports are driven by these declarations, so a new column cannot be forgotten:
 * a test fails when the database has a column that no declaration names.
 */

/** fideslang data categories (https://ethyca.github.io/fideslang/taxonomy/data_categories/), plus insurance extensions. */
export type DataCategory =
  | 'user.name'
  | 'user.contact.email'
  | 'user.contact.phone_number'
  | 'user.contact.address'
  | 'user.account.username'
  | 'user.account.settings'
  | 'user.authorization.credentials'
  | 'user.demographic.date_of_birth'
  | 'user.demographic.language'
  | 'user.device.ip_address'
  | 'user.device.cookie_id'
  | 'user.device.device_id'
  | 'user.behavior.browsing_history'
  | 'user.financial.bank_account'
  | 'user.government_id'
  | 'user.unique_id'
  | 'user.content.private'
  | 'user.childrens'
  | 'user.privacy_preferences'
  // Insurance extensions (issue #5): the policy, the insured property, claims, shipments, devices, calls.
  | 'user.insurance.policy'
  | 'user.insurance.insured_property'
  | 'user.insurance.claim'
  | 'user.insurance.shipment'
  | 'user.insurance.device'
  | 'user.insurance.call_recording'
  | 'user.insurance.payment'
  | 'user.insurance.incident';

/** fideslang data uses (purposes), as named in the privacy notices' "how we use your information". */
export type Purpose =
  | 'essential.service'
  | 'essential.service.authentication'
  | 'essential.service.security'
  | 'essential.service.payment_processing'
  | 'essential.fraud_detection'
  | 'essential.legal_obligation'
  | 'essential.service.underwriting'
  | 'essential.service.claims'
  | 'marketing.communications.email'
  | 'analytics.reporting'
  | 'privacy.rights_management';

/** Where the value comes from (PRV-COLLECT-2). */
export type Provenance = 'data_subject' | 'agent' | 'jeweler' | 'shipper' | 'consumer_reporting_agency' | 'insurer_staff' | 'system';

/** What erasure (PRV-RIGHT-3) does to a value. `keep` always carries the legal basis told to the person. */
export type ErasureAction = { action: 'delete' } | { action: 'anonymise' } | { action: 'keep'; basis: string };

/** Retention rule ids; the rules themselves (periods, triggers) are data of the privacy module (PRV-RET-1). */
export type RetentionRuleId = string;

export type PersonalColumn = {
  personal: true;
  category: DataCategory;
  purposes: readonly Purpose[];
  provenance: readonly Provenance[];
  retention: RetentionRuleId;
  erasure: ErasureAction;
  /** Encrypted at rest with envelope keys (PRV-SEC-1). */
  sensitive?: boolean;
  /** A short description for the register of processing. */
  description?: string;
};

export type NonPersonalColumn = { personal: false };

export type ColumnDeclaration = PersonalColumn | NonPersonalColumn;

export type TableDeclaration = {
  table: string;
  /** Which module owns the table (for the register). */
  module: string;
  /**
   * How a row belongs to a person, for access packages and erasure: a column holding the app_user id,
   * or null for tables without a person (products, jobs…).
   */
  subjectColumn: string | null;
  columns: Readonly<Record<string, ColumnDeclaration>>;
};
