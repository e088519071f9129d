import { z } from 'zod';
import { CURRENCIES, type Money } from '../../../platform/money.ts';
import { INTEREST_NATURES, type ProofOfLoss } from '../proof-of-loss-repository.ts';
import type { StoredWorksheet } from '../settlement-repository.ts';
import type { ProofOfLossView, WorksheetView } from '../use-cases/read-settlement.ts';

/** The API shapes of the proof of loss (JPF-DUTY-4) and the settlement worksheet (JPF-SETTLE-1..9). */

const amount = z
  .string()
  .regex(/^\d{1,12}(\.\d{1,2})?$/, 'a decimal amount ≥ 0 with at most 2 decimals, like 1200.00')
  .describe('Decimal amount ≥ 0 in the claim’s currency');
const money = z.object({ amount: z.string(), currency: z.enum(CURRENCIES) });
const isoDate = z.iso.date().describe('ISO 8601 calendar date, YYYY-MM-DD');
const text = (min: number, max: number) => z.string().trim().min(min).max(max);

export const claimParam = z.object({ id: z.uuid() }).strict();
export const proofParam = z.object({ id: z.uuid(), proofId: z.uuid() }).strict();

export const proofOfLossBody = z
  .object({
    lossDate: isoDate.describe('(a) the date of the loss'),
    lossTime: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
      .describe('(a) the time of the loss, HH:MM'),
    lossTimeApproximate: z.boolean().default(false).describe('(a) the time is the insured’s best estimate'),
    lossPlace: text(2, 500).describe('(a) the place of the loss'),
    lossDetails: text(10, 10000).describe('(a) the details: what happened'),
    otherInsurance: z
      .array(z.object({ insurer: text(2, 200), policyNumber: text(1, 100).nullish(), limit: amount }).strict())
      .max(10)
      .describe('(b) other insurance that may cover the loss; [] says there is none'),
    insuredInterest: text(2, 500).describe('(c) the insured’s interest, e.g. "sole owner"'),
    otherInterests: z
      .array(z.object({ name: text(2, 200), nature: z.enum(INTEREST_NATURES), amount: amount.nullish() }).strict())
      .max(10)
      .describe('(c) the interest of all others, including liens and encumbrances; [] says there is none'),
    titleChanges: text(3, 2000).nullable().describe('(d) changes in the title of the property during the policy period; null says there were none'),
    inventory: z
      .array(
        z
          .object({
            claimLineNo: z.number().int().min(1).describe('The claim’s item line'),
            quantity: z.number().int().min(1).max(1000),
            description: text(2, 500),
            cost: amount.describe('What the property cost'),
            actualCashValue: amount.describe('Actual cash value at the time of loss (may exceed the cost)'),
            amountOfLoss: amount,
          })
          .strict(),
      )
      .min(1)
      .max(50)
      .describe('(e) one line per claimed item'),
    fileIds: z.array(z.uuid()).max(20).describe('(e) bills and receipts: files uploaded with purpose receipt or claim_document'),
    signature: z
      .object({
        fullName: text(2, 200).describe('The insured’s full name, typed as their signature'),
        confirm: z.literal(true).describe('The insured confirms the statement is true and complete'),
        sworn: z.boolean().default(false).describe('Sworn under oath (required when the adjuster asked for it)'),
      })
      .strict(),
  })
  .strict();

export const acceptBody = z.object({}).strict().nullish();
export const rejectionBody = z.object({ reason: text(3, 2000) }).strict();
export const oathRequestBody = z.object({ note: text(0, 2000).optional() }).strict();

const proofSchema = z.object({
  id: z.uuid(),
  submissionNo: z.number().int(),
  status: z.enum(['submitted', 'accepted', 'rejected']),
  lossDate: isoDate,
  lossTime: z.string(),
  lossTimeApproximate: z.boolean(),
  lossPlace: z.string(),
  lossDetails: z.string(),
  otherInsurance: z.array(z.object({ insurer: z.string(), policyNumber: z.string().nullable(), limit: money })),
  insuredInterest: z.string(),
  otherInterests: z.array(z.object({ name: z.string(), nature: z.enum(INTEREST_NATURES), amount: money.nullable() })),
  titleChanges: z.string().nullable(),
  inventory: z.array(
    z.object({ claimLineNo: z.number().int(), quantity: z.number().int(), description: z.string(), cost: money, actualCashValue: money, amountOfLoss: money }),
  ),
  files: z.array(z.object({ fileId: z.uuid(), purpose: z.string(), type: z.string(), byteSize: z.number().int() })),
  sworn: z.boolean(),
  oathStatement: z.string().nullable(),
  signedName: z.string(),
  signedAt: z.string(),
  decidedAt: z.string().nullable(),
  rejectionReason: z.string().nullable(),
});

export const proofResponse = proofSchema;
export const proofListResponse = z.object({
  claimId: z.uuid(),
  dueOn: isoDate.describe('JPF-DUTY-4: 90 days after the loss'),
  oathRequested: z.boolean().describe('The adjuster asked for the proof under oath'),
  current: proofSchema.nullable().describe('The newest submission'),
  submissions: z.array(proofSchema).describe('Every submission, newest first'),
});
export const proofDecisionResponse = z.object({
  proofId: z.uuid(),
  status: z.enum(['accepted', 'rejected']),
  settlementDueOn: isoDate.nullable().describe('JPF-SETTLE-9: set when the amount was already agreed'),
  proofDueOn: isoDate.nullable().describe('JPF-DUTY-4: a new proof is due by this date after a rejection'),
});
export const oathRequestResponse = z.object({ claimId: z.uuid(), requestedAt: z.string(), note: z.string().nullable() });

const moneyJson = (value: Money) => value.toJSON();

