import type { Locale } from '../../../platform/db/schema.ts';
import { type MessageKey, type MessageParams, translate } from '../../../platform/i18n/index.ts';
import { Button, ErrorSummary, Field, Form, Panel, Table } from '../../../platform/ui/components.tsx';
import { SelectField } from '../../../platform/ui/fields.tsx';
import { errorFor, type FormError, type FormValues } from '../../../platform/ui/forms.ts';
import { dateIn, dutyText, formatDiaryDate } from '../diary-words.ts';
import type { DeadlineState } from '../domain/claim-deadlines.ts';
import { DUTY_RECORD_KINDS, DUTY_REQUEST_KINDS } from '../domain/duty-requests.ts';
import type { DutyRecord, DutyRequest } from '../duty-repository.ts';
import type { ClaimDuties, DiaryEntryView } from '../use-cases/read-duties.ts';

/**
 * The claim's diary and duties as the back office shows them (issue #4): the diary (due date, party, what, clause,
 * status with "Overdue" in words), the duty requests with their fulfilment forms, the duty records, and the forms to
 * ask something of the insured (JPF-DUTY-5, JPF-DUTY-2) and to record cooperation or abandonment (JPF-DUTY-6/7).
 * Rendered inside the claim 360 view and on the claim's diary page, which shows a refused form again with its errors.
 */

export type DiaryForms = {
  form: 'request' | 'record' | `fulfil:${string}` | `withdraw:${string}` | null;
  values: FormValues;
  errors: readonly FormError[];
};
export const EMPTY_DIARY_FORMS: DiaryForms = { form: null, values: {}, errors: [] };

export const diaryPagePath = (claimId: string) => `/backoffice/claims/${claimId}/diary`;
export const fulfilFieldId = (requestId: string, name: string) => `fulfil-${requestId}-${name}`;
export const withdrawFieldId = (requestId: string) => `withdraw-${requestId}-reason`;

type T = (key: MessageKey, params?: MessageParams) => string;
const translator =
  (locale: Locale): T =>
  (key, params) =>
    translate(locale, key, params);

/** The state in words; overdue is said (and stressed), never shown by colour alone. */
export function StateText({ locale, state }: { locale: Locale; state: DeadlineState }) {
  const text = translate(locale, `claims_diary.state.${state}`);
  return state === 'overdue' ? <strong class="diary-overdue">{text}</strong> : <span>{text}</span>;
}

export function DiaryTable({ locale, entries, caption }: { locale: Locale; entries: readonly DiaryEntryView[]; caption: string }) {
  const t = translator(locale);
  return (
    <Table
      caption={caption}
      columns={[
        { header: t('claims_diary.column.due'), cell: (entry) => formatDiaryDate(locale, entry.dueOn), rowHeader: true },
        { header: t('claims_diary.column.what'), cell: (entry) => dutyText(locale, entry.kind, entry.note) },
        { header: t('claims_diary.column.party'), cell: (entry) => t(`claims_diary.party.${entry.party}`) },
        { header: t('claims_diary.column.clause'), cell: (entry) => entry.clause },
        { header: t('claims_diary.column.status'), cell: (entry) => <StateText locale={locale} state={entry.state} /> },
      ]}
      rows={entries}
      rowKey={(entry) => entry.id}
      empty={t('claims_diary.diary_empty')}
    />
  );
}

/** "February 3, 2027 10:30" — the examination's date, with its time when one was given. */
export function examinationWhen(locale: Locale, date: string, time: string | null): string {
  return time ? `${formatDiaryDate(locale, date)} ${time}` : formatDiaryDate(locale, date);
}

function requestWhat(locale: Locale, request: DutyRequest): string {
  const t = translator(locale);
  const parts = [t(`claims_diary.request_kind.${request.kind}`)];
  if (request.details) parts.push(request.details);
  if (request.examinationOn)
    parts.push(t('claims_diary.examination_at', { when: examinationWhen(locale, request.examinationOn, request.examinationTime), place: request.place ?? '' }));
  else if (request.place) parts.push(request.place);
  return parts.join(' — ');
}

