import { Temporal } from 'temporal-polyfill';
import { recordAuditEvent } from '../../../../platform/audit/index.ts';
import { requirePermission } from '../../../../platform/auth/access.ts';
import type { Actor } from '../../../../platform/auth/actor.ts';
import { nowText } from '../../../../platform/clock.ts';
import { randomToken, sha256Hex } from '../../../../platform/crypto.ts';
import { inTransaction } from '../../../../platform/db/transaction.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { problems } from '../../../../platform/http/problem.ts';
import { formatInstant } from '../../../../platform/i18n/index.ts';
import { newId } from '../../../../platform/ids.ts';
import { enqueueMail, isMailAddress } from '../../../../platform/mail/index.ts';
import type { RequestOrigin } from '../../../../platform/request-origin.ts';
import { fulfilmentErrors } from '../errors.ts';

export const DELIVERY_PATH = '/privacy/packages';

/**
 * PRV-RIGHT-8: the person sends their newest ready package to a named third party. The recipient gets an
 * expiring link by mail (through the outbox); the person gives them the password another way. Each delivery
 * is recorded (portability_delivery) and audited with the recipient outside the hashed part.
 */
export async function sendPackageToRecipient(
  deps: Deps,
  actor: Actor,
  input: { recipientName: string; recipientEmail: string },
  origin: RequestOrigin,
): Promise<{ deliveryId: string }> {
  requirePermission(actor, 'portal:enter');
  if (actor.kind !== 'user') throw problems.unauthenticated();
  const recipientName = input.recipientName.trim();
  const recipientEmail = input.recipientEmail.trim().toLowerCase();
  if (recipientName === '' || recipientName.length > 120) throw fulfilmentErrors.recipientInvalid('recipientName');
  if (!isMailAddress(recipientEmail)) throw fulfilmentErrors.recipientInvalid('recipientEmail');
  return inTransaction(deps.db, async (trx) => {
    const now = deps.clock.now();
    const pkg = await trx
      .selectFrom('access_package')
      .innerJoin('app_user', 'app_user.id', 'access_package.user_id')
      .select(['access_package.id', 'access_package.expires_at', 'app_user.display_name', 'app_user.locale'])
      .where('access_package.user_id', '=', actor.userId)
      .where('access_package.status', '=', 'ready')
      .where('access_package.expires_at', '>', now.toString())
      .orderBy('access_package.created_at', 'desc')
      .executeTakeFirst();
    if (!pkg) throw fulfilmentErrors.packageNotReady();
    const token = randomToken();
    const deliveryId = newId();
    await trx
      .insertInto('portability_delivery')
      .values({
        id: deliveryId,
        access_package_id: pkg.id,
        recipient_name: recipientName,
        recipient_email: recipientEmail,
        token_hash: sha256Hex(token),
        created_at: nowText(deps.clock),
        expires_at: pkg.expires_at,
      })
      .execute();
    await enqueueMail(
      trx,
      {
        to: recipientEmail,
        locale: pkg.locale,
        template: 'portability_delivery',
        params: {
          name: recipientName,
          link: `${deps.config.publicUrl}${DELIVERY_PATH}/${token}`,
          sender: pkg.display_name,
          expires: formatInstant(pkg.locale, pkg.expires_at, deps.config.insurerTimeZone),
        },
      },
      deps.clock,
    );
    await recordAuditEvent(
      trx,
      {
        actor,
        action: 'privacy.portability_sent',
        subject: { type: 'user', id: actor.userId },
        details: { deliveryId, packageId: pkg.id },
        personalDetails: { recipientName, recipientEmail },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return { deliveryId };
  });
}

/** The recipient's download: by the mailed token, until the package's link expires; audited. */
export async function downloadDeliveredPackage(deps: Deps, token: string, origin: RequestOrigin): Promise<{ bytes: Buffer }> {
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .selectFrom('portability_delivery')
      .innerJoin('access_package', 'access_package.id', 'portability_delivery.access_package_id')
      .select(['portability_delivery.id', 'portability_delivery.expires_at', 'access_package.content', 'access_package.user_id'])
      .where('portability_delivery.token_hash', '=', sha256Hex(token))
      .executeTakeFirst();
    if (!row || row.content === null) throw problems.notFound();
    if (Temporal.Instant.compare(Temporal.Instant.from(row.expires_at), deps.clock.now()) <= 0) throw fulfilmentErrors.packageExpired();
    await trx
      .updateTable('portability_delivery')
      .set({ downloaded_at: nowText(deps.clock) })
      .where('id', '=', row.id)
      .execute();
    await recordAuditEvent(
      trx,
      {
        actor: { kind: 'anonymous' },
        action: 'privacy.portability_downloaded',
        subject: { type: 'user', id: row.user_id },
        details: { deliveryId: row.id },
        requestId: origin.requestId,
      },
      deps.clock,
    );
    return { bytes: Buffer.from(row.content) };
  });
}
