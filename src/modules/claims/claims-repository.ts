import { sql } from 'kysely';
import { scopeClaims } from '../../platform/auth/access.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import type { ClaimChannel, ClaimItemExtent, ClaimStatus, LossKind } from '../../platform/db/schema-claims.ts';
import { Money } from '../../platform/money.ts';

/**
 * The claim and its items (issue #4, migrations/0024_claims.sql). Every read by an actor goes through
 * scopeClaims: a claim out of reach is not found (404), never forbidden.
 */

export type ClaimItem = {
  lineNo: number;
  /** The scheduled item's number; null for a JPF-ADD-2 newly purchased item not yet reported. */
  itemNo: number | null;
  description: string;
  category: string;
  /** The coverage amount on the loss date; null for a JPF-ADD-2 item. */
  coverageAmount: Money | null;
  setId: string | null;
  newlyPurchased: boolean;
  purchaseDate: string | null;
  purchasePrice: Money | null;
  extent: ClaimItemExtent;
  partDescription: string | null;
};

export type Claim = {
  id: string;
  claimNumber: string;
  policyId: string;
  holderUserId: string;
  agentUserId: string | null;
  jewelerUserId: string | null;
  adjusterUserId: string | null;
  reportedByUserId: string;
  channel: ClaimChannel;
  reporterName: string;
  reporterRelation: string;
  insuredName: string;
  lossKind: LossKind;
  lossDate: string;
  lossTime: string | null;
  lossPlace: string;
  lossCountry: string;
  narrative: string;
  policeReportReference: string | null;
  policeAuthority: string | null;
  protectionConfirmed: boolean;
  noticeDate: string;
  status: ClaimStatus;
  timeZone: string;
  currency: 'USD' | 'EUR';
  reportedAt: string;
  updatedAt: string;
};

export type ClaimWithItems = Claim & { items: ClaimItem[] };

/** The next claim number for a report made in `year`: CL-2027-000042. */
export async function nextClaimNumber(db: Db, year: number): Promise<string> {
  const { rows } = await sql<{ n: string }>`SELECT nextval('claim_number_seq')::text AS n`.execute(db);
  const n = rows[0]?.n;
  if (!n) throw new Error('claim_number_seq returned no value');
  return claimNumberOf(year, n);
}

/** A claim number from the year of report and a value of claim_number_seq. */
export function claimNumberOf(year: number, sequence: string): string {
  return `CL-${year}-${sequence.padStart(6, '0')}`;
}

/** The claim's row as stored; the first notice writes it in its one statement, test support with insertClaim. */
export function claimRow(claim: Omit<Claim, 'status'> & { status?: ClaimStatus }) {
  return {
    id: claim.id,
    claim_number: claim.claimNumber,
    policy_id: claim.policyId,
    holder_user_id: claim.holderUserId,
    agent_user_id: claim.agentUserId,
    jeweler_user_id: claim.jewelerUserId,
    adjuster_user_id: claim.adjusterUserId,
    reported_by_user_id: claim.reportedByUserId,
    channel: claim.channel,
    reporter_name: claim.reporterName,
    reporter_relation: claim.reporterRelation,
    insured_name: claim.insuredName,
    loss_kind: claim.lossKind,
    loss_date: claim.lossDate,
    loss_time: claim.lossTime,
    loss_place: claim.lossPlace,
    loss_country: claim.lossCountry,
    narrative: claim.narrative,
    police_report_reference: claim.policeReportReference,
    police_authority: claim.policeAuthority,
    protection_confirmed: claim.protectionConfirmed,
    notice_date: claim.noticeDate,
    ...(claim.status !== undefined && { status: claim.status }),
    time_zone: claim.timeZone,
    currency: claim.currency,
    reported_at: claim.reportedAt,
    updated_at: claim.updatedAt,
  };
}

/** The claim's item rows as stored, in line order. */
export function claimItemRows(claimId: string, items: readonly ClaimItem[]) {
  return items.map((item) => ({
    claim_id: claimId,
    line_no: item.lineNo,
    item_no: item.itemNo,
    description: item.description,
    category: item.category,
    coverage_amount: item.coverageAmount?.toFixed() ?? null,
    set_id: item.setId,
    newly_purchased: item.newlyPurchased,
    purchase_date: item.purchaseDate,
    purchase_price: item.purchasePrice?.toFixed() ?? null,
    extent: item.extent,
    part_description: item.partDescription,
  }));
}

export async function insertClaim(db: Db, claim: Omit<Claim, 'status'>, items: readonly ClaimItem[]): Promise<void> {
  await db.insertInto('claim').values(claimRow(claim)).execute();
  if (items.length === 0) return;
  await db.insertInto('claim_item').values(claimItemRows(claim.id, items)).execute();
}

