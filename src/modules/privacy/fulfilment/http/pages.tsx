import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { UserActor } from '../../../../platform/auth/actor.ts';
import type { Deps } from '../../../../platform/deps.ts';
import type { HttpModule, TypedApp } from '../../../../platform/http/app.ts';
import { sessionCookieName } from '../../../../platform/http/cookies.ts';
import { originOf } from '../../../../platform/http/origin.ts';
import { problems } from '../../../../platform/http/problem.ts';
import { formatInstant } from '../../../../platform/i18n/index.ts';
import { isUuid } from '../../../../platform/ids.ts';
import { Button, Card, Form, PageHeading, Panel, Table } from '../../../../platform/ui/components.tsx';
import { ErrorSummary, Field } from '../../../../platform/ui/fields.tsx';
import { attempt, EMPTY_FORM, errorFor, type FormState, formValues } from '../../../../platform/ui/forms.ts';
import type { Flash } from '../../../../platform/ui/layout.tsx';
import { layoutPageSender, requirePageUser, translator } from '../../../../platform/ui/page-support.tsx';
import { downloadOwnAccessPackage, listOwnAccessPackages, requestOwnAccessPackage, revealPackagePassword } from '../use-cases/access-package.ts';
import { closeOwnAccount, getOwnContact, updateOwnContact } from '../use-cases/contact-details.ts';
import { eraseOwnData } from '../use-cases/erase-own-data.ts';
import { DELIVERY_PATH, downloadDeliveredPackage, sendPackageToRecipient } from '../use-cases/portability.ts';
import { erasureDonePage } from './erasure-result-page.tsx';

/**
 * The customer's "My personal data" page (PRV-PORTAL-1): contact details (PRV-RIGHT-2), the encrypted data
 * package (PRV-RIGHT-1, PRV-RIGHT-8), erasure with what was kept and why (PRV-RIGHT-3) and account closure.
 * Works without JavaScript; every form posts with the CSRF token.
 */
export const MY_DATA_PATH = '/portal/my-data';
const sendLayoutPage = layoutPageSender(async () => undefined);

type PageState = {
  contact?: FormState;
  erase?: FormState;
  close?: FormState;
  portability?: FormState;
  flash?: Flash;
  status?: number;
  password?: { packageId: string; password: string };
};

