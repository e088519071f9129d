import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { z } from 'zod';
import { can } from '../../../platform/auth/access.ts';
import type { UserActor } from '../../../platform/auth/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { HttpModule, TypedApp } from '../../../platform/http/app.ts';
import { originOf } from '../../../platform/http/origin.ts';
import { PageHeading } from '../../../platform/ui/components.tsx';
import { type FailureOptions, formValues, says, submitForm } from '../../../platform/ui/forms.ts';
import { requirePageUser, translator } from '../../../platform/ui/page-support.tsx';
import type { ClaimItem } from '../claims-repository.ts';
import { agreeWorksheet } from '../use-cases/agree-worksheet.ts';
import { decideProofOfLoss } from '../use-cases/decide-proof-of-loss.ts';
import { makeWorksheet, type WorksheetRequest } from '../use-cases/make-worksheet.ts';
import { readProofOfLoss, readWorksheets } from '../use-cases/read-settlement.ts';
import { requestSwornProof } from '../use-cases/request-sworn-proof.ts';
import type { WorksheetLineRequest } from '../worksheet-detail.ts';
import { registerProofPage } from './proof-page.tsx';
import { PROOF_SECTION_ID, ProofStaffSection, proofPaths } from './proof-views.tsx';
import { EMPTY_STATE, type SectionFormState } from './section-forms.ts';
import { claimPageOr, pagePathId, returnPath, sendSettlementPage } from './settlement-page-support.tsx';
import { METHODS, WORKSHEET_SECTION_ID, WorksheetStaffSection, WorksheetStatusSection, worksheetPaths } from './worksheet-views.tsx';

/**
 * The pages of the proof of loss and the worksheet (issue #4): the forms of their sections on the claim pages post
 * here. A post that works returns to the page it came from (returnTo) or the claim page at the section; a refused one
 * shows the section again on this part's own page, with the error summary, the values sent and the use case's status.
 */

const required = says('claims_settlement.form.required');
const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;
const optionalAmount = z
  .string()
  .trim()
  .refine((value) => value === '' || AMOUNT.test(value), says('claims_settlement.form.amount'))
  .optional();
const FAILURES: FailureOptions = { fieldCodes: ['validation_failed', 'worksheet_invalid', 'rejection_reason_required', 'worksheet_reason_required'] };

const rejectForm = z.object({ rejectionReason: z.string(required).trim().min(3, required).max(2000, says('claims_settlement.form.too_long')) });
const oathForm = z.object({ oathNote: z.string().trim().max(2000, says('claims_settlement.form.too_long')).optional() });
const agreementForm = z.object({
  version: z.string().regex(/^\d{1,6}$/),
  agreementName: z.string(required).trim().min(2, required).max(200, says('claims_settlement.form.too_long')),
  agreementConfirm: z.literal('yes', says('claims_settlement.form.confirm')),
});

function worksheetFormSchema(items: readonly ClaimItem[]) {
  const shape: Record<string, z.ZodType> = { worksheetReason: z.string().trim().max(2000, says('claims_settlement.form.too_long')).optional() };
  items.forEach((_, index) => {
    const name = (field: string) => `lines.${index}.${field}`;
    shape[name('method')] = z.enum(METHODS, says('claims_settlement.form.choose'));
    for (const field of [
      'repairOrReplaceCost',
      'actualCashValue',
      'insuredInterest',
      'partValue',
      'otherLimit1',
      'otherLimit2',
      'paidByOthers',
      'salvageValue',
    ])
      shape[name(field)] = optionalAmount;
    shape[name('setShare')] = z
      .string()
      .trim()
      .refine((value) => value === '' || /^(0(\.\d{1,6})?|1(\.0{1,6})?)$/.test(value), says('claims_settlement.form.share'))
      .optional();
    shape[name('setShareReason')] = z.string().trim().max(500, says('claims_settlement.form.too_long')).optional();
    shape[name('salvageKeptBy')] = z.enum(['', 'insured', 'insurer'], says('claims_settlement.form.choose')).optional();
  });
  return z.object(shape).superRefine((form, ctx) => {
    items.forEach((_, index) => {
      const value = (field: string) => String(form[`lines.${index}.${field}`] ?? '');
      if ((value('salvageValue') === '') !== (value('salvageKeptBy') === ''))
        ctx.addIssue({
          code: 'custom',
          path: [`lines.${index}.${value('salvageValue') === '' ? 'salvageValue' : 'salvageKeptBy'}`],
          message: 'claims_settlement.form.required',
        });
    });
  });
}

