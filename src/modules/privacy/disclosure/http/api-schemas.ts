import { z } from 'zod';
import { instantText } from '../../../../platform/http/schemas.ts';
import { DISCLOSABLE_CATEGORIES, DISCLOSURE_BASES, RECIPIENT_TYPES } from '../domain/disclosure-rules.ts';
import { INCIDENT_KINDS } from '../incident-repository.ts';

const isoDate = z.iso.date().describe('ISO 8601 calendar date, YYYY-MM-DD');
const text = (min: number, max: number) => z.string().trim().min(min).max(max);

export const recipientBody = z
  .object({
    name: text(1, 200),
    type: z.enum(RECIPIENT_TYPES).describe('PRV-DISC-3: the kind of recipient'),
    description: text(1, 2000).nullable().optional(),
    contactEmail: z.email().max(254).nullable().optional(),
    userId: z.uuid().nullable().optional().describe('The login of an agent, jeweler or partner firm'),
  })
  .strict();

export const agreementBody = z
  .object({ reference: text(1, 200), signedOn: isoDate, endsOn: isoDate.nullable().optional().describe('The last day covered; none: open-ended') })
  .strict();

const agreementSchema = z.object({ id: z.uuid(), reference: z.string(), signedOn: isoDate, endsOn: isoDate.nullable(), createdAt: instantText });

export const recipientSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  type: z.enum(RECIPIENT_TYPES),
  description: z.string().nullable(),
  contactEmail: z.string().nullable(),
  userId: z.uuid().nullable(),
  createdAt: instantText,
  retiredAt: instantText.nullable(),
  agreements: z.array(agreementSchema),
  mayReceive: z.boolean().describe('PRV-PROC-1: a service provider may receive data only under a current processor agreement'),
});

export const recipientQuery = z.object({ type: z.enum(RECIPIENT_TYPES).optional() }).strict();

export const disclosureBody = z
  .object({
    recipientId: z.uuid(),
    subjectUserId: z.uuid(),
    categories: z
      .array(z.string().max(60))
      .min(1)
      .max(40)
      .describe(`Data-map categories: ${DISCLOSABLE_CATEGORIES.slice(0, 4).join(', ')}, …`),
    basis: z
      .string()
      .max(60)
      .describe(`PRV-DISC-1: one of ${DISCLOSURE_BASES.join(', ')}; there is no basis for a sale`),
    purpose: text(3, 500),
    reference: z
      .object({ type: text(1, 40), id: text(1, 100) })
      .strict()
      .optional(),
  })
  .strict();

export const disclosureSchema = z.object({
  id: z.uuid(),
  recipientId: z.uuid(),
  recipientName: z.string(),
  recipientType: z.enum(RECIPIENT_TYPES),
  subjectUserId: z.uuid(),
  categories: z.array(z.string()),
  basis: z.enum(DISCLOSURE_BASES),
  purpose: z.string(),
  referenceType: z.string().nullable(),
  referenceId: z.string().nullable(),
  disclosedAt: instantText,
});

export const authoriseBody = z.object({ recipientId: z.uuid() }).strict();

export const authorisationSchema = z.object({
  id: z.uuid(),
  customerUserId: z.uuid(),
  recipientId: z.uuid(),
  recipientName: z.string(),
  grantedAt: instantText,
  revokedAt: instantText.nullable(),
});

export const incidentBody = z
  .object({
    kind: z.enum(INCIDENT_KINDS),
    subjectUserId: z.uuid().nullable().optional(),
    policyId: z.uuid().nullable().optional(),
    summary: text(3, 4000),
  })
  .strict();

export const incidentSchema = z.object({
  id: z.uuid(),
  kind: z.enum(INCIDENT_KINDS),
  subjectUserId: z.uuid().nullable(),
  policyId: z.uuid().nullable(),
  summary: z.string(),
  status: z.enum(['open', 'closed']),
  createdAt: instantText,
  createdBy: z.uuid(),
  closedAt: instantText.nullable(),
  closedBy: z.uuid().nullable(),
  closingNote: z.string().nullable(),
});

export const incidentQuery = z
  .object({ status: z.enum(['open', 'closed']).optional(), subjectUserId: z.uuid().optional(), policyId: z.uuid().optional() })
  .strict();

export const closeIncidentBody = z.object({ note: text(3, 4000) }).strict();

const questionKey = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'a key like overall or claims_handling');

export const surveyBody = z.object({ title: text(3, 200), questions: z.array(questionKey).min(1).max(20) }).strict();
export const surveySchema = z.object({ id: z.uuid(), title: z.string(), questions: z.array(z.string()), createdAt: instantText });
export const invitationsBody = z.object({ userIds: z.array(z.uuid()).min(1).max(1000) }).strict();
export const surveyAnswerBody = z
  .object({
    token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/),
    ratings: z.record(z.string().max(40), z.number().int()).describe('Per question key, a rating from 1 to 5'),
  })
  .strict();
export const surveyResultsSchema = z.object({
  survey: surveySchema,
  results: z.object({
    answers: z.number().int(),
    invited: z.number().int(),
    minimumAnswers: z.number().int().describe('PRV-SURVEY-1: averages are null until this many people answered'),
    averages: z.record(z.string(), z.string().nullable()),
  }),
});
