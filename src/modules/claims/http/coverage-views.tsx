import type { Locale } from '../../../platform/db/schema.ts';
import { formatInstant, translate } from '../../../platform/i18n/index.ts';
import { Button, CheckboxGroup, ErrorSummary, Field, Form, Panel, RadioGroup, SummaryList, Table } from '../../../platform/ui/components.tsx';
import { SelectField } from '../../../platform/ui/fields.tsx';
import { errorFor, type FormError, type FormValues } from '../../../platform/ui/forms.ts';
import type { CoverageEntry, CoverageLetter } from '../coverage-repository.ts';
import { CUSTODIAN_KINDS } from '../domain/cause-of-loss.ts';
import { EXCLUSION_CLAUSE_IDS } from '../domain/coverage-clauses.ts';
import { COVERAGE_OUTCOMES, MISSING_INFORMATION } from '../domain/coverage-decision.ts';
import { causeText, clauseCitation, clauseWording, custodianText, originalWording } from '../domain/coverage-words.ts';
import { formatLetterDate } from '../domain/denial-letter.ts';
import type { CoverageView } from '../use-cases/read-coverage.ts';
import { CAUSE_ROWS, CAUSE_VALUES, causeOptionLabel } from './coverage-form.ts';

/**
 * The coverage decision as the back office shows it (issue #4): the newest proposal and the current decision with
 * their clauses quoted, the automatic flag (PRV-RIGHT-6), the insured's review request, the forms to record causes and
 * to confirm or override, the history and the letters. Used by the claim 360 section and the coverage page.
 */

export type CoverageFormState = { values: FormValues; errors: readonly FormError[]; lists?: Record<string, string[]> };
export const EMPTY_COVERAGE_FORM: CoverageFormState = { values: {}, errors: [] };

export function Clauses({ locale, entry }: { locale: Locale; entry: CoverageEntry }) {
  return (
    <ul class="clause-list">
      {entry.clauses.map((id) => {
        const original = originalWording(locale, id);
        return (
          <li key={id}>
            <strong>{clauseCitation(locale, id)}</strong>
            <blockquote>{clauseWording(locale, id)}</blockquote>
            {original ? <p class="hint">{original}</p> : null}
          </li>
        );
      })}
    </ul>
  );
}

function EntrySummary({ locale, entry }: { locale: Locale; entry: CoverageEntry }) {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string>) => translate(locale, key, params);
  const items = [
    { term: t('claims_coverage.outcome'), value: <strong>{t(`claims_coverage.outcome.${entry.outcome}`)}</strong> },
    {
      term: t('claims_coverage.automatic'),
      value: entry.automatic ? t('claims_coverage.automatic_yes') : t('claims_coverage.automatic_no', { name: entry.recordedByName }),
    },
    {
      term: t('claims_coverage.causes'),
      value:
        entry.causes.length === 0 ? (
          '—'
        ) : (
          <ul>
            {entry.causes.map((cause, index) => (
              <li key={String(index)}>{causeText(locale, cause)}</li>
            ))}
          </ul>
        ),
    },
    { term: t('claims_coverage.custodian'), value: custodianText(locale, entry.custodian) },
    { term: t('claims_coverage.clauses'), value: <Clauses locale={locale} entry={entry} /> },
  ];
  if (entry.missing.length > 0)
    items.push({
      term: t('claims_coverage.missing'),
      value: (
        <ul>
          {entry.missing.map((key) => (
            <li key={key}>{t(`claims_coverage.missing.${key}`)}</li>
          ))}
        </ul>
      ),
    });
  if (entry.notes.length > 0)
    items.push({
      term: t('claims_coverage.notes'),
      value: (
        <ul>
          {entry.notes.map((note) => (
            <li key={note}>{t(`claims_coverage.note.${note}`)}</li>
          ))}
        </ul>
      ),
    });
  if (entry.reason) items.push({ term: t('claims_coverage.reason'), value: entry.reason });
  if (entry.overridden) items.push({ term: t('claims_coverage.overridden'), value: '✓' });
  if (entry.reconsideration) items.push({ term: t('claims_coverage.reconsideration'), value: '✓' });
  return <SummaryList items={items} />;
}

