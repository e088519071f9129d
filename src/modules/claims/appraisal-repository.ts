import type { Selectable, Updateable } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type {
  AppraisalDisputeTable,
  AppraisalStatus,
  AppraisalSubject,
  AwardSigner,
  RecoveryParty,
  UmpireSelectedBy,
} from '../../platform/db/schema-claims-recovery.ts';
import { Money } from '../../platform/money.ts';
import type { CostSplit } from './domain/appraisal.ts';

/** Appraisal disputes of a claim (JPF-APPR-1, migrations/0031_claim_recovery.sql). Callers reach the claim first. */

export type Appraiser = { name: string; details: string | null; namedOn: string };
export type Umpire = { name: string; details: string | null; selectedBy: UmpireSelectedBy; selectedOn: string; court: string | null };
export type Award = {
  /** JPF-APPR-1 a–c, listed separately. */
  amountOfLoss: Money;
  propertyValue: Money;
  repairReplaceCost: Money;
  signedBy: AwardSigner[];
  signedOn: string;
  recordedBy: string;
  recordedAt: string;
  costs: { insuredAppraiserFee: Money; insurerAppraiserFee: Money; umpireFee: Money; otherExpenses: Money };
  insuredShare: Money;
  insurerShare: Money;
};

export type AppraisalDispute = {
  id: string;
  claimId: string;
  subjects: AppraisalSubject[];
  demandedBy: RecoveryParty;
  demandReceivedOn: string;
  demandReference: string | null;
  appraiserNamingDue: string;
  insuredAppraiser: Appraiser | null;
  insurerAppraiser: Appraiser | null;
  umpireSelectionDue: string | null;
  umpire: Umpire | null;
  status: AppraisalStatus;
  award: Award | null;
  currency: 'USD' | 'EUR';
  createdBy: string;
  createdAt: string;
  updatedAt: string;
};

function appraiser(name: string | null, details: string | null, namedOn: string | null): Appraiser | null {
  return name === null || namedOn === null ? null : { name, details, namedOn };
}

