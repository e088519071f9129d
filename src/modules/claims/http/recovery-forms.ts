import { z } from 'zod';
import { says } from '../../../platform/ui/forms.ts';
import type { AppraisalDemandInput } from '../use-cases/demand-appraisal.ts';
import type { AppraiserInput } from '../use-cases/name-appraiser.ts';
import type { AwardInput } from '../use-cases/record-award.ts';
import type { RecoveryInput } from '../use-cases/record-recovery.ts';
import type { SubrogationInput } from '../use-cases/record-subrogation.ts';
import type { UmpireInput } from '../use-cases/select-umpire.ts';

/**
 * The recovery and appraisal forms of the claim pages (issue #4), checked at the edge with messages in the reader's
 * language and turned into the same inputs the JSON API gives the use cases. Field names carry a prefix so that
 * they stay unique on the claim 360 page, where every section's forms stand together; `API_FIELDS` maps the use
 * cases' field names back to them.
 */

const blank = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const requiredText = (max: number) =>
  z.string(says('claims_recovery.form.required')).trim().min(1, says('claims_recovery.form.required')).max(max, says('claims_recovery.form.too_long'));
const optionalText = (max: number) => z.preprocess(blank, z.string().trim().max(max, says('claims_recovery.form.too_long')).optional());
const date = z.iso.date(says('claims_recovery.form.date_invalid'));
const optionalDate = z.preprocess(blank, date.optional());
const amount = z
  .string(says('claims_recovery.form.amount_invalid'))
  .trim()
  .regex(/^\d{1,12}([.,]\d{1,2})?$/, says('claims_recovery.form.amount_invalid'));
const optionalAmount = z.preprocess(blank, amount.optional());
/** Checkboxes post nothing, one value or several. */
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]), z.array(item));
const decimal = (value: string | undefined) => value?.replace(',', '.');

export const subrogationForm = z
  .object({
    thirdPartyKind: z.enum(['none', 'person', 'organisation', 'bailee'], says('claims_recovery.form.choose')),
    thirdPartyName: optionalText(200),
    thirdPartyDetails: optionalText(2000),
    custodianRole: z.preprocess(blank, z.enum(['jeweler', 'carrier', 'other'], says('claims_recovery.form.choose')).optional()),
    assignmentRequired: z.enum(['yes', 'no'], says('claims_recovery.form.choose')),
    assignmentSignedOn: optionalDate,
    waiverWrittenOn: optionalDate,
    waiverInWriting: z.enum(['yes', 'no'], says('claims_recovery.form.choose')),
  })
  .superRefine((form, ctx) => {
    if (form.thirdPartyKind !== 'none' && !form.thirdPartyName)
      ctx.addIssue({ code: 'custom', path: ['thirdPartyName'], message: 'claims_recovery.form.third_party_name_required' });
    if (form.thirdPartyKind === 'bailee' && !form.custodianRole)
      ctx.addIssue({ code: 'custom', path: ['custodianRole'], message: 'claims_recovery.form.custodian_role_required' });
  });

export function subrogationInput(form: z.output<typeof subrogationForm>): SubrogationInput {
  return {
    thirdParty:
      form.thirdPartyKind === 'none' || !form.thirdPartyName
        ? null
        : { name: form.thirdPartyName, details: form.thirdPartyDetails ?? null, kind: form.thirdPartyKind, custodianRole: form.custodianRole ?? null },
    assignmentRequired: form.assignmentRequired === 'yes',
    assignmentSignedOn: form.assignmentSignedOn ?? null,
    waiver: form.waiverWrittenOn ? { writtenOn: form.waiverWrittenOn, inWriting: form.waiverInWriting === 'yes' } : null,
  };
}

export const impairmentForm = z.object({ impairmentReason: requiredText(2000) });

export const recoveryForm = z
  .object({
    recoveryKind: z.enum(['item_found', 'money'], says('claims_recovery.form.choose')),
    recoveryLineNo: z.preprocess(blank, z.coerce.number(says('claims_recovery.form.choose_item')).int().min(1).optional()),
    recoveryDescription: requiredText(2000),
    recoveryAmount: optionalAmount,
    recoveryFrom: optionalText(200),
    recoveryOn: date,
  })
  .superRefine((form, ctx) => {
    if (form.recoveryKind === 'item_found' && form.recoveryLineNo === undefined)
      ctx.addIssue({ code: 'custom', path: ['recoveryLineNo'], message: 'claims_recovery.form.choose_item' });
    if (form.recoveryKind === 'money' && (form.recoveryAmount === undefined || Number(decimal(form.recoveryAmount)) <= 0))
      ctx.addIssue({ code: 'custom', path: ['recoveryAmount'], message: 'claims_recovery.form.amount_required' });
  });

