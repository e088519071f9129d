import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { hasRole, type UserActor } from '../../../../platform/auth/actor.ts';
import type { Deps } from '../../../../platform/deps.ts';
import type { TypedApp } from '../../../../platform/http/app.ts';
import { problems } from '../../../../platform/http/problem.ts';
import { isUuid } from '../../../../platform/ids.ts';
import { Button, ButtonLink, ErrorSummary, Field, Form, PageHeading, Table } from '../../../../platform/ui/components.tsx';
import { errorFor, type FormError, type FormValues, formValues, parseForm } from '../../../../platform/ui/forms.ts';
import { requirePageUser, translator } from '../../../../platform/ui/page-support.tsx';
import type { QuoteApplicationInput } from '../../use-cases/quote-application.ts';
import { findClientByEmail, readAgentBook } from '../../use-cases/read-agent-book.ts';
import { formatDate, formatMoney, sendLayoutPage } from './page-support.tsx';

/**
 * The agent's screens (issue #3, "Agent: the same for own clients only"): the agent's clients with
 * their applications and policies, and applying for a client. The agent chooses the client here by
 * the email address of the client's account, then fills in the portal's own quote form, which
 * carries the client's id (?client= → a hidden field) into quoteApplication. Applications, binding
 * and policies are the portal's pages, which show an agent only their own clients' records (404 for
 * any other, by scopeApplications and scopePolicies).
 */

/** The client an agent is applying for, from `?client=` (quote form GET) — only a well-formed id. */
export function clientValues(query: unknown): FormValues {
  const client = typeof query === 'object' && query !== null ? (query as Record<string, unknown>).client : undefined;
  return typeof client === 'string' && isUuid(client) ? { clientUserId: client } : {};
}

/** An agent (who is not also a customer applying for themselves) must choose a client before the quote form. */
export function agentNeedsClient(actor: UserActor, values: FormValues): boolean {
  return hasRole(actor, 'agent') && !hasRole(actor, 'customer') && !values.clientUserId;
}

/** The quote form's hidden client id, so the application is made for the client the agent chose. */
export function ClientField({ values }: { values: FormValues }) {
  const client = values.clientUserId;
  return client && isUuid(client) ? <input type="hidden" name="clientUserId" value={client} /> : null;
}

/** Puts the posted client id into the application; quoteApplication checks that an agent may apply for that client. */
export function withClient(input: QuoteApplicationInput, values: FormValues): void {
  const client = values.clientUserId;
  if (client && isUuid(client)) input.clientUserId = client;
}

const clientSchema = z.object({
  clientEmail: z.email({ error: 'backoffice_pages.agent.problem.client_email' }).max(320, { error: 'backoffice_pages.agent.problem.client_email' }),
});

async function sendChooseClientPage(
  deps: Deps,
  request: FastifyRequest,
  reply: FastifyReply,
  form: { values: FormValues; errors: readonly FormError[]; status: number },
): Promise<FastifyReply> {
  const locale = request.locale;
  const t = translator(locale);
  return sendLayoutPage(
    deps,
    request,
    reply,
    { title: t('backoffice_pages.agent.quote_title'), status: form.status, currentPath: '/agent/quote' },
    <>
      <PageHeading title={t('backoffice_pages.agent.quote_title')} lead={t('backoffice_pages.agent.quote_lead')} />
      <Form action="/agent/quote" csrfToken={request.csrfToken} aria-label={t('backoffice_pages.agent.client')}>
        <ErrorSummary locale={locale} errors={form.errors} />
        <Field
          locale={locale}
          name="clientEmail"
          type="email"
          label={t('backoffice_pages.agent.client_email')}
          hint={t('backoffice_pages.agent.client_email_hint')}
          value={form.values.clientEmail}
          error={errorFor(form.errors, 'clientEmail')}
          autocomplete="off"
          spellcheck={false}
        />
        <Button>{t('policy_pages.quote.title')}</Button>
      </Form>
    </>,
  );
}

function requireAgentPage(actor: UserActor): void {
  // The use cases refuse non-agents too (403); this only keeps customers from a form they cannot use.
  if (!hasRole(actor, 'agent')) throw problems.forbidden();
}

export function registerAgentPages(app: TypedApp, deps: Deps): void {
  app.get('/agent', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'policies:apply');
    if (!actor) return reply;
    const locale = request.locale;
    const t = translator(locale);
    const clients = await readAgentBook(deps, actor);
    return sendLayoutPage(
      deps,
      request,
      reply,
      { title: t('backoffice_pages.agent.title') },
      <>
        <PageHeading title={t('backoffice_pages.agent.title')} lead={t('backoffice_pages.agent.lead')} />
        <p>
          <ButtonLink href="/agent/quote" variant="primary">
            {t('backoffice_pages.agent.apply')}
          </ButtonLink>
        </p>
        {clients.length === 0 ? <p class="empty">{t('backoffice_pages.agent.empty')}</p> : null}
        {clients.map(({ client, applications }) => (
          <div key={client.id}>
            <h2>{client.name}</h2>
            <p>{client.email}</p>
            <Table
              caption={t('backoffice_pages.agent.applications', { name: client.name })}
              captionHidden
              columns={[
                {
                  header: t('backoffice_pages.agent.application'),
                  cell: (entry) => (
                    <a href={`/portal/applications/${entry.applicationId}`}>
                      {t('backoffice_pages.agent.open_application', {
                        date: formatDate(locale, entry.submittedAt.slice(0, 10)),
                        status: t(`policy_pages.status.${entry.applicationStatus}`),
                      })}
                    </a>
                  ),
                  rowHeader: true,
                },
                { header: t('backoffice_pages.agent.insureds'), cell: (entry) => entry.namedInsureds.join(', ') },
                { header: t('backoffice_pages.agent.premium'), cell: (entry) => formatMoney(locale, entry.premium), numeric: true },
                {
                  header: t('backoffice_pages.agent.policy'),
                  cell: (entry) =>
                    entry.policy ? (
                      <a href={`/portal/policies/${entry.policy.id}`}>
                        {entry.policy.policyNumber} ({t(`policy_pages.policy_status.${entry.policy.status}`)})
                      </a>
                    ) : (
                      t('backoffice_pages.agent.no_policy')
                    ),
                },
              ]}
              rows={applications}
              rowKey={(entry) => entry.applicationId}
              empty=""
            />
            <p>
              <a href={`/portal/quote?client=${client.id}`}>{t('backoffice_pages.agent.apply_for', { name: client.name })}</a>
            </p>
          </div>
        ))}
      </>,
    );
  });

  app.get('/agent/quote', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'policies:apply');
    if (!actor) return reply;
    requireAgentPage(actor);
    return sendChooseClientPage(deps, request, reply, { values: {}, errors: [], status: 200 });
  });

  app.post('/agent/quote', { schema: { hide: true } }, async (request, reply) => {
    const actor = requirePageUser(request, reply, 'policies:apply', '/agent/quote');
    if (!actor) return reply;
    requireAgentPage(actor);
    const values = formValues(request.body, ['clientEmail']);
    const parsed = parseForm(request.locale, clientSchema, request.body);
    if (!parsed.ok) return sendChooseClientPage(deps, request, reply, { values, errors: parsed.errors, status: 400 });
    const clientId = await findClientByEmail(deps, actor, parsed.data.clientEmail);
    if (!clientId) {
      const message = translator(request.locale)('backoffice_pages.agent.problem.client_not_found');
      return sendChooseClientPage(deps, request, reply, { values, errors: [{ field: 'clientEmail', message }], status: 422 });
    }
    return reply.redirect(`/portal/quote?client=${clientId}`, 303);
  });
}