export function proofJson(proof: ProofOfLoss): z.infer<typeof proofSchema> {
  return {
    id: proof.id,
    submissionNo: proof.submissionNo,
    status: proof.status,
    lossDate: proof.lossDate,
    lossTime: proof.lossTime,
    lossTimeApproximate: proof.lossTimeApproximate,
    lossPlace: proof.lossPlace,
    lossDetails: proof.lossDetails,
    otherInsurance: proof.otherInsurance.map((entry) => ({ ...entry, limit: moneyJson(entry.limit) })),
    insuredInterest: proof.insuredInterest,
    otherInterests: proof.otherInterests.map((entry) => ({ ...entry, amount: entry.amount ? moneyJson(entry.amount) : null })),
    titleChanges: proof.titleChanges,
    inventory: proof.inventory.map((line) => ({
      ...line,
      cost: moneyJson(line.cost),
      actualCashValue: moneyJson(line.actualCashValue),
      amountOfLoss: moneyJson(line.amountOfLoss),
    })),
    files: proof.files,
    sworn: proof.sworn,
    oathStatement: proof.oathStatement,
    signedName: proof.signedName,
    signedAt: proof.signedAt,
    decidedAt: proof.decidedAt,
    rejectionReason: proof.rejectionReason,
  };
}

export function proofListJson(view: ProofOfLossView): z.infer<typeof proofListResponse> {
  const submissions = view.proofs.map(proofJson);
  return { claimId: view.claim.id, dueOn: view.dueOn, oathRequested: view.oathRequest !== null, current: submissions[0] ?? null, submissions };
}

// ---- the worksheet ----

const lineRequest = z
  .object({
    lineNo: z.number().int().min(1).describe('The claim’s item line'),
    method: z.enum(['repair', 'replace', 'rebuild', 'cash']).describe('JPF-SETTLE-1: the insurer’s option; cash is at actual cash value'),
    repairOrReplaceCost: amount.nullish().describe('JPF-SETTLE-2 a: cost to repair/replace/rebuild with like kind and quality (not for cash)'),
    actualCashValue: amount.nullish().describe('JPF-SETTLE-1 b: actual cash value at the time of loss (cash)'),
    insuredInterest: amount.nullish().describe('JPF-SETTLE-2 b: the insured’s interest; omit when they own the whole property'),
    partValue: amount.nullish().describe('JPF-SETTLE-4: the value of the lost or damaged part (items claimed as a part)'),
    setShare: z
      .string()
      .regex(/^(0(\.\d{1,6})?|1(\.0{1,6})?)$/)
      .nullish()
      .describe('JPF-SETTLE-3: the share of the set’s value instead of lost ÷ pieces, e.g. 0.5'),
    setShareReason: text(0, 500).nullish().describe('Why the share differs from the count (required with setShare)'),
    otherInsuranceLimits: z.array(amount).max(10).optional().describe('JPF-SETTLE-5: limits of other insurance covering this loss'),
    paidByOthers: amount.nullish().describe('JPF-SETTLE-6: paid by a third party (not the other insurers)'),
    salvage: z
      .object({ agreedValue: amount, keptBy: z.enum(['insured', 'insurer']) })
      .strict()
      .nullish()
      .describe('JPF-SETTLE-1: damaged property at its agreed value; kept by the insured it reduces the payment'),
  })
  .strict();

export const worksheetBody = z
  .object({
    lines: z.array(lineRequest).min(1).max(50).describe('One line per claimed item'),
    reason: text(0, 2000).nullish().describe('Why this version was made; required from the second version on'),
  })
  .strict();

export const agreementBody = z
  .object({
    version: z.number().int().min(1).describe('The worksheet version the insured was shown'),
    fullName: text(2, 200).describe('The insured’s full name, typed as their written agreement'),
    agree: z.literal(true),
  })
  .strict();

const worksheetLineSchema = z.object({
  lineNo: z.number().int(),
  itemNo: z.number().int().nullable(),
  description: z.string(),
  method: z.enum(['repair', 'replace', 'rebuild', 'cash']),
  payable: money,
  totalLoss: z.boolean().describe('JPF-SETTLE-7: paying it ends the item’s cover and refunds its unearned premium'),
  detail: z.record(z.string(), z.unknown()).describe('Every step: candidates, minimum, set share, other insurance, paid by others, salvage, deductible'),
});
const worksheetSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  lines: z.array(worksheetLineSchema),
  totalPayable: money,
  reason: z.string().nullable(),
  createdAt: z.string(),
  agreedAt: z.string().nullable().describe('JPF-SETTLE-9: the insured’s written agreement'),
  agreedByName: z.string().nullable(),
});
export const worksheetResponse = worksheetSchema;
export const worksheetListResponse = z.object({ claimId: z.uuid(), current: worksheetSchema.nullable(), versions: z.array(worksheetSchema) });
export const agreementResponse = z.object({ worksheet: worksheetSchema, settlementDueOn: isoDate.nullable() });

export function worksheetJson(worksheet: StoredWorksheet): z.infer<typeof worksheetSchema> {
  return {
    id: worksheet.id,
    version: worksheet.version,
    lines: worksheet.lines.map((line) => ({ ...line, payable: line.payable.toJSON() })),
    totalPayable: worksheet.totalPayable.toJSON(),
    reason: worksheet.reason,
    createdAt: worksheet.createdAt,
    agreedAt: worksheet.agreedAt,
    agreedByName: worksheet.agreedByName,
  };
}

export function worksheetListJson(view: WorksheetView): z.infer<typeof worksheetListResponse> {
  return { claimId: view.claim.id, current: view.current ? worksheetJson(view.current) : null, versions: view.versions.map(worksheetJson) };
}