export function recoveryInput(form: z.output<typeof recoveryForm>): RecoveryInput {
  return {
    kind: form.recoveryKind,
    lineNo: form.recoveryKind === 'item_found' ? (form.recoveryLineNo ?? null) : null,
    description: form.recoveryDescription,
    amount: form.recoveryKind === 'money' ? (decimal(form.recoveryAmount) ?? null) : null,
    recoveredFrom: form.recoveryFrom ?? null,
    recoveredOn: form.recoveryOn,
  };
}

export const demandForm = z.object({
  demandSubjects: list(z.enum(['amount_of_loss', 'value', 'cost'])).refine((subjects) => subjects.length > 0, says('claims_recovery.form.choose_subject')),
  demandedBy: z.enum(['insured', 'insurer'], says('claims_recovery.form.choose')),
  demandReceivedOn: date,
  demandReference: optionalText(200),
});

export function demandInput(form: z.output<typeof demandForm>): AppraisalDemandInput {
  return { subjects: form.demandSubjects, demandedBy: form.demandedBy, demandReceivedOn: form.demandReceivedOn, demandReference: form.demandReference ?? null };
}

export const appraiserForm = z.object({
  appraiserParty: z.enum(['insured', 'insurer'], says('claims_recovery.form.choose')),
  appraiserName: requiredText(200),
  appraiserDetails: optionalText(2000),
  appraiserNamedOn: date,
});

export function appraiserInput(form: z.output<typeof appraiserForm>): AppraiserInput {
  return { party: form.appraiserParty, name: form.appraiserName, details: form.appraiserDetails ?? null, namedOn: form.appraiserNamedOn };
}

export const umpireForm = z
  .object({
    umpireName: requiredText(200),
    umpireDetails: optionalText(2000),
    umpireSelectedBy: z.enum(['appraisers', 'judge'], says('claims_recovery.form.choose')),
    umpireCourt: optionalText(200),
    umpireSelectedOn: date,
  })
  .superRefine((form, ctx) => {
    if (form.umpireSelectedBy === 'judge' && !form.umpireCourt)
      ctx.addIssue({ code: 'custom', path: ['umpireCourt'], message: 'claims_recovery.form.court_required' });
  });

export function umpireInput(form: z.output<typeof umpireForm>): UmpireInput {
  return {
    name: form.umpireName,
    details: form.umpireDetails ?? null,
    selectedBy: form.umpireSelectedBy,
    selectedOn: form.umpireSelectedOn,
    court: form.umpireCourt ?? null,
  };
}

export const awardForm = z.object({
  awardAmountOfLoss: amount,
  awardPropertyValue: amount,
  awardRepairCost: amount,
  awardSignedBy: list(z.enum(['insured_appraiser', 'insurer_appraiser', 'umpire'])),
  awardSignedOn: date,
  awardInsuredAppraiserFee: optionalAmount,
  awardInsurerAppraiserFee: optionalAmount,
  awardUmpireFee: optionalAmount,
  awardOtherExpenses: optionalAmount,
});

export function awardInput(form: z.output<typeof awardForm>): AwardInput {
  return {
    amountOfLoss: decimal(form.awardAmountOfLoss) ?? '0',
    propertyValue: decimal(form.awardPropertyValue) ?? '0',
    repairReplaceCost: decimal(form.awardRepairCost) ?? '0',
    signedBy: form.awardSignedBy,
    signedOn: form.awardSignedOn,
    costs: {
      insuredAppraiserFee: decimal(form.awardInsuredAppraiserFee),
      insurerAppraiserFee: decimal(form.awardInsurerAppraiserFee),
      umpireFee: decimal(form.awardUmpireFee),
      otherExpenses: decimal(form.awardOtherExpenses),
    },
  };
}

/** The use cases' field names (as in the JSON API) → the forms' field names. */
export const API_FIELDS: Readonly<Record<string, string>> = {
  assignmentSignedOn: 'assignmentSignedOn',
  waiverWrittenOn: 'waiverWrittenOn',
  reason: 'impairmentReason',
  lineNo: 'recoveryLineNo',
  recoveredOn: 'recoveryOn',
  amount: 'recoveryAmount',
  demandReceivedOn: 'demandReceivedOn',
  namedOn: 'appraiserNamedOn',
  selectedOn: 'umpireSelectedOn',
  signedBy: 'awardSignedBy',
  signedOn: 'awardSignedOn',
};
