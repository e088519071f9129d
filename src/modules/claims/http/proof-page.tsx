import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { UserActor } from '../../../platform/auth/actor.ts';
import type { Locale } from '../../../platform/db/schema.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { TypedApp } from '../../../platform/http/app.ts';
import { originOf } from '../../../platform/http/origin.ts';
import { Button, CheckboxGroup, ErrorSummary, Field, Form, PageHeading, Panel, RadioGroup } from '../../../platform/ui/components.tsx';
import { SelectField } from '../../../platform/ui/fields.tsx';
import { attempt, errorFor, type FormError, type FormValues, formValues, parseForm, postedList, says } from '../../../platform/ui/forms.ts';
import { requirePageUser, translator } from '../../../platform/ui/page-support.tsx';
import { FileField, multipartForm, uploadedPart, uploadFile } from '../../files/index.ts';
import type { ClaimItem } from '../claims-repository.ts';
import { INTEREST_NATURES } from '../proof-of-loss-repository.ts';
import { dayText, instantDayText } from '../settlement-words.ts';
import { type ProofOfLossView, readProofOfLoss } from '../use-cases/read-settlement.ts';
import { type ProofOfLossInput, submitProofOfLoss } from '../use-cases/submit-proof-of-loss.ts';
import { PROOF_SECTION_ID, ProofDetails, proofPaths, proofStateText } from './proof-views.tsx';
import { claimPageOr, pagePathId, sendSettlementPage } from './settlement-page-support.tsx';

/**
 * The portal's proof of loss form (JPF-DUTY-4 a–e): the policyholder fills in every part, attaches the bills and
 * receipts (multipart; works without JavaScript) and signs with their typed name — under oath when the adjuster
 * asked. A refused form comes back with the error summary and the values sent (files must be chosen again); a
 * signed one goes back to the claim page.
 */

const RECEIPT_FIELDS = ['receipt1', 'receipt2', 'receipt3'] as const;
const ROWS = [0, 1] as const;
const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;
const required = says('claims_settlement.form.required');
const text = (max: number) => z.string(required).trim().min(1, required).max(max, says('claims_settlement.form.too_long'));
const optionalText = (max: number) => z.string().trim().max(max, says('claims_settlement.form.too_long')).optional();
const amount = z.string(required).trim().regex(AMOUNT, says('claims_settlement.form.amount'));
const yesNo = z.enum(['yes', 'no'], says('claims_settlement.form.choose'));

function proofFormSchema(items: readonly ClaimItem[], oathRequested: boolean) {
  const shape: Record<string, z.ZodType> = {
    lossDate: z.string(required).regex(/^\d{4}-\d{2}-\d{2}$/, says('claims_settlement.form.date')),
    lossTime: z.string(required).regex(/^([01]\d|2[0-3]):[0-5]\d$/, says('claims_settlement.form.time')),
    lossPlace: text(500),
    lossDetails: text(10000).min(10, says('claims_settlement.form.required')),
    hasOtherInsurance: yesNo,
    insuredInterest: text(500),
    hasOtherInterests: yesNo,
    titleChanged: yesNo,
    titleChanges: optionalText(2000),
    fullName: text(200).min(2, required),
    confirm: z.literal('yes', says('claims_settlement.form.confirm')),
    sworn: oathRequested ? z.literal('yes', says('claims_settlement.problem.oath_required')) : z.string().optional(),
  };
  for (const row of ROWS) {
    shape[`otherInsurance.${row}.insurer`] = optionalText(200);
    shape[`otherInsurance.${row}.policyNumber`] = optionalText(100);
    shape[`otherInsurance.${row}.limit`] = optionalText(20);
    shape[`otherInterests.${row}.name`] = optionalText(200);
    shape[`otherInterests.${row}.nature`] = optionalText(20);
    shape[`otherInterests.${row}.amount`] = optionalText(20);
  }
  items.forEach((_, index) => {
    shape[`inventory.${index}.quantity`] = z.string(required).regex(/^[1-9]\d{0,2}$/, says('claims_settlement.form.quantity'));
    shape[`inventory.${index}.description`] = text(500);
    shape[`inventory.${index}.cost`] = amount;
    shape[`inventory.${index}.actualCashValue`] = amount;
    shape[`inventory.${index}.amountOfLoss`] = amount;
  });
  return z.object(shape).superRefine((form, ctx) => {
    const value = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');
    const need = (name: string, ok: boolean, message: string) => {
      if (!ok) ctx.addIssue({ code: 'custom', path: [name], message });
    };
    // b and c: "yes" needs at least the first row; every row begun must be whole.
    if (value('hasOtherInsurance') === 'yes')
      need('otherInsurance.0.insurer', value('otherInsurance.0.insurer').length >= 2, 'claims_settlement.form.required');
    if (value('hasOtherInterests') === 'yes') need('otherInterests.0.name', value('otherInterests.0.name').length >= 2, 'claims_settlement.form.required');
    for (const row of ROWS) {
      if (value('hasOtherInsurance') === 'yes' && value(`otherInsurance.${row}.insurer`))
        need(`otherInsurance.${row}.limit`, AMOUNT.test(value(`otherInsurance.${row}.limit`)), 'claims_settlement.form.amount');
      if (value('hasOtherInterests') === 'yes' && value(`otherInterests.${row}.name`)) {
        need(
          `otherInterests.${row}.nature`,
          (INTEREST_NATURES as readonly string[]).includes(value(`otherInterests.${row}.nature`)),
          'claims_settlement.form.choose',
        );
        const given = value(`otherInterests.${row}.amount`);
        need(`otherInterests.${row}.amount`, given === '' || AMOUNT.test(given), 'claims_settlement.form.amount');
      }
    }
    if (value('titleChanged') === 'yes') need('titleChanges', value('titleChanges').length >= 3, 'claims_settlement.form.required');
  });
}

