import type { FastifyReply, FastifyRequest } from 'fastify';
import { Temporal } from 'temporal-polyfill';
import type { Locale } from '../../../../platform/db/schema.ts';
import type { Deps } from '../../../../platform/deps.ts';
import { AppError, problems } from '../../../../platform/http/problem.ts';
import { translate } from '../../../../platform/i18n/index.ts';
import { isUuid } from '../../../../platform/ids.ts';
import type { Money } from '../../../../platform/money.ts';
import { flashCookie } from '../../../../platform/ui/flash.ts';
import type { FailureOptions } from '../../../../platform/ui/forms.ts';
import type { Flash } from '../../../../platform/ui/layout.tsx';
import { layoutPageSender } from '../../../../platform/ui/page-support.tsx';
import { getApplication, getPolicy } from '../../use-cases/read-policies.ts';

/**
 * What the policies pages share beyond platform/ui (page-support.tsx, forms.ts, flash.ts): the layout
 * with the policies' one-time messages, how use-case failures land on the policies forms, ids from
 * the path, and money and dates in the reader's language.
 */

export const sendLayoutPage = layoutPageSender(takeFlash);

/**
 * A refused application or an unratable quote comes with the fields to fix, like a validation
 * failure: the field messages say it all, so no general message is put before them.
 */
export const POLICY_FORM_FAILURES = { fieldCodes: ['validation_failed', 'application_invalid', 'not_ratable'] } as const satisfies FailureOptions;

/** A record id from the path; anything that is not an id is simply not found. */
export function pathId(value: string): string {
  if (!isUuid(value)) throw problems.notFound();
  return value;
}

/** Money in the reader's language: "$82.11", "US$ 82,11". */
export function formatMoney(locale: Locale, money: Money | { amount: string; currency: string }): string {
  const json = 'toJSON' in money ? money.toJSON() : money;
  const format = new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-US', { style: 'currency', currency: json.currency });
  // Intl.NumberFormat formats a decimal string exactly (ECMA-402 "Intl.NumberFormat v3").
  return format.format(json.amount as unknown as number);
}

export function formatDate(locale: Locale, date: string): string {
  return Temporal.PlainDate.from(date).toLocaleString(locale === 'nl' ? 'nl-NL' : 'en-US', { dateStyle: 'long' });
}

/**
 * One-time messages after a redirect (see platform/ui/flash.ts): the cookie holds only a key and the
 * id of the record it is about; the record is read again within the reader's access when it is shown.
 */
const flash = flashCookie('bezel_policy_flash', ['bound', 'decided'] as const);
type FlashKey = 'bound' | 'decided';

export function setFlash(reply: FastifyReply, deps: Deps, key: FlashKey, subjectId: string): void {
  flash.set(reply, deps, key, subjectId);
}

async function takeFlash(deps: Deps, request: FastifyRequest, reply: FastifyReply): Promise<Flash | undefined> {
  const taken = flash.take(deps, request, reply);
  if (taken?.subjectId === undefined) return undefined;
  try {
    if (taken.key === 'bound') {
      const policy = await getPolicy(deps, request.actor, taken.subjectId);
      return { kind: 'success', message: translate(request.locale, 'policy_pages.flash.bound', { policyNumber: policy.policyNumber }) };
    }
    const application = await getApplication(deps, request.actor, taken.subjectId);
    return { kind: 'success', message: translate(request.locale, 'policy_pages.flash.decided', { name: application.namedInsureds.join(', ') }) };
  } catch (error) {
    // Out of the reader's reach (logged out meanwhile, no access): the message is simply dropped.
    if (error instanceof AppError) return undefined;
    throw error;
  }
}