function RequestStatus({ locale, request }: { locale: Locale; request: DutyRequest }) {
  const t = translator(locale);
  return (
    <>
      {t(`claims_diary.request_status.${request.status}`)}
      {request.answerNote ? <p>{t('claims_diary.answer_note', { note: request.answerNote })}</p> : null}
      {request.fileIds.length > 0 ? (
        <ul>
          {request.fileIds.map((fileId, index) => (
            <li key={fileId}>
              <a href={`/api/v1/files/${fileId}`}>{t('claims_diary.answer_file', { n: index + 1 })}</a>
            </li>
          ))}
        </ul>
      ) : null}
      {request.fulfilledOn ? (
        <p>
          {t('claims_diary.fulfilled_on', { date: formatDiaryDate(locale, request.fulfilledOn) })}
          {request.fulfilmentNote ? ` ${request.fulfilmentNote}` : null}
        </p>
      ) : null}
    </>
  );
}

function FulfilForm({
  locale,
  claimId,
  request,
  csrfToken,
  forms,
  today,
}: {
  locale: Locale;
  claimId: string;
  request: DutyRequest;
  csrfToken: string;
  forms: DiaryForms;
  today: string;
}) {
  const t = translator(locale);
  const mine = forms.form === `fulfil:${request.id}`;
  const errors = mine ? forms.errors : [];
  const label = t('claims_diary.fulfil.label', { what: t(`claims_diary.request_kind.${request.kind}`) });
  return (
    <Form action={`/backoffice/claims/${claimId}/duty-requests/${request.id}/fulfil`} csrfToken={csrfToken} aria-label={label}>
      <ErrorSummary locale={locale} errors={errors} />
      <Field
        locale={locale}
        id={`field-${fulfilFieldId(request.id, 'fulfilledOn')}`}
        name="fulfilledOn"
        type="date"
        width="medium"
        label={t('claims_diary.fulfil.date')}
        value={mine ? forms.values.fulfilledOn : today}
        error={errorFor(errors, fulfilFieldId(request.id, 'fulfilledOn'))}
      />
      <Field
        locale={locale}
        id={`field-${fulfilFieldId(request.id, 'fulfilmentNote')}`}
        name="fulfilmentNote"
        label={t('claims_diary.fulfil.note')}
        optional
        maxLength={2000}
        value={mine ? forms.values.fulfilmentNote : undefined}
        error={errorFor(errors, fulfilFieldId(request.id, 'fulfilmentNote'))}
      />
      <Button variant="secondary" aria-label={label}>
        {t('claims_diary.fulfil.submit')}
      </Button>
    </Form>
  );
}

/** JPF-DUTY-5: withdraw a request still waiting for the insured, with the reason (kept in the audit trail). */
function WithdrawForm({
  locale,
  claimId,
  request,
  csrfToken,
  forms,
}: {
  locale: Locale;
  claimId: string;
  request: DutyRequest;
  csrfToken: string;
  forms: DiaryForms;
}) {
  const t = translator(locale);
  const mine = forms.form === `withdraw:${request.id}`;
  const errors = mine ? forms.errors : [];
  const label = translate(locale, 'claims_polish.withdraw.label', { what: t(`claims_diary.request_kind.${request.kind}`) });
  return (
    <Form action={`/backoffice/claims/${claimId}/duty-requests/${request.id}/withdraw`} csrfToken={csrfToken} aria-label={label}>
      <ErrorSummary locale={locale} errors={errors} />
      <Field
        locale={locale}
        id={`field-${withdrawFieldId(request.id)}`}
        name="withdrawalReason"
        label={translate(locale, 'claims_polish.withdraw.reason')}
        hint={translate(locale, 'claims_polish.withdraw.reason_hint')}
        maxLength={2000}
        value={mine ? forms.values.withdrawalReason : undefined}
        error={errorFor(errors, withdrawFieldId(request.id))}
      />
      <Button variant="secondary" aria-label={label}>
        {translate(locale, 'claims_polish.withdraw.submit')}
      </Button>
    </Form>
  );
}

