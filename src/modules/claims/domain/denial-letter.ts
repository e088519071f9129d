import { Temporal } from 'temporal-polyfill';
import type { Locale } from '../../../platform/db/schema.ts';
import { type MessageKey, type MessageParams, translate } from '../../../platform/i18n/index.ts';
import type { Block, DocumentModel } from '../../documents/index.ts';
import type { Cause } from './cause-of-loss.ts';
import type { ClauseId } from './coverage-clauses.ts';
import { causeText, clauseCitation, clauseWording, originalWording } from './coverage-words.ts';

/**
 * The denial letter (issue #4, "Denial letters cite the clause, in the insured's language"; JPF-EXCL-1..8): the
 * decision that the policy does not cover the loss, the causes found, and every clause the decision rests on — the
 * Perils Excluded opening words (concurrent causation) and each exclusion — quoted from the form; in Dutch the
 * translation with the binding English words beside it. Pure and deterministic: dated at the decision, so a rerun
 * of the job gives the same bytes and the same hash.
 */

export type InsurerContact = { name: string; address: string; phone: string; email: string };

export type DenialLetterInput = {
  claimNumber: string;
  policyNumber: string;
  /** The named insured(s) the letter is addressed to, as on the declarations page. */
  addressee: string;
  mailingAddress: string;
  /** 'YYYY-MM-DD' */
  lossDate: string;
  items: readonly string[];
  causes: readonly Cause[];
  clauses: readonly ClauseId[];
  /** The decision's recorded time: the letter's date, in the claim's time zone. */
  decidedAt: string;
  timeZone: string;
};

const INTL_LOCALE: Record<Locale, string> = { en: 'en-US', nl: 'nl-NL' };

/** A calendar date in words, not moved by any time zone. */
export function formatLetterDate(locale: Locale, date: string): string {
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

export function denialLetter(input: DenialLetterInput, locale: Locale, insurer: InsurerContact): DocumentModel {
  const t = (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
  const lossDate = formatLetterDate(locale, input.lossDate);
  const decidedOn = Temporal.Instant.from(input.decidedAt).toZonedDateTimeISO(input.timeZone).toPlainDate().toString();
  const clauseBlocks = input.clauses.flatMap((id): Block[] => {
    const original = originalWording(locale, id);
    return [
      { kind: 'paragraph', text: clauseCitation(locale, id), emphasis: true },
      { kind: 'paragraph', text: `“${clauseWording(locale, id)}”` },
      ...(original ? [{ kind: 'paragraph' as const, text: original }] : []),
    ];
  });
  const blocks: Block[] = [
    {
      kind: 'key_values',
      entries: [
        { key: t('claims_coverage.letter.date'), value: formatLetterDate(locale, decidedOn) },
        { key: t('claims_coverage.letter.to'), value: input.addressee },
        { key: t('claims_coverage.letter.address'), value: input.mailingAddress },
        { key: t('claims_coverage.letter.policy_number'), value: input.policyNumber },
        { key: t('claims_coverage.letter.claim_number'), value: input.claimNumber },
        { key: t('claims_coverage.letter.loss_date'), value: lossDate },
        { key: t('claims_coverage.letter.items'), value: input.items.join('; ') },
      ],
    },
    { kind: 'paragraph', text: t('claims_coverage.letter.decision', { claimNumber: input.claimNumber, lossDate }), emphasis: true },
    { kind: 'heading', text: t('claims_coverage.letter.causes_heading') },
    ...input.causes.map((cause): Block => ({ kind: 'paragraph', text: causeText(locale, cause) })),
    { kind: 'heading', text: t('claims_coverage.letter.why_heading') },
    { kind: 'paragraph', text: t('claims_coverage.letter.why') },
    ...clauseBlocks,
    { kind: 'heading', text: t('claims_coverage.letter.disagree_heading') },
    { kind: 'paragraph', text: t('claims_coverage.letter.disagree') },
    { kind: 'heading', text: t('documents.declarations.contact_heading') },
    { kind: 'paragraph', text: t('claims_coverage.letter.contact', { ...insurer, claimNumber: input.claimNumber }) },
  ];
  return { title: t('claims_coverage.letter.title', { claimNumber: input.claimNumber }), locale, createdAt: input.decidedAt, blocks };
}
