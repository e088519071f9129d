import { z } from 'zod';
import { CURRENCIES, type Money } from '../../../platform/money.ts';
import type { AppraisalView } from '../use-cases/read-appraisals.ts';
import type { RecoveryView } from '../use-cases/read-recovery.ts';

/** API shapes of subrogation (JPF-SUBRO-1, JPF-COND-4), recoveries (JPF-SUBRO-2) and appraisal disputes (JPF-APPR-1). */

const isoDate = z.iso.date().describe('ISO 8601 calendar date, YYYY-MM-DD');
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
/** A non-negative amount in the claim's currency, e.g. "1200.00". */
const amountText = z
  .string()
  .regex(/^\d{1,12}(\.\d{1,2})?$/, 'A non-negative amount with at most two decimals, e.g. "1200.00"')
  .describe('Decimal string in the claim’s currency');
const positiveAmount = amountText.refine((value) => Number(value) > 0, 'More than zero');
const moneySchema = z.object({ amount: z.string(), currency: z.enum(CURRENCIES) });
const moneyJson = (money: Money) => money.toJSON();

export const claimParam = z.object({ id: z.uuid() }).strict();
export const disputeParams = z.object({ id: z.uuid(), did: z.uuid() }).strict();

// ---- Subrogation ----

export const subrogationBody = z
  .object({
    thirdParty: z
      .object({
        name: text(200).describe('Who is responsible for the loss'),
        details: optionalText(2000),
        kind: z.enum(['person', 'organisation', 'bailee']).describe('JPF-COND-4: bailee = paid to assume custody (repairing jeweler, carrier)'),
        custodianRole: z.enum(['jeweler', 'carrier', 'other']).nullable().optional().describe('Required for a bailee'),
      })
      .strict()
      .refine((party) => party.kind !== 'bailee' || Boolean(party.custodianRole), { path: ['custodianRole'], message: 'A bailee’s role is required' })
      .nullable(),
    assignmentRequired: z.boolean().describe('JPF-SUBRO-1: the insurer requires the insured to assign their recovery rights upon settlement'),
    assignmentSignedOn: isoDate.nullable().optional().describe('When the insured signed the assignment (not before the loss, not in the future)'),
    waiver: z
      .object({ writtenOn: isoDate, inWriting: z.boolean() })
      .strict()
      .nullable()
      .optional()
      .describe('JPF-SUBRO-1: a waiver of the insured’s recovery rights; it counts only in writing and dated before the loss'),
  })
  .strict();

export const impairmentBody = z.object({ reason: text(2000).describe('What the insured did after the loss that impairs the insurer’s recovery') }).strict();

const thirdPartySchema = z.object({
  name: z.string(),
  details: z.string().nullable(),
  kind: z.enum(['person', 'organisation', 'bailee']),
  custodianRole: z.enum(['jeweler', 'carrier', 'other']).nullable(),
  noBenefitToBailee: z.boolean().describe('JPF-COND-4: this policy will not benefit those paid to assume custody'),
});

export const recoveryBody = z
  .object({
    kind: z.enum(['item_found', 'money']),
    lineNo: z.number().int().min(1).nullable().optional().describe('item_found: the claim’s item line that was found'),
    description: text(2000),
    amount: positiveAmount.nullable().optional().describe('money: the amount recovered'),
    recoveredFrom: optionalText(200).describe('From whom (the thief’s restitution, a carrier, a pawn shop)'),
    recoveredOn: isoDate.describe('The day of the recovery: from the loss date to today'),
  })
  .strict()
  .refine((body) => body.kind !== 'item_found' || typeof body.lineNo === 'number', { path: ['lineNo'], message: 'The item line found is required' })
  .refine((body) => body.kind !== 'money' || typeof body.amount === 'string', { path: ['amount'], message: 'The amount recovered is required' });

const recoverySchema = z.object({
  id: z.uuid(),
  kind: z.enum(['item_found', 'money']),
  lineNo: z.number().int().nullable(),
  description: z.string(),
  amount: moneySchema.nullable(),
  recoveredFrom: z.string().nullable(),
  recoveredOn: isoDate,
  reportedBy: z.enum(['insured', 'insurer']),
  outcome: z
    .enum(['title_passed', 'item_withdrawn', 'money_booked'])
    .describe('JPF-SUBRO-2: title_passed = the item was paid for and is now the insurer’s; item_withdrawn = found before payment'),
  titlePassedOn: isoDate.nullable(),
});

