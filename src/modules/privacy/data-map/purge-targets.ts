import type { KnownRetentionRuleId } from '../domain/retention-rules.ts';

/**
 * How the retention purge (PRV-RET-1) applies the map's rules to a table: which column starts the count
 * (the rule's trigger, for this table), which rows are concerned, and what happens when the period is over:
 * the row is deleted, or its personal columns of that rule are set to null (anonymised). Rows whose person
 * or policy is under a legal hold are skipped. purge-targets.test.ts checks every target against the map:
 * the rule is the one the map declares for the table's personal columns, and anonymised columns are
 * personal columns of that rule.
 *
 * Tables whose rule has no period (until_erasure, audit_chain) are left to erasure. Policy records
 * (policy_life_plus_7_years on bound policies) and billing records (invoice_7_years) end with their
 * policy's whole record set, which the owning modules will purge together; they are not targets yet.
 */
export type PurgeCondition = { column: string; in: readonly string[] } | { column: string; notIn: readonly string[] };

export type PurgeTarget = {
  table: string;
  rule: KnownRetentionRuleId;
  /** Primary key columns: the keyset of the batches and the rows to delete or update. */
  key: readonly string[];
  /** The column whose value starts the count (timestamptz or date). */
  anchor: { column: string; kind: 'instant' | 'date' };
  action: { kind: 'delete' } | { kind: 'anonymise'; columns: readonly string[] };
  where?: readonly PurgeCondition[];
  /** Columns naming the person (app_user id) or policy whose legal hold keeps the row. */
  holds: { userColumns: readonly string[]; policyColumns: readonly string[] };
};

export const PURGE_TARGETS: readonly PurgeTarget[] = [
  {
    // PRV-REC-1 / PRV-RET-1: call recordings are kept at most 180 days from the call.
    table: 'call_recording',
    rule: 'call_recording_180_days',
    key: ['id'],
    anchor: { column: 'recorded_at', kind: 'instant' },
    action: { kind: 'delete' },
    holds: { userColumns: ['caller_user_id'], policyColumns: [] },
  },
  {
    table: 'user_session',
    rule: 'session_30_days',
    key: ['token_hash'],
    anchor: { column: 'expires_at', kind: 'instant' },
    action: { kind: 'delete' },
    holds: { userColumns: ['user_id'], policyColumns: [] },
  },
  {
    table: 'email_token',
    rule: 'session_30_days',
    key: ['token_hash'],
    anchor: { column: 'expires_at', kind: 'instant' },
    action: { kind: 'delete' },
    holds: { userColumns: ['user_id'], policyColumns: [] },
  },
  {
    // JPF-COND-9 / JPF-CANCEL-1: a signing invitation's address and link go 30 days after the link expired.
    table: 'signing_invitation',
    rule: 'session_30_days',
    key: ['id'],
    anchor: { column: 'expires_at', kind: 'instant' },
    action: { kind: 'delete' },
    holds: { userColumns: ['invited_by'], policyColumns: ['policy_id'] },
  },
  {
    table: 'rate_limit_counter',
    rule: 'rate_limit_1_day',
    key: ['bucket', 'window_start'],
    anchor: { column: 'window_start', kind: 'instant' },
    action: { kind: 'delete' },
    holds: { userColumns: [], policyColumns: [] },
  },
  {
    table: 'idempotency_record',
    rule: 'idempotency_30_days',
    key: ['scope', 'idempotency_key'],
    anchor: { column: 'created_at', kind: 'instant' },
    action: { kind: 'delete' },
    holds: { userColumns: [], policyColumns: [] },
  },
  {
    table: 'job',
    rule: 'job_90_days',
    key: ['id'],
    anchor: { column: 'finished_at', kind: 'instant' },
    action: { kind: 'delete' },
    // Queued and running jobs have work to do; only finished ones go.
    where: [{ column: 'status', in: ['succeeded', 'dead'] }],
    holds: { userColumns: [], policyColumns: [] },
  },
  {
    // PRV-IP-1 / PRV-RET-1: an application that never became a policy keeps its evidence 7 years from its
    // submission (the rule's trigger for an unbound application); then the IP address and browser go.
    table: 'application',
    rule: 'policy_life_plus_7_years',
    key: ['id'],
    anchor: { column: 'submitted_at', kind: 'instant' },
    action: { kind: 'anonymise', columns: ['submitted_ip', 'user_agent'] },
    where: [{ column: 'status', notIn: ['bound'] }],
    holds: { userColumns: ['applicant_user_id'], policyColumns: [] },
  },
];