async function myDataPage(deps: Deps, request: FastifyRequest, reply: FastifyReply, actor: UserActor, state: PageState = {}): Promise<FastifyReply> {
  const t = translator(request.locale);
  const contact = await getOwnContact(deps, actor);
  const packages = await listOwnAccessPackages(deps, actor);
  const values = state.contact?.values ?? {
    displayName: contact.displayName,
    phone: contact.phone ?? '',
    line1: contact.postalAddress?.line1 ?? '',
    line2: contact.postalAddress?.line2 ?? '',
    city: contact.postalAddress?.city ?? '',
    postalCode: contact.postalAddress?.postalCode ?? '',
    country: contact.postalAddress?.country ?? '',
  };
  const contactErrors = state.contact?.errors ?? [];
  const when = (instant: string) => formatInstant(request.locale, instant, deps.config.insurerTimeZone);
  const field = (name: string, label: Parameters<typeof t>[0], extra: Partial<Parameters<typeof Field>[0]> = {}) => (
    <Field locale={request.locale} name={name} label={t(label)} value={values[name] ?? ''} error={errorFor(contactErrors, name)} {...extra} />
  );
  return sendLayoutPage(
    deps,
    request,
    reply,
    {
      title: t('privacy.fulfilment.page.title'),
      currentPath: MY_DATA_PATH,
      ...(state.status && { status: state.status }),
      ...(state.flash && { flash: state.flash }),
    },
    <>
      <PageHeading title={t('privacy.fulfilment.page.title')} lead={t('privacy.fulfilment.page.lead')} />
      {state.password ? (
        <Panel kind="warning" title={t('privacy.fulfilment.package.password_heading')}>
          <p>{t('privacy.fulfilment.package.password_explain')}</p>
          <p>
            <code id="package-password">{state.password.password}</code>
          </p>
          <p>
            <a href={`${MY_DATA_PATH}/packages/${state.password.packageId}/download`}>{t('privacy.fulfilment.package.download')}</a>
          </p>
        </Panel>
      ) : null}
      <Card id="package" title={t('privacy.fulfilment.package.heading')}>
        <p>{t('privacy.fulfilment.package.explain')}</p>
        <Form action={`${MY_DATA_PATH}/packages`} csrfToken={request.csrfToken}>
          <Button>{t('privacy.fulfilment.package.request')}</Button>
        </Form>
        <Table
          caption={t('privacy.fulfilment.package.list_caption')}
          columns={[
            { header: t('privacy.fulfilment.package.created'), cell: (row) => when(row.createdAt), rowHeader: true },
            { header: t('privacy.fulfilment.package.expires'), cell: (row) => when(row.expiresAt) },
            {
              header: t('privacy.fulfilment.package.status'),
              cell: (row) => t(row.expired ? 'privacy.fulfilment.package.status.expired' : `privacy.fulfilment.package.status.${row.status}`),
            },
            {
              header: t('privacy.fulfilment.package.actions'),
              cell: (row) =>
                row.status !== 'ready' || row.expired ? (
                  '—'
                ) : (
                  <>
                    {row.passwordShown ? null : (
                      <Form action={`${MY_DATA_PATH}/packages/${row.id}/password`} csrfToken={request.csrfToken} class="inline-form">
                        <Button variant="secondary">{t('privacy.fulfilment.package.show_password')}</Button>
                      </Form>
                    )}{' '}
                    <a href={`${MY_DATA_PATH}/packages/${row.id}/download`}>{t('privacy.fulfilment.package.download')}</a>
                  </>
                ),
            },
          ]}
          rows={packages}
          rowKey={(row) => row.id}
          empty={t('privacy.fulfilment.package.none')}
        />
      </Card>
      <Card id="portability" title={t('privacy.fulfilment.portability.heading')}>
        <p>{t('privacy.fulfilment.portability.explain')}</p>
        <ErrorSummary locale={request.locale} errors={state.portability?.errors ?? []} />
        <Form action={`${MY_DATA_PATH}/portability`} csrfToken={request.csrfToken}>
          <Field
            locale={request.locale}
            name="recipientName"
            label={t('privacy.fulfilment.portability.recipient_name')}
            value={state.portability?.values.recipientName ?? ''}
            error={errorFor(state.portability?.errors ?? [], 'recipientName')}
            autocomplete="off"
            required
          />
          <Field
            locale={request.locale}
            name="recipientEmail"
            type="email"
            label={t('privacy.fulfilment.portability.recipient_email')}
            value={state.portability?.values.recipientEmail ?? ''}
            error={errorFor(state.portability?.errors ?? [], 'recipientEmail')}
            autocomplete="off"
            required
          />
          <Button variant="secondary">{t('privacy.fulfilment.portability.submit')}</Button>
        </Form>
      </Card>
      <Card id="contact" title={t('privacy.fulfilment.contact.heading')}>
        <ErrorSummary locale={request.locale} errors={contactErrors} />
        <Form action={`${MY_DATA_PATH}/contact`} csrfToken={request.csrfToken}>
          <p>
            {t('privacy.fulfilment.contact.email')}: {contact.email}
          </p>
          {field('displayName', 'privacy.fulfilment.contact.display_name', { autocomplete: 'name', required: true, maxLength: 120 })}
          {field('phone', 'privacy.fulfilment.contact.phone', { type: 'tel', autocomplete: 'tel', width: 'medium' })}
          {field('line1', 'privacy.fulfilment.contact.line1', { autocomplete: 'address-line1' })}
          {field('line2', 'privacy.fulfilment.contact.line2', { autocomplete: 'address-line2' })}
          {field('city', 'privacy.fulfilment.contact.city', { autocomplete: 'address-level2', width: 'medium' })}
          {field('postalCode', 'privacy.fulfilment.contact.postal_code', { autocomplete: 'postal-code', width: 'short' })}
          {field('country', 'privacy.fulfilment.contact.country', { autocomplete: 'country', width: 'short', maxLength: 2 })}
          <Button>{t('privacy.fulfilment.contact.save')}</Button>
        </Form>
      </Card>
      <Card id="erase" title={t('privacy.fulfilment.erasure.heading')}>
        <p>{t('privacy.fulfilment.erasure.explain')}</p>
        <ErrorSummary locale={request.locale} errors={state.erase?.errors ?? []} />
        <Form action={`${MY_DATA_PATH}/erase`} csrfToken={request.csrfToken}>
          <p>
            <input type="checkbox" id="confirm-erasure" name="confirm" value="yes" required />{' '}
            <label for="confirm-erasure">{t('privacy.fulfilment.erasure.confirm')}</label>
          </p>
          <Button variant="danger">{t('privacy.fulfilment.erasure.submit')}</Button>
        </Form>
      </Card>
      <Card id="close" title={t('privacy.fulfilment.close.heading')}>
        <p>{t('privacy.fulfilment.close.explain')}</p>
        <ErrorSummary locale={request.locale} errors={state.close?.errors ?? []} />
        <Form action={`${MY_DATA_PATH}/close`} csrfToken={request.csrfToken}>
          <p>
            <input type="checkbox" id="confirm-close" name="confirm" value="yes" required />{' '}
            <label for="confirm-close">{t('privacy.fulfilment.close.confirm')}</label>
          </p>
          <Button variant="danger">{t('privacy.fulfilment.close.submit')}</Button>
        </Form>
      </Card>
    </>,
  );
}

