import { z } from 'zod';

/**
 * A product version's terms as data (issue #3, "Products and rating": item categories, coverages,
 * deductible options, underwriting rules, documents and jurisdiction rules). Stored as jsonb in
 * product_version.definition and parsed with this schema when read, so a hand-edited row that
 * does not fit is refused rather than half-understood. Amounts are decimal strings in the
 * product's currency (DESIGN §3: never floats).
 */
const decimalAmount = z.string().regex(/^\d{1,12}(\.\d{1,2})?$/, 'a decimal amount like 250 or 250.00');
const code = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);
const stateCode = z.string().regex(/^[A-Z]{2}$/);
const label = z.object({ en: z.string().min(1), nl: z.string().min(1) }).strict();
const days = z.number().int().min(1).max(365);

export const productDefinitionSchema = z
  .object({
    itemCategories: z
      .array(z.object({ code, label }).strict())
      .min(1)
      .refine((items) => new Set(items.map((item) => item.code)).size === items.length, 'category codes must be unique'),
    coverages: z.array(z.object({ code, label, clause: z.string().min(1) }).strict()).min(1),
    /** Forms and documents the product is sold with (the policy form, the declarations page). */
    forms: z.array(z.object({ code: z.string().min(1), title: z.string().min(1) }).strict()),
    deductibleOptions: z.array(decimalAmount).min(1),
    defaultDeductible: decimalAmount,
    /** Above this a coverage amount is not a plausible piece of jewelry but a typing error. */
    maxItemCoverage: decimalAmount,
    /** States (or provinces) where the product is sold: rating refuses any other. */
    jurisdictions: z.array(stateCode).min(1),
    underwritingRules: z
      .object({
        referItemAbove: decimalAmount,
        referTotalAbove: decimalAmount,
        appraisalRequired: z.boolean(),
        appraisalMaxAgeYears: z.number().int().min(1).max(50),
      })
      .strict(),
    jurisdictionRules: z
      .object({
        /** JPF-CANCEL-2 / JPF-COND-2: days of written notice before an insurer's cancellation takes effect. */
        insurerCancellationNoticeDays: z.object({ default: days, byState: z.record(stateCode, days) }).strict(),
      })
      .strict(),
  })
  .strict();

export type ProductDefinition = z.infer<typeof productDefinitionSchema>;

export type ProductDefinitionCheck = { ok: true; definition: ProductDefinition } | { ok: false; problems: string[] };

export function parseProductDefinition(value: unknown): ProductDefinitionCheck {
  const parsed = productDefinitionSchema.safeParse(value);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`) };
  const definition = parsed.data;
  const problems: string[] = [];
  if (!definition.deductibleOptions.some((option) => sameAmount(option, definition.defaultDeductible)))
    problems.push('defaultDeductible: must be one of deductibleOptions');
  for (const state of Object.keys(definition.jurisdictionRules.insurerCancellationNoticeDays.byState))
    if (!definition.jurisdictions.includes(state)) problems.push(`jurisdictionRules: ${state} is not one of the product's jurisdictions`);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, definition };
}

function sameAmount(a: string, b: string): boolean {
  return normalizeAmount(a) === normalizeAmount(b);
}

/** "250", "250.0" and "250.00" name the same deductible: keys and lookups use "250.00". */
export function normalizeAmount(text: string): string | null {
  const match = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return null;
  const whole = (match[1] ?? '0').replace(/^0+(?=\d)/, '');
  return `${whole}.${(match[2] ?? '').padEnd(2, '0')}`;
}