function ProposalForm({ locale, claimId, csrfToken, form }: { locale: Locale; claimId: string; csrfToken: string; form: CoverageFormState }) {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(locale, key, params);
  const options = CAUSE_VALUES.map((value) => ({ value, label: causeOptionLabel(locale, value) }));
  return (
    <Form action={`/backoffice/claims/${claimId}/coverage/proposal`} csrfToken={csrfToken} aria-labelledby="coverage-causes-heading">
      <h3 id="coverage-causes-heading">{t('claims_coverage.form.causes_legend')}</h3>
      <p class="hint">{t('claims_coverage.form.causes_hint')}</p>
      <ErrorSummary locale={locale} errors={form.errors} />
      {CAUSE_ROWS.map((row) => (
        <SelectField
          key={row.name}
          locale={locale}
          name={row.name}
          label={`${t('claims_coverage.form.cause_label', { n: row.index + 1 })} — ${t(`claims_coverage.role.${row.role}`)}`}
          options={options}
          value={form.values[row.name]}
          placeholder={t('claims_coverage.form.cause_none')}
          error={errorFor(form.errors, row.name)}
        />
      ))}
      <SelectField
        locale={locale}
        name="custodianKind"
        label={t('claims_coverage.form.custodian_kind')}
        options={CUSTODIAN_KINDS.map((kind) => ({ value: kind, label: t(`claims_coverage.custodian.${kind}`) }))}
        value={form.values.custodianKind}
        placeholder={t('claims_coverage.custodian_none')}
        error={errorFor(form.errors, 'custodianKind')}
      />
      <Field
        locale={locale}
        name="custodianName"
        label={t('claims_coverage.form.custodian_name')}
        optional
        maxLength={200}
        value={form.values.custodianName}
        error={errorFor(form.errors, 'custodianName')}
      />
      <Button>{t('claims_coverage.form.propose')}</Button>
    </Form>
  );
}

function DecisionForm({ locale, claimId, csrfToken, form }: { locale: Locale; claimId: string; csrfToken: string; form: CoverageFormState }) {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  return (
    <Form action={`/backoffice/claims/${claimId}/coverage/decision`} csrfToken={csrfToken} aria-labelledby="coverage-decide-heading">
      <h3 id="coverage-decide-heading">{t('claims_coverage.form.decide_legend')}</h3>
      <ErrorSummary locale={locale} errors={form.errors} />
      <RadioGroup
        locale={locale}
        name="action"
        legend={t('claims_coverage.form.action')}
        options={[
          { value: 'confirm', label: t('claims_coverage.form.action.confirm') },
          { value: 'override', label: t('claims_coverage.form.action.override') },
        ]}
        selected={[form.values.action ?? 'confirm']}
        error={errorFor(form.errors, 'action')}
      />
      <SelectField
        locale={locale}
        name="outcome"
        label={t('claims_coverage.form.override_outcome')}
        options={COVERAGE_OUTCOMES.map((outcome) => ({ value: outcome, label: t(`claims_coverage.outcome.${outcome}`) }))}
        value={form.values.outcome}
        placeholder={t('claims_coverage.form.cause_none')}
        error={errorFor(form.errors, 'outcome')}
      />
      <CheckboxGroup
        locale={locale}
        name="exclusions"
        legend={t('claims_coverage.form.exclusions')}
        options={EXCLUSION_CLAUSE_IDS.map((id) => ({ value: id, label: clauseCitation(locale, id), hint: clauseWording(locale, id) }))}
        selected={form.lists?.exclusions ?? []}
        error={errorFor(form.errors, 'exclusions')}
      />
      <CheckboxGroup
        locale={locale}
        name="missing"
        legend={t('claims_coverage.form.missing')}
        options={MISSING_INFORMATION.map((key) => ({ value: key, label: t(`claims_coverage.missing.${key}`) }))}
        selected={form.lists?.missing ?? []}
        error={errorFor(form.errors, 'missing')}
      />
      <Field
        locale={locale}
        name="reason"
        label={t('claims_coverage.form.reason')}
        hint={t('claims_coverage.form.reason_hint')}
        multiline
        rows={3}
        maxLength={2000}
        value={form.values.reason}
        error={errorFor(form.errors, 'reason')}
      />
      <Button>{t('claims_coverage.form.decide')}</Button>
    </Form>
  );
}

