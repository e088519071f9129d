import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { can } from '../../../platform/auth/access.ts';
import type { UserActor } from '../../../platform/auth/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { TypedApp } from '../../../platform/http/app.ts';
import { originOf } from '../../../platform/http/origin.ts';
import { problems } from '../../../platform/http/problem.ts';
import { isUuid } from '../../../platform/ids.ts';
import { PageHeading } from '../../../platform/ui/components.tsx';
import { formValues, postedList, submitForm } from '../../../platform/ui/forms.ts';
import { layoutPageSender, requirePageUser, translator } from '../../../platform/ui/page-support.tsx';
import { type ClaimWithItems, findClaimWithItemsVisibleTo } from '../claims-repository.ts';
import { demandAppraisal } from '../use-cases/demand-appraisal.ts';
import { nameAppraiser } from '../use-cases/name-appraiser.ts';
import { readAppraisals } from '../use-cases/read-appraisals.ts';
import { readRecovery } from '../use-cases/read-recovery.ts';
import { recordAward } from '../use-cases/record-award.ts';
import { recordImpairment } from '../use-cases/record-impairment.ts';
import { recordRecovery } from '../use-cases/record-recovery.ts';
import { recordSubrogation } from '../use-cases/record-subrogation.ts';
import { selectUmpire } from '../use-cases/select-umpire.ts';
import { APPRAISAL_SECTION_ID, AppraisalStaffSection, AppraisalStatusSection } from './appraisal-sections.tsx';
import {
  API_FIELDS,
  appraiserForm,
  appraiserInput,
  awardForm,
  awardInput,
  demandForm,
  demandInput,
  impairmentForm,
  recoveryForm,
  recoveryInput,
  subrogationForm,
  subrogationInput,
  umpireForm,
  umpireInput,
} from './recovery-forms.ts';
import { RECOVERY_SECTION_ID, RecoveryStaffSection, RecoveryStatusSection } from './recovery-sections.tsx';
import { EMPTY_STATE, type SectionFormState } from './section-forms.ts';

/**
 * The pages of the recovery part (issue #4): the forms of the recovery (80) and appraisal (90) sections post here.
 * A post that works goes back to the claim page at the section (the claim 360 view or the portal's claim status
 * page when they exist, else this part's own page); a refused one shows the two sections again on this part's own
 * page, with the error summary and the values sent, and the status the use case gave. GET .../recovery shows that
 * page: both sections on their own (back office: claims staff; portal: whoever reaches the claim).
 */

const sendLayoutPage = layoutPageSender(async () => undefined);
type Surface = 'backoffice' | 'portal';

async function claimFor(deps: Deps, actor: UserActor, id: string): Promise<ClaimWithItems> {
  if (!isUuid(id)) throw problems.notFound();
  const claim = await findClaimWithItemsVisibleTo(deps.db, actor, id);
  if (!claim) throw problems.notFound();
  return claim;
}

async function sendRecoveryPage(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  surface: Surface,
  claim: ClaimWithItems,
  state = EMPTY_STATE,
  status = 200,
) {
  const actor = request.actor as UserActor;
  const locale = request.locale;
  const t = translator(locale);
  const title = t('claims_recovery.page.title', { claimNumber: claim.claimNumber });
  const view = await readRecovery(deps, actor, claim.id);
  const { disputes } = await readAppraisals(deps, actor, claim.id);
  const body =
    surface === 'backoffice' ? (
      <>
        <RecoveryStaffSection locale={locale} claim={claim} view={view} csrfToken={request.csrfToken} canHandle={can(actor, 'claims:handle')} state={state} />
        <AppraisalStaffSection
          locale={locale}
          claim={claim}
          disputes={disputes}
          csrfToken={request.csrfToken}
          canHandle={can(actor, 'claims:handle')}
          state={state}
        />
      </>
    ) : (
      <>
        <RecoveryStatusSection locale={locale} actor={actor} claim={claim} view={view} csrfToken={request.csrfToken} state={state} />
        <AppraisalStatusSection locale={locale} disputes={disputes} />
      </>
    );
  return sendLayoutPage(
    deps,
    request,
    reply,
    { title, status, currentPath: `/${surface}/claims/${claim.id}/recovery` },
    <>
      <PageHeading title={title} caption={claim.claimNumber} />
      <p>
        <a href={`/${surface}/claims/${claim.id}`}>{t('claims_recovery.page.back')}</a>
      </p>
      {body}
    </>,
  );
}

/** Where a successful post returns: the claim page at the section when that page exists, else this part's page. */
function backTo(app: TypedApp, surface: Surface, claimId: string, section: string): string {
  const claimPage = app.hasRoute({ method: 'GET', url: `/${surface}/claims/:id` });
  return claimPage ? `/${surface}/claims/${claimId}#${section}` : `/${surface}/claims/${claimId}/recovery#${section}`;
}

