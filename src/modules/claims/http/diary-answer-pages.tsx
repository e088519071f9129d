import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UserActor } from '../../../platform/auth/actor.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { TypedApp } from '../../../platform/http/app.ts';
import { originOf } from '../../../platform/http/origin.ts';
import { problems } from '../../../platform/http/problem.ts';
import { type MessageKey, type MessageParams, translate } from '../../../platform/i18n/index.ts';
import { Button, ErrorSummary, Field, Form, PageHeading, Panel } from '../../../platform/ui/components.tsx';
import { attempt, errorFor, type FormError, formValues } from '../../../platform/ui/forms.ts';
import { requirePageUser } from '../../../platform/ui/page-support.tsx';
import { FileField, multipartForm, uploadedPart, uploadFile } from '../../files/index.ts';
import { clauseText, dueText } from '../diary-words.ts';
import { DUTY_REQUEST_RULES } from '../domain/duty-requests.ts';
import type { DutyRequest } from '../duty-repository.ts';
import { answerDutyRequest } from '../use-cases/answer-duty-request.ts';
import { type ClaimDuties, readClaimDuties } from '../use-cases/read-duties.ts';
import { pathId, sendDiaryLayoutPage } from './diary-page-support.ts';

/**
 * JPF-DUTY-5 / JPF-DUTY-2 in the portal: the policyholder answers a request for records or for written confirmation
 * with documents (PDF, JPEG or PNG, checked by content) and a note. The files are stored and the answer made in one
 * transaction, so a refused answer keeps no file. Only the holder reaches the page; anyone else gets 404.
 */

const FILE_FIELDS = ['answerFile1', 'answerFile2', 'answerFile3'] as const;
const FIELD_CODES = [
  'validation_failed',
  'file_empty',
  'file_too_large',
  'file_type_unsupported',
  'file_type_mismatch',
  'attachment_invalid',
  'answer_needs_files',
  'answer_empty',
];

/** The use case's field names are the form's: fileIds.0 → the first file field, note → answerNote. */
function formField(field: string): string {
  const file = /^fileIds(?:\.(\d+))?$/.exec(field);
  if (file) return FILE_FIELDS[Number(file[1] ?? 0)] ?? 'answerFile1';
  return field === 'note' ? 'answerNote' : field;
}

type Found = { actor: UserActor; duties: ClaimDuties; request: DutyRequest };

async function holdersRequest(deps: Deps, request: FastifyRequest<{ Params: { id: string; requestId: string } }>, reply: FastifyReply): Promise<Found | null> {
  const claimId = pathId(request.params.id);
  const requestId = pathId(request.params.requestId);
  const actor = requirePageUser(request, reply, 'claims:report', `/portal/claims/${claimId}/duty-requests/${requestId}`);
  if (!actor) return null;
  const duties = await readClaimDuties(deps, actor, claimId);
  const found = duties.requests.find((candidate) => candidate.id === requestId);
  if (duties.claim.holderUserId !== actor.userId || !found) throw problems.notFound();
  return { actor, duties, request: found };
}