function History({ locale, entries, timeZone }: { locale: Locale; entries: readonly CoverageEntry[]; timeZone: string }) {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  return (
    <Table
      caption={t('claims_coverage.history_caption')}
      columns={[
        { header: t('claims_coverage.col.seq'), cell: (entry: CoverageEntry) => String(entry.seq), rowHeader: true },
        { header: t('claims_coverage.col.kind'), cell: (entry: CoverageEntry) => t(`claims_coverage.kind.${entry.kind}`) },
        { header: t('claims_coverage.outcome'), cell: (entry: CoverageEntry) => t(`claims_coverage.outcome.${entry.outcome}`) },
        { header: t('claims_coverage.clauses'), cell: (entry: CoverageEntry) => entry.clauses.join(', ') },
        { header: t('claims_coverage.col.by'), cell: (entry: CoverageEntry) => (entry.automatic ? t('claims_coverage.kind.proposal') : entry.recordedByName) },
        { header: t('claims_coverage.reason'), cell: (entry: CoverageEntry) => entry.reason ?? '' },
        { header: t('claims_coverage.col.when'), cell: (entry: CoverageEntry) => formatInstant(locale, entry.createdAt, timeZone) },
      ]}
      rows={entries}
      rowKey={(entry) => entry.id}
      empty={t('claims_coverage.none_yet')}
    />
  );
}

export function letterHref(letter: CoverageLetter): string {
  return `/api/v1/claims/${letter.claimId}/coverage/letters/${letter.id}`;
}

export type CoverageBodyProps = {
  locale: Locale;
  view: CoverageView;
  csrfToken: string;
  /** The reader may record causes and decide (claims:handle). */
  canHandle: boolean;
  proposalForm?: CoverageFormState;
  decisionForm?: CoverageFormState;
  done?: string;
};

export function CoverageBody({
  locale,
  view,
  csrfToken,
  canHandle,
  proposalForm = EMPTY_COVERAGE_FORM,
  decisionForm = EMPTY_COVERAGE_FORM,
  done,
}: CoverageBodyProps) {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string>) => translate(locale, key, params);
  const { claim, proposal, decision, openReview } = view;
  const open = ['reported', 'needs_information', 'covered', 'denied'].includes(claim.status);
  return (
    <>
      {done ? <Panel kind="success">{done}</Panel> : null}
      {openReview ? (
        <Panel kind="warning">
          {t('claims_coverage.review_open', {
            date: formatLetterDate(locale, openReview.createdAt.slice(0, 10)),
            reason: openReview.reason,
            dueOn: formatLetterDate(locale, openReview.dueOn),
          })}
        </Panel>
      ) : null}
      {view.reviewRequests
        .filter((request) => request.status === 'closed' && request.closedAt)
        .map((request) => (
          <p key={request.id}>{t('claims_coverage.review_closed', { date: formatLetterDate(locale, (request.closedAt ?? '').slice(0, 10)) })}</p>
        ))}
      <h3>{t('claims_coverage.current_decision')}</h3>
      {decision ? <EntrySummary locale={locale} entry={decision} /> : <p>{t('claims_coverage.no_decision')}</p>}
      <h3>{t('claims_coverage.proposal')}</h3>
      {proposal ? <EntrySummary locale={locale} entry={proposal} /> : <p>{t('claims_coverage.none_yet')}</p>}
      {canHandle && open ? <ProposalForm locale={locale} claimId={claim.id} csrfToken={csrfToken} form={proposalForm} /> : null}
      {canHandle && open && proposal ? <DecisionForm locale={locale} claimId={claim.id} csrfToken={csrfToken} form={decisionForm} /> : null}
      <h3>{t('claims_coverage.history')}</h3>
      <History locale={locale} entries={view.entries} timeZone={claim.timeZone} />
      {view.letters.length > 0 ? (
        <>
          <h3>{t('claims_coverage.letters')}</h3>
          <ul>
            {view.letters.map((letter) => (
              <li key={letter.id}>
                <a href={letterHref(letter)}>
                  {t('claims_coverage.letter_link', { locale: letter.locale.toUpperCase(), date: formatLetterDate(locale, letter.createdAt.slice(0, 10)) })}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
