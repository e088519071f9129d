import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can } from '../../../platform/auth/access.ts';
import type { UserActor } from '../../../platform/auth/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { HttpModule, TypedApp } from '../../../platform/http/app.ts';
import { originOf } from '../../../platform/http/origin.ts';
import { translate } from '../../../platform/i18n/index.ts';
import { Card, PageHeading } from '../../../platform/ui/components.tsx';
import { type FormError, formValues, says, submitForm } from '../../../platform/ui/forms.ts';
import { requirePageUser } from '../../../platform/ui/page-support.tsx';
import { DUTY_RECORD_KINDS, DUTY_REQUEST_KINDS } from '../domain/duty-requests.ts';
import { fulfilDutyRequest } from '../use-cases/fulfil-duty-request.ts';
import { type ClaimDuties, readClaimDuties } from '../use-cases/read-duties.ts';
import { recordDuty } from '../use-cases/record-duty.ts';
import { requestDuty } from '../use-cases/request-duty.ts';
import { withdrawDutyRequest } from '../use-cases/withdraw-duty-request.ts';
import { registerAnswerPages } from './diary-answer-pages.tsx';
import { registerDiaryListPage } from './diary-list-page.tsx';
import { pathId, sendDiaryLayoutPage } from './diary-page-support.ts';
import { DiaryBody, type DiaryForms, diaryPagePath, EMPTY_DIARY_FORMS, fulfilFieldId, withdrawFieldId } from './diary-views.tsx';

/**
 * Pages of the claim's duties and deadlines (issue #4), working without JavaScript: the claim's diary page in the back
 * office, which the 360 section's forms post to and which shows a refused form again with its error summary (or what
 * was done); the adjuster's diary across claims; the insured's answer to a document request in the portal. The same
 * use cases as the JSON API.
 */

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const requiredDate = z.iso.date(says('claims_diary.form.date_invalid'));
const optionalDate = z.preprocess(blankToUndefined, z.iso.date(says('claims_diary.form.date_invalid')).optional());
const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max, says('claims_diary.form.too_long')).optional());

const requestForm = z.object({
  dutyKind: z.enum(DUTY_REQUEST_KINDS, says('claims_diary.form.kind_required')),
  dutyDueOn: requiredDate,
  dutyDetails: optionalText(2000),
  dutyExaminationOn: optionalDate,
  dutyExaminationTime: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, says('claims_diary.form.time_invalid'))
      .optional(),
  ),
  dutyPlace: optionalText(500),
});

const recordForm = z.object({
  recordKind: z.enum(DUTY_RECORD_KINDS, says('claims_diary.form.kind_required')),
  recordOccurredOn: requiredDate,
  recordDescription: z
    .string(says('claims_diary.form.description_required'))
    .trim()
    .min(1, says('claims_diary.form.description_required'))
    .max(2000, says('claims_diary.form.too_long')),
  recordDecision: z.preprocess(blankToUndefined, z.enum(['refused', 'consented'], says('error.field.invalid')).optional()),
  recordConsentReference: optionalText(200),
});

const fulfilForm = z.object({ fulfilledOn: requiredDate, fulfilmentNote: optionalText(2000) });
const withdrawForm = z.object({
  withdrawalReason: z
    .string(says('claims_polish.withdraw.reason_required'))
    .trim()
    .min(3, says('claims_polish.withdraw.reason_required'))
    .max(2000, says('claims_diary.form.too_long')),
});

/** Use-case field names ('dueOn') are the form's ('dutyDueOn'). */
const prefixed = (prefix: string) => (field: string) => `${prefix}${field.charAt(0).toUpperCase()}${field.slice(1)}`;

const DIARY_FIELD_CODES = ['validation_failed', 'duty_request_invalid', 'duty_record_invalid', 'fulfilment_invalid'];

