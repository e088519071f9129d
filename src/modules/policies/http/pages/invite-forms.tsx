import { Temporal } from 'temporal-polyfill';
import type { Locale } from '../../../../platform/db/schema.ts';
import { Button, Form } from '../../../../platform/ui/components.tsx';
import { Field } from '../../../../platform/ui/fields.tsx';
import { translator } from '../../../../platform/ui/page-support.tsx';
import type { PendingSignatureRequest } from '../../use-cases/read-pending-signatures.ts';
import { formatDate } from './page-support.tsx';

/** The portal path of a pending request's invitations (the same path shape as the API). */
export function invitationsPath(policyId: string, request: { kind: 'endorsement' | 'cancellation'; id: string }): string {
  return `/portal/policies/${policyId}/${request.kind === 'endorsement' ? 'endorsements' : 'cancellation-requests'}/${request.id}/invitations`;
}

/**
 * JPF-COND-9 / JPF-CANCEL-1: on the holder's policy page, one "invite to sign" form per named insured who still has to
 * sign, with the open links already sent. A plain POST form: works without JavaScript.
 */
export function InviteToSign({
  locale,
  csrfToken,
  policyId,
  request,
  timeZone,
}: {
  locale: Locale;
  csrfToken: string;
  policyId: string;
  request: PendingSignatureRequest;
  timeZone: string;
}) {
  const t = translator(locale);
  const dayOf = (instant: string) => formatDate(locale, Temporal.Instant.from(instant).toZonedDateTimeISO(timeZone).toPlainDate().toString());
  return (
    <>
      {request.invited.length > 0 ? (
        <ul>
          {request.invited.map((invitation) => (
            <li key={`${invitation.namedInsured}-${invitation.expiresAt}`}>
              {t('signing.portal.invited', { name: invitation.namedInsured, date: dayOf(invitation.expiresAt) })}
            </li>
          ))}
        </ul>
      ) : null}
      {request.invitable.map((name, index) => (
        <Form key={name} action={invitationsPath(policyId, request)} csrfToken={csrfToken} aria-label={t('signing.portal.invite_legend', { name })}>
          <input type="hidden" name="namedInsured" value={name} />
          <Field
            locale={locale}
            id={`invite-${request.id}-${index}`}
            name="email"
            type="email"
            autocomplete="off"
            label={t('signing.portal.email', { name })}
            hint={t('signing.portal.email_hint')}
            width="medium"
          />
          <Button variant="secondary" aria-label={t('signing.portal.invite_label', { name })}>
            {t('signing.portal.invite')}
          </Button>
        </Form>
      ))}
    </>
  );
}
