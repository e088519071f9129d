import { can } from '../../../platform/auth/access.ts';
import { STAFF_ROLES, type UserActor } from '../../../platform/auth/actor.ts';
import type { Role } from '../../../platform/db/schema.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { HttpModule, TypedApp } from '../../../platform/http/app.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { Card, PageHeading } from '../../../platform/ui/components.tsx';
import { getMyAccount } from '../use-cases/read-accounts.ts';
import { ROLE_LABELS, requirePageUser, sendLayoutPage, translator } from './pages/page-support.tsx';

/**
 * Where people land: `/` sends each to their home, the portal for customers and other outsiders,
 * the back office for staff. Both homes are empty until the policy, claims and billing modules
 * fill them; they already say whose home it is and what will appear there.
 */

/** One portal per person; a customer who is also an agent sees the customer home (as the nav does). */
function portalTexts(actor: UserActor): { title: MessageKey; empty: MessageKey } {
  const has = (role: Role) => actor.roles.includes(role);
  if (has('customer')) return { title: 'portal.title', empty: 'portal.empty' };
  if (has('agent')) return { title: 'nav.agent_portal', empty: 'portal.agent_empty' };
  if (has('jeweler')) return { title: 'nav.jeweler_portal', empty: 'portal.jeweler_empty' };
  if (has('partner')) return { title: 'nav.partner_portal', empty: 'portal.partner_empty' };
  return { title: 'portal.title', empty: 'portal.welcome' };
}

const BACK_OFFICE_EMPTY: Partial<Record<Role, MessageKey>> = {
  underwriter: 'back_office.empty.underwriter',
  billing: 'back_office.empty.billing',
  privacy_officer: 'back_office.empty.privacy_officer',
  secretary: 'back_office.empty.secretary',
  admin: 'back_office.empty.admin',
  auditor: 'back_office.empty.auditor',
};