function worksheetRequestOf(form: Record<string, unknown>, items: readonly ClaimItem[]): WorksheetRequest {
  const lines = items.map((item, index): WorksheetLineRequest => {
    const value = (field: string) => String(form[`lines.${index}.${field}`] ?? '').trim();
    const optional = (field: string) => value(field) || null;
    const keptBy = value('salvageKeptBy');
    return {
      lineNo: item.lineNo,
      method: value('method') as WorksheetLineRequest['method'],
      repairOrReplaceCost: optional('repairOrReplaceCost'),
      actualCashValue: optional('actualCashValue'),
      insuredInterest: optional('insuredInterest'),
      partValue: optional('partValue'),
      setShare: optional('setShare'),
      setShareReason: optional('setShareReason'),
      otherInsuranceLimits: [value('otherLimit1'), value('otherLimit2')].filter((limit) => limit !== ''),
      paidByOthers: optional('paidByOthers'),
      salvage: keptBy === 'insured' || keptBy === 'insurer' ? { agreedValue: value('salvageValue'), keptBy } : null,
    };
  });
  return { lines, reason: String(form.worksheetReason ?? '').trim() || null };
}

/** The use case's worksheet field names as the form's ('lines.0.otherInsurance' → 'lines.0.otherLimit1'). */
function worksheetFieldOf(field: string): string {
  if (field === 'lines') return 'lines.0.method';
  if (field === 'reason') return 'worksheetReason';
  return field.replace(/\.otherInsurance$/, '.otherLimit1').replace(/\.currency$/, '.method');
}

/** A settlement page of one claim: its heading with the claim number, then the part's section. */
function sendClaimSettlementPage(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  page: { title: string; path: string; claimNumber: string; status: number },
  body: VNode,
) {
  const t = translator(request.locale);
  return sendSettlementPage(
    deps,
    request,
    reply,
    { title: page.title, status: page.status, currentPath: page.path },
    <>
      <PageHeading title={page.title} caption={t('claims_settlement.proof.caption', { claimNumber: page.claimNumber })} />
      {body}
    </>,
  );
}

async function sendProofStaffPage(deps: Deps, request: FastifyRequest, reply: FastifyReply, claimId: string, state = EMPTY_STATE, status = 200) {
  const actor = request.actor as UserActor;
  const view = await readProofOfLoss(deps, actor, claimId);
  const t = translator(request.locale);
  const path = proofPaths.backoffice(claimId);
  return sendClaimSettlementPage(
    deps,
    request,
    reply,
    { title: t('claims_settlement.proof.title'), path, claimNumber: view.claim.claimNumber, status },
    <ProofStaffSection
      locale={request.locale}
      view={view}
      csrfToken={request.csrfToken}
      canHandle={can(actor, 'claims:handle')}
      state={state}
      returnTo={path}
    />,
  );
}

async function sendWorksheetStaffPage(deps: Deps, request: FastifyRequest, reply: FastifyReply, claimId: string, state = EMPTY_STATE, status = 200) {
  const actor = request.actor as UserActor;
  const view = await readWorksheets(deps, actor, claimId);
  const t = translator(request.locale);
  const path = worksheetPaths.backoffice(claimId);
  return sendClaimSettlementPage(
    deps,
    request,
    reply,
    { title: t('claims_settlement.worksheet.title'), path, claimNumber: view.claim.claimNumber, status },
    <WorksheetStaffSection
      locale={request.locale}
      view={view}
      csrfToken={request.csrfToken}
      canHandle={can(actor, 'claims:handle')}
      state={state}
      returnTo={path}
    />,
  );
}

async function sendSettlementStatusPage(deps: Deps, request: FastifyRequest, reply: FastifyReply, claimId: string, state = EMPTY_STATE, status = 200) {
  const actor = request.actor as UserActor;
  const view = await readWorksheets(deps, actor, claimId);
  const t = translator(request.locale);
  const path = worksheetPaths.portal(claimId);
  return sendClaimSettlementPage(
    deps,
    request,
    reply,
    { title: t('claims_settlement.plain.title'), path, claimNumber: view.claim.claimNumber, status },
    <>
      <WorksheetStatusSection
        locale={request.locale}
        view={view}
        csrfToken={request.csrfToken}
        isHolder={view.claim.holderUserId === actor.userId}
        state={state}
        returnTo={path}
      />
      <p>
        <a href={claimPageOr(request.server as unknown as TypedApp, 'portal', claimId, WORKSHEET_SECTION_ID, path)}>{t('claims_settlement.proof.back')}</a>
      </p>
    </>,
  );
}