function toDispute(row: Selectable<AppraisalDisputeTable>): AppraisalDispute {
  const money = (value: string | null) => Money.of(value ?? '0', row.currency);
  const award: Award | null =
    row.status === 'awarded' && row.award_recorded_at !== null && row.award_signed_on !== null && row.award_recorded_by !== null
      ? {
          amountOfLoss: money(row.award_amount_of_loss),
          propertyValue: money(row.award_property_value),
          repairReplaceCost: money(row.award_repair_cost),
          signedBy: row.award_signed_by ?? [],
          signedOn: row.award_signed_on,
          recordedBy: row.award_recorded_by,
          recordedAt: row.award_recorded_at,
          costs: {
            insuredAppraiserFee: money(row.insured_appraiser_fee),
            insurerAppraiserFee: money(row.insurer_appraiser_fee),
            umpireFee: money(row.umpire_fee),
            otherExpenses: money(row.other_expenses),
          },
          insuredShare: money(row.insured_cost_share),
          insurerShare: money(row.insurer_cost_share),
        }
      : null;
  return {
    id: row.id,
    claimId: row.claim_id,
    subjects: row.subjects,
    demandedBy: row.demanded_by,
    demandReceivedOn: row.demand_received_on,
    demandReference: row.demand_reference,
    appraiserNamingDue: row.appraiser_naming_due,
    insuredAppraiser: appraiser(row.insured_appraiser_name, row.insured_appraiser_details, row.insured_appraiser_named_on),
    insurerAppraiser: appraiser(row.insurer_appraiser_name, row.insurer_appraiser_details, row.insurer_appraiser_named_on),
    umpireSelectionDue: row.umpire_selection_due,
    umpire:
      row.umpire_name === null || row.umpire_selected_by === null || row.umpire_selected_on === null
        ? null
        : {
            name: row.umpire_name,
            details: row.umpire_details,
            selectedBy: row.umpire_selected_by,
            selectedOn: row.umpire_selected_on,
            court: row.umpire_court,
          },
    status: row.status,
    award,
    currency: row.currency,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function insertDispute(
  db: Db,
  dispute: Pick<
    AppraisalDispute,
    'id' | 'claimId' | 'subjects' | 'demandedBy' | 'demandReceivedOn' | 'demandReference' | 'appraiserNamingDue' | 'currency' | 'createdBy' | 'createdAt'
  >,
): Promise<void> {
  await db
    .insertInto('appraisal_dispute')
    .values({
      id: dispute.id,
      claim_id: dispute.claimId,
      subjects: dispute.subjects,
      demanded_by: dispute.demandedBy,
      demand_received_on: dispute.demandReceivedOn,
      demand_reference: dispute.demandReference,
      appraiser_naming_due: dispute.appraiserNamingDue,
      insured_appraiser_name: null,
      insured_appraiser_details: null,
      insured_appraiser_named_on: null,
      insurer_appraiser_name: null,
      insurer_appraiser_details: null,
      insurer_appraiser_named_on: null,
      umpire_selection_due: null,
      umpire_name: null,
      umpire_details: null,
      umpire_selected_by: null,
      umpire_selected_on: null,
      umpire_court: null,
      award_amount_of_loss: null,
      award_property_value: null,
      award_repair_cost: null,
      award_signed_by: null,
      award_signed_on: null,
      award_recorded_by: null,
      award_recorded_at: null,
      insured_appraiser_fee: null,
      insurer_appraiser_fee: null,
      umpire_fee: null,
      other_expenses: null,
      insured_cost_share: null,
      insurer_cost_share: null,
      currency: dispute.currency,
      created_by: dispute.createdBy,
      created_at: dispute.createdAt,
      updated_at: dispute.createdAt,
    })
    .execute();
}

export async function listDisputes(db: Db, claimId: string): Promise<AppraisalDispute[]> {
  const rows = await db.selectFrom('appraisal_dispute').selectAll().where('claim_id', '=', claimId).orderBy('created_at').orderBy('id').execute();
  return rows.map(toDispute);
}

export async function findDispute(db: Db, claimId: string, disputeId: string): Promise<AppraisalDispute | null> {
  const row = await db.selectFrom('appraisal_dispute').selectAll().where('claim_id', '=', claimId).where('id', '=', disputeId).executeTakeFirst();
  return row ? toDispute(row) : null;
}

/** The claim's dispute that is not awarded yet, if any (at most one: appraisal_dispute_one_open). */
export async function findOpenDispute(db: Db, claimId: string): Promise<{ id: string } | null> {
  const row = await db.selectFrom('appraisal_dispute').select('id').where('claim_id', '=', claimId).where('status', '<>', 'awarded').executeTakeFirst();
  return row ?? null;
}

export async function updateDispute(db: Db, disputeId: string, changes: Updateable<AppraisalDisputeTable> & { updated_at: string }): Promise<void> {
  await db.updateTable('appraisal_dispute').set(changes).where('id', '=', disputeId).execute();
}

export function awardColumns(award: Omit<Award, 'insuredShare' | 'insurerShare'>, split: CostSplit): Updateable<AppraisalDisputeTable> {
  return {
    status: 'awarded',
    award_amount_of_loss: award.amountOfLoss.toFixed(),
    award_property_value: award.propertyValue.toFixed(),
    award_repair_cost: award.repairReplaceCost.toFixed(),
    award_signed_by: award.signedBy,
    award_signed_on: award.signedOn,
    award_recorded_by: award.recordedBy,
    award_recorded_at: award.recordedAt,
    insured_appraiser_fee: award.costs.insuredAppraiserFee.toFixed(),
    insurer_appraiser_fee: award.costs.insurerAppraiserFee.toFixed(),
    umpire_fee: award.costs.umpireFee.toFixed(),
    other_expenses: award.costs.otherExpenses.toFixed(),
    insured_cost_share: split.insured.total.toFixed(),
    insurer_cost_share: split.insurer.total.toFixed(),
  };
}
