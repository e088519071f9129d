import { Temporal } from 'temporal-polyfill';
import type { Money } from '../../../platform/money.ts';

/**
 * What an application must say before it can be quoted (issue #3; JPF-DEF-2, JPF-DEF-3, JPF-COND-8).
 * Problems are returned as values, each on the request field it is about (items counted from 0, as the
 * request's own JSON paths are), so the route can answer every problem at once and write nothing.
 */

/** JPF-DEF-2: the insureds besides the named insureds, by their relation to them. */
export const OTHER_INSURED_RELATIONS = ['spouse', 'resident_relative', 'minor_in_care'] as const;
export type OtherInsuredRelation = (typeof OTHER_INSURED_RELATIONS)[number];

export type ApplicationItem = {
  description: string;
  category: string;
  coverageAmount: Money;
  appraisalDate: Temporal.PlainDate | null;
  keptInSafe: boolean;
  /** JPF-COND-8: a gift or an engagement ring; its possessor must be named on the declarations page. */
  giftOrEngagementRing: boolean;
  possessor: string | null;
  /** Pairs and sets: items of one set share a set id. */
  setId: string | null;
};

export type ApplicationProblemCode =
  | 'no_named_insured'
  | 'duplicate_named_insured'
  | 'possessor_required'
  | 'possessor_not_named_insured'
  | 'duplicate_item'
  | 'appraisal_in_future'
  | 'set_needs_two_items';

export type ApplicationProblem = { field: string; code: ApplicationProblemCode; value?: string };

/** Names compare without regard to case, spacing or Unicode form: "Ana  de Vries" is "ana de vries". */
export function sameName(a: string, b: string): boolean {
  return normalizeName(a) === normalizeName(b);
}

function normalizeName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');
}

export function applicationProblems(
  input: { namedInsureds: readonly string[]; items: readonly ApplicationItem[] },
  quoteDate: Temporal.PlainDate,
): ApplicationProblem[] {
  const problems: ApplicationProblem[] = [];
  // JPF-DEF-3: "you" are the individual(s) listed as Named Insured; a policy needs at least one.
  const names = input.namedInsureds.map(normalizeName).filter((name) => name !== '');
  if (names.length === 0) problems.push({ field: 'namedInsureds', code: 'no_named_insured' });
  names.forEach((name, index) => {
    if (names.indexOf(name) !== index)
      problems.push({ field: `namedInsureds.${index}`, code: 'duplicate_named_insured', value: input.namedInsureds[index] ?? '' });
  });

  const seen = new Map<string, number>();
  const setSizes = new Map<string, number[]>();
  input.items.forEach((item, index) => {
    // JPF-COND-8: the person in possession of a gift or an engagement ring must be a named insured.
    if (item.giftOrEngagementRing) {
      if (item.possessor === null || normalizeName(item.possessor) === '') problems.push({ field: `items.${index}.possessor`, code: 'possessor_required' });
      else if (!names.includes(normalizeName(item.possessor)))
        problems.push({ field: `items.${index}.possessor`, code: 'possessor_not_named_insured', value: item.possessor });
    }
    // The same piece scheduled twice would be insured (and charged) twice.
    const key = `${item.category}\u0000${normalizeName(item.description)}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else problems.push({ field: `items.${index}.description`, code: 'duplicate_item', value: String(first + 1) });
    if (item.appraisalDate !== null && Temporal.PlainDate.compare(item.appraisalDate, quoteDate) > 0)
      problems.push({ field: `items.${index}.appraisalDate`, code: 'appraisal_in_future', value: item.appraisalDate.toString() });
    if (item.setId !== null) setSizes.set(item.setId, [...(setSizes.get(item.setId) ?? []), index]);
  });
  for (const [setId, members] of setSizes)
    if (members.length < 2) problems.push({ field: `items.${members[0]}.setId`, code: 'set_needs_two_items', value: setId });
  return problems;
}
