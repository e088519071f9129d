import type { ColumnType, Generated } from 'kysely';
import type { ClaimsSchema } from './schema-claims.ts';
import type { ClaimsCoverageSchema } from './schema-claims-coverage.ts';
import type { ClaimsDutiesSchema } from './schema-claims-duties.ts';
import type { ClaimsFnolSchema } from './schema-claims-fnol.ts';
import type { ClaimsPaymentsSchema } from './schema-claims-payments.ts';
import type { ClaimsProofOfLossSchema } from './schema-claims-proof.ts';
import type { ClaimsRecoverySchema } from './schema-claims-recovery.ts';
import type { ClaimsSettlementSchema } from './schema-claims-settlement.ts';

/**
 * The tables as Kysely sees them. Values arrive as the drivers parse them (value-parsers.ts):
 * timestamptz as ISO 8601 UTC strings, date as 'YYYY-MM-DD', numeric and int8 as decimal strings.
 * Written by hand beside the migrations; a database test compares the two.
 */

/** An ISO 8601 instant in UTC, e.g. '2026-11-21T13:38:59.123Z'. */
export type InstantText = string;
/** Defaulted by the database when not given. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;
/** Serial ids: int8, so read as strings. */
type SerialId = ColumnType<string, never, never>;

export type Role =
  | 'customer'
  | 'agent'
  | 'jeweler'
  | 'partner'
  | 'underwriter'
  | 'adjuster'
  | 'billing'
  | 'privacy_officer'
  | 'secretary'
  | 'admin'
  | 'auditor';

export type UserStatus = 'pending_confirmation' | 'active' | 'disabled';
export type Locale = 'en' | 'nl';

export interface InstanceSettingTable {
  name: string;
  value: string;
  created_at: Defaulted<InstantText>;
}

export interface AppUserTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string | null;
  locale: Defaulted<Locale>;
  status: UserStatus;
  email_confirmed_at: InstantText | null;
  created_at: Defaulted<InstantText>;
  updated_at: Defaulted<InstantText>;
  // 0019_privacy_fulfilment (PRV-RIGHT-2, PRV-PORTAL-1, PRV-RIGHT-3).
  phone: Defaulted<string | null>;
  postal_address: Defaulted<unknown | null>;
  closed_at: Defaulted<InstantText | null>;
  erased_at: Defaulted<InstantText | null>;
  // 0023 (PRV-RIGHT-4): mirrors a live processing_restriction, read with the acting person.
  processing_restricted: Defaulted<boolean>;
}

export interface UserRoleTable {
  user_id: string;
  role: Role;
  granted_at: Defaulted<InstantText>;
  granted_by: string | null;
}

export interface UserSessionTable {
  token_hash: string;
  user_id: string;
  created_at: InstantText;
  expires_at: InstantText;
  last_seen_at: InstantText;
  ip_address: string | null;
  user_agent: string | null;
}

export type EmailTokenPurpose = 'confirm_email' | 'reset_password';

export interface EmailTokenTable {
  token_hash: string;
  user_id: string;
  purpose: EmailTokenPurpose;
  created_at: InstantText;
  expires_at: InstantText;
  used_at: InstantText | null;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  token_prefix: string;
  scopes: string[];
  created_at: InstantText;
  expires_at: InstantText | null;
  last_used_at: InstantText | null;
  revoked_at: InstantText | null;
}

export interface RateLimitCounterTable {
  bucket: string;
  window_start: InstantText;
  hits: number;
}

export interface IdempotencyRecordTable {
  scope: string;
  idempotency_key: string;
  request_hash: string;
  status_code: number;
  response_body: unknown;
  created_at: InstantText;
}