function sendAnswerPage(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  found: Found,
  state: { errors?: readonly FormError[]; values?: Record<string, string | undefined>; done?: boolean; status?: number } = {},
) {
  const locale = request.locale;
  const t = (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
  const { duties, request: duty } = found;
  const rule = DUTY_REQUEST_RULES[duty.kind];
  const what = t(`claims_diary.request_kind.${duty.kind}`);
  const title = t('claims_diary.answer.title', { what });
  const errors = state.errors ?? [];
  const answerable = duty.status === 'open' && rule.answeredWithDocuments;
  return sendDiaryLayoutPage(
    deps,
    request,
    reply,
    { title, status: state.status ?? 200 },
    <>
      <PageHeading title={title} caption={t('claims_diary.answer.caption', { claimNumber: duties.claim.claimNumber })} />
      {state.done ? <Panel kind="success">{t('claims_diary.answer.done')}</Panel> : null}
      {duty.details ? <p>{t('claims_diary.answer.asked', { details: duty.details })}</p> : null}
      <p>{t('claims_diary.answer.due', { due: dueText(locale, duty.dueOn, duties.today) })}</p>
      <p class="field__hint">
        {clauseText(locale, rule.diaryKind)} ({duty.clause})
      </p>
      {answerable ? (
        <Form action={`/portal/claims/${duties.claim.id}/duty-requests/${duty.id}`} csrfToken={request.csrfToken} multipart aria-label={title}>
          <ErrorSummary locale={locale} errors={errors} />
          {FILE_FIELDS.map((name, index) => (
            <FileField
              key={name}
              locale={locale}
              name={name}
              label={t('claims_diary.answer.file', { n: index + 1 })}
              hint={index === 0 ? t('claims_diary.answer.file_hint') : undefined}
              optional={index > 0 || duty.kind === 'written_confirmation'}
              error={errorFor(errors, name)}
            />
          ))}
          <Field
            locale={locale}
            name="answerNote"
            multiline
            rows={4}
            maxLength={2000}
            optional={duty.kind === 'produce_records'}
            label={t(duty.kind === 'written_confirmation' ? 'claims_diary.answer.confirmation' : 'claims_diary.answer.note')}
            value={state.values?.answerNote}
            error={errorFor(errors, 'answerNote')}
          />
          <Button>{t('claims_diary.answer.submit')}</Button>
        </Form>
      ) : state.done ? null : (
        <p>{t(`claims_diary.request_status.${duty.status}`)}</p>
      )}
      <p>
        <a href={`/portal/claims/${duties.claim.id}`}>{t('claims_diary.answer.back')}</a>
      </p>
    </>,
  );
}

export function registerAnswerPages(app: TypedApp, deps: Deps): void {
  app.get<{ Params: { id: string; requestId: string } }>('/portal/claims/:id/duty-requests/:requestId', { schema: { hide: true } }, async (request, reply) => {
    const found = await holdersRequest(deps, request, reply);
    if (!found) return reply;
    return sendAnswerPage(deps, request, reply, found);
  });

  app.post<{ Params: { id: string; requestId: string } }>(
    '/portal/claims/:id/duty-requests/:requestId',
    { schema: { hide: true }, ...multipartForm(deps, { maxFiles: FILE_FIELDS.length }) },
    async (request, reply) => {
      const found = await holdersRequest(deps, request, reply);
      if (!found) return reply;
      const { actor, duties, request: duty } = found;
      const values = formValues(request.body, ['answerNote']);
      const note = values.answerNote?.trim() ?? '';
      if (note.length > 2000) {
        const errors = [{ field: 'answerNote', message: translate(request.locale, 'claims_diary.form.too_long') }];
        return sendAnswerPage(deps, request, reply, found, { errors, values, status: 400 });
      }
      const origin = originOf(request);
      // The documents are stored and the answer made in one transaction: a refused answer keeps no file.
      const answerWithFiles = () =>
        inTransaction(deps.db, async (trx) => {
          const inner = { ...deps, db: trx };
          const fileIds: string[] = [];
          for (const name of FILE_FIELDS) {
            const part = uploadedPart(request.body, name);
            if (!part) continue;
            const upload = {
              purpose: 'claim_document' as const,
              content: part.content,
              size: part.size,
              declaredType: part.declaredType,
              fileName: part.fileName,
            };
            fileIds.push((await uploadFile(inner, actor, { ...upload, field: name }, origin)).id);
          }
          return answerDutyRequest(inner, actor, duties.claim.id, duty.id, { fileIds, note: note === '' ? null : note }, origin);
        });
      const result = await attempt(request.locale, reply, FILE_FIELDS[0], answerWithFiles, { fieldCodes: FIELD_CODES, fieldName: formField });
      if (!result.ok) return sendAnswerPage(deps, request, reply, found, { errors: result.failure.errors, values, status: result.failure.status });
      return sendAnswerPage(deps, request, reply, { ...found, request: result.value }, { done: true });
    },
  );
}