function RequestsTable(props: { locale: Locale; duties: ClaimDuties; csrfToken: string; canHandle: boolean; forms: DiaryForms }) {
  const { locale, duties } = props;
  const t = translator(locale);
  const open = (request: DutyRequest) => request.status === 'open' || request.status === 'answered';
  return (
    <Table
      caption={t('claims_diary.requests_title')}
      captionHidden
      columns={[
        {
          header: t('claims_diary.column.requested'),
          cell: (request) => formatDiaryDate(locale, dateIn(duties.claim.timeZone, request.requestedAt)),
          rowHeader: true,
        },
        { header: t('claims_diary.column.what'), cell: (request) => requestWhat(locale, request) },
        { header: t('claims_diary.column.clause'), cell: (request) => request.clause },
        { header: t('claims_diary.column.due'), cell: (request) => formatDiaryDate(locale, request.dueOn) },
        { header: t('claims_diary.column.status'), cell: (request) => <RequestStatus locale={locale} request={request} /> },
        ...(props.canHandle
          ? [
              {
                header: t('claims_diary.column.action'),
                cell: (request: DutyRequest) =>
                  open(request) ? (
                    <>
                      <FulfilForm
                        locale={locale}
                        claimId={duties.claim.id}
                        request={request}
                        csrfToken={props.csrfToken}
                        forms={props.forms}
                        today={duties.today.toString()}
                      />
                      {request.status === 'open' ? (
                        <WithdrawForm locale={locale} claimId={duties.claim.id} request={request} csrfToken={props.csrfToken} forms={props.forms} />
                      ) : null}
                    </>
                  ) : null,
              },
            ]
          : []),
      ]}
      rows={duties.requests}
      rowKey={(request) => request.id}
      empty={t('claims_diary.requests_empty')}
    />
  );
}

function RecordsTable({ locale, records }: { locale: Locale; records: readonly DutyRecord[] }) {
  const t = translator(locale);
  return (
    <Table
      caption={t('claims_diary.records_title')}
      captionHidden
      columns={[
        { header: t('claims_diary.column.occurred'), cell: (record) => formatDiaryDate(locale, record.occurredOn), rowHeader: true },
        { header: t('claims_diary.column.what'), cell: (record) => `${t(`claims_diary.record_kind.${record.kind}`)} — ${record.description}` },
        { header: t('claims_diary.column.clause'), cell: (record) => record.clause },
        {
          header: t('claims_diary.column.decision'),
          cell: (record) =>
            record.decision ? `${t(`claims_diary.decision.${record.decision}`)}${record.consentReference ? ` (${record.consentReference})` : ''}` : '—',
        },
      ]}
      rows={records}
      rowKey={(record) => record.id}
      empty={t('claims_diary.records_empty')}
    />
  );
}

function RequestForm({ locale, claimId, csrfToken, forms }: { locale: Locale; claimId: string; csrfToken: string; forms: DiaryForms }) {
  const t = translator(locale);
  const mine = forms.form === 'request';
  const errors = mine ? forms.errors : [];
  const values = mine ? forms.values : {};
  const field = (name: string) => ({ locale, name, value: values[name], error: errorFor(errors, name) });
  return (
    <Form action={`/backoffice/claims/${claimId}/duty-requests`} csrfToken={csrfToken} aria-labelledby="diary-request-heading">
      <h3 id="diary-request-heading">{t('claims_diary.request_form.title')}</h3>
      <ErrorSummary locale={locale} errors={errors} />
      <SelectField
        {...field('dutyKind')}
        label={t('claims_diary.request_form.kind')}
        placeholder={t('claims_diary.form.choose')}
        options={DUTY_REQUEST_KINDS.map((kind) => ({
          value: kind,
          label: `${t(`claims_diary.request_kind.${kind}`)} (${kind === 'written_confirmation' ? 'JPF-DUTY-2' : 'JPF-DUTY-5'})`,
        }))}
      />
      <Field {...field('dutyDueOn')} type="date" width="medium" label={t('claims_diary.request_form.due')} hint={t('claims_diary.request_form.due_hint')} />
      <Field
        {...field('dutyDetails')}
        multiline
        rows={3}
        maxLength={2000}
        optional
        label={t('claims_diary.request_form.details')}
        hint={t('claims_diary.request_form.details_hint')}
      />
      <Field {...field('dutyExaminationOn')} type="date" width="medium" optional label={t('claims_diary.request_form.examination_on')} />
      <Field {...field('dutyExaminationTime')} width="short" optional label={t('claims_diary.request_form.examination_time')} hint="HH:MM" />
      <Field {...field('dutyPlace')} maxLength={500} optional label={t('claims_diary.request_form.place')} hint={t('claims_diary.request_form.place_hint')} />
      <Button>{t('claims_diary.request_form.submit')}</Button>
    </Form>
  );
}