function inputOf(form: Record<string, unknown>, items: readonly ClaimItem[], fileIds: string[]): ProofOfLossInput {
  const value = (name: string) => (typeof form[name] === 'string' ? (form[name] as string).trim() : '');
  return {
    lossDate: value('lossDate'),
    lossTime: value('lossTime'),
    lossTimeApproximate: value('lossTimeApproximate') === 'yes',
    lossPlace: value('lossPlace'),
    lossDetails: value('lossDetails'),
    otherInsurance:
      value('hasOtherInsurance') === 'yes'
        ? ROWS.filter((row) => value(`otherInsurance.${row}.insurer`)).map((row) => ({
            insurer: value(`otherInsurance.${row}.insurer`),
            policyNumber: value(`otherInsurance.${row}.policyNumber`) || null,
            limit: value(`otherInsurance.${row}.limit`),
          }))
        : [],
    insuredInterest: value('insuredInterest'),
    otherInterests:
      value('hasOtherInterests') === 'yes'
        ? ROWS.filter((row) => value(`otherInterests.${row}.name`)).map((row) => ({
            name: value(`otherInterests.${row}.name`),
            nature: value(`otherInterests.${row}.nature`) as (typeof INTEREST_NATURES)[number],
            amount: value(`otherInterests.${row}.amount`) || null,
          }))
        : [],
    titleChanges: value('titleChanged') === 'yes' ? value('titleChanges') : null,
    inventory: items.map((item, index) => ({
      claimLineNo: item.lineNo,
      quantity: Number(value(`inventory.${index}.quantity`)),
      description: value(`inventory.${index}.description`),
      cost: value(`inventory.${index}.cost`),
      actualCashValue: value(`inventory.${index}.actualCashValue`),
      amountOfLoss: value(`inventory.${index}.amountOfLoss`),
    })),
    fileIds,
    signature: { fullName: value('fullName'), sworn: value('sworn') === 'yes' },
  };
}

/** The use case's field names ('inventory.0.claimLineNo', 'fileIds.1', 'signature.sworn') as the form's. */
function formFieldOf(field: string): string {
  if (field === 'inventory') return 'inventory.0.quantity';
  if (field.startsWith('inventory.')) return field.replace(/\.claimLineNo$/, '.quantity');
  if (field === 'fileIds' || field.startsWith('fileIds.')) return 'receipt1';
  if (field.startsWith('signature.')) return field.slice('signature.'.length);
  return field;
}

