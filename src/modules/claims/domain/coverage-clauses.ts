/**
 * The clauses a coverage decision rests on, quoted word for word from the policy form
 * (../shared/spec/seeds/003_f83a026bfa66e281.txt): Perils Covered, Perils Excluded (with the sub-letters of war,
 * civil authority and nuclear hazard), What Must Be Done in Case of Loss (notice to police) and Other Conditions
 * (no benefit to bailee). Every decision, page and denial letter cites a clause by its id — the promise ID with the
 * form's sub-letter, e.g. 'JPF-EXCL-5(b)' — and quotes this wording. The English text is the policy's own; Dutch
 * readers get a translation from the claims-coverage catalog beside it.
 */

export type ClauseId =
  | 'JPF-COVER-1'
  | 'JPF-EXCL'
  | 'JPF-EXCL-1'
  | 'JPF-EXCL-2'
  | 'JPF-EXCL-3'
  | 'JPF-EXCL-4'
  | 'JPF-EXCL-5'
  | 'JPF-EXCL-5(a)'
  | 'JPF-EXCL-5(b)'
  | 'JPF-EXCL-5(c)'
  | 'JPF-EXCL-5(d)'
  | 'JPF-EXCL-6'
  | 'JPF-EXCL-6(a)'
  | 'JPF-EXCL-6(b)'
  | 'JPF-EXCL-6(c)'
  | 'JPF-EXCL-7'
  | 'JPF-EXCL-7(a)'
  | 'JPF-EXCL-7(b)'
  | 'JPF-EXCL-8'
  | 'JPF-DUTY-3'
  | 'JPF-COND-4';

export type Clause = {
  id: ClauseId;
  /** The promise ID in docs/spec PROMISES.md, without the sub-letter. */
  promise: string;
  /** The form's section heading. */
  section: 'Perils Covered' | 'Perils Excluded' | 'What Must Be Done in Case of Loss' | 'Other Conditions';
  /** The clause's number in its section, with the sub-letter: '5.b'; null for a section's opening words. */
  number: string | null;
  /** The form's wording, quoted exactly; a sub-letter is quoted with the words that introduce it. */
  wording: string;
};

const WAR = 'War. This means:';
const CIVIL = 'Civil authority. This means:';
const NUCLEAR = 'Nuclear hazard. This means nuclear reaction, nuclear radiation or radioactive contamination:';
const NUCLEAR_B =
  'Caused by, contributed to or aggravated by a peril covered by this policy. A loss caused by nuclear hazard will not be considered to be a loss ' +
  'caused by fire, explosion or smoke. If fire is covered by this policy, "we" do cover the loss caused by a fire that results from the nuclear hazard.';

const excluded = (id: ClauseId, number: string, wording: string): Clause => ({
  id,
  promise: id.replace(/\([a-d]\)$/, ''),
  section: 'Perils Excluded',
  number,
  wording,
});

/** Every clause, in the order of the form: citations are listed in this order. */
export const CLAUSES: readonly Clause[] = [
  {
    id: 'JPF-COVER-1',
    promise: 'JPF-COVER-1',
    section: 'Perils Covered',
    number: null,
    wording:
      '"We" cover direct physical loss or damage occurring worldwide to "your" "covered property," unless the loss is excluded in the Perils Excluded section.',
  },
  // The opening words of Perils Excluded: an excluded peril denies the loss whatever else contributed (concurrent causation).
  excluded(
    'JPF-EXCL',
    '',
    '"We" do not pay for a loss if one or more of the following excluded perils apply to the loss, regardless of other causes or events that ' +
      'contribute to or aggravate the loss, whether such causes or events act to produce the loss before, at the same time as or after the excluded peril.',
  ),
  excluded('JPF-EXCL-1', '1', 'Wear and tear to "covered property."'),
  excluded('JPF-EXCL-2', '2', 'Gradual deterioration of "covered property."'),
  excluded(
    'JPF-EXCL-3',
    '3',
    'A fault or weakness that is intrinsic to the "covered property" which causes it to break, spoil, become defective, or destroy itself.',
  ),
  excluded('JPF-EXCL-4', '4', 'Insect or vermin damage to "covered property."'),
  excluded('JPF-EXCL-5', '5', WAR),
  excluded('JPF-EXCL-5(a)', '5.a', `${WAR} Declared war, undeclared war, civil war, insurrection, rebellion, or revolution;`),
  excluded('JPF-EXCL-5(b)', '5.b', `${WAR} A warlike act by a military force or by military personnel;`),
  excluded('JPF-EXCL-5(c)', '5.c', `${WAR} The destruction, seizure or use of the "covered property" for a military purpose; or`),
  excluded('JPF-EXCL-5(d)', '5.d', `${WAR} The discharge of a nuclear weapon even if it is accidental.`),
  excluded('JPF-EXCL-6', '6', CIVIL),
  excluded('JPF-EXCL-6(a)', '6.a', `${CIVIL} Seizure or destruction under quarantine or customs regulations,`),
  excluded('JPF-EXCL-6(b)', '6.b', `${CIVIL} Confiscation or destruction by order of a government or public authority, or`),
  excluded('JPF-EXCL-6(c)', '6.c', `${CIVIL} Risks of contraband or illegal transportation or trade.`),
  excluded('JPF-EXCL-7', '7', `${NUCLEAR} a. Whether controlled or uncontrolled; or b. ${NUCLEAR_B}`),
  excluded('JPF-EXCL-7(a)', '7.a', `${NUCLEAR} Whether controlled or uncontrolled; or`),
  excluded('JPF-EXCL-7(b)', '7.b', `${NUCLEAR} ${NUCLEAR_B}`),
  excluded('JPF-EXCL-8', '8', 'Intentional conduct, including theft, by "you" or any "insured."'),
  {
    id: 'JPF-DUTY-3',
    promise: 'JPF-DUTY-3',
    section: 'What Must Be Done in Case of Loss',
    number: '3',
    wording: 'Notice to Police – “You” must promptly notify the police if the loss results from a violation of the law.',
  },
  {
    id: 'JPF-COND-4',
    promise: 'JPF-COND-4',
    section: 'Other Conditions',
    number: '4',
    wording: 'No Benefit to Bailee – This policy will not benefit those who are paid to assume custody of the “covered property.”',
  },
];

const BY_ID: ReadonlyMap<string, Clause> = new Map(CLAUSES.map((clause) => [clause.id, clause]));
const ORDER: ReadonlyMap<string, number> = new Map(CLAUSES.map((clause, index) => [clause.id, index]));

export function isClauseId(value: string): value is ClauseId {
  return BY_ID.has(value);
}

export function clause(id: ClauseId): Clause {
  const found = BY_ID.get(id);
  if (!found) throw new Error(`unknown clause ${id}`);
  return found;
}

/** Clause ids without repeats, in the form's order. */
export function inFormOrder(ids: Iterable<ClauseId>): ClauseId[] {
  return [...new Set(ids)].sort((a, b) => (ORDER.get(a) ?? 0) - (ORDER.get(b) ?? 0));
}

/**
 * The clauses an adjuster may name when overriding a proposal with "excluded": each exclusion, war and civil
 * authority only through their sub-letters (the form defines them by those).
 */
export const EXCLUSION_CLAUSE_IDS: readonly ClauseId[] = CLAUSES.filter(
  (c) => c.section === 'Perils Excluded' && !['JPF-EXCL', 'JPF-EXCL-5', 'JPF-EXCL-6'].includes(c.id),
).map((c) => c.id);
