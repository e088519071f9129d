/**
 * How a row belongs to a person (PRV-RIGHT-1, PRV-RIGHT-3). The data map names, per table, the column that
 * holds the person's app_user id (subjectColumn). Rows without one are reached through what the person owns:
 * the policies, applications, billing accounts, documents and files. Each link says: the rows of `table`
 * whose `column` equals `parentColumn` of a reached row of `parent`.
 */
export type Link = { table: string; column: string; parent: string; parentColumn: string };

export const LINKS: readonly Link[] = [
  // After an assignment (JPF-COND-1) the holder's policy carries the application it was bound from.
  { table: 'application', column: 'id', parent: 'policy', parentColumn: 'application_id' },
  { table: 'scheduled_item', column: 'policy_id', parent: 'policy', parentColumn: 'id' },
  { table: 'policy_transaction', column: 'policy_id', parent: 'policy', parentColumn: 'id' },
  { table: 'cancellation_request', column: 'policy_id', parent: 'policy', parentColumn: 'id' },
  { table: 'endorsement_request', column: 'policy_id', parent: 'policy', parentColumn: 'id' },
  { table: 'assignment_request', column: 'policy_id', parent: 'policy', parentColumn: 'id' },
  { table: 'assignment_request', column: 'to_user_id', parent: 'app_user', parentColumn: 'id' },
  { table: 'renewal_offer', column: 'policy_id', parent: 'policy', parentColumn: 'id' },
  { table: 'renewal_failure', column: 'policy_id', parent: 'policy', parentColumn: 'id' },
  { table: 'policy_signature', column: 'request_id', parent: 'cancellation_request', parentColumn: 'id' },
  { table: 'policy_signature', column: 'endorsement_request_id', parent: 'endorsement_request', parentColumn: 'id' },
  { table: 'document', column: 'policy_id', parent: 'policy', parentColumn: 'id' },
  { table: 'document_content', column: 'sha256', parent: 'document', parentColumn: 'sha256' },
  { table: 'stored_file', column: 'linked_id', parent: 'policy', parentColumn: 'id' },
  { table: 'stored_file', column: 'linked_id', parent: 'application', parentColumn: 'id' },
  { table: 'billing_account', column: 'holder_user_id', parent: 'app_user', parentColumn: 'id' },
  { table: 'invoice', column: 'account_id', parent: 'billing_account', parentColumn: 'id' },
  { table: 'payment', column: 'account_id', parent: 'billing_account', parentColumn: 'id' },
  { table: 'refund', column: 'account_id', parent: 'billing_account', parentColumn: 'id' },
  { table: 'payment_allocation', column: 'payment_id', parent: 'payment', parentColumn: 'id' },
  { table: 'portability_delivery', column: 'access_package_id', parent: 'access_package', parentColumn: 'id' },
  // Issue #4 claims: a claim is the holder's (subject column) and belongs to its policy (retention of policy
  // records); the claim's own records follow the claim.
  { table: 'claim', column: 'policy_id', parent: 'policy', parentColumn: 'id' },
  { table: 'claim_item', column: 'claim_id', parent: 'claim', parentColumn: 'id' },
  { table: 'claim_diary_entry', column: 'claim_id', parent: 'claim', parentColumn: 'id' },
  { table: 'claim_duty_request', column: 'claim_id', parent: 'claim', parentColumn: 'id' },
  { table: 'claim_duty_request_file', column: 'request_id', parent: 'claim_duty_request', parentColumn: 'id' },
  { table: 'claim_duty_record', column: 'claim_id', parent: 'claim', parentColumn: 'id' },
  { table: 'settlement_worksheet', column: 'claim_id', parent: 'claim', parentColumn: 'id' },
  { table: 'claim_coverage_decision', column: 'claim_id', parent: 'claim', parentColumn: 'id' },
  { table: 'claim_coverage_review_request', column: 'claim_id', parent: 'claim', parentColumn: 'id' },
  { table: 'claim_coverage_letter', column: 'claim_id', parent: 'claim', parentColumn: 'id' },
  { table: 'document_content', column: 'sha256', parent: 'claim_coverage_letter', parentColumn: 'sha256' },
  { table: 'claim_first_notice', column: 'claim_id', parent: 'claim', parentColumn: 'id' },
  { table: 'proof_of_loss_oath_request', column: 'claim_id', parent: 'claim', parentColumn: 'id' },
  { table: 'proof_of_loss', column: 'claim_id', parent: 'claim', parentColumn: 'id' },
  { table: 'claim_subrogation', column: 'claim_id', parent: 'claim', parentColumn: 'id' },
  { table: 'claim_recovery', column: 'claim_id', parent: 'claim', parentColumn: 'id' },
  { table: 'appraisal_dispute', column: 'claim_id', parent: 'claim', parentColumn: 'id' },
  { table: 'proof_of_loss_line', column: 'proof_id', parent: 'proof_of_loss', parentColumn: 'id' },
  { table: 'proof_of_loss_file', column: 'proof_id', parent: 'proof_of_loss', parentColumn: 'id' },
  { table: 'stored_file', column: 'linked_id', parent: 'claim', parentColumn: 'id' },
  { table: 'audit_event', column: 'subject_id', parent: 'claim', parentColumn: 'id' },
  // Events about the person, and about their applications and policies (e.g. PRV-IP-1 evidence of an agent's application).
  { table: 'audit_event', column: 'subject_id', parent: 'app_user', parentColumn: 'id' },
  { table: 'audit_event', column: 'subject_id', parent: 'application', parentColumn: 'id' },
  { table: 'audit_event', column: 'subject_id', parent: 'policy', parentColumn: 'id' },
];