function defaultsOf(view: ProofOfLossView): FormValues {
  const { claim } = view;
  const values: FormValues = {
    lossDate: claim.lossDate,
    lossTime: claim.lossTime ?? undefined,
    lossPlace: claim.lossPlace,
    lossDetails: claim.narrative,
    fullName: undefined,
  };
  claim.items.forEach((item, index) => {
    values[`inventory.${index}.quantity`] = '1';
    values[`inventory.${index}.description`] = item.description;
  });
  return values;
}

type FormState = { values: FormValues; keep: readonly string[]; errors: readonly FormError[] };

function ProofForm({ locale, view, csrfToken, state, limit }: { locale: Locale; view: ProofOfLossView; csrfToken: string; state: FormState; limit: string }) {
  const t = translator(locale);
  const { values, errors } = state;
  const field = (name: string) => ({ locale, name, value: values[name], error: errorFor(errors, name) });
  const radio = (name: string, legend: string) => (
    <RadioGroup
      locale={locale}
      name={name}
      legend={legend}
      options={[
        { value: 'no', label: t('claims_settlement.form.no') },
        { value: 'yes', label: t('claims_settlement.form.yes') },
      ]}
      selected={[values[name] ?? '']}
      error={errorFor(errors, name)}
    />
  );
  const earlier = view.proofs.flatMap((proof) => proof.files.map((file) => ({ ...file, signedAt: proof.signedAt })));
  const uniqueEarlier = earlier.filter((file, index) => earlier.findIndex((other) => other.fileId === file.fileId) === index);
  return (
    <Form action={proofPaths.portalForm(view.claim.id)} csrfToken={csrfToken} multipart aria-labelledby="proof-heading">
      <ErrorSummary locale={locale} errors={errors} />
      <fieldset class="fieldset">
        <legend>{t('claims_settlement.proof.part_a')}</legend>
        <Field {...field('lossDate')} type="date" label={t('claims_settlement.proof.loss_date')} width="medium" />
        <Field {...field('lossTime')} label={t('claims_settlement.proof.loss_time')} hint={t('claims_settlement.proof.loss_time_hint')} width="short" />
        <CheckboxGroup
          locale={locale}
          name="lossTimeApproximate"
          legend={t('claims_settlement.proof.loss_time')}
          options={[{ value: 'yes', label: t('claims_settlement.proof.loss_time_approximate') }]}
          selected={[values.lossTimeApproximate ?? '']}
        />
        <Field {...field('lossPlace')} label={t('claims_settlement.proof.loss_place')} />
        <Field
          {...field('lossDetails')}
          label={t('claims_settlement.proof.loss_details')}
          hint={t('claims_settlement.proof.loss_details_hint')}
          multiline
          rows={5}
        />
      </fieldset>
      <fieldset class="fieldset">
        <legend>{t('claims_settlement.proof.part_b')}</legend>
        {radio('hasOtherInsurance', t('claims_settlement.proof.has_other_insurance'))}
        {ROWS.map((row) => (
          <div key={`insurance-${row}`}>
            <Field {...field(`otherInsurance.${row}.insurer`)} label={t('claims_settlement.proof.other_insurer', { n: row + 1 })} optional />
            <Field
              {...field(`otherInsurance.${row}.policyNumber`)}
              label={t('claims_settlement.proof.other_policy_number', { n: row + 1 })}
              optional
              width="medium"
            />
            <Field
              {...field(`otherInsurance.${row}.limit`)}
              label={t('claims_settlement.proof.other_limit', { n: row + 1 })}
              optional
              inputMode="decimal"
              width="medium"
            />
          </div>
        ))}
      </fieldset>
      <fieldset class="fieldset">
        <legend>{t('claims_settlement.proof.part_c')}</legend>
        <Field {...field('insuredInterest')} label={t('claims_settlement.proof.insured_interest')} hint={t('claims_settlement.proof.insured_interest_hint')} />
        {radio('hasOtherInterests', t('claims_settlement.proof.has_other_interests'))}
        {ROWS.map((row) => (
          <div key={`interest-${row}`}>
            <Field {...field(`otherInterests.${row}.name`)} label={t('claims_settlement.proof.interest_name', { n: row + 1 })} optional />
            <SelectField
              {...field(`otherInterests.${row}.nature`)}
              label={t('claims_settlement.proof.interest_nature', { n: row + 1 })}
              placeholder=""
              options={INTEREST_NATURES.map((nature) => ({ value: nature, label: t(`claims_settlement.nature.${nature}`) }))}
            />
            <Field
              {...field(`otherInterests.${row}.amount`)}
              label={t('claims_settlement.proof.interest_amount', { n: row + 1 })}
              optional
              inputMode="decimal"
              width="medium"
            />
          </div>
        ))}
      </fieldset>
      <fieldset class="fieldset">
        <legend>{t('claims_settlement.proof.part_d')}</legend>
        {radio('titleChanged', t('claims_settlement.proof.title_changed'))}
        <Field {...field('titleChanges')} label={t('claims_settlement.proof.title_changes')} optional multiline rows={3} />
      </fieldset>
      <fieldset class="fieldset">
        <legend>{t('claims_settlement.proof.part_e')}</legend>
        {view.claim.items.map((item, index) => (
          <fieldset class="fieldset" key={item.lineNo}>
            <legend>{t('claims_settlement.proof.inventory_item', { lineNo: item.lineNo, description: item.description })}</legend>
            <Field {...field(`inventory.${index}.quantity`)} label={t('claims_settlement.proof.quantity')} inputMode="numeric" width="short" />
            <Field {...field(`inventory.${index}.description`)} label={t('claims_settlement.proof.description')} />
            <Field {...field(`inventory.${index}.cost`)} label={t('claims_settlement.proof.cost')} inputMode="decimal" width="medium" />
            <Field
              {...field(`inventory.${index}.actualCashValue`)}
              label={t('claims_settlement.proof.actual_cash_value')}
              hint={t('claims_settlement.proof.actual_cash_value_hint')}
              inputMode="decimal"
              width="medium"
            />
            <Field {...field(`inventory.${index}.amountOfLoss`)} label={t('claims_settlement.proof.amount_of_loss')} inputMode="decimal" width="medium" />
          </fieldset>
        ))}
        <p class="field__hint">{t('claims_settlement.proof.receipts_hint', { limit })}</p>
        {uniqueEarlier.length > 0 ? (
          <CheckboxGroup
            locale={locale}
            name="keepFiles"
            legend={t('claims_settlement.proof.earlier_files')}
            options={uniqueEarlier.map((file) => ({
              value: file.fileId,
              label: t('claims_settlement.proof.file_label', { date: instantDayText(locale, file.signedAt, view.claim.timeZone), type: file.type }),
            }))}
            selected={state.keep}
          />
        ) : null}
        {RECEIPT_FIELDS.map((name, index) => (
          <FileField
            key={name}
            locale={locale}
            name={name}
            label={t('claims_settlement.proof.receipt_file', { n: index + 1 })}
            error={errorFor(errors, name)}
            optional={index > 0}
          />
        ))}
      </fieldset>
      <fieldset class="fieldset">
        <legend>{t('claims_settlement.proof.signature')}</legend>
        <Field {...field('fullName')} label={t('claims_settlement.proof.full_name')} hint={t('claims_settlement.proof.full_name_hint')} autocomplete="name" />
        <CheckboxGroup
          locale={locale}
          name="confirm"
          legend={t('claims_settlement.proof.signature')}
          options={[{ value: 'yes', label: t('claims_settlement.proof.confirm') }]}
          selected={[values.confirm ?? '']}
          error={errorFor(errors, 'confirm')}
        />
        {view.oathRequest ? (
          <CheckboxGroup
            locale={locale}
            name="sworn"
            legend={t('claims_settlement.proof.sworn')}
            options={[{ value: 'yes', label: t('claims_settlement.proof.oath_statement') }]}
            selected={[values.sworn ?? '']}
            error={errorFor(errors, 'sworn')}
          />
        ) : null}
      </fieldset>
      <Button>{t('claims_settlement.proof.submit')}</Button>
    </Form>
  );
}