export const claimDiaryPages: HttpModule = {
  name: 'claims-diary-pages',
  register(app: TypedApp, deps: Deps) {
    const sendClaimDiaryPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      duties: ClaimDuties,
      state: { forms?: DiaryForms; done?: string; status?: number } = {},
    ) => {
      const locale = request.locale;
      const title = translate(locale, 'claims_diary.page_title', { claimNumber: duties.claim.claimNumber });
      return sendDiaryLayoutPage(
        deps,
        request,
        reply,
        { title, status: state.status ?? 200, currentPath: diaryPagePath(duties.claim.id) },
        <>
          <PageHeading title={title} lead={translate(locale, 'claims_diary.page_lead')} />
          <p>
            <a href={`/backoffice/claims/${duties.claim.id}`}>{translate(locale, 'claims_diary.back_to_claim', { claimNumber: duties.claim.claimNumber })}</a>
          </p>
          <Card id="diary" title={translate(locale, 'claims_diary.section_title')}>
            <DiaryBody
              locale={locale}
              duties={duties}
              csrfToken={request.csrfToken}
              canHandle={can(request.actor, 'claims:handle')}
              forms={state.forms ?? EMPTY_DIARY_FORMS}
              done={state.done}
            />
          </Card>
        </>,
      );
    };

    /** The page of a claim handler's post: the actor and the claim's duties, or null when sent to log in. */
    const handlerPost = async (
      request: FastifyRequest<{ Params: { id: string } }>,
      reply: FastifyReply,
    ): Promise<{ actor: UserActor; duties: ClaimDuties } | null> => {
      const claimId = pathId(request.params.id);
      const actor = requirePageUser(request, reply, 'claims:handle', diaryPagePath(claimId));
      if (!actor) return null;
      return { actor, duties: await readClaimDuties(deps, actor, claimId) };
    };

    app.get<{ Params: { id: string } }>('/backoffice/claims/:id/diary', { schema: { hide: true } }, async (request, reply) => {
      const actor = requirePageUser(request, reply, 'claims:read_all');
      if (!actor) return reply;
      return sendClaimDiaryPage(request, reply, await readClaimDuties(deps, actor, pathId(request.params.id)));
    });

    // JPF-DUTY-5 / JPF-DUTY-2: ask the insured for something by a date.
    app.post<{ Params: { id: string } }>('/backoffice/claims/:id/duty-requests', { schema: { hide: true } }, async (request, reply) => {
      const page = await handlerPost(request, reply);
      if (!page) return reply;
      const { actor, duties } = page;
      const values = formValues(request.body, Object.keys(requestForm.shape));
      const result = await submitForm(
        request,
        reply,
        requestForm,
        'dutyKind',
        (data) =>
          requestDuty(
            deps,
            actor,
            duties.claim.id,
            {
              kind: data.dutyKind,
              dueOn: data.dutyDueOn,
              details: data.dutyDetails ?? null,
              examinationOn: data.dutyExaminationOn ?? null,
              examinationTime: data.dutyExaminationTime ?? null,
              place: data.dutyPlace ?? null,
            },
            originOf(request),
          ),
        { fieldName: prefixed('duty'), fieldCodes: DIARY_FIELD_CODES },
      );
      if (!result.ok)
        return sendClaimDiaryPage(request, reply, duties, { forms: { form: 'request', values, errors: result.failure.errors }, status: result.failure.status });
      const done = translate(request.locale, 'claims_diary.done.requested', {
        what: translate(request.locale, `claims_diary.request_kind.${result.value.kind}`),
      });
      return sendClaimDiaryPage(request, reply, await readClaimDuties(deps, actor, duties.claim.id), { done });
    });

    // JPF-DUTY-6 / JPF-DUTY-7: record a cooperation issue or an abandonment offer with the decision.
    app.post<{ Params: { id: string } }>('/backoffice/claims/:id/duty-records', { schema: { hide: true } }, async (request, reply) => {
      const page = await handlerPost(request, reply);
      if (!page) return reply;
      const { actor, duties } = page;
      const values = formValues(request.body, Object.keys(recordForm.shape));
      const result = await submitForm(
        request,
        reply,
        recordForm,
        'recordKind',
        (data) =>
          recordDuty(
            deps,
            actor,
            duties.claim.id,
            {
              kind: data.recordKind,
              occurredOn: data.recordOccurredOn,
              description: data.recordDescription,
              decision: data.recordDecision ?? null,
              consentReference: data.recordConsentReference ?? null,
            },
            originOf(request),
          ),
        { fieldName: prefixed('record'), fieldCodes: DIARY_FIELD_CODES },
      );
      if (!result.ok)
        return sendClaimDiaryPage(request, reply, duties, { forms: { form: 'record', values, errors: result.failure.errors }, status: result.failure.status });
      const done = translate(request.locale, 'claims_diary.done.recorded', {
        what: translate(request.locale, `claims_diary.record_kind.${result.value.kind}`),
      });
      return sendClaimDiaryPage(request, reply, await readClaimDuties(deps, actor, duties.claim.id), { done });
    });

    // JPF-DUTY-5 / JPF-DUTY-2: the adjuster records that a requested duty was done.
    app.post<{ Params: { id: string; requestId: string } }>(
      '/backoffice/claims/:id/duty-requests/:requestId/fulfil',
      { schema: { hide: true } },
      async (request, reply) => {
        const page = await handlerPost(request, reply);
        if (!page) return reply;
        const { actor, duties } = page;
        const requestId = pathId(request.params.requestId);
        const values = formValues(request.body, ['fulfilledOn', 'fulfilmentNote']);
        const toForm = (field: string) => fulfilFieldId(requestId, field === 'note' ? 'fulfilmentNote' : field);
        const result = await submitForm(
          request,
          reply,
          fulfilForm,
          'fulfilledOn',
          (data) =>
            fulfilDutyRequest(deps, actor, duties.claim.id, requestId, { fulfilledOn: data.fulfilledOn, note: data.fulfilmentNote ?? null }, originOf(request)),
          { fieldCodes: DIARY_FIELD_CODES },
        );
        if (!result.ok) {
          const errors: FormError[] = result.failure.errors.map((error) => ({ ...error, field: toForm(error.field) }));
          return sendClaimDiaryPage(request, reply, duties, { forms: { form: `fulfil:${requestId}`, values, errors }, status: result.failure.status });
        }
        const done = translate(request.locale, 'claims_diary.done.fulfilled', {
          what: translate(request.locale, `claims_diary.request_kind.${result.value.kind}`),
        });
        return sendClaimDiaryPage(request, reply, await readClaimDuties(deps, actor, duties.claim.id), { done });
      },
    );

    // JPF-DUTY-5: the adjuster withdraws a request still waiting for the insured; its deadline is cancelled.
    app.post<{ Params: { id: string; requestId: string } }>(
      '/backoffice/claims/:id/duty-requests/:requestId/withdraw',
      { schema: { hide: true } },
      async (request, reply) => {
        const page = await handlerPost(request, reply);
        if (!page) return reply;
        const { actor, duties } = page;
        const requestId = pathId(request.params.requestId);
        const values = formValues(request.body, ['withdrawalReason']);
        const result = await submitForm(
          request,
          reply,
          withdrawForm,
          'withdrawalReason',
          (data) => withdrawDutyRequest(deps, actor, duties.claim.id, requestId, { reason: data.withdrawalReason }, originOf(request)),
          { fieldCodes: [...DIARY_FIELD_CODES, 'withdrawal_reason_required'] },
        );
        if (!result.ok) {
          // Every message of this form belongs to its one field, the form's own and the use case's ('reason').
          const errors: FormError[] = result.failure.errors.map((error) => ({ ...error, field: withdrawFieldId(requestId) }));
          return sendClaimDiaryPage(request, reply, duties, { forms: { form: `withdraw:${requestId}`, values, errors }, status: result.failure.status });
        }
        const done = translate(request.locale, 'claims_polish.withdraw.done', {
          what: translate(request.locale, `claims_diary.request_kind.${result.value.kind}`),
        });
        return sendClaimDiaryPage(request, reply, await readClaimDuties(deps, actor, duties.claim.id), { done });
      },
    );

    registerDiaryListPage(app, deps);
    registerAnswerPages(app, deps);
  },
};
