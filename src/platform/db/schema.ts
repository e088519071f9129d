import type { ColumnType, Generated } from 'kysely';

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

export interface DatabaseSchema {
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
}