async function sendProofPage(deps: Deps, request: FastifyRequest, reply: FastifyReply, view: ProofOfLossView, state?: FormState, status = 200) {
  const locale = request.locale;
  const t = translator(locale);
  const actor = request.actor as UserActor;
  const { claim } = view;
  const [current] = view.proofs;
  const isHolder = claim.holderUserId === actor.userId;
  const canSend = isHolder && (!current || current.status === 'rejected') && !['denied', 'withdrawn', 'closed', 'settled'].includes(claim.status);
  const title = t('claims_settlement.proof.title');
  const limit = `${Math.round(deps.config.maxUploadBytes / 1_048_576)} MB`;
  return sendSettlementPage(
    deps,
    request,
    reply,
    { title, status, currentPath: proofPaths.portalForm(claim.id) },
    <>
      <div id="proof-heading">
        <PageHeading
          title={title}
          caption={t('claims_settlement.proof.caption', { claimNumber: claim.claimNumber })}
          lead={t('claims_settlement.proof.lead', { dueOn: dayText(locale, view.dueOn) })}
        />
      </div>
      <Panel>{proofStateText(locale, view)}</Panel>
      {view.oathRequest && canSend ? <p>{t('claims_settlement.proof.oath_requested')}</p> : null}
      {canSend ? (
        <ProofForm
          locale={locale}
          view={view}
          csrfToken={request.csrfToken}
          state={state ?? { values: defaultsOf(view), keep: [], errors: [] }}
          limit={limit}
        />
      ) : current ? (
        <ProofDetails locale={locale} proof={current} claim={claim} />
      ) : null}
      <p>
        <a href={claimPageOr(request.server as unknown as TypedApp, 'portal', claim.id, PROOF_SECTION_ID, proofPaths.portalForm(claim.id))}>
          {t('claims_settlement.proof.back')}
        </a>
      </p>
    </>,
  );
}

