import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.ts';
import type { Currency } from '../../platform/money.ts';

/**
 * SQL of re-rating an open renewal offer after a schedule change (JPF-COND-7). Reads product and application
 * rows as renewal-repository.ts does (the product a policy is of, the state and deductible it is rated with).
 */
export type OpenOffer = {
  id: string;
  anniversary: string;
  premium: string;
  currency: Currency;
  invoiceId: string | null;
  productVersionId: string;
  productCode: string;
  state: string;
  deductible: string;
  firstDay: string;
  lastDay: string;
};

/** The policy's renewal offer still waiting for payment, locked for the change; null when there is none. */
export async function findOpenOfferForUpdate(db: Db, policyId: string): Promise<OpenOffer | null> {
  const { rows } = await sql<{
    id: string;
    anniversary: string;
    premium: string;
    currency: Currency;
    invoice_id: string | null;
    product_version_id: string;
    product_code: string;
    state: string;
    deductible: string;
    first_day: string;
    last_day: string;
  }>`
    SELECT o.id, o.anniversary::text AS anniversary, o.premium::text AS premium, o.currency, o.invoice_id, o.product_version_id,
           pr.code AS product_code, a.mailing_address->>'state' AS state, a.deductible::text AS deductible,
           p.first_day::text AS first_day, p.last_day::text AS last_day
    FROM renewal_offer o
    JOIN policy p ON p.id = o.policy_id
    JOIN product_version pv ON pv.id = p.product_version_id
    JOIN product pr ON pr.id = pv.product_id
    JOIN application a ON a.id = p.application_id
    WHERE o.policy_id = ${policyId} AND o.status = 'offered'
    FOR UPDATE OF o`.execute(db);
  const row = rows[0];
  if (!row) return null;
  return {
    id: row.id,
    anniversary: row.anniversary,
    premium: row.premium,
    currency: row.currency,
    invoiceId: row.invoice_id,
    productVersionId: row.product_version_id,
    productCode: row.product_code,
    state: row.state,
    deductible: row.deductible,
    firstDay: row.first_day,
    lastDay: row.last_day,
  };
}

export async function updateOfferTerms(
  db: Db,
  offerId: string,
  terms: { premium: string; productVersionId: string; worksheet: unknown; itemChanges: unknown; invoiceId: string | null },
): Promise<void> {
  await db
    .updateTable('renewal_offer')
    .set({
      premium: terms.premium,
      product_version_id: terms.productVersionId,
      worksheet: JSON.stringify(terms.worksheet),
      item_changes: JSON.stringify(terms.itemChanges),
      invoice_id: terms.invoiceId,
    })
    .where('id', '=', offerId)
    .where('status', '=', 'offered')
    .execute();
}