const CLAIM_COLUMNS = [
  'claim.id',
  'claim.claim_number',
  'claim.policy_id',
  'claim.holder_user_id',
  'claim.agent_user_id',
  'claim.jeweler_user_id',
  'claim.adjuster_user_id',
  'claim.reported_by_user_id',
  'claim.channel',
  'claim.reporter_name',
  'claim.reporter_relation',
  'claim.insured_name',
  'claim.loss_kind',
  'claim.loss_date',
  'claim.loss_time',
  'claim.loss_place',
  'claim.loss_country',
  'claim.narrative',
  'claim.police_report_reference',
  'claim.police_authority',
  'claim.protection_confirmed',
  'claim.notice_date',
  'claim.status',
  'claim.time_zone',
  'claim.currency',
  'claim.reported_at',
  'claim.updated_at',
] as const;

type ClaimRow = {
  id: string;
  claim_number: string;
  policy_id: string;
  holder_user_id: string;
  agent_user_id: string | null;
  jeweler_user_id: string | null;
  adjuster_user_id: string | null;
  reported_by_user_id: string;
  channel: ClaimChannel;
  reporter_name: string;
  reporter_relation: string;
  insured_name: string;
  loss_kind: LossKind;
  loss_date: string;
  loss_time: string | null;
  loss_place: string;
  loss_country: string;
  narrative: string;
  police_report_reference: string | null;
  police_authority: string | null;
  protection_confirmed: boolean;
  notice_date: string;
  status: ClaimStatus;
  time_zone: string;
  currency: 'USD' | 'EUR';
  reported_at: string;
  updated_at: string;
};

function toClaim(row: ClaimRow): Claim {
  return {
    id: row.id,
    claimNumber: row.claim_number,
    policyId: row.policy_id,
    holderUserId: row.holder_user_id,
    agentUserId: row.agent_user_id,
    jewelerUserId: row.jeweler_user_id,
    adjusterUserId: row.adjuster_user_id,
    reportedByUserId: row.reported_by_user_id,
    channel: row.channel,
    reporterName: row.reporter_name,
    reporterRelation: row.reporter_relation,
    insuredName: row.insured_name,
    lossKind: row.loss_kind,
    lossDate: row.loss_date,
    lossTime: row.loss_time,
    lossPlace: row.loss_place,
    lossCountry: row.loss_country,
    narrative: row.narrative,
    policeReportReference: row.police_report_reference,
    policeAuthority: row.police_authority,
    protectionConfirmed: row.protection_confirmed,
    noticeDate: row.notice_date,
    status: row.status,
    timeZone: row.time_zone,
    currency: row.currency,
    reportedAt: row.reported_at,
    updatedAt: row.updated_at,
  };
}

/** The claim if the actor may reach it (scopeClaims), else null: callers answer 404. */
export async function findClaimVisibleTo(db: Db, actor: Actor, claimId: string): Promise<Claim | null> {
  const row = await db.selectFrom('claim').select(CLAIM_COLUMNS).where('claim.id', '=', claimId).$call(scopeClaims(actor)).executeTakeFirst();
  return row ? toClaim(row) : null;
}

/** Locks the claim row for the rest of the transaction: changes to one claim take turns. */
export async function lockClaim(db: Db, claimId: string): Promise<void> {
  await db.selectFrom('claim').select('id').where('id', '=', claimId).forUpdate().execute();
}

/** The claim's items in line order; amounts in the claim's currency. */
export async function findClaimItems(db: Db, claimId: string, currency: 'USD' | 'EUR'): Promise<ClaimItem[]> {
  const rows = await db.selectFrom('claim_item').selectAll().where('claim_id', '=', claimId).orderBy('line_no').execute();
  return rows.map((row) => {
    return {
      lineNo: row.line_no,
      itemNo: row.item_no,
      description: row.description,
      category: row.category,
      coverageAmount: row.coverage_amount === null ? null : Money.of(row.coverage_amount, currency),
      setId: row.set_id,
      newlyPurchased: row.newly_purchased,
      purchaseDate: row.purchase_date,
      purchasePrice: row.purchase_price === null ? null : Money.of(row.purchase_price, currency),
      extent: row.extent,
      partDescription: row.part_description,
    };
  });
}

/** The claim with its items, if the actor may reach it. */
export async function findClaimWithItemsVisibleTo(db: Db, actor: Actor, claimId: string): Promise<ClaimWithItems | null> {
  const claim = await findClaimVisibleTo(db, actor, claimId);
  if (!claim) return null;
  return { ...claim, items: await findClaimItems(db, claimId, claim.currency) };
}

export async function updateClaimStatus(db: Db, claimId: string, status: ClaimStatus, now: string): Promise<void> {
  await db.updateTable('claim').set({ status, updated_at: now }).where('id', '=', claimId).execute();
}