export const recoveryViewSchema = z.object({
  claimId: z.uuid(),
  claimNumber: z.string(),
  subrogation: z
    .object({
      thirdParty: thirdPartySchema.nullable(),
      assignmentRequired: z.boolean(),
      assignmentSignedOn: isoDate.nullable(),
      waiver: z.object({ writtenOn: isoDate, inWriting: z.boolean() }).nullable(),
      impairment: z.object({ reason: z.string(), recordedAt: z.string() }).nullable(),
    })
    .nullable(),
  position: z
    .enum(['impaired', 'waived', 'pursue', 'none'])
    .describe('impaired: no settlement (JPF-SUBRO-1); waived: valid written waiver before the loss; pursue: recover from the third party'),
  impairmentCauses: z.array(z.enum(['recorded_by_adjuster', 'waiver_after_loss', 'waiver_not_in_writing'])),
  assignment: z.enum(['not_required', 'awaiting_signature', 'signed']),
  settlementBlock: z.enum(['recovery_rights_impaired', 'recovery_assignment_unsigned']).nullable(),
  recoveries: z.array(recoverySchema),
  totals: z.object({
    paid: moneySchema.describe('Issued claim payments'),
    recovered: moneySchema.describe('Money recovered (JPF-SUBRO-2)'),
    netPaid: moneySchema.describe('Paid − recovered'),
  }),
});

export function recoveryViewJson(view: RecoveryView) {
  const subrogation = view.subrogation;
  return {
    claimId: view.claimId,
    claimNumber: view.claimNumber,
    subrogation: subrogation && {
      thirdParty: subrogation.thirdParty && { ...subrogation.thirdParty, noBenefitToBailee: subrogation.thirdParty.kind === 'bailee' },
      assignmentRequired: subrogation.assignmentRequired,
      assignmentSignedOn: subrogation.assignmentSignedOn,
      waiver: subrogation.waiver,
      impairment: subrogation.impairment,
    },
    position: view.position.kind,
    impairmentCauses: view.impairmentCauses,
    assignment: view.assignment,
    settlementBlock: view.settlementBlock,
    recoveries: view.recoveries.map((recovery) => ({
      id: recovery.id,
      kind: recovery.kind,
      lineNo: recovery.lineNo,
      description: recovery.description,
      amount: recovery.amount && moneyJson(recovery.amount),
      recoveredFrom: recovery.recoveredFrom,
      recoveredOn: recovery.recoveredOn,
      reportedBy: recovery.reportedByParty,
      outcome: recovery.outcome,
      titlePassedOn: recovery.titlePassedOn,
    })),
    totals: { paid: moneyJson(view.totals.paid), recovered: moneyJson(view.totals.recovered), netPaid: moneyJson(view.totals.netPaid) },
  };
}

export const recordedRecoverySchema = recoveryViewSchema.extend({
  recoveryId: z.uuid(),
  notified: z.object({ party: z.enum(['insured', 'insurer']), byMail: z.boolean() }).describe('JPF-SUBRO-2: the other side is told'),
  claimClosed: z.boolean().describe('Every claimed item was found before it was paid for: the claim closed'),
});

// ---- Appraisal ----

export const demandBody = z
  .object({
    subjects: z
      .array(z.enum(['amount_of_loss', 'value', 'cost']))
      .min(1)
      .max(3)
      .describe('What the parties disagree on: the amount of the loss, the value of the property, the cost to repair or replace'),
    demandedBy: z.enum(['insured', 'insurer']),
    demandReceivedOn: isoDate.describe('The day the written demand was received: the 20 days run from it'),
    demandReference: optionalText(200),
  })
  .strict();

export const appraiserBody = z
  .object({
    party: z.enum(['insured', 'insurer']),
    name: text(200),
    details: optionalText(2000),
    namedOn: isoDate.describe('The day the other side was notified'),
  })
  .strict();

export const umpireBody = z
  .object({
    name: text(200),
    details: optionalText(2000),
    selectedBy: z.enum(['appraisers', 'judge']).describe('judge: only after the 15 days (JPF-APPR-1)'),
    selectedOn: isoDate,
    court: optionalText(200).describe('The court whose judge selected the umpire (required when selectedBy is judge)'),
  })
  .strict()
  .refine((body) => body.selectedBy !== 'judge' || Boolean(body.court), { path: ['court'], message: 'The court is required for a judge’s selection' });

