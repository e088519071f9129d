import { z } from 'zod';
import { instantText } from '../../../platform/http/schemas.ts';
import { CURRENCIES } from '../../../platform/money.ts';
import { productDefinitionSchema } from '../domain/product-definition.ts';
import { RATE_TABLE_NAMES } from '../domain/rate-tables.ts';

/** Money in the API: a decimal string with its currency (DESIGN §6). */
const money = z.object({ amount: z.string(), currency: z.enum(CURRENCIES) });
const isoDate = z.iso.date().describe('ISO 8601 calendar date, YYYY-MM-DD');

export const productCodeParam = z.object({ code: z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/) }).strict();

export const productQuery = z.object({ asOf: isoDate.optional().describe('The version in force on this day; default today') }).strict();

export const productSummarySchema = z.object({
  code: z.string(),
  name: z.string(),
  currency: z.enum(CURRENCIES),
  country: z.string(),
  currentVersion: z.object({ version: z.number().int(), effectiveFrom: isoDate }).nullable(),
});

export const productDetailSchema = z.object({
  code: z.string(),
  name: z.string(),
  currency: z.enum(CURRENCIES),
  country: z.string(),
  asOf: isoDate,
  version: z.object({
    version: z.number().int(),
    effectiveFrom: isoDate,
    status: z.enum(['draft', 'active', 'retired']),
    broadening: z.boolean().describe('JPF-COND-3: a revision that broadens coverage without extra premium'),
    adoptedOn: isoDate.nullable(),
    definition: productDefinitionSchema,
  }),
});

// Signed, and up to 10 decimals, so that a negative amount or fractions of a cent get the
// rating's own explanation (422 not_ratable) rather than a bare format error.
const decimalText = z.string().regex(/^-?\d{1,15}(\.\d{1,10})?$/, 'a decimal number like 5000.00');

export const rateBody = z
  .object({
    state: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .describe('Two-letter state code of the mailing address, e.g. NY'),
    deductible: z
      .string()
      .regex(/^\d{1,12}(\.\d{1,2})?$/)
      .describe('One of the product’s deductible options, e.g. "250"'),
    items: z
      .array(
        z
          .object({
            category: z.string().min(1).max(40),
            coverageAmount: decimalText.describe('In the product’s currency'),
            keptInSafe: z.boolean().default(false).describe('Kept in a safe when not worn'),
          })
          .strict(),
      )
      .min(1)
      .max(200),
    ratingDate: isoDate.optional().describe('Rate with the tables in force on this day; default today in the insurer’s time zone'),
  })
  .strict();

const tableSource = { table: z.enum(RATE_TABLE_NAMES), version: z.number().int(), effectiveFrom: isoDate };

export const worksheetSchema = z
  .object({
    product: z.object({ code: z.string(), version: z.number().int() }),
    ratingDate: isoDate,
    currency: z.enum(CURRENCIES),
    state: z.string(),
    deductible: money,
    tables: z.array(z.object(tableSource)),
    items: z.array(
      z.object({
        line: z.number().int(),
        category: z.string(),
        coverageAmount: money,
        keptInSafe: z.boolean(),
        base: money.describe('coverage amount / 100, exact'),
        steps: z.array(
          z.object({
            factor: z.enum(['category_rate', 'territory_factor', 'deductible_factor', 'safe_factor']),
            ...tableSource,
            key: z.string(),
            value: z.string(),
            amountAfter: money.describe('exact, not rounded'),
          }),
        ),
        exactPremium: money,
        premium: money.describe('half-up to cents'),
      }),
    ),
    itemsTotal: money,
    minimumPremium: z.object({ ...tableSource, amount: money }),
    minimumApplied: z.boolean(),
    total: money,
  })
  .describe('Rating worksheet: every factor with the table and version it came from, and each intermediate amount');

export const uploadRateTableBody = z
  .object({
    name: z.enum(RATE_TABLE_NAMES),
    csv: z.string().min(1).max(200_000).describe('The table as CSV: a "key,value" header, then one row per line'),
    newKeys: z
      .array(z.string().min(1).max(40))
      .max(50)
      .optional()
      .describe(
        'category_rate and deductible_factor only: keys a product version not yet published adds (a new category code or deductible), accepted on purpose',
      ),
  })
  .strict();

export const activateRateTableBody = z.object({ effectiveFrom: isoDate.describe('First day the table rates; today or later') }).strict();

export const rateTableSchema = z.object({
  id: z.uuid(),
  product: z.string(),
  name: z.enum(RATE_TABLE_NAMES),
  version: z.number().int(),
  status: z.enum(['draft', 'active']),
  effectiveFrom: isoDate.nullable(),
  rowCount: z.number().int(),
  uploadedBy: z.string(),
  createdAt: instantText,
  activatedAt: instantText.nullable(),
});

export const rateTableDetailSchema = rateTableSchema.extend({ rows: z.array(z.object({ key: z.string(), value: z.string() })) });
