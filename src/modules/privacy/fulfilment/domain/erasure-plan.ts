import { createHash } from 'node:crypto';
import { Temporal } from 'temporal-polyfill';
import type { ColumnDeclaration, TableDeclaration } from '../../domain/data-map-types.ts';

/**
 * PRV-RIGHT-3: what erasure does to one row of a person's data, decided from the data map alone. Pure.
 *  - a legal hold keeps the row whole, and erasure of it is refused with the hold's reason;
 *  - a row tied to a policy in force keeps everything but credentials (the contract is being performed);
 *  - otherwise each personal column does what the map says: `keep` while its retention rule still runs
 *    (policy records: the policy's life and 7 years after; invoices: 7 years from their date), then it is deleted;
 *    `delete` and `anonymise` go now. A row whose personal columns all go by `delete` is deleted; any other
 *    row stays with its erased columns emptied (NULL, the column default, or a neutral value).
 */
export type ColumnType = { dataType: string; nullable: boolean; hasDefault: boolean };

export type TiedPolicy = { id: string; status: string; lastDay: string };

export type RowContext = {
  table: TableDeclaration;
  values: Record<string, unknown>;
  columnTypes: Readonly<Record<string, ColumnType>>;
  tiedPolicies: readonly TiedPolicy[];
  /** Issue #4: the row belongs to a claim that is still open (reported, being decided or settled). */
  tiedToOpenClaim?: boolean;
  /** The reason of a legal hold that covers this row, if any. */
  legalHold: string | null;
  today: Temporal.PlainDate;
  userId: string;
  /** The row's address (ctid) in this erasure: makes erased unique values distinct. */
  rowRef: string;
};

/** Why a value was kept, told to the person. */
export type KeptReason = { kind: 'legal_hold'; reason: string } | { kind: 'policy_in_force' } | { kind: 'claim_open' } | { kind: 'basis'; basis: string };

export type RowDecision =
  | { kind: 'delete' }
  | { kind: 'update'; set: Record<string, Replacement>; kept: readonly KeptReason[] }
  | { kind: 'keep'; kept: readonly KeptReason[] };

/** What an erased column becomes: NULL, its default, or a value. */
export type Replacement = { to: 'null' } | { to: 'default' } | { to: 'value'; value: unknown };

export const ERASED_TEXT = 'erased';

export function decideRow(context: RowContext): RowDecision {
  if (context.legalHold !== null) return { kind: 'keep', kept: [{ kind: 'legal_hold', reason: context.legalHold }] };
  const inForce = context.tiedPolicies.some((policy) => policy.status === 'in_force');
  const claimOpen = context.tiedToOpenClaim === true;
  const kept: KeptReason[] = [];
  const set: Record<string, Replacement> = {};
  let allDelete = true;
  let anyPersonal = false;
  for (const [column, declaration] of Object.entries(context.table.columns)) {
    if (!declaration.personal) continue;
    if (!(column in context.values)) continue;
    anyPersonal = true;
    const action = effectiveAction(declaration, context, inForce, claimOpen);
    if (action.kind === 'keep') {
      allDelete = false;
      kept.push(action.reason);
      continue;
    }
    if (action.kind === 'anonymise') allDelete = false;
    const value = context.values[column];
    if (value === null || value === undefined) continue;
    const replacement = replacementFor(context, column, value);
    if (replacement) set[column] = replacement;
    else {
      // A value that cannot be emptied (a NOT NULL id or number) stays; the row itself then has to go.
      allDelete = allDelete && action.kind === 'delete';
    }
  }
  if (anyPersonal && allDelete && context.table.table !== 'app_user') return { kind: 'delete' };
  const unique = dedupeReasons(kept);
  return Object.keys(set).length > 0 ? { kind: 'update', set, kept: unique } : { kind: 'keep', kept: unique };
}

type Effective = { kind: 'keep'; reason: KeptReason } | { kind: 'delete' } | { kind: 'anonymise' };