export const homePages: HttpModule = {
  name: 'home-pages',
  register(app: TypedApp, deps: Deps) {
    app.get('/', { schema: { hide: true } }, async (request, reply) => {
      const actor = request.actor;
      if (actor.kind !== 'user') return reply.redirect('/login', 303);
      return reply.redirect(can(actor, 'backoffice:enter') ? '/backoffice' : '/portal', 303);
    });

    app.get('/portal', { schema: { hide: true } }, async (request, reply) => {
      const actor = requirePageUser(request, reply, 'portal:enter', '/portal');
      if (!actor) return reply;
      const account = await getMyAccount(deps, actor);
      const t = translator(request.locale);
      const texts = portalTexts(actor);
      return sendLayoutPage(
        deps,
        request,
        reply,
        { title: t(texts.title) },
        <>
          <PageHeading title={t(texts.title)} />
          <p class="lead">{t(texts.empty, { name: account.displayName })}</p>
          {/* Issue #3: an agent's clients, their applications and policies (agent-pages.tsx). */}
          {actor.roles.includes('agent') ? (
            <p>
              <a href="/agent">{t('backoffice_pages.nav.clients')}</a>
            </p>
          ) : null}
          {can(actor, 'policies:apply') ? (
            <Card id="jewelry-insurance" title={t('policy_pages.home.title')}>
              <p>{t('policy_pages.home.text')}</p>
              <ul>
                <li>
                  <a href="/portal/quote">{t('policy_pages.nav.quote')}</a>
                </li>
                <li>
                  <a href="/portal/policies">{t('policy_pages.nav.policies')}</a>
                </li>
              </ul>
            </Card>
          ) : null}
          {/* Issue #4: the claim pages this person may use — their own (or their clients') claims; a jeweler's reports and orders (JPF-SETTLE-2). */}
          {can(actor, 'claims:report') && (actor.roles.includes('customer') || actor.roles.includes('agent') || actor.roles.includes('jeweler')) ? (
            <Card id="claims" title={t('nav.claims')}>
              <ul>
                {actor.roles.includes('customer') || actor.roles.includes('agent') ? (
                  <li>
                    <a href="/portal/claims">{t('claims_fnol.mine.title')}</a>
                  </li>
                ) : null}
                {actor.roles.includes('jeweler') ? (
                  <>
                    <li>
                      <a href="/portal/jeweler/claims/new">{t('claims_fnol.jeweler.title')}</a>
                    </li>
                    <li>
                      <a href="/portal/jeweler/claims">{t('claims_fnol.jeweler.list_link')}</a>
                    </li>
                    <li>
                      <a href="/portal/jeweler/orders">{t('claims_payments.jeweler.title')}</a>
                    </li>
                  </>
                ) : null}
              </ul>
            </Card>
          ) : null}
          {/* Issue #5, PRV-PORTAL-1: the person's own data, requests and consents, from every portal home. */}
          <Card id="my-privacy" title={t('privacy_requests.portal.title')}>
            <ul>
              <li>
                <a href="/portal/my-data">{t('privacy.fulfilment.page.title')}</a>
              </li>
              <li>
                <a href="/portal/privacy">{t('privacy_requests.portal.title')}</a>
              </li>
            </ul>
          </Card>
        </>,
      );
    });

    app.get('/backoffice', { schema: { hide: true } }, async (request, reply) => {
      const actor = requirePageUser(request, reply, 'backoffice:enter', '/backoffice');
      if (!actor) return reply;
      const account = await getMyAccount(deps, actor);
      const t = translator(request.locale);
      const roles = STAFF_ROLES.filter((role) => actor.roles.includes(role));
      return sendLayoutPage(
        deps,
        request,
        reply,
        { title: t('back_office.title') },
        <>
          <PageHeading title={t('back_office.title')} lead={t('back_office.lead', { name: account.displayName })} />
          {/* Issue #3: the policy search leads to each policy's 360 view (search-pages.tsx). */}
          {can(actor, 'policies:read_all') ? (
            <p>
              <a href="/backoffice/search">{t('backoffice_pages.nav.search')}</a>
            </p>
          ) : null}
          {/* Issue #5 (PRV-USE-1, PRV-RET-1): the register of processing and legal holds. */}
          {can(actor, 'privacy:read') ? (
            <ul>
              {/* PRV-RIGHT-1..13: the request queue by deadline; corrections and restrictions; page statistics (PRV-BEACON-1). */}
              <li>
                <a href="/backoffice/privacy/requests">{t('privacy_requests.queue.title')}</a>
              </li>
              <li>
                <a href="/backoffice/privacy/fulfilment">{t('privacy.fulfilment.queue.title')}</a>
              </li>
              <li>
                <a href="/backoffice/privacy/page-statistics">{t('privacy_consent.stats.title')}</a>
              </li>
              <li>
                <a href="/backoffice/privacy/register">{t('privacy.register.nav')}</a>
              </li>
              <li>
                <a href="/backoffice/privacy/legal-holds">{t('privacy.holds.nav')}</a>
              </li>
              {/* PRV-DISC-3, PRV-PROC-1, PRV-DEID-1: recipients and processors; the de-identified export. */}
              <li>
                <a href="/backoffice/privacy/recipients">{t('privacy_disclosure.nav.recipients')}</a>
              </li>
              <li>
                <a href="/backoffice/privacy/deidentified-export">{t('privacy_disclosure.pages.export.title')}</a>
              </li>
            </ul>
          ) : null}
          {/* PRV-FRAUD-1: the incident register, only for the roles that need it. */}
          {can(actor, 'incidents:manage') ? (
            <p>
              <a href="/backoffice/incidents">{t('privacy_disclosure.nav.incidents')}</a>
            </p>
          ) : null}
          {roles.map((role) => {
            const empty = BACK_OFFICE_EMPTY[role];
            return (
              <Card key={role} id={`work-${role}`} title={t(ROLE_LABELS[role])}>
                {empty ? <p>{t(empty)}</p> : null}
                {role === 'underwriter' && can(actor, 'policies:underwrite') ? (
                  <ul>
                    <li>
                      <a href="/backoffice/referrals">{t('policy_pages.nav.referrals')}</a>
                    </li>
                    <li>
                      <a href="/backoffice/assignments">{t('staff_actions.assignments.title')}</a>
                    </li>
                    <li>
                      <a href="/backoffice/renewals">{t('renewal.runs.title')}</a>
                    </li>
                    <li>
                      <a href="/backoffice/products">{t('product_pages.products.title')}</a>
                    </li>
                  </ul>
                ) : null}
                {/* Issue #4: the adjuster's claims queue and diary, and phone reports (claims-fnol, claims-diary). */}
                {role === 'adjuster' && can(actor, 'claims:handle') ? (
                  <ul>
                    <li>
                      <a href="/backoffice/claims">{t('claims_fnol.queue.title')}</a>
                    </li>
                    <li>
                      <a href="/backoffice/claims/diary">{t('claims_diary.list.title')}</a>
                    </li>
                    <li>
                      <a href="/backoffice/claims/new">{t('claims_fnol.phone.title')}</a>
                    </li>
                  </ul>
                ) : null}
                {/* Issue #4: each adjuster's payment authority (claims-payments). */}
                {role === 'admin' && can(actor, 'claims:manage_authority') ? (
                  <p>
                    <a href="/backoffice/payment-authority">{t('claims_payments.authority.title')}</a>
                  </p>
                ) : null}
                {(role === 'admin' || role === 'auditor') && can(actor, 'users:read') ? (
                  <p>
                    <a href="/backoffice/users">{t('nav.users')}</a>
                  </p>
                ) : null}
              </Card>
            );
          })}
        </>,
      );
    });
  },
};