function registerSettlementPages(app: TypedApp, deps: Deps): void {
  registerProofPage(app, deps);

  app.get<{ Params: { id: string } }>('/backoffice/claims/:id/proof-of-loss', { schema: { hide: true } }, async (request, reply) => {
    if (!requirePageUser(request, reply, 'claims:read_all')) return reply;
    return sendProofStaffPage(deps, request, reply, pagePathId(request.params.id));
  });
  app.get<{ Params: { id: string } }>('/backoffice/claims/:id/worksheet', { schema: { hide: true } }, async (request, reply) => {
    if (!requirePageUser(request, reply, 'claims:read_all')) return reply;
    return sendWorksheetStaffPage(deps, request, reply, pagePathId(request.params.id));
  });
  app.get<{ Params: { id: string } }>('/portal/claims/:id/settlement', { schema: { hide: true } }, async (request, reply) => {
    if (!requirePageUser(request, reply, 'claims:report')) return reply;
    return sendSettlementStatusPage(deps, request, reply, pagePathId(request.params.id));
  });

  /** A back-office decision on a proof: accept (no fields) or reject (a reason). */
  for (const decision of ['accept', 'reject'] as const)
    app.post<{ Params: { id: string; proofId: string } }>(
      `/backoffice/claims/:id/proof-of-loss/:proofId/${decision}`,
      { schema: { hide: true } },
      async (request, reply) => {
        const actor = requirePageUser(request, reply, 'claims:handle', proofPaths.backoffice(request.params.id));
        if (!actor) return reply;
        const claimId = pagePathId(request.params.id);
        const proofId = pagePathId(request.params.proofId);
        const result = await submitForm(
          request,
          reply,
          decision === 'reject' ? rejectForm : z.object({}),
          'rejectionReason',
          (data) =>
            decideProofOfLoss(
              deps,
              actor,
              claimId,
              proofId,
              decision === 'reject' ? { decision, reason: String((data as Record<string, unknown>).rejectionReason ?? '') } : { decision },
              originOf(request),
            ),
          { ...FAILURES, fieldName: (field) => (field === 'reason' ? 'rejectionReason' : field) },
        );
        if (result.ok)
          return reply.redirect(
            returnPath(formValues(request.body).returnTo, 'backoffice', claimId) ??
              claimPageOr(app, 'backoffice', claimId, PROOF_SECTION_ID, proofPaths.backoffice(claimId)),
            303,
          );
        const state: SectionFormState = { form: `proof_${decision}`, values: formValues(request.body), errors: result.failure.errors };
        return sendProofStaffPage(deps, request, reply, claimId, state, result.failure.status);
      },
    );

  app.post<{ Params: { id: string } }>('/backoffice/claims/:id/proof-of-loss/oath-request', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'claims:handle', proofPaths.backoffice(request.params.id));
    if (!actor) return reply;
    const claimId = pagePathId(request.params.id);
    const result = await submitForm(
      request,
      reply,
      oathForm,
      'oathNote',
      (data) => requestSwornProof(deps, actor, claimId, data.oathNote ?? null, originOf(request)),
      FAILURES,
    );
    if (result.ok)
      return reply.redirect(
        returnPath(formValues(request.body).returnTo, 'backoffice', claimId) ??
          claimPageOr(app, 'backoffice', claimId, PROOF_SECTION_ID, proofPaths.backoffice(claimId)),
        303,
      );
    return sendProofStaffPage(
      deps,
      request,
      reply,
      claimId,
      { form: 'oath_request', values: formValues(request.body), errors: result.failure.errors },
      result.failure.status,
    );
  });

  app.post<{ Params: { id: string } }>('/backoffice/claims/:id/worksheet', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'claims:handle', worksheetPaths.backoffice(request.params.id));
    if (!actor) return reply;
    // Out of reach is 404 before anything about the form is said.
    const { claim } = await readWorksheets(deps, actor, pagePathId(request.params.id));
    const result = await submitForm(
      request,
      reply,
      worksheetFormSchema(claim.items),
      'worksheetReason',
      (data) => makeWorksheet(deps, actor, claim.id, worksheetRequestOf(data as Record<string, unknown>, claim.items), originOf(request)),
      { ...FAILURES, fieldName: worksheetFieldOf },
    );
    if (result.ok)
      return reply.redirect(
        returnPath(formValues(request.body).returnTo, 'backoffice', claim.id) ??
          claimPageOr(app, 'backoffice', claim.id, WORKSHEET_SECTION_ID, worksheetPaths.backoffice(claim.id)),
        303,
      );
    return sendWorksheetStaffPage(
      deps,
      request,
      reply,
      claim.id,
      { form: 'worksheet', values: formValues(request.body), errors: result.failure.errors },
      result.failure.status,
    );
  });

  app.post<{ Params: { id: string } }>('/portal/claims/:id/settlement', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'claims:report', worksheetPaths.portal(request.params.id));
    if (!actor) return reply;
    const { claim } = await readWorksheets(deps, actor, pagePathId(request.params.id));
    const result = await submitForm(
      request,
      reply,
      agreementForm,
      'agreementName',
      (data) => agreeWorksheet(deps, actor, claim.id, { version: Number(data.version), fullName: data.agreementName }, originOf(request)),
      FAILURES,
    );
    if (result.ok)
      return reply.redirect(
        returnPath(formValues(request.body).returnTo, 'portal', claim.id) ??
          claimPageOr(app, 'portal', claim.id, WORKSHEET_SECTION_ID, worksheetPaths.portal(claim.id)),
        303,
      );
    return sendSettlementStatusPage(
      deps,
      request,
      reply,
      claim.id,
      { form: 'agreement', values: formValues(request.body), errors: result.failure.errors },
      result.failure.status,
    );
  });
}

/** The proof-of-loss and worksheet pages (portal and back office), wired by wiring.ts. */
export const settlementPages: HttpModule = { name: 'claims-settlement-pages', register: registerSettlementPages };