function RecordForm({ locale, claimId, csrfToken, forms }: { locale: Locale; claimId: string; csrfToken: string; forms: DiaryForms }) {
  const t = translator(locale);
  const mine = forms.form === 'record';
  const errors = mine ? forms.errors : [];
  const values = mine ? forms.values : {};
  const field = (name: string) => ({ locale, name, value: values[name], error: errorFor(errors, name) });
  return (
    <Form action={`/backoffice/claims/${claimId}/duty-records`} csrfToken={csrfToken} aria-labelledby="diary-record-heading">
      <h3 id="diary-record-heading">{t('claims_diary.record_form.title')}</h3>
      <ErrorSummary locale={locale} errors={errors} />
      <SelectField
        {...field('recordKind')}
        label={t('claims_diary.record_form.kind')}
        placeholder={t('claims_diary.form.choose')}
        options={DUTY_RECORD_KINDS.map((kind) => ({
          value: kind,
          label: `${t(`claims_diary.record_kind.${kind}`)} (${kind === 'cooperation_issue' ? 'JPF-DUTY-6' : 'JPF-DUTY-7'})`,
        }))}
      />
      <Field {...field('recordOccurredOn')} type="date" width="medium" label={t('claims_diary.record_form.occurred_on')} />
      <Field {...field('recordDescription')} multiline rows={3} maxLength={2000} label={t('claims_diary.record_form.description')} />
      <SelectField
        {...field('recordDecision')}
        label={t('claims_diary.record_form.decision')}
        hint={t('claims_diary.record_form.decision_hint')}
        placeholder={t('claims_diary.record_form.decision_none')}
        options={[
          { value: 'refused', label: t('claims_diary.decision.refused') },
          { value: 'consented', label: t('claims_diary.decision.consented') },
        ]}
      />
      <Field {...field('recordConsentReference')} maxLength={200} optional label={t('claims_diary.record_form.consent_reference')} />
      <Button>{t('claims_diary.record_form.submit')}</Button>
    </Form>
  );
}

/** The whole diary block: the 360 section and the claim's diary page both render it. */
export function DiaryBody(props: {
  locale: Locale;
  duties: ClaimDuties;
  csrfToken: string;
  canHandle: boolean;
  forms?: DiaryForms;
  done?: string | undefined;
}) {
  const { locale, duties } = props;
  const t = translator(locale);
  const forms = props.forms ?? EMPTY_DIARY_FORMS;
  const overdue = duties.diary.filter((entry) => entry.state === 'overdue').length;
  return (
    <>
      {props.done ? <Panel kind="success">{props.done}</Panel> : null}
      <p>{overdue > 0 ? <strong>{t('claims_diary.overdue_count', { count: overdue })}</strong> : t('claims_diary.none_overdue')}</p>
      <DiaryTable locale={locale} entries={duties.diary} caption={t('claims_diary.diary_title', { claimNumber: duties.claim.claimNumber })} />
      <h3>{t('claims_diary.requests_title')}</h3>
      <RequestsTable locale={locale} duties={duties} csrfToken={props.csrfToken} canHandle={props.canHandle} forms={forms} />
      <h3>{t('claims_diary.records_title')}</h3>
      <RecordsTable locale={locale} records={duties.records} />
      {props.canHandle ? (
        <>
          <RequestForm locale={locale} claimId={duties.claim.id} csrfToken={props.csrfToken} forms={forms} />
          <RecordForm locale={locale} claimId={duties.claim.id} csrfToken={props.csrfToken} forms={forms} />
        </>
      ) : null}
    </>
  );
}