/** A reached row: its values, and the database's own address of it (ctid) so erasure can change exactly it. */
export type ReachedRow = { rowRef: string; values: Record<string, unknown> };
export type Reached = Map<string, ReachedRow[]>;

/**
 * The policies (by id) each reached row is tied to, following the same links downward from policy rows, so
 * that erasure can apply "kept while the policy lives and 7 years after" (PRV-RIGHT-3) to each row.
 */
export function policyTies(reached: Reached): Map<string, Set<string>> {
  const seeds: [string, ReachedRow, string[]][] = [];
  for (const row of reached.get('policy') ?? []) seeds.push(['policy', row, [String(row.values.id)]]);
  // Invoices and refunds name their policy themselves (billing keeps no foreign key to policies).
  for (const table of ['invoice', 'refund']) for (const row of reached.get(table) ?? []) seeds.push([table, row, [String(row.values.policy_id)]]);
  return tiesFrom(reached, seeds);
}

/** Claim statuses in which a claim is still being handled (issue #4): its records stay on erasure. */
export const OPEN_CLAIM_STATUSES: ReadonlySet<string> = new Set(['reported', 'needs_information', 'covered']);

/**
 * Issue #4, PRV-RIGHT-3: the open claims (by id) each reached row belongs to — the claim rows themselves and the
 * rows linked below them (items, diary, worksheets, files, …) — so erasure keeps what an open claim needs.
 */
export function openClaimTies(reached: Reached): Map<string, Set<string>> {
  const seeds: [string, ReachedRow, string[]][] = [];
  const claimsOfPolicy = new Map<string, string[]>();
  for (const row of reached.get('claim') ?? []) {
    if (!OPEN_CLAIM_STATUSES.has(String(row.values.status))) continue;
    seeds.push(['claim', row, [String(row.values.id)]]);
    const policyId = String(row.values.policy_id);
    claimsOfPolicy.set(policyId, [...(claimsOfPolicy.get(policyId) ?? []), String(row.values.id)]);
  }
  // The policy an open claim is made under (its schedule, insureds, loss payee) is needed to settle it.
  for (const row of reached.get('policy') ?? []) {
    const claimIds = claimsOfPolicy.get(String(row.values.id));
    if (claimIds) seeds.push(['policy', row, claimIds]);
  }
  return tiesFrom(reached, seeds);
}

/** Ties seeded rows to ids and carries the ties down the LINKS (never up to the person or into audit events). */
function tiesFrom(reached: Reached, seeds: readonly [string, ReachedRow, string[]][]): Map<string, Set<string>> {
  const ties = new Map<string, Set<string>>();
  const key = (table: string, row: ReachedRow) => `${table}:${row.rowRef}`;
  const tie = (table: string, row: ReachedRow, policyIds: Iterable<string>): boolean => {
    const k = key(table, row);
    const set = ties.get(k) ?? new Set<string>();
    const before = set.size;
    for (const id of policyIds) set.add(id);
    ties.set(k, set);
    return set.size > before;
  };
  for (const [table, row, ids] of seeds) tie(table, row, ids);
  for (let changed = true; changed; ) {
    changed = false;
    for (const link of LINKS) {
      if (link.parent === 'app_user' || link.table === 'audit_event') continue;
      for (const parent of reached.get(link.parent) ?? []) {
        const parentTies = ties.get(key(link.parent, parent));
        if (!parentTies || parentTies.size === 0) continue;
        const value = parent.values[link.parentColumn];
        if (value === null || value === undefined) continue;
        for (const child of reached.get(link.table) ?? [])
          if (String(child.values[link.column]) === String(value) && tie(link.table, child, parentTies)) changed = true;
      }
    }
  }
  return ties;
}