type FormSpec<S extends z.ZodType> = {
  form: string;
  schema: S;
  /** Fields posted as checkboxes: shown again as a comma-separated list. */
  lists?: readonly string[];
  run: (deps: Deps, actor: UserActor, claimId: string, data: z.output<S>, request: FastifyRequest) => Promise<unknown>;
  section: string;
};

function postRoute<S extends z.ZodType>(app: TypedApp, deps: Deps, surface: Surface, path: string, spec: FormSpec<S>): void {
  app.post<{ Params: { id: string; did?: string } }>(path, { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(
      request,
      reply,
      surface === 'backoffice' ? 'claims:handle' : 'claims:report',
      `/${surface}/claims/${request.params.id}/recovery`,
    );
    if (!actor) return reply;
    const claim = await claimFor(deps, actor, request.params.id);
    const result = await submitForm(request, reply, spec.schema, spec.form, (data) => spec.run(deps, actor, claim.id, data, request), {
      fieldName: (field) => API_FIELDS[field] ?? field,
    });
    if (result.ok) return reply.redirect(backTo(app, surface, claim.id, spec.section), 303);
    const values = formValues(request.body);
    for (const name of spec.lists ?? []) values[name] = postedList(request.body, name).join(',');
    const state: SectionFormState = { form: spec.form, values, errors: result.failure.errors };
    return sendRecoveryPage(deps, request, reply, surface, claim, state, result.failure.status);
  });
}

function disputeId(request: FastifyRequest): string {
  const id = (request.params as { did?: string }).did ?? '';
  if (!isUuid(id)) throw problems.notFound();
  return id;
}

export function registerRecoveryPages(app: TypedApp, deps: Deps): void {
  for (const surface of ['backoffice', 'portal'] as const) {
    app.get<{ Params: { id: string } }>(`/${surface}/claims/:id/recovery`, { schema: { hide: true } }, async (request, reply) => {
      const actor = requirePageUser(request, reply, surface === 'backoffice' ? 'claims:read_all' : 'claims:report');
      if (!actor) return reply;
      return sendRecoveryPage(deps, request, reply, surface, await claimFor(deps, actor, request.params.id));
    });
  }

  postRoute(app, deps, 'backoffice', '/backoffice/claims/:id/subrogation', {
    form: 'subrogation',
    schema: subrogationForm,
    section: RECOVERY_SECTION_ID,
    run: (d, actor, id, data, request) => recordSubrogation(d, actor, id, subrogationInput(data), originOf(request)),
  });
  postRoute(app, deps, 'backoffice', '/backoffice/claims/:id/subrogation/impairment', {
    form: 'impairment',
    schema: impairmentForm,
    section: RECOVERY_SECTION_ID,
    run: (d, actor, id, data, request) => recordImpairment(d, actor, id, { reason: data.impairmentReason }, originOf(request)),
  });
  for (const surface of ['backoffice', 'portal'] as const) {
    postRoute(app, deps, surface, `/${surface}/claims/:id/recoveries`, {
      form: 'recovery',
      schema: recoveryForm,
      section: RECOVERY_SECTION_ID,
      run: (d, actor, id, data, request) => recordRecovery(d, actor, id, recoveryInput(data), originOf(request)),
    });
  }
  postRoute(app, deps, 'backoffice', '/backoffice/claims/:id/appraisal', {
    form: 'demand',
    schema: demandForm,
    lists: ['demandSubjects'],
    section: APPRAISAL_SECTION_ID,
    run: (d, actor, id, data, request) => demandAppraisal(d, actor, id, demandInput(data), originOf(request)),
  });
  postRoute(app, deps, 'backoffice', '/backoffice/claims/:id/appraisal/:did/appraisers', {
    form: 'appraiser',
    schema: appraiserForm,
    section: APPRAISAL_SECTION_ID,
    run: (d, actor, id, data, request) => nameAppraiser(d, actor, id, disputeId(request), appraiserInput(data), originOf(request)),
  });
  postRoute(app, deps, 'backoffice', '/backoffice/claims/:id/appraisal/:did/umpire', {
    form: 'umpire',
    schema: umpireForm,
    section: APPRAISAL_SECTION_ID,
    run: (d, actor, id, data, request) => selectUmpire(d, actor, id, disputeId(request), umpireInput(data), originOf(request)),
  });
  postRoute(app, deps, 'backoffice', '/backoffice/claims/:id/appraisal/:did/award', {
    form: 'award',
    schema: awardForm,
    lists: ['awardSignedBy'],
    section: APPRAISAL_SECTION_ID,
    run: (d, actor, id, data, request) => recordAward(d, actor, id, disputeId(request), awardInput(data), originOf(request)),
  });
}