export function registerProofPage(app: TypedApp, deps: Deps): void {
  app.get<{ Params: { id: string } }>('/portal/claims/:id/proof-of-loss', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'claims:report');
    if (!actor) return reply;
    return sendProofPage(deps, request, reply, await readProofOfLoss(deps, actor, pagePathId(request.params.id)));
  });

  // JPF-DUTY-4 e: the receipts are uploaded with the form, so it is posted as multipart.
  app.post<{ Params: { id: string } }>(
    '/portal/claims/:id/proof-of-loss',
    { schema: { hide: true }, ...multipartForm(deps, { maxFiles: RECEIPT_FIELDS.length }) },
    async (request, reply) => {
      const actor = requirePageUser(request, reply, 'claims:report', `/portal/claims/${request.params.id}/proof-of-loss`);
      if (!actor) return reply;
      // Out of reach is 404 before anything about the form is said.
      const view = await readProofOfLoss(deps, actor, pagePathId(request.params.id));
      const values = formValues(request.body);
      const keep = postedList(request.body, 'keepFiles');
      const parsed = parseForm(request.locale, proofFormSchema(view.claim.items, view.oathRequest !== null), request.body);
      if (!parsed.ok) return sendProofPage(deps, request, reply, view, { values, keep, errors: parsed.errors }, 400);
      const origin = originOf(request);
      const result = await attempt(
        request.locale,
        reply,
        'lossDate',
        () =>
          inTransaction(deps.db, async (trx) => {
            const inner = { ...deps, db: trx };
            const fileIds = [...keep];
            for (const name of RECEIPT_FIELDS) {
              const part = uploadedPart(request.body, name);
              if (!part) continue;
              const upload = {
                purpose: 'receipt' as const,
                content: part.content,
                size: part.size,
                declaredType: part.declaredType,
                fileName: part.fileName,
                field: name,
              };
              fileIds.push((await uploadFile(inner, actor, upload, origin)).id);
            }
            return submitProofOfLoss(inner, actor, view.claim.id, inputOf(parsed.data as Record<string, unknown>, view.claim.items, fileIds), origin);
          }),
        {
          fieldCodes: [
            'validation_failed',
            'proof_of_loss_invalid',
            'attachment_invalid',
            'file_empty',
            'file_too_large',
            'file_type_unsupported',
            'file_type_mismatch',
          ],
          fieldName: formFieldOf,
        },
      );
      if (!result.ok) return sendProofPage(deps, request, reply, view, { values, keep, errors: result.failure.errors }, result.failure.status);
      return reply.redirect(claimPageOr(app, 'portal', view.claim.id, PROOF_SECTION_ID, proofPaths.portalForm(view.claim.id)), 303);
    },
  );
}