function packageIdOf(request: FastifyRequest): string {
  const id = (request.params as { id?: string }).id ?? '';
  if (!isUuid(id)) throw problems.notFound();
  return id;
}

function endSession(reply: FastifyReply, deps: Deps): void {
  reply.clearCookie(sessionCookieName(deps.config.secureCookies), { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.config.secureCookies });
}

const confirmForm = z.object({ confirm: z.literal('yes') });

export const fulfilmentPages: HttpModule = {
  name: 'privacy-fulfilment-pages',
  register(app: TypedApp, deps: Deps) {
    app.get(MY_DATA_PATH, { schema: { hide: true } }, async (request, reply) => {
      const actor = requirePageUser(request, reply, 'portal:enter', MY_DATA_PATH);
      if (!actor) return reply;
      const done = (request.query as { done?: unknown }).done;
      const t = translator(request.locale);
      const flash: Flash | undefined =
        done === 'package'
          ? { kind: 'success', message: t('privacy.fulfilment.package.requested') }
          : done === 'contact'
            ? { kind: 'success', message: t('privacy.fulfilment.contact.saved') }
            : done === 'portability'
              ? { kind: 'success', message: t('privacy.fulfilment.portability.sent') }
              : undefined;
      return myDataPage(deps, request, reply, actor, flash ? { flash } : {});
    });

    app.post(`${MY_DATA_PATH}/packages`, { schema: { hide: true } }, async (request, reply) => {
      const actor = requirePageUser(request, reply, 'portal:enter', MY_DATA_PATH);
      if (!actor) return reply;
      await requestOwnAccessPackage(deps, actor, 'access', originOf(request));
      return reply.redirect(`${MY_DATA_PATH}?done=package`, 303);
    });

    // Answered with the page itself, never a redirect: the password must not be in an address or a cookie.
    app.post(`${MY_DATA_PATH}/packages/:id/password`, { schema: { hide: true } }, async (request, reply) => {
      const actor = requirePageUser(request, reply, 'portal:enter', MY_DATA_PATH);
      if (!actor) return reply;
      const packageId = packageIdOf(request);
      const result = await attempt(request.locale, reply, 'package', () => revealPackagePassword(deps, actor, packageId, originOf(request)));
      if (!result.ok)
        return myDataPage(deps, request, reply, actor, {
          flash: { kind: 'error', message: result.failure.errors[0]?.message ?? '' },
          status: result.failure.status,
        });
      reply.header('cache-control', 'no-store');
      return myDataPage(deps, request, reply, actor, { password: { packageId, password: result.value.password } });
    });

    app.get(`${MY_DATA_PATH}/packages/:id/download`, { schema: { hide: true } }, async (request, reply) => {
      const actor = requirePageUser(request, reply, 'portal:enter', MY_DATA_PATH);
      if (!actor) return reply;
      const file = await downloadOwnAccessPackage(deps, actor, packageIdOf(request), originOf(request));
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .header('cache-control', 'no-store')
        .send(file.bytes);
    });

    app.post(`${MY_DATA_PATH}/portability`, { schema: { hide: true } }, async (request, reply) => {
      const actor = requirePageUser(request, reply, 'portal:enter', MY_DATA_PATH);
      if (!actor) return reply;
      const values = formValues(request.body, ['recipientName', 'recipientEmail']);
      const result = await attempt(
        request.locale,
        reply,
        'recipientName',
        () =>
          sendPackageToRecipient(deps, actor, { recipientName: values.recipientName ?? '', recipientEmail: values.recipientEmail ?? '' }, originOf(request)),
        { fieldCodes: ['recipient_invalid'] },
      );
      if (!result.ok) return myDataPage(deps, request, reply, actor, { portability: { values, errors: result.failure.errors }, status: result.failure.status });
      return reply.redirect(`${MY_DATA_PATH}?done=portability`, 303);
    });

    // PRV-RIGHT-8: the recipient's download, by the mailed token (no account).
    app.get(`${DELIVERY_PATH}/:token`, { schema: { hide: true } }, async (request, reply) => {
      const token = (request.params as { token?: string }).token ?? '';
      if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw problems.notFound();
      const file = await downloadDeliveredPackage(deps, token, originOf(request));
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', 'attachment; filename="personal-data-package.pdf"')
        .header('cache-control', 'no-store')
        .send(file.bytes);
    });

    app.post(`${MY_DATA_PATH}/contact`, { schema: { hide: true } }, async (request, reply) => {
      const actor = requirePageUser(request, reply, 'profile:write', MY_DATA_PATH);
      if (!actor) return reply;
      const values = formValues(request.body, ['displayName', 'phone', 'line1', 'line2', 'city', 'postalCode', 'country']);
      const result = await attempt(request.locale, reply, 'displayName', () =>
        updateOwnContact(deps, actor, { ...values, displayName: values.displayName ?? '' }, originOf(request)),
      );
      if (!result.ok) return myDataPage(deps, request, reply, actor, { contact: { values, errors: result.failure.errors }, status: result.failure.status });
      return reply.redirect(`${MY_DATA_PATH}?done=contact`, 303);
    });

    app.post(`${MY_DATA_PATH}/erase`, { schema: { hide: true } }, async (request, reply) => {
      const actor = requirePageUser(request, reply, 'portal:enter', MY_DATA_PATH);
      if (!actor) return reply;
      if (!confirmForm.safeParse(request.body).success) {
        const message = translator(request.locale)('privacy.fulfilment.erasure.confirm_required');
        return myDataPage(deps, request, reply, actor, { erase: { ...EMPTY_FORM, errors: [{ field: 'confirm-erasure', message }] }, status: 400 });
      }
      const report = await eraseOwnData(deps, actor, originOf(request));
      endSession(reply, deps);
      reply.header('cache-control', 'no-store');
      return erasureDonePage(deps, request, reply, report);
    });

    app.post(`${MY_DATA_PATH}/close`, { schema: { hide: true } }, async (request, reply) => {
      const actor = requirePageUser(request, reply, 'portal:enter', MY_DATA_PATH);
      if (!actor) return reply;
      if (!confirmForm.safeParse(request.body).success) {
        const message = translator(request.locale)('privacy.fulfilment.close.confirm_required');
        return myDataPage(deps, request, reply, actor, { close: { ...EMPTY_FORM, errors: [{ field: 'confirm-close', message }] }, status: 400 });
      }
      await closeOwnAccount(deps, actor, originOf(request));
      endSession(reply, deps);
      const t = translator(request.locale);
      return sendLayoutPage(
        deps,
        request,
        reply,
        { title: t('privacy.fulfilment.close.heading'), currentPath: MY_DATA_PATH },
        <>
          <PageHeading title={t('privacy.fulfilment.close.heading')} />
          <Panel kind="success">
            <p>{t('privacy.fulfilment.close.done')}</p>
          </Panel>
        </>,
      );
    });
  },
};
