import { z } from 'zod';
import { instantText } from '../../../platform/http/schemas.ts';
import { CURRENCIES } from '../../../platform/money.ts';
import type { QueueRow } from '../claim-queue-repository.ts';
import { QUEUE_PAGE, QUEUE_PAGE_MAX } from '../domain/claim-queue.ts';
import { LOSS_KINDS, REPORTER_RELATIONS } from '../domain/first-notice.ts';
import type { ClaimSummary } from '../first-notice-repository.ts';
import type { ClaimDetail } from '../use-cases/read-claims.ts';
import type { ReportedClaim } from '../use-cases/report-claim.ts';

/** API shapes of the first notice of loss, the claim reads and the adjuster's queue (issue #4). */

const money = z.object({ amount: z.string(), currency: z.enum(CURRENCIES) });
const isoDate = z.iso.date().describe('ISO 8601 calendar date, YYYY-MM-DD');
const text = (max: number) => z.string().trim().min(1).max(max);
const CLAIM_STATUSES = ['reported', 'needs_information', 'covered', 'denied', 'settled', 'closed', 'withdrawn'] as const;
const extent = z.enum(['whole', 'part']).default('whole').describe('JPF-SETTLE-4: the whole item, or a part of it (a stone, a clasp)');
const partDescription = z.string().trim().max(500).nullable().optional().describe('The part lost or damaged; required when extent is part');

const scheduledPiece = z
  .object({
    itemNo: z.number().int().min(1).describe('The item’s number on the policy’s schedule on the loss date'),
    extent,
    partDescription,
  })
  .strict();

const newlyPurchasedPiece = z
  .object({
    description: z.string().trim().min(3).max(500),
    category: z
      .string()
      .regex(/^[a-z_]{2,40}$/)
      .describe('An item category of the product, e.g. ring'),
    purchaseDate: isoDate.describe('JPF-ADD-2: within the 30 days before the loss and during the policy period'),
    purchasePrice: z
      .string()
      .regex(/^\d{1,12}(\.\d{1,2})?$/, 'a decimal amount like 1200.00')
      .describe('In the policy’s currency'),
    extent,
    partDescription,
  })
  .strict()
  .describe('JPF-ADD-2: jewelry bought within 30 days before the loss and not yet reported');

export const reportClaimBody = z
  .object({
    policyId: z.uuid().optional().describe('The policy (insureds, agents, staff)'),
    policyNumber: z.string().trim().min(3).max(40).optional().describe('Or the policy number: a jeweler gives it with insuredName'),
    items: z
      .array(z.union([scheduledPiece, newlyPurchasedPiece]))
      .min(1)
      .max(20),
    lossKind: z.enum(LOSS_KINDS),
    violationOfLaw: z.boolean().default(false).describe('JPF-DUTY-3: the loss results from a violation of law (always true for theft)'),
    lossDate: isoDate.describe('The day of the loss in the policy’s time zone'),
    lossTime: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
      .nullable()
      .optional()
      .describe('HH:MM'),
    lossPlace: text(300),
    lossCountry: z
      .string()
      .regex(/^[A-Za-z]{2}$/)
      .describe('ISO 3166-1 alpha-2 country code; JPF-COVER-1: cover is worldwide'),
    narrative: text(5000),
    policeReportReference: z.string().trim().max(100).nullable().optional().describe('JPF-DUTY-3: required for theft and other violations of law'),
    policeAuthority: z.string().trim().max(200).nullable().optional(),
    protectionConfirmed: z.boolean().describe('JPF-DUTY-1: the insured protects the property from further loss; must be true'),
    reporterName: text(200),
    reporterRelation: z.enum(REPORTER_RELATIONS).describe('JPF-DEF-2: an insured, or acting for one'),
    insuredName: text(200).describe('The insured whose property it is; must be an insured on the loss date'),
    fileIds: z.array(z.uuid()).max(10).default([]).describe('Photos and documents uploaded first (purpose claim_photo, claim_document or police_report)'),
  })
  .strict()
  .refine((body) => (body.policyId === undefined) !== (body.policyNumber === undefined), {
    message: 'give either policyId or policyNumber',
    path: ['policyId'],
  });

export const withdrawBody = z.object({ reason: text(2000) }).strict();
export const assignBody = z.object({ adjusterUserId: z.uuid() }).strict();

export const queueQuery = z
  .object({
    status: z
      .enum([...CLAIM_STATUSES, 'open'])
      .default('open')
      .describe('One status, or open (reported, needs information, covered)'),
    adjuster: z
      .union([z.enum(['me', 'unassigned']), z.uuid()])
      .optional()
      .describe('me, unassigned, or an adjuster’s user id'),
    lossKind: z.enum(LOSS_KINDS).optional(),
    overdue: z.enum(['true', 'false']).optional().describe('true: only claims with an open deadline before today'),
    reportedFrom: isoDate.optional(),
    reportedTo: isoDate.optional(),
    cursor: z.string().max(300).optional().describe('nextCursor of the previous page'),
    limit: z.coerce.number().int().min(1).max(QUEUE_PAGE_MAX).default(QUEUE_PAGE),
  })
  .strict();

const diaryEntrySchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  party: z.enum(['insured', 'insurer', 'both']),
  dueOn: isoDate,
  clause: z.string(),
  status: z.enum(['open', 'done', 'cancelled']),
  note: z.string().nullable(),
});

