import { z } from 'zod';
import type { Locale } from '../../../platform/db/schema.ts';
import { translate } from '../../../platform/i18n/index.ts';
import { says } from '../../../platform/ui/forms.ts';
import { type Cause, type CauseRole, COVERED_PERILS, CUSTODIAN_KINDS, type Custodian, type Peril, type SubCase } from '../domain/cause-of-loss.ts';
import { type ClauseId, EXCLUSION_CLAUSE_IDS } from '../domain/coverage-clauses.ts';
import { COVERAGE_OUTCOMES, MISSING_INFORMATION, type MissingInformation } from '../domain/coverage-decision.ts';
import { perilOptionLabel } from '../domain/coverage-words.ts';
import type { DecideCoverageInput } from '../use-cases/decide-coverage.ts';

/**
 * The back-office coverage forms without JavaScript: each cause is one select whose value carries the peril, its
 * sub-letter and its flag ('war:b', 'theft:by_insured', 'fire:nuclear'); the first row is the proximate cause, the
 * others contributing. Parsed here into the use cases' inputs.
 */

export const CAUSE_ROWS: readonly { name: string; index: number; role: CauseRole }[] = [0, 1, 2, 3].map((index) => ({
  name: `cause${index}`,
  index,
  role: index === 0 ? 'proximate' : 'contributing',
}));

export const CAUSE_VALUES: readonly string[] = [
  ...COVERED_PERILS,
  'theft:by_insured',
  'fire:nuclear',
  'explosion:nuclear',
  'smoke:nuclear',
  'wear_and_tear',
  'gradual_deterioration',
  'inherent_vice',
  'insects_or_vermin',
  'war:a',
  'war:b',
  'war:c',
  'war:d',
  'civil_authority:a',
  'civil_authority:b',
  'civil_authority:c',
  'nuclear_hazard',
  'nuclear_hazard:a',
  'nuclear_hazard:b',
  'intentional_conduct',
  'unknown',
];

function causeOf(value: string, role: CauseRole): Cause {
  const [peril, detail] = value.split(':') as [Peril, string | undefined];
  if (detail === 'by_insured') return { peril, role, byInsured: true };
  if (detail === 'nuclear') return { peril, role, resultsFromNuclearHazard: true };
  return { peril, role, subCase: (detail ?? null) as SubCase | null };
}

export function causeOptionLabel(locale: Locale, value: string): string {
  const cause = causeOf(value, 'proximate');
  const label = perilOptionLabel(locale, cause.peril, cause.subCase ?? null);
  if (cause.byInsured) return `${label}, ${translate(locale, 'claims_coverage.by_insured')}`;
  if (cause.resultsFromNuclearHazard) return `${label}, ${translate(locale, 'claims_coverage.from_nuclear')}`;
  return label;
}

const causeField = z
  .string()
  .optional()
  .refine((value) => value === undefined || value === '' || CAUSE_VALUES.includes(value), says('claims_coverage.form.choose'));

export const proposalForm = z
  .object({
    cause0: causeField,
    cause1: causeField,
    cause2: causeField,
    cause3: causeField,
    custodianKind: z.union([z.literal(''), z.enum(CUSTODIAN_KINDS)], says('claims_coverage.form.choose')).optional(),
    custodianName: z.string().trim().max(200, says('claims_coverage.form.too_long')).optional(),
  })
  .superRefine((form, ctx) => {
    if (form.custodianKind && !form.custodianName)
      ctx.addIssue({ code: 'custom', path: ['custodianName'], message: 'claims_coverage.form.custodian_name_required' });
  });

export function proposalInput(form: z.output<typeof proposalForm>): { causes: Cause[]; custodian: Custodian | null } {
  const causes = CAUSE_ROWS.flatMap((row) => {
    const value = form[row.name as 'cause0'];
    return value ? [causeOf(value, row.role)] : [];
  });
  const custodian = form.custodianKind && form.custodianName ? { kind: form.custodianKind, name: form.custodianName } : null;
  return { causes, custodian };
}

/** Checkboxes post nothing, one value or several. */
const list = <T extends string>(values: readonly T[]) =>
  z.preprocess(
    (value) => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]),
    z.array(z.enum(values as [T, ...T[]], says('claims_coverage.form.choose'))),
  );

export const decisionForm = z.object({
  action: z.enum(['confirm', 'override'], says('claims_coverage.form.choose')),
  outcome: z.union([z.literal(''), z.enum(COVERAGE_OUTCOMES)], says('claims_coverage.form.choose')).optional(),
  exclusions: list<ClauseId>(EXCLUSION_CLAUSE_IDS),
  missing: list<MissingInformation>(MISSING_INFORMATION),
  reason: z.string().trim().max(2000, says('claims_coverage.form.too_long')).optional(),
});

/** An override without an outcome is refused by the form itself. */
export function decisionInput(form: z.output<typeof decisionForm>): DecideCoverageInput | null {
  if (form.action === 'confirm') return { action: 'confirm', reason: form.reason ?? null };
  if (!form.outcome) return null;
  return { action: 'override', outcome: form.outcome, exclusions: form.exclusions, missing: form.missing, reason: form.reason ?? null };
}