export type AuditActorType = 'user' | 'api_token' | 'system' | 'anonymous';
export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface AuditEventTable {
  id: Generated<string>;
  occurred_at: InstantText;
  actor_type: AuditActorType;
  actor_id: string | null;
  actor_roles: Defaulted<string[]>;
  action: string;
  subject_type: string;
  subject_id: string | null;
  outcome: Defaulted<AuditOutcome>;
  request_id: string | null;
  purpose: string | null;
  details: Defaulted<Record<string, unknown>>;
  personal_details: Record<string, unknown> | null;
  /** Generated from personal_details (migration 0022): hashes of its values and words, for erasure lookups. */
  mentions: ColumnType<string[] | null, never, never>;
  chain_seq: string | null;
  prev_hash: string | null;
  hash: string | null;
  sealed_at: InstantText | null;
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'dead';

export interface JobTable {
  id: SerialId;
  kind: string;
  payload: Defaulted<Record<string, unknown>>;
  status: Defaulted<JobStatus>;
  run_at: InstantText;
  attempts: Defaulted<number>;
  max_attempts: Defaulted<number>;
  last_error: string | null;
  dedupe_key: string | null;
  locked_by: string | null;
  locked_until: InstantText | null;
  created_at: InstantText;
  updated_at: InstantText;
  finished_at: InstantText | null;
}

export type ProductVersionStatus = 'draft' | 'active' | 'retired';
export type RateTableStatus = 'draft' | 'active';

/** A product (migrations/0003_products.sql); its terms live in versions, its prices in rate tables. */
export interface ProductTable {
  id: string;
  code: string;
  name: string;
  currency: 'USD' | 'EUR';
  country: string;
  created_at: InstantText;
}

export interface ProductVersionTable {
  id: string;
  product_id: string;
  version: number;
  /** 'YYYY-MM-DD' */
  effective_from: string;
  status: ProductVersionStatus;
  broadening: Defaulted<boolean>;
  /** 'YYYY-MM-DD' */
  adopted_on: string | null;
  /** The product definition (modules/products/domain/product-definition.ts), validated on read. */
  definition: unknown;
  created_at: InstantText;
}

export interface RateTableTable {
  id: string;
  product_id: string;
  name: string;
  version: number;
  /** 'YYYY-MM-DD'; null while a draft. */
  effective_from: string | null;
  status: RateTableStatus;
  uploaded_by: string;
  source_sha256: string;
  created_at: InstantText;
  activated_by: string | null;
  activated_at: InstantText | null;
}

export interface RateTableRowTable {
  rate_table_id: string;
  key: string;
  /** numeric, as a decimal string */
  value: string;
}

export type ApplicationStatus = 'quoted' | 'referred' | 'approved' | 'declined' | 'bound';
export type PolicyStatus = 'in_force' | 'cancelled' | 'expired' | 'void';
export type PolicyTransactionKind =
  | 'issue'
  | 'cancellation'
  | 'new_purchase'
  | 'endorsement'
  | 'reinstatement'
  | 'void'
  | 'assignment'
  | 'renewal'
  | 'total_loss';

/** An application for a policy (migrations/0004_policies.sql); jsonb columns are validated by the policies module. */
export interface ApplicationTable {
  id: string;
  product_version_id: string;
  applicant_user_id: string;
  agent_user_id: string | null;
  status: ApplicationStatus;
  named_insureds: unknown;
  other_insureds: unknown;
  mailing_address: unknown;
  time_zone: string;
  /** numeric, as a decimal string */
  deductible: string;
  loss_payee: unknown;
  items: unknown;
  worksheet: unknown;
  premium: string;
  currency: 'USD' | 'EUR';
  referral_reasons: Defaulted<unknown>;
  /** PRV-IP-1 */
  submitted_ip: string | null;
  submitted_at: InstantText;
  user_agent: string | null;
  decision: unknown;
  created_at: InstantText;
}

export interface PolicyTable {
  id: string;
  policy_number: string;
  application_id: string;
  holder_user_id: string;
  agent_user_id: string | null;
  product_version_id: string;
  /** 'YYYY-MM-DD' */
  first_day: string;
  /** 'YYYY-MM-DD' */
  last_day: string;
  time_zone: string;
  status: PolicyStatus;
  premium: string;
  currency: 'USD' | 'EUR';
  issued_at: InstantText;
}

/**
 * Columns of `policy` added by migrations/0010_renewal.sql (JPF-COND-7), kept apart from PolicyTable while the
 * policies repository reads rows typed as Selectable<PolicyTable> from a fixed column list: the renewal
 * repository reads and writes them with SQL of its own. term_no: the term (1 for the first; a renewal is the
 * next term, same policy number); renewal_of: the term this one renews, null for a first term.
 */
export interface PolicyTermColumns {
  term_no: Defaulted<number>;
  renewal_of: Defaulted<string | null>;
}

export interface ScheduledItemTable {
  policy_id: string;
  item_no: number;
  description: string;
  category: string;
  coverage_amount: string;
  set_id: string | null;
  possessor: string | null;
  /** 'YYYY-MM-DD' */
  appraisal_date: string | null;
  kept_in_safe: boolean;
  /** 'YYYY-MM-DD'; JPF-ADD-1: a newly purchased item is covered from this date (migrations/0008_new_purchases.sql). */
  purchase_date: Defaulted<string | null>;
  /** The 'new_purchase' policy transaction that added the item; null for items on the schedule from issue. */
  added_by_transaction: Defaulted<string | null>;
  /** The item's premium for a whole term, as rated (migrations/0009_policy_timeline.sql). */
  annual_premium: string;
  /** 'YYYY-MM-DD', the first day without cover after a removal; null while on the schedule. */
  removed_on: Defaulted<string | null>;
  /** JPF-COND-9: the selling or approved jeweler who appraised the item. */
  appraised_by: Defaulted<string | null>;
}

export interface PolicyTransactionTable {
  id: string;
  policy_id: string;
  kind: PolicyTransactionKind;
  /** 'YYYY-MM-DD' */
  effective_date: string;
  recorded_at: InstantText;
  premium_change: string;
  currency: 'USD' | 'EUR';
  details: Defaulted<Record<string, unknown>>;
  /** The schedule changes the transaction makes (migrations/0009_policy_timeline.sql). */
  item_changes: Defaulted<unknown>;
  /** The reinstatement that reversed this cancellation. */
  reversed_by: Defaulted<string | null>;
  /** The order the policy's transactions were recorded in (1, 2, …). */
  sequence_no: number;
}

/** JPF-COND-9: a written request to change the schedule (migrations/0009_policy_timeline.sql). */
export interface EndorsementRequestTable {
  id: string;
  policy_id: string;
  requested_by: string;
  /** 'YYYY-MM-DD': the postmark or submission date. */
  effective_date: string;
  received_via: 'portal' | 'api' | 'mail';
  changes: unknown;
  named_insureds: Defaulted<unknown>;
  status: 'pending' | 'executed' | 'withdrawn';
  created_at: InstantText;
  executed_at: InstantText | null;
  policy_transaction_id: string | null;
}

/** JPF-CANCEL-1: an insured's cancellation request (migrations/0006_cancellation.sql). */
export interface CancellationRequestTable {
  id: string;
  policy_id: string;
  requested_by: string;
  /** 'YYYY-MM-DD', the first day without cover */
  effective_date: string;
  named_insureds: unknown;
  status: 'pending' | 'executed';
  created_at: InstantText;
  executed_at: InstantText | null;
  policy_transaction_id: string | null;
}

/** A named insured's signature on a cancellation request: in the portal, or on paper recorded by staff. */
export interface PolicySignatureTable {
  id: string;
  /** A cancellation request, or else an endorsement request (exactly one of the two). */
  request_id: string | null;
  endorsement_request_id: Defaulted<string | null>;
  named_insured: string;
  signed_at: InstantText;
  method: 'portal' | 'paper' | 'emailed_link';
  recorded_by: string;
}

/** 0021: a one-time link mailed to a named insured to sign a pending request (JPF-COND-9, JPF-CANCEL-1). */
export interface SigningInvitationTable {
  id: string;
  policy_id: string;
  cancellation_request_id: string | null;
  endorsement_request_id: string | null;
  named_insured: string;
  email: string;
  token_hash: string;
  invited_by: string;
  created_at: InstantText;
  expires_at: InstantText;
  used_at: InstantText | null;
  signature_id: string | null;
  revoked_at: InstantText | null;
}

export type InvoiceKind = 'premium' | 'endorsement' | 'renewal';
export type InvoiceStatus = 'open' | 'paid' | 'cancelled';
export type PaymentSource = 'manual' | 'bank_statement';
export type RefundStatus = 'payable' | 'paid' | 'cancelled';

/** Billing (migrations/0005_billing.sql): one account per holder and currency. */
export interface BillingAccountTable {
  id: string;
  holder_user_id: string;
  currency: 'USD' | 'EUR';
  created_at: InstantText;
}

export interface InvoiceTable {
  id: string;
  account_id: string;
  /** The policies module's policy id; no foreign key, so billing does not depend on its tables. */
  policy_id: string;
  policy_number: string;
  kind: InvoiceKind;
  /** numeric, as a decimal string */
  amount: string;
  currency: 'USD' | 'EUR';
  /** 'YYYY-MM-DD' */
  issued_on: string;
  /** 'YYYY-MM-DD' */
  due_on: string;
  structured_reference: string;
  status: InvoiceStatus;
  created_at: InstantText;
  /** Set when the invoice was cancelled (migrations/0011_staff_actions.sql). */
  cancelled_at: Defaulted<InstantText | null>;
  cancellation_reason: Defaulted<string | null>;
}

export interface PaymentTable {
  id: string;
  account_id: string;
  /** numeric, as a decimal string */
  amount: string;
  currency: 'USD' | 'EUR';
  /** 'YYYY-MM-DD' */
  received_on: string;
  method: 'bank_transfer';
  reference: string;
  source: PaymentSource;
  bank_transaction_id: string | null;
  recorded_by: string;
  created_at: InstantText;
}

export interface PaymentAllocationTable {
  payment_id: string;
  invoice_id: string;
  /** numeric, as a decimal string */
  amount: string;
}

export interface RefundTable {
  id: string;
  account_id: string;
  policy_id: string;
  policy_number: string;
  /** numeric, as a decimal string */
  amount: string;
  currency: 'USD' | 'EUR';
  reason: string;
  status: RefundStatus;
  created_at: InstantText;
  /** 'YYYY-MM-DD' */
  paid_on: string | null;
  paid_reference: string | null;
  paid_by: string | null;
  /** Set when a refund not yet paid was cancelled, e.g. by a reinstatement (migrations/0011_staff_actions.sql). */
  cancelled_at: Defaulted<InstantText | null>;
  cancellation_reason: Defaulted<string | null>;
}

/** JPF-COND-1: a request to assign a policy, valid only with the insurer's written consent (migrations/0011_staff_actions.sql). */
export interface AssignmentRequestTable {
  id: string;
  policy_id: string;
  from_user_id: string;
  to_user_id: string;
  requested_by: string;
  note: string | null;
  status: 'pending' | 'approved' | 'refused';
  created_at: InstantText;
  decided_by: string | null;
  decided_at: InstantText | null;
  /** 'YYYY-MM-DD': the date of the insurer's written consent. */
  consent_date: string | null;
  consent_reference: string | null;
  refusal_reason: string | null;
  policy_transaction_id: string | null;
}

// 0007_documents: generated documents, their bytes stored once per content hash.
export type DocumentKind = 'declarations' | 'policy_change' | 'cancellation_notice'; // 0014: a document per policy transaction (JPF-COND-6)

export interface DocumentContentTable {
  sha256: string;
  content: Uint8Array;
  byte_size: number;
  created_at: InstantText;
}

export interface DocumentTable {
  id: string;
  policy_id: string;
  kind: DocumentKind;
  locale: Locale;
  sha256: string;
  byte_size: number;
  created_at: InstantText;
  /** 0014: the policy transaction the document is the written record of (JPF-COND-6); null for the declarations page. */
  policy_transaction_id: Defaulted<string | null>;
}

// 0012_stored_files: uploaded appraisals and receipts, their bytes in the database (decision 0008).
export type StoredFilePurpose = 'appraisal' | 'receipt' | 'other' | 'claim_photo' | 'claim_document' | 'police_report';
export type StoredFileType = 'application/pdf' | 'image/jpeg' | 'image/png';

export interface StoredFileTable {
  id: string;
  owner_user_id: string;
  uploaded_by: string;
  purpose: StoredFilePurpose;
  declared_content_type: string | null;
  /** What the bytes are, by their magic number. */
  sniffed_content_type: StoredFileType;
  byte_size: number;
  sha256: string;
  content: Uint8Array;
  linked_type: 'application' | 'policy' | 'claim' | null;
  linked_id: string | null;
  linked_item_index: number | null;
  linked_at: InstantText | null;
  created_at: InstantText;
}

// 0010_renewal: renewal offers (JPF-COND-7), the runs that make them, and the offer lead per product.
export interface RenewalSettingTable {
  product_id: string;
  offer_days_before: number;
  updated_at: InstantText;
}

export type RenewalRunStatus = 'running' | 'completed';
export type RenewalRunPhase = 'offer' | 'settle' | 'done';

export interface RenewalRunTable {
  id: string;
  trigger: 'schedule' | 'manual';
  started_by: string;
  as_of: InstantText;
  status: RenewalRunStatus;
  phase: RenewalRunPhase;
  /** 'YYYY-MM-DD' */
  cursor_date: string | null;
  cursor_id: string | null;
  batches: Defaulted<number>;
  processed: Defaulted<number>;
  offered: Defaulted<number>;
  skipped: Defaulted<number>;
  failed: Defaulted<number>;
  renewed: Defaulted<number>;
  lapsed: Defaulted<number>;
  withdrawn: Defaulted<number>;
  started_at: InstantText;
  updated_at: InstantText;
  finished_at: InstantText | null;
}

export type RenewalOfferStatus = 'offered' | 'accepted' | 'lapsed' | 'withdrawn';

export interface RenewalOfferTable {
  id: string;
  policy_id: string;
  run_id: string;
  product_version_id: string;
  /** 'YYYY-MM-DD' */
  offer_date: string;
  anniversary: string;
  renewal_first_day: string;
  renewal_last_day: string;
  /** numeric, as a decimal string */
  premium: string;
  currency: 'USD' | 'EUR';
  worksheet: unknown;
  item_changes: unknown;
  invoice_id: string | null;
  status: RenewalOfferStatus;
  renewed_policy_id: string | null;
  created_at: InstantText;
  decided_at: InstantText | null;
}

export interface RenewalFailureTable {
  run_id: string;
  policy_id: string;
  problems: unknown;
  created_at: InstantText;
}

// 0016_privacy_requests: privacy requests, their one-time codes and automated-decision review tasks (issue #5).
export interface PrivacyRequestTable {
  id: string;
  type: string;
  status: string;
  channel: string;
  jurisdiction: string;
  subject_user_id: string | null;
  requester_name: string;
  requester_email: string;
  details: Defaulted<string>;
  third_party_recipient: string | null;
  agent_name: string | null;
  agent_authorisation_file_id: string | null;
  verification_method: string | null;
  verified_at: InstantText | null;
  verified_by: string | null;
  received_on: string;
  deadline_rule: string;
  due_on: string;
  extended_due_on: string | null;
  extension_reason: string | null;
  extended_at: InstantText | null;
  outcome_summary: string | null;
  rejection_reason: string | null;
  closed_at: InstantText | null;
  closed_by: string | null;
  entered_by: string | null;
  created_at: InstantText;
  updated_at: InstantText;
}

export interface PrivacyRequestCodeTable {
  request_id: string;
  code_hash: string;
  created_at: InstantText;
  expires_at: InstantText;
  failed_attempts: Defaulted<number>;
  used_at: InstantText | null;
}

export interface PrivacyReviewTaskTable {
  id: string;
  request_id: string;
  status: string;
  created_at: InstantText;
  reviewed_at: InstantText | null;
  reviewed_by: string | null;
  review_outcome: string | null;
}

// Issue #5, consent, cookies and marketing (migration 0015).
export interface PrivacyNoticeVersionTable {
  version: number;
  /** 'YYYY-MM-DD' */
  published_on: string;
  summary_en: string;
  summary_nl: string;
  changes_en: string;
  changes_nl: string;
  created_at: Defaulted<InstantText>;
}

export type CookieConsentMethod = 'accept_all' | 'refuse_all' | 'custom' | 'gpc';

export interface CookieConsentTable {
  id: string;
  consent_id: string;
  notice_version: number;
  analytics: boolean;
  advertising: boolean;
  method: CookieConsentMethod;
  gpc: boolean;
  user_id: string | null;
  masked_ip: string | null;
  user_agent: string | null;
  recorded_at: InstantText;
}

export interface PageViewCountTable {
  /** 'YYYY-MM-DD' */
  day: string;
  path: string;
  /** int8, as a decimal string */
  views: ColumnType<string, number, string>;
}

export type ConsentPurpose = 'marketing_email' | 'satisfaction_survey';
// 'privacy_request': applied by a privacy officer completing the person's verified request (PRV-CONTACT-1).
export type ConsentSource = 'portal' | 'api' | 'unsubscribe_link' | 'privacy_request';

export interface ConsentRecordTable {
  id: string;
  user_id: string;
  purpose: ConsentPurpose;
  notice_version: number;
  source: ConsentSource;
  given_at: InstantText;
  withdrawn_at: InstantText | null;
  withdrawn_source: ConsentSource | null;
}

export type SuppressionReason = 'opted_out' | 'objected' | 'unsubscribed';

export interface MarketingSuppressionTable {
  id: string;
  user_id: string;
  reason: SuppressionReason;
  source: ConsentSource;
  recorded_at: InstantText;
  lifted_at: InstantText | null;
}

export interface DatabaseSchema
  extends ClaimsSchema,
    ClaimsSettlementSchema,
    ClaimsProofOfLossSchema,
    ClaimsFnolSchema,
    ClaimsRecoverySchema,
    ClaimsDutiesSchema,
    ClaimsPaymentsSchema,
    ClaimsCoverageSchema {
  instance_setting: InstanceSettingTable;
  app_user: AppUserTable;
  user_role: UserRoleTable;
  user_session: UserSessionTable;
  email_token: EmailTokenTable;
  api_token: ApiTokenTable;
  rate_limit_counter: RateLimitCounterTable;
  idempotency_record: IdempotencyRecordTable;
  audit_event: AuditEventTable;
  job: JobTable;
  product: ProductTable;
  product_version: ProductVersionTable;
  rate_table: RateTableTable;
  rate_table_row: RateTableRowTable;
  billing_account: BillingAccountTable;
  invoice: InvoiceTable;
  payment: PaymentTable;
  payment_allocation: PaymentAllocationTable;
  refund: RefundTable;
  application: ApplicationTable;
  policy: PolicyTable;
  scheduled_item: ScheduledItemTable;
  policy_transaction: PolicyTransactionTable;
  document_content: DocumentContentTable;
  document: DocumentTable;
  cancellation_request: CancellationRequestTable;
  policy_signature: PolicySignatureTable;
  signing_invitation: SigningInvitationTable;
  endorsement_request: EndorsementRequestTable;
  assignment_request: AssignmentRequestTable;
  stored_file: StoredFileTable;
  renewal_setting: RenewalSettingTable;
  renewal_run: RenewalRunTable;
  renewal_offer: RenewalOfferTable;
  renewal_failure: RenewalFailureTable;
  privacy_request: PrivacyRequestTable;
  privacy_request_code: PrivacyRequestCodeTable;
  privacy_review_task: PrivacyReviewTaskTable;
  privacy_notice_version: PrivacyNoticeVersionTable;
  cookie_consent: CookieConsentTable;
  page_view_count: PageViewCountTable;
  consent_record: ConsentRecordTable;
  marketing_suppression: MarketingSuppressionTable;
  processing_restriction: ProcessingRestrictionTable;
  access_package: AccessPackageTable;
  portability_delivery: PortabilityDeliveryTable;
  data_key: DataKeyTable;
  call_recording: CallRecordingTable;
  insured_birth_date: InsuredBirthDateTable;
  guardian_consent: GuardianConsentTable;
  inbound_message: InboundMessageTable;
  contact_correction: ContactCorrectionTable;
  erasure_record: ErasureRecordTable;
  // 0020_disclosures (issue #5).
  privacy_recipient: PrivacyRecipientTable;
  processor_agreement: ProcessorAgreementTable;
  disclosure: DisclosureTable;
  partner_authorisation: PartnerAuthorisationTable;
  incident: IncidentTable;
  survey: SurveyTable;
  survey_invitation: SurveyInvitationTable;
  survey_token: SurveyTokenTable;
  survey_answer: SurveyAnswerTable;
  deidentified_export: DeidentifiedExportTable;
  // 0018_legal_holds (issue #5, PRV-RET-1).
  legal_hold: LegalHoldTable;
}

// 0018_legal_holds: a privacy officer's hold on a person or a policy stops retention purges and erasure.
export type LegalHoldSubjectType = 'app_user' | 'policy';
export interface LegalHoldTable {
  id: string;
  subject_type: LegalHoldSubjectType;
  subject_id: string;
  reason: string;
  placed_by: string;
  placed_at: InstantText;
  released_by: string | null;
  released_at: InstantText | null;
  release_reason: string | null;
}

// 0019_privacy_fulfilment: restriction, access packages, portability, corrections, erasure (issue #5).
export interface ProcessingRestrictionTable {
  id: string;
  user_id: string;
  reason: string;
  privacy_request_id: string | null;
  started_at: InstantText;
  started_by: string;
  lifted_at: InstantText | null;
  lifted_by: string | null;
  lift_reason: string | null;
}

export interface AccessPackageTable {
  id: string;
  user_id: string;
  purpose: 'access' | 'portability';
  privacy_request_id: string | null;
  status: 'preparing' | 'ready';
  sealed_password: string | null;
  password_shown_at: InstantText | null;
  content: Uint8Array | null;
  sha256: string | null;
  byte_size: number | null;
  created_at: InstantText;
  ready_at: InstantText | null;
  expires_at: InstantText;
  downloads: Defaulted<number>;
  last_downloaded_at: InstantText | null;
}

export interface PortabilityDeliveryTable {
  id: string;
  access_package_id: string;
  recipient_name: string;
  recipient_email: string;
  token_hash: string;
  created_at: InstantText;
  expires_at: InstantText;
  downloaded_at: InstantText | null;
}

export interface ContactCorrectionTable {
  id: string;
  user_id: string;
  requested_by: string;
  changes: unknown;
  note: string | null;
  status: 'pending' | 'applied' | 'rejected';
  created_at: InstantText;
  decided_at: InstantText | null;
  decided_by: string | null;
  decision_reason: string | null;
}

export interface ErasureRecordTable {
  id: string;
  user_id: string;
  privacy_request_id: string | null;
  performed_at: InstantText;
  performed_by: string;
  erased: unknown;
  kept: unknown;
}

// 0017_field_encryption (issue #5): PRV-SEC-1 data keys; PRV-REC-1 call recordings; PRV-CHILD-1 intake records.
// Columns commented "encrypted" hold `v1:<data key id>:…` (src/platform/crypto/field-encryption.ts).
export interface DataKeyTable {
  id: string;
  master_key_id: string;
  wrapped_key: string | null;
  status: 'active' | 'retired' | 'destroyed';
  created_at: InstantText;
  retired_at: InstantText | null;
  destroyed_at: InstantText | null;
}

export interface CallRecordingTable {
  id: string;
  caller_user_id: string | null;
  /** encrypted */
  caller_phone: string;
  caller_phone_index: string;
  staff_user_id: string | null;
  purpose: 'training' | 'verify_agreement';
  recorded_at: InstantText;
  duration_seconds: number;
  media_type: string;
  /** encrypted */
  recording: string;
  registered_by: string;
  created_at: InstantText;
}

export interface InsuredBirthDateTable {
  id: string;
  application_id: string;
  insured_no: number;
  subject_user_id: string;
  /** encrypted */
  date_of_birth: string;
  created_at: InstantText;
}

export interface GuardianConsentTable {
  id: string;
  application_id: string;
  insured_no: number;
  subject_user_id: string;
  guardian_name: string;
  relation: 'parent' | 'legal_guardian';
  method: 'written' | 'electronic' | 'in_person' | 'phone';
  consented_at: InstantText;
  recorded_by: string;
  created_at: InstantText;
}

export interface InboundMessageTable {
  id: string;
  channel: 'email' | 'web_form' | 'mail' | 'phone';
  sender_user_id: string | null;
  sender_name: string | null;
  sender_contact: string | null;
  subject: string | null;
  body: string;
  received_at: InstantText;
  registered_by: string;
  created_at: InstantText;
}

// 0020_disclosures: recipients, processor agreements, disclosures, partner authorisations, incidents,
// surveys and de-identified exports (issue #5: PRV-DISC-1/3, PRV-PROC-1, PRV-FRAUD-1, PRV-SURVEY-1, PRV-DEID-1).
export interface PrivacyRecipientTable {
  id: string;
  name: string;
  recipient_type: string;
  description: string | null;
  contact_email: string | null;
  user_id: string | null;
  created_at: InstantText;
  created_by: string | null;
  retired_at: InstantText | null;
}

export interface ProcessorAgreementTable {
  id: string;
  recipient_id: string;
  reference: string;
  /** 'YYYY-MM-DD' */
  signed_on: string;
  /** 'YYYY-MM-DD', the last day covered; null: open-ended. */
  ends_on: string | null;
  created_at: InstantText;
  created_by: string | null;
}

export interface DisclosureTable {
  id: string;
  recipient_id: string;
  subject_user_id: string;
  categories: string[];
  basis: string;
  purpose: string;
  reference_type: string | null;
  reference_id: string | null;
  disclosed_at: InstantText;
  recorded_by_type: string;
  recorded_by: string | null;
}

export interface PartnerAuthorisationTable {
  id: string;
  customer_user_id: string;
  recipient_id: string;
  granted_at: InstantText;
  revoked_at: InstantText | null;
}

export interface IncidentTable {
  id: string;
  kind: 'non_payment' | 'suspected_fraud';
  subject_user_id: string | null;
  policy_id: string | null;
  summary: string;
  status: 'open' | 'closed';
  created_at: InstantText;
  created_by: string;
  closed_at: InstantText | null;
  closed_by: string | null;
  closing_note: string | null;
}

export interface SurveyTable {
  id: string;
  title: string;
  questions: string[];
  created_at: InstantText;
  created_by: string | null;
}

export interface SurveyInvitationTable {
  id: string;
  survey_id: string;
  user_id: string;
  sent_at: InstantText;
}

export interface SurveyTokenTable {
  token_hash: string;
  survey_id: string;
  expires_at: InstantText;
  used: Defaulted<boolean>;
}

export interface SurveyAnswerTable {
  id: string;
  survey_id: string;
  ratings: Record<string, number>;
}

export interface DeidentifiedExportTable {
  id: string;
  dataset: 'policy_items';
  exported_at: InstantText;
  exported_by: string;
  row_count: number;
  suppressed_count: number;
  min_cell_size: number;
  sha256: string;
}
