import { can } from '../../../platform/auth/access.ts';
import type { Locale } from '../../../platform/db/schema.ts';
import { translate } from '../../../platform/i18n/index.ts';
import { Button, Card, ErrorSummary, Field, Form } from '../../../platform/ui/components.tsx';
import { errorFor } from '../../../platform/ui/forms.ts';
import type { CoverageEntry } from '../coverage-repository.ts';
import { clauseWording, originalWording } from '../domain/coverage-words.ts';
import { formatLetterDate } from '../domain/denial-letter.ts';
import { getCoverage } from '../use-cases/read-coverage.ts';
import type { ClaimSection } from './claim-sections.ts';
import { CoverageBody, type CoverageFormState, EMPTY_COVERAGE_FORM, letterHref } from './coverage-views.tsx';

/**
 * The coverage decision's sections (issue #4): on the back-office claim 360 view the proposal, its clauses quoted,
 * the automatic flag, the forms and the history (order 20); on the insured's claim status page the same in plain words,
 * EN/NL, with the request for a person to review an automatic proposal (PRV-RIGHT-6).
 */

export const coverage360Section: ClaimSection = {
  id: 'coverage',
  order: 20,
  async render({ deps, actor, locale, claim, csrfToken }) {
    const view = await getCoverage(deps, actor, claim.id);
    return (
      <Card id="coverage" title={translate(locale, 'claims_coverage.title')}>
        <p>
          <a href={coveragePagePath(claim.id)}>{translate(locale, 'claims_coverage.page_title', { claimNumber: claim.claimNumber })}</a>
        </p>
        <CoverageBody locale={locale} view={view} csrfToken={csrfToken} canHandle={can(actor, 'claims:handle')} />
      </Card>
    );
  },
};

export function coveragePagePath(claimId: string): string {
  return `/backoffice/claims/${claimId}/coverage`;
}

export function reviewPagePath(claimId: string): string {
  return `/portal/claims/${claimId}/coverage/review`;
}

function PlainClauses({ locale, entry }: { locale: Locale; entry: CoverageEntry }) {
  const ids = entry.clauses.filter((id) => id.startsWith('JPF-EXCL'));
  return (
    <ul>
      {ids.map((id) => {
        const original = originalWording(locale, id);
        return (
          <li key={id}>
            “{clauseWording(locale, id)}”{original ? <span class="hint"> {original}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}

function PlainOutcome({ locale, entry }: { locale: Locale; entry: CoverageEntry }) {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  const proposed = entry.kind === 'proposal';
  switch (entry.outcome) {
    case 'covered':
      return <p>{t(proposed ? 'claims_coverage.portal.proposed_covered' : 'claims_coverage.portal.covered')}</p>;
    case 'excluded':
      return (
        <>
          <p>{t(proposed ? 'claims_coverage.portal.proposed_excluded' : 'claims_coverage.portal.excluded')}</p>
          <p>{t('claims_coverage.portal.excluded_because')}</p>
          <PlainClauses locale={locale} entry={entry} />
        </>
      );
    case 'needs_information':
      return (
        <>
          <p>{t(proposed ? 'claims_coverage.portal.proposed_needs_information' : 'claims_coverage.portal.needs_information')}</p>
          <ul>
            {entry.missing.map((key) => (
              <li key={key}>{t(`claims_coverage.missing.${key}`)}</li>
            ))}
          </ul>
        </>
      );
  }
}

/** The insured's request form (PRV-RIGHT-6), on the status page and on its own page when it comes back with errors. */
export function ReviewRequestForm({
  locale,
  claimId,
  csrfToken,
  form = EMPTY_COVERAGE_FORM,
}: {
  locale: Locale;
  claimId: string;
  csrfToken: string;
  form?: CoverageFormState;
}) {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  return (
    <Form action={reviewPagePath(claimId)} csrfToken={csrfToken} aria-label={t('claims_coverage.portal.review_link')}>
      <ErrorSummary locale={locale} errors={form.errors} />
      <Field
        locale={locale}
        name="reason"
        label={t('claims_coverage.portal.review_reason')}
        multiline
        rows={4}
        maxLength={2000}
        value={form.values.reason}
        error={errorFor(form.errors, 'reason')}
      />
      <Button>{t('claims_coverage.portal.review_submit')}</Button>
    </Form>
  );
}

export const coverageStatusSection: ClaimSection = {
  id: 'coverage',
  order: 20,
  async render({ deps, actor, locale, claim, csrfToken }) {
    const t = (key: Parameters<typeof translate>[1], params?: Record<string, string>) => translate(locale, key, params);
    const view = await getCoverage(deps, actor, claim.id);
    const { decision, proposal, openReview } = view;
    const shown = decision ?? proposal;
    const holder = actor.userId === claim.holderUserId;
    const answered = view.reviewRequests.filter((request) => request.status === 'closed' && request.closedAt);
    const lastAnswered = answered.at(-1);
    return (
      <Card id="coverage" title={t('claims_coverage.portal.title')}>
        {shown ? <PlainOutcome locale={locale} entry={shown} /> : <p>{t('claims_coverage.portal.pending')}</p>}
        {decision ? <p>{t('claims_coverage.portal.decided_by_person')}</p> : proposal ? <p>{t('claims_coverage.portal.automatic')}</p> : null}
        {openReview ? (
          <p>
            {t('claims_coverage.portal.review_open', {
              date: formatLetterDate(locale, openReview.createdAt.slice(0, 10)),
              dueOn: formatLetterDate(locale, openReview.dueOn),
            })}
          </p>
        ) : lastAnswered?.closedAt ? (
          <p>{t('claims_coverage.portal.review_done', { date: formatLetterDate(locale, lastAnswered.closedAt.slice(0, 10)) })}</p>
        ) : null}
        {view.reviewAvailable && holder ? (
          <>
            <p>{t(decision ? 'claims_coverage.portal.decided_on_automatic' : 'claims_coverage.portal.review_offer')}</p>
            <ReviewRequestForm locale={locale} claimId={claim.id} csrfToken={csrfToken} />
          </>
        ) : null}
        {view.letters.length > 0 ? (
          <ul>
            {view.letters.map((letter) => (
              <li key={letter.id}>
                <a href={letterHref(letter)}>{t('claims_coverage.portal.letter')}</a>
              </li>
            ))}
          </ul>
        ) : null}
      </Card>
    );
  },
};
