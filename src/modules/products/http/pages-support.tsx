import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Locale } from '../../../platform/db/schema.ts';
import type { Deps } from '../../../platform/deps.ts';
import { AppError, problems } from '../../../platform/http/problem.ts';
import { translate } from '../../../platform/i18n/index.ts';
import { isUuid } from '../../../platform/ids.ts';
import { flashCookie } from '../../../platform/ui/flash.ts';
import type { Flash } from '../../../platform/ui/layout.tsx';
import { layoutPageSender } from '../../../platform/ui/page-support.tsx';
import { getRateTable } from '../use-cases/read-rate-tables.ts';

/**
 * What the products back-office pages share: the layout with their one-time messages, ids and codes
 * from the path, and money, percents and dates in the reader's language.
 */

export const sendLayoutPage = layoutPageSender(takeFlash);

/** A record id from the path; anything that is not an id is simply not found. */
export function pathId(value: string): string {
  if (!isUuid(value)) throw problems.notFound();
  return value;
}

/** A product code from the path, as the API accepts it; anything else is not found. */
export function pathCode(value: string): string {
  if (!/^[a-z0-9][a-z0-9-]{1,39}$/.test(value)) throw problems.notFound();
  return value;
}

const intlLocale = (locale: Locale) => (locale === 'nl' ? 'nl-NL' : 'en-US');

/** Money in the reader's language: "$58.44", "US$ 58,44". Intl formats a decimal string exactly. */
export function formatMoney(locale: Locale, money: { amount: string; currency: string }): string {
  return new Intl.NumberFormat(intlLocale(locale), { style: 'currency', currency: money.currency }).format(money.amount as unknown as number);
}

/** A percent given as decimal text ("9.99"), signed: "+9.99 %", "+9,99 %". */
export function formatPercent(locale: Locale, percent: string | null): string {
  if (percent === null) return '—';
  const number = new Intl.NumberFormat(intlLocale(locale), { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' });
  return `${number.format(percent as unknown as number)} %`;
}

export function formatCount(locale: Locale, count: number): string {
  return new Intl.NumberFormat(intlLocale(locale)).format(count);
}

/** The one-time messages of these pages; the cookie holds only the key and the rate table's id. */
const flash = flashCookie('bezel_product_flash', ['uploaded', 'activated'] as const);
type FlashKey = 'uploaded' | 'activated';

export function setFlash(reply: FastifyReply, deps: Deps, key: FlashKey, rateTableId: string): void {
  flash.set(reply, deps, key, rateTableId);
}

async function takeFlash(deps: Deps, request: FastifyRequest, reply: FastifyReply): Promise<Flash | undefined> {
  const taken = flash.take(deps, request, reply);
  if (taken?.subjectId === undefined) return undefined;
  try {
    const table = await getRateTable(deps, request.actor, taken.subjectId);
    const params = { name: table.name, version: table.version, date: table.effectiveFrom ?? '' };
    const key = taken.key === 'uploaded' ? 'product_pages.flash.uploaded' : 'product_pages.flash.activated';
    return { kind: 'success', message: translate(request.locale, key, params) };
  } catch (error) {
    // Out of the reader's reach (logged out meanwhile): the message is simply dropped.
    if (error instanceof AppError) return undefined;
    throw error;
  }
}