function effectiveAction(declaration: Extract<ColumnDeclaration, { personal: true }>, context: RowContext, inForce: boolean, claimOpen: boolean): Effective {
  // Credentials serve no contract: they go even while a policy is in force (the account is then closed).
  if (declaration.category !== 'user.authorization.credentials') {
    // PRV-RIGHT-3 with issue #4: an open claim is being handled under the contract (and its limitation periods
    // run): everything it holds stays until it is closed.
    if (claimOpen) return { kind: 'keep', reason: { kind: 'claim_open' } };
    if (inForce) return { kind: 'keep', reason: { kind: 'policy_in_force' } };
  }
  const erasure = declaration.erasure;
  switch (erasure.action) {
    case 'delete':
      return { kind: 'delete' };
    case 'anonymise':
      return { kind: 'anonymise' };
    case 'keep':
      // Once the retention behind the keep is over, the value goes like any other (PRV-RET-1).
      return retentionRuns(declaration.retention, context) ? { kind: 'keep', reason: { kind: 'basis', basis: erasure.basis } } : { kind: 'delete' };
  }
}

/** Whether the retention rule behind a `keep` still runs for this row (PRV-RET-1). */
export function retentionRuns(retention: string, context: RowContext): boolean {
  switch (retention) {
    case 'policy_life_plus_7_years':
      // No policy behind the row (an application never bound): nothing to keep it for.
      return context.tiedPolicies.some(
        (policy) => policy.status === 'in_force' || Temporal.PlainDate.compare(Temporal.PlainDate.from(policy.lastDay).add({ years: 7 }), context.today) >= 0,
      );
    case 'invoice_7_years': {
      const date = rowDate(context.values);
      return date === null || Temporal.PlainDate.compare(date.add({ years: 7 }), context.today) >= 0;
    }
    default:
      return true;
  }
}

function rowDate(values: Record<string, unknown>): Temporal.PlainDate | null {
  for (const column of ['issued_on', 'received_on', 'paid_on', 'created_at']) {
    const value = values[column];
    if (typeof value === 'string' && value.length >= 10) return Temporal.PlainDate.from(value.slice(0, 10));
  }
  return null;
}

function replacementFor(context: RowContext, column: string, value: unknown): Replacement | null {
  const type = context.columnTypes[column];
  if (!type) return null;
  if (type.nullable) return { to: 'null' };
  // The login name must stay unique and well-formed: a meaningless address under a reserved domain (RFC 2606).
  if (context.table.table === 'app_user' && column === 'email') return { to: 'value', value: `erased-${context.userId}@erased.invalid` };
  if (type.hasDefault) return { to: 'default' };
  switch (type.dataType) {
    case 'text':
    case 'character varying':
      // Distinct per value, so unique columns (a policy number) stay unique; derived from nothing personal.
      return {
        to: 'value',
        value: `${ERASED_TEXT}-${createHash('sha256').update(`${context.table.table}.${column}.${context.rowRef}`).digest('hex').slice(0, 10)}`,
      };
    case 'jsonb':
    case 'json':
      return { to: 'value', value: scrubJson(value) };
    case 'ARRAY':
      return { to: 'value', value: [] };
    default:
      return null;
  }
}

const KEEP_STRING =
  /^(-?\d+(\.\d+)?|\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}(:?\d{2})?)?)?|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|USD|EUR)$/i;

/** Keeps the shape (code reading the value still works) and numbers, dates and ids; every other string goes. */
export function scrubJson(value: unknown): unknown {
  if (typeof value === 'string') return KEEP_STRING.test(value) ? value : ERASED_TEXT;
  if (Array.isArray(value)) return value.map(scrubJson);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, scrubJson(inner)]));
  return value;
}

function dedupeReasons(reasons: readonly KeptReason[]): KeptReason[] {
  const seen = new Map<string, KeptReason>();
  for (const reason of reasons) seen.set(JSON.stringify(reason), reason);
  return [...seen.values()];
}
