import { can } from '../../../platform/auth/access.ts';
import { Card, Table } from '../../../platform/ui/components.tsx';
import { translator } from '../../../platform/ui/page-support.tsx';
import { dayText, moneyText } from '../settlement-words.ts';
import { getPaymentsOverview, listPaymentsOfClaim } from '../use-cases/read-claim-payments.ts';
import { listApprovedJewelers, listJewelerOrdersOfClaim } from '../use-cases/read-jeweler-orders.ts';
import type { ClaimSection } from './claim-sections.ts';
import { ORDERS_SECTION_ID, OrdersBody, orderPaths, RepairProgress } from './jeweler-order-views.tsx';
import { PAYMENTS_SECTION_ID, PaymentsBody, payeeText, paymentPaths } from './payment-views.tsx';

/**
 * The claim page sections of reserves, payments and jeweler orders (issue #4): on the back-office claim 360 view the
 * reserve and payments with their forms (order 60) and the repair/replacement orders (order 70); on the portal's
 * claim status page, in plain words and EN/NL, the payments made (date, amount, payee) and how the repair or
 * replacement is going.
 */

export const payments360Section: ClaimSection = {
  id: PAYMENTS_SECTION_ID,
  order: 60,
  async render({ deps, actor, locale, claim, csrfToken }) {
    const t = translator(locale);
    const overview = await getPaymentsOverview(deps, actor, claim.id);
    return (
      <Card id={PAYMENTS_SECTION_ID} title={t('claims_payments.title')}>
        <p>
          <a href={paymentPaths.page(claim.id)}>{t('claims_payments.page_title', { claimNumber: claim.claimNumber })}</a>
        </p>
        <PaymentsBody locale={locale} overview={overview} csrfToken={csrfToken} canPay={can(actor, 'claims:pay')} canHandle={can(actor, 'claims:handle')} />
      </Card>
    );
  },
};

export const jewelerOrders360Section: ClaimSection = {
  id: ORDERS_SECTION_ID,
  order: 70,
  async render({ deps, actor, locale, claim, csrfToken }) {
    const t = translator(locale);
    const canHandle = can(actor, 'claims:handle');
    const [orders, jewelers] = [await listJewelerOrdersOfClaim(deps, actor, claim.id), canHandle ? await listApprovedJewelers(deps, actor) : []];
    return (
      <Card id={ORDERS_SECTION_ID} title={t('claims_payments.orders.title')}>
        <p>
          <a href={orderPaths.page(claim.id)}>{t('claims_payments.orders.page_title', { claimNumber: claim.claimNumber })}</a>
        </p>
        <OrdersBody locale={locale} claim={claim} orders={orders} jewelers={jewelers} csrfToken={csrfToken} canHandle={canHandle} />
      </Card>
    );
  },
};

/** The insured (their agent, the repairing jeweler: only what was paid to them) sees the payments made. */
export const paymentsStatusSection: ClaimSection = {
  id: PAYMENTS_SECTION_ID,
  order: 60,
  async render({ deps, actor, locale, claim }) {
    const t = translator(locale);
    const { payments } = await listPaymentsOfClaim(deps, actor, claim.id);
    return (
      <Card id={PAYMENTS_SECTION_ID} title={t('claims_payments.portal.title')}>
        <Table
          caption={t('claims_payments.portal.caption')}
          captionHidden
          rows={payments}
          rowKey={(payment) => payment.id}
          empty={t('claims_payments.portal.none')}
          columns={[
            { header: t('claims_payments.portal.date'), cell: (payment) => (payment.issuedOn ? dayText(locale, payment.issuedOn) : ''), rowHeader: true },
            { header: t('claims_payments.amount'), cell: (payment) => moneyText(locale, payment.amount), numeric: true },
            { header: t('claims_payments.portal.paid_to'), cell: (payment) => payeeText(locale, payment) },
          ]}
        />
        {claim.status === 'settled' ? <p>{t('claims_payments.portal.settled')}</p> : null}
      </Card>
    );
  },
};

export const repairsStatusSection: ClaimSection = {
  id: ORDERS_SECTION_ID,
  order: 70,
  async render({ deps, actor, locale, claim }) {
    const orders = await listJewelerOrdersOfClaim(deps, actor, claim.id);
    if (orders.every((order) => order.status === 'cancelled')) return null;
    return (
      <Card id={ORDERS_SECTION_ID} title={translator(locale)('claims_payments.portal.repairs_title')}>
        <RepairProgress locale={locale} orders={orders} timeZone={claim.timeZone} />
      </Card>
    );
  },
};
