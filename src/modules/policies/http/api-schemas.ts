import { z } from 'zod';
import { instantText } from '../../../platform/http/schemas.ts';
import { CURRENCIES } from '../../../platform/money.ts';
import { GUARDIAN_CONSENT_METHODS, GUARDIAN_RELATIONS } from '../../privacy/index.ts';
import { OTHER_INSURED_RELATIONS } from '../domain/application-rules.ts';

/** Money in the API: a decimal string with its currency (DESIGN §6). */
const money = z.object({ amount: z.string(), currency: z.enum(CURRENCIES) });
const isoDate = z.iso.date().describe('ISO 8601 calendar date, YYYY-MM-DD');
const name = z.string().trim().min(1).max(200);
// Signed and with up to 10 decimals, so a negative amount or a fraction of a cent gets rating's own
// explanation (422 not_ratable) rather than a bare format error.
const decimalText = z.string().regex(/^-?\d{1,15}(\.\d{1,10})?$/, 'a decimal number like 5000.00');

const mailingAddress = z
  .object({
    street: z.string().trim().min(1).max(200),
    city: z.string().trim().min(1).max(100),
    state: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .describe('Two-letter state code, e.g. NY'),
    postalCode: z.string().regex(/^\d{5}(-\d{4})?$/, 'a US ZIP code like 10001 or 10001-1234'),
    country: z.literal('US'),
  })
  .strict();

const otherInsured = z.object({ name, relation: z.enum(OTHER_INSURED_RELATIONS).describe('JPF-DEF-2') }).strict();
const lossPayee = z.object({ name, address: z.string().trim().min(1).max(300).nullable().default(null) }).strict();

const itemInput = z
  .object({
    description: z.string().trim().min(3).max(500),
    category: z.string().min(1).max(40),
    coverageAmount: decimalText.describe('In the product’s currency'),
    appraisalDate: isoDate.nullable().default(null).describe('Date of the appraisal; none or older than 3 years refers the application'),
    keptInSafe: z.boolean().default(false).describe('Kept in a safe when not worn'),
    giftOrEngagementRing: z.boolean().default(false).describe('JPF-COND-8: a gift or an engagement ring'),
    possessor: name.nullable().default(null).describe('JPF-COND-8: who has the gift or engagement ring; must be a named insured'),
    setId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,40}$/)
      .nullable()
      .default(null)
      .describe('Items of one pair or set share a set id'),
    appraisalFileId: z.uuid().nullable().optional().describe('Issue #3: the appraisal, uploaded first with POST /api/v1/files?purpose=appraisal'),
  })
  .strict();

// PRV-CHILD-1: a named insured's date of birth (stored encrypted, PRV-SEC-1); under 18 needs a guardian's consent.
const birthDate = z
  .object({
    namedInsured: name.describe('One of namedInsureds'),
    dateOfBirth: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 1990-04-30'),
    guardianConsent: z
      .object({
        guardianName: name,
        relation: z.enum(GUARDIAN_RELATIONS),
        method: z.enum(GUARDIAN_CONSENT_METHODS),
        consentedAt: instantText,
      })
      .strict()
      .nullable()
      .optional()
      .describe('Required when the named insured is under 18 on the quote date'),
  })
  .strict();

export const applicationBody = z
  .object({
    productCode: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{1,39}$/)
      .default('jewelry'),
    clientUserId: z.uuid().optional().describe('Agents: the customer the application is for'),
    namedInsureds: z.array(name).min(1).max(10).describe('JPF-DEF-3: the named insureds'),
    otherInsureds: z.array(otherInsured).max(20).default([]),
    mailingAddress,
    timeZone: z.string().min(1).max(64).describe('Named IANA time zone of the address, e.g. America/New_York'),
    deductible: z
      .string()
      .regex(/^\d{1,12}(\.\d{1,2})?$/)
      .describe('One of the product’s deductible options, e.g. "250"'),
    lossPayee: lossPayee.nullable().default(null),
    items: z.array(itemInput).min(1).max(100),
    birthDates: z.array(birthDate).max(10).optional().describe('PRV-CHILD-1: dates of birth of named insureds, when given'),
  })
  .strict();

export const decisionBody = z
  .object({ decision: z.enum(['approve', 'decline']), reason: z.string().trim().min(3).max(2000).describe('Why; kept with the application') })
  .strict();

export const bindBody = z.object({ inceptionDate: isoDate.describe('First day of cover: from today to 90 days ahead, in the insured’s time zone') }).strict();

const itemOutput = z.object({
  description: z.string(),
  category: z.string(),
  coverageAmount: money,
  appraisalDate: isoDate.nullable(),
  keptInSafe: z.boolean(),
  giftOrEngagementRing: z.boolean(),
  possessor: z.string().nullable(),
  setId: z.string().nullable(),
});

export const applicationSchema = z.object({
  id: z.uuid(),
  status: z.enum(['quoted', 'referred', 'approved', 'declined', 'bound']),
  applicantUserId: z.uuid(),
  agentUserId: z.uuid().nullable(),
  product: z.object({ code: z.string(), version: z.number().int() }),
  namedInsureds: z.array(z.string()),
  otherInsureds: z.array(z.object({ name: z.string(), relation: z.enum(OTHER_INSURED_RELATIONS) })),
  mailingAddress: z.object({ street: z.string(), city: z.string(), state: z.string(), postalCode: z.string(), country: z.literal('US') }),
  timeZone: z.string(),
  deductible: money,
  lossPayee: z.object({ name: z.string(), address: z.string().nullable() }).nullable(),
  items: z.array(itemOutput),
  premium: money,
  worksheet: z.record(z.string(), z.unknown()).describe('The rating worksheet, as POST /api/v1/products/{code}/rate returns it'),
  referralReasons: z.array(z.object({ code: z.string() }).passthrough()),
  decision: z.object({ by: z.string(), automatic: z.boolean(), reason: z.string(), at: instantText }).nullable(),
  evidence: z
    .object({ ipAddress: z.string().nullable(), submittedAt: instantText, userAgent: z.string().nullable() })
    .describe('PRV-IP-1: IP address and time of the online application'),
});

const period = z.object({
  firstDay: isoDate,
  lastDay: isoDate,
  days: z.number().int(),
  timeZone: z.string(),
  coverStartsAt: instantText.describe('00:01 local time on the first day'),
  coverEndsAt: instantText.describe('00:01 local time on the anniversary'),
});

export const policySummarySchema = z.object({
  id: z.uuid(),
  policyNumber: z.string(),
  applicationId: z.uuid(),
  holderUserId: z.uuid(),
  agentUserId: z.uuid().nullable(),
  status: z.enum(['in_force', 'cancelled', 'expired', 'void']),
  period,
  premium: money,
  issuedAt: instantText,
});

export const policyDetailSchema = policySummarySchema.extend({
  product: z.object({ code: z.string(), version: z.number().int() }),
  namedInsureds: z.array(z.string()),
  otherInsureds: z.array(z.object({ name: z.string(), relation: z.enum(OTHER_INSURED_RELATIONS) })),
  mailingAddress: applicationSchema.shape.mailingAddress,
  deductible: money,
  lossPayee: applicationSchema.shape.lossPayee,
  schedule: z.array(
    z.object({
      itemNo: z.number().int(),
      description: z.string(),
      category: z.string(),
      coverageAmount: money,
      setId: z.string().nullable(),
      possessor: z.string().nullable(),
      appraisalDate: isoDate.nullable(),
      keptInSafe: z.boolean(),
    }),
  ),
});