export const awardBody = z
  .object({
    amountOfLoss: amountText.describe('JPF-APPR-1 a. the amount of the loss'),
    propertyValue: amountText.describe('JPF-APPR-1 b. the value of the covered property'),
    repairReplaceCost: amountText.describe('JPF-APPR-1 c. the cost to repair or replace the covered property'),
    signedBy: z
      .array(z.enum(['insured_appraiser', 'insurer_appraiser', 'umpire']))
      .max(3)
      .describe('Any two of the three bind'),
    signedOn: isoDate,
    costs: z
      .object({
        insuredAppraiserFee: amountText.optional(),
        insurerAppraiserFee: amountText.optional(),
        umpireFee: amountText.optional(),
        otherExpenses: amountText.optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

const appraiserSchema = z.object({ name: z.string(), details: z.string().nullable(), namedOn: isoDate, late: z.boolean() }).nullable();

export const appraisalSchema = z.object({
  id: z.uuid(),
  claimId: z.uuid(),
  subjects: z.array(z.enum(['amount_of_loss', 'value', 'cost'])),
  demandedBy: z.enum(['insured', 'insurer']),
  demandReceivedOn: isoDate,
  demandReference: z.string().nullable(),
  status: z.enum(['awaiting_appraisers', 'awaiting_umpire', 'umpire_selected', 'awarded']),
  appraiserNamingDue: isoDate.describe('Demand received + 20 days'),
  insuredAppraiser: appraiserSchema,
  insurerAppraiser: appraiserSchema,
  umpireSelectionDue: isoDate.nullable().describe('Both appraisers named + 15 days'),
  umpire: z
    .object({
      name: z.string(),
      details: z.string().nullable(),
      selectedBy: z.enum(['appraisers', 'judge']),
      selectedOn: isoDate,
      court: z.string().nullable(),
      late: z.boolean(),
    })
    .nullable(),
  next: z.object({
    kind: z.enum(['name_appraiser', 'select_umpire', 'await_award', 'awarded']),
    dueOn: isoDate.nullable(),
    overdue: z.boolean(),
    parties: z.array(z.enum(['insured', 'insurer'])),
  }),
  award: z
    .object({
      amountOfLoss: moneySchema,
      propertyValue: moneySchema,
      repairReplaceCost: moneySchema,
      signedBy: z.array(z.enum(['insured_appraiser', 'insurer_appraiser', 'umpire'])),
      signedOn: isoDate,
      costs: z.object({ insuredAppraiserFee: moneySchema, insurerAppraiserFee: moneySchema, umpireFee: moneySchema, otherExpenses: moneySchema }),
      insuredShare: moneySchema.describe('Own appraiser + half of umpire and other expenses'),
      insurerShare: moneySchema,
    })
    .nullable()
    .describe('Binding; the adjuster puts its amounts on the next worksheet version'),
});

export function appraisalJson(view: AppraisalView) {
  const next = view.next;
  return {
    id: view.id,
    claimId: view.claimId,
    subjects: view.subjects,
    demandedBy: view.demandedBy,
    demandReceivedOn: view.demandReceivedOn,
    demandReference: view.demandReference,
    status: view.status,
    appraiserNamingDue: view.appraiserNamingDue,
    insuredAppraiser: view.insuredAppraiser && { ...view.insuredAppraiser, late: view.late.insuredAppraiser },
    insurerAppraiser: view.insurerAppraiser && { ...view.insurerAppraiser, late: view.late.insurerAppraiser },
    umpireSelectionDue: view.umpireSelectionDue,
    umpire: view.umpire && { ...view.umpire, late: view.late.umpire },
    next: {
      kind: next.kind,
      dueOn: next.kind === 'name_appraiser' || next.kind === 'select_umpire' ? next.dueOn : null,
      overdue: next.kind === 'name_appraiser' || next.kind === 'select_umpire' ? next.overdue : false,
      parties: next.kind === 'name_appraiser' ? next.parties : [],
    },
    award: view.award && {
      amountOfLoss: moneyJson(view.award.amountOfLoss),
      propertyValue: moneyJson(view.award.propertyValue),
      repairReplaceCost: moneyJson(view.award.repairReplaceCost),
      signedBy: view.award.signedBy,
      signedOn: view.award.signedOn,
      costs: {
        insuredAppraiserFee: moneyJson(view.award.costs.insuredAppraiserFee),
        insurerAppraiserFee: moneyJson(view.award.costs.insurerAppraiserFee),
        umpireFee: moneyJson(view.award.costs.umpireFee),
        otherExpenses: moneyJson(view.award.costs.otherExpenses),
      },
      insuredShare: moneyJson(view.award.insuredShare),
      insurerShare: moneyJson(view.award.insurerShare),
    },
  };
}
