/**
 * Retention rules as data (PRV-RET-1, PRV-REC-1): how long a value is kept and what starts the count.
 * The data map names a rule for every personal column; the purge job and the register of processing
 * read the rules from here. Periods are calendar periods: years and months are counted on the calendar
 * (a period that ends on a day the month does not have ends on the month's last day: 29 February + 1
 * year = 28 February), days are calendar days in the insurer's time zone.
 */

/** What starts the count of a retention period. */
export type RetentionTrigger =
  /** The row was recorded (created_at, submitted_at, window start…). */
  | 'recorded'
  /** A session or one-use token stopped working (its expiry). */
  | 'expiry'
  /** A job finished (succeeded or gave up). */
  | 'finished'
  /** The date of an invoice, payment or refund (the financial record's own date). */
  | 'document_date'
  /** The last day of the policy's last term; for an application that never became a policy, its submission. */
  | 'policy_end'
  /** A call was recorded (PRV-REC-1). */
  | 'call_recorded'
  /** Nothing ends it by time: it is kept until the person's erasure is carried out (or the account is closed). */
  | 'erasure'
  /** Kept as long as the audit chain: the chain must verify (accountability); personal parts are erased apart. */
  | 'audit_chain';

export type RetentionPeriod = { years?: number; months?: number; days?: number };

export type RetentionRule = {
  id: string;
  /** null: no period, the trigger alone ends retention (erasure) or nothing does (audit chain). */
  period: RetentionPeriod | null;
  trigger: RetentionTrigger;
  /** Why this long, for the register (PRV-USE-1) and the answer to an access request. */
  basis: string;
};

export const RETENTION_RULES = [
  // PRV-REC-1 / PRV-RET-1: "call recordings at most 180 days".
  {
    id: 'call_recording_180_days',
    period: { days: 180 },
    trigger: 'call_recorded',
    basis: 'Call recordings are kept at most 180 days (training, verifying agreements).',
  },
  // PRV-RET-1: "invoices 7 years" — tax and accounting law; payments and refunds are the same ledger.
  {
    id: 'invoice_7_years',
    period: { years: 7 },
    trigger: 'document_date',
    basis: 'Financial records are kept 7 years from their date (tax and accounting law).',
  },
  {
    id: 'policy_life_plus_7_years',
    period: { years: 7 },
    trigger: 'policy_end',
    basis: 'Policy records and their evidence (PRV-IP-1) are kept while the policy lives and 7 years after its end (claims and limitation periods).',
  },
  {
    id: 'session_30_days',
    period: { days: 30 },
    trigger: 'expiry',
    basis: 'Sessions and one-use links are kept 30 days after they expire (security investigations).',
  },
  { id: 'rate_limit_1_day', period: { days: 1 }, trigger: 'recorded', basis: 'Rate-limit counters are kept one day (security).' },
  {
    id: 'idempotency_30_days',
    period: { days: 30 },
    trigger: 'recorded',
    basis: 'Stored API responses are kept 30 days so a retried request is not applied twice.',
  },
  { id: 'job_90_days', period: { days: 90 }, trigger: 'finished', basis: 'Finished jobs (mail sent, documents made) are kept 90 days for support.' },
  { id: 'until_erasure', period: null, trigger: 'erasure', basis: 'Kept while the account exists; erased on request or when the account is closed.' },
  {
    id: 'audit_chain',
    period: null,
    trigger: 'audit_chain',
    basis: 'The audit log is kept whole so that it can be verified (accountability); its personal parts are erased on request.',
  },
] as const satisfies readonly RetentionRule[];

export type KnownRetentionRuleId = (typeof RETENTION_RULES)[number]['id'];

const BY_ID: ReadonlyMap<string, RetentionRule> = new Map(RETENTION_RULES.map((rule) => [rule.id, rule]));

export function isRetentionRuleId(id: string): id is KnownRetentionRuleId {
  return BY_ID.has(id);
}

export function retentionRule(id: string): RetentionRule {
  const rule = BY_ID.get(id);
  if (!rule) throw new Error(`Unknown retention rule: ${id}`);
  return rule;
}