const claimItemSchema = z.object({
  lineNo: z.number().int(),
  itemNo: z.number().int().nullable(),
  description: z.string(),
  category: z.string(),
  coverageAmount: money.nullable().describe('On the loss date; null for a newly purchased item'),
  setId: z.string().nullable(),
  newlyPurchased: z.boolean(),
  purchaseDate: isoDate.nullable(),
  purchasePrice: money.nullable(),
  extent: z.enum(['whole', 'part']),
  partDescription: z.string().nullable(),
});

export const claimDetailSchema = z.object({
  id: z.uuid(),
  claimNumber: z.string(),
  policyId: z.uuid(),
  policyNumber: z.string(),
  status: z.enum(CLAIM_STATUSES),
  channel: z.enum(['portal', 'jeweler', 'phone', 'api']),
  reporter: z.object({ name: z.string(), relation: z.string(), userId: z.uuid() }),
  insuredName: z.string(),
  jewelerUserId: z.uuid().nullable(),
  adjusterUserId: z.uuid().nullable(),
  loss: z.object({
    kind: z.enum(LOSS_KINDS),
    date: isoDate,
    time: z.string().nullable(),
    place: z.string(),
    country: z.string(),
    narrative: z.string(),
    violationOfLaw: z.boolean(),
    policeReportReference: z.string().nullable(),
    policeAuthority: z.string().nullable(),
  }),
  protectionConfirmed: z.boolean().describe('JPF-DUTY-1'),
  noticeDate: isoDate.describe('JPF-DUTY-2: the day the insurer had notice'),
  timeZone: z.string(),
  currency: z.enum(CURRENCIES),
  items: z.array(claimItemSchema),
  files: z.array(z.object({ id: z.uuid(), purpose: z.string(), type: z.string(), byteSize: z.number().int(), createdAt: instantText })),
  diary: z.array(diaryEntrySchema).describe('Deadlines with the clause each keeps: JPF-DUTY-4 proof of loss, JPF-SUIT-1 suit limitation…'),
  withdrawal: z.object({ at: instantText, reason: z.string() }).nullable(),
  reportedAt: instantText,
  updatedAt: instantText,
});

export const claimSummarySchema = z.object({
  id: z.uuid(),
  claimNumber: z.string(),
  policyId: z.uuid(),
  policyNumber: z.string(),
  status: z.enum(CLAIM_STATUSES),
  lossKind: z.enum(LOSS_KINDS),
  lossDate: isoDate,
  insuredName: z.string(),
  reportedAt: instantText,
  nextInsuredDueOn: isoDate.nullable().describe('The earliest open deadline of the insured'),
});

export const queueRowSchema = claimSummarySchema.omit({ nextInsuredDueOn: true }).extend({
  channel: z.string(),
  adjusterUserId: z.uuid().nullable(),
  adjusterName: z.string().nullable(),
  nextDueOn: isoDate.nullable(),
  overdue: z.boolean(),
});

export function claimDetailJson(claim: ReportedClaim | ClaimDetail): z.infer<typeof claimDetailSchema> {
  return {
    id: claim.id,
    claimNumber: claim.claimNumber,
    policyId: claim.policyId,
    policyNumber: claim.policyNumber,
    status: claim.status,
    channel: claim.channel,
    reporter: { name: claim.reporterName, relation: claim.reporterRelation, userId: claim.reportedByUserId },
    insuredName: claim.insuredName,
    jewelerUserId: claim.jewelerUserId,
    adjusterUserId: claim.adjusterUserId,
    loss: {
      kind: claim.lossKind,
      date: claim.lossDate,
      time: claim.lossTime,
      place: claim.lossPlace,
      country: claim.lossCountry,
      narrative: claim.narrative,
      violationOfLaw: claim.violationOfLaw,
      policeReportReference: claim.policeReportReference,
      policeAuthority: claim.policeAuthority,
    },
    protectionConfirmed: claim.protectionConfirmed,
    noticeDate: claim.noticeDate,
    timeZone: claim.timeZone,
    currency: claim.currency,
    items: claim.items.map((item) => ({
      ...item,
      coverageAmount: item.coverageAmount?.toJSON() ?? null,
      purchasePrice: item.purchasePrice?.toJSON() ?? null,
    })),
    files: claim.files,
    diary: claim.diary.map((entry) => ({
      id: entry.id,
      kind: entry.kind,
      party: entry.party,
      dueOn: entry.dueOn,
      clause: entry.clause,
      status: entry.status,
      note: entry.note,
    })),
    withdrawal: claim.withdrawnAt && claim.withdrawalReason ? { at: claim.withdrawnAt, reason: claim.withdrawalReason } : null,
    reportedAt: claim.reportedAt,
    updatedAt: claim.updatedAt,
  };
}

export function claimSummaryJson(claim: ClaimSummary): z.infer<typeof claimSummarySchema> {
  return { ...claim };
}

export function queueRowJson(row: QueueRow): z.infer<typeof queueRowSchema> {
  return {
    id: row.id,
    claimNumber: row.claimNumber,
    policyId: row.policyId,
    policyNumber: row.policyNumber,
    status: row.status,
    lossKind: row.lossKind,
    lossDate: row.lossDate,
    insuredName: row.insuredName,
    reportedAt: row.reportedAt,
    channel: row.channel,
    adjusterUserId: row.adjusterUserId,
    adjusterName: row.adjusterName,
    nextDueOn: row.nextDueOn,
    overdue: row.overdue,
  };
}
