import type { Locale } from '../../../platform/db/schema.ts';
import { translate } from '../../../platform/i18n/index.ts';
import type { Cause, Custodian } from './cause-of-loss.ts';
import { type ClauseId, clause } from './coverage-clauses.ts';

/**
 * The coverage decision in words, for the pages and the denial letter: causes, clause citations and the clause
 * wording in the reader's language. Dutch readers get the translation and the English policy wording beside it
 * (the policy was issued in English; its words bind).
 */

export function causeText(locale: Locale, cause: Cause): string {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  let text = t(`claims_coverage.peril.${cause.peril}`);
  if (cause.subCase && (cause.peril === 'war' || cause.peril === 'civil_authority' || cause.peril === 'nuclear_hazard'))
    text += ` (${cause.subCase}): ${translate(locale, subCaseKey(cause.peril, cause.subCase))}`;
  if (cause.byInsured) text += `, ${t('claims_coverage.by_insured')}`;
  if (cause.resultsFromNuclearHazard) text += `, ${t('claims_coverage.from_nuclear')}`;
  return `${text} — ${t(`claims_coverage.role.${cause.role}`)}`;
}

function subCaseKey(peril: 'war' | 'civil_authority' | 'nuclear_hazard', subCase: string): Parameters<typeof translate>[1] {
  return `claims_coverage.sub_case.${peril}.${subCase}` as Parameters<typeof translate>[1];
}

/** A select option's label for a peril with its sub-case, e.g. "War (b): a warlike act by a military force". */
export function perilOptionLabel(locale: Locale, peril: Cause['peril'], subCase: string | null): string {
  const name = translate(locale, `claims_coverage.peril.${peril}`);
  if (subCase === null || !(peril === 'war' || peril === 'civil_authority' || peril === 'nuclear_hazard')) return name;
  return `${name} (${subCase}): ${translate(locale, subCaseKey(peril, subCase))}`;
}

export function custodianText(locale: Locale, custodian: Custodian | null): string {
  if (!custodian) return translate(locale, 'claims_coverage.custodian_none');
  return `${translate(locale, `claims_coverage.custodian.${custodian.kind}`)}: ${custodian.name}`;
}

/** "Perils Excluded 5.b (JPF-EXCL-5(b))"; a section's opening words: "Perils Excluded, opening words (JPF-EXCL)". */
export function clauseCitation(locale: Locale, id: ClauseId): string {
  const found = clause(id);
  const section = translate(locale, `claims_coverage.section.${found.section}`);
  return found.number
    ? translate(locale, 'claims_coverage.clause_citation', { section, number: found.number, id })
    : translate(locale, 'claims_coverage.clause_citation_opening', { section, id });
}

/** The clause's words for the reader: the form's own in English, a translation in Dutch. */
export function clauseWording(locale: Locale, id: ClauseId): string {
  return locale === 'en' ? clause(id).wording : translate(locale, `claims_coverage.wording.${id}`);
}

/** For a reader whose language is not the form's: the binding English wording, to show beside the translation. */
export function originalWording(locale: Locale, id: ClauseId): string | null {
  return locale === 'en' ? null : translate(locale, 'claims_coverage.original_wording', { wording: clause(id).wording });
}
