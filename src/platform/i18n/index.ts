import type { Locale } from '../db/schema.ts';
import { accountMessages } from './messages/accounts.ts';
import { backofficePageMessages } from './messages/backoffice-pages.ts';
import { billingMessages } from './messages/billing.ts';
import { claimMessages } from './messages/claims.ts';
import { claimCoverageMessages } from './messages/claims-coverage.ts';
import { claimDiaryMessages } from './messages/claims-diary.ts';
import { claimFnolMessages } from './messages/claims-fnol.ts';
import { claimPaymentMessages } from './messages/claims-payments.ts';
import { claimPolishMessages } from './messages/claims-polish.ts';
import { claimRecoveryMessages } from './messages/claims-recovery.ts';
import { claimSettlementMessages } from './messages/claims-settlement.ts';
import { documentMessages } from './messages/documents.ts';
import { endorsementMessages } from './messages/endorsements.ts';
import { errorMessages } from './messages/errors.ts';
import { fileMessages } from './messages/files.ts';
import { mailMessages } from './messages/mail.ts';
import { policyMessages } from './messages/policies.ts';
import { policyPageMessages } from './messages/policy-pages.ts';
import { policySigningMessages } from './messages/policy-signing.ts';
import { portalPolicyPageMessages } from './messages/portal-policy-pages.ts';
import { privacyConsentMessages } from './messages/privacy-consent.ts';
import { privacyDisclosureMessages } from './messages/privacy-disclosure.ts';
import { privacyFulfilmentMessages } from './messages/privacy-fulfilment.ts';
import { privacyProtectionMessages } from './messages/privacy-protection.ts';
import { privacyRequestMessages } from './messages/privacy-requests.ts';
import { privacyRetentionMessages } from './messages/privacy-retention.ts';
import { productPageMessages } from './messages/product-pages.ts';
import { productVersionMessages } from './messages/product-versions.ts';
import { productMessages } from './messages/products.ts';
import { renewalMessages } from './messages/renewal.ts';
import { staffActionMessages } from './messages/staff-actions.ts';
import { transactionDocumentMessages } from './messages/transaction-documents.ts';
import { uiMessages } from './messages/ui.ts';

/**
 * Typed catalogs, English and Dutch. Each area keeps its messages in messages/<area>.ts as
 * `{ en, nl }` where nl is typed `Record<keyof typeof en, string>`, so a missing Dutch key is a
 * type error; i18n.test.ts also checks placeholders match.
 * To add an area: create its file and add it to CATALOGS below.
 */
const CATALOGS = [
  endorsementMessages,
  errorMessages,
  uiMessages,
  accountMessages,
  mailMessages,
  productMessages,
  productPageMessages,
  policyMessages,
  billingMessages,
  claimMessages,
  claimSettlementMessages,
  claimPaymentMessages,
  claimFnolMessages,
  claimCoverageMessages,
  claimDiaryMessages,
  claimRecoveryMessages,
  claimPolishMessages,
  privacyFulfilmentMessages,
  privacyProtectionMessages,
  privacyRetentionMessages,
  privacyRequestMessages,
  documentMessages,
  policyPageMessages,
  staffActionMessages,
  fileMessages,
  backofficePageMessages,
  renewalMessages,
  transactionDocumentMessages,
  portalPolicyPageMessages,
  productVersionMessages,
  privacyDisclosureMessages,
  privacyConsentMessages,
  policySigningMessages,
] as const;

type Merge<T extends readonly { en: object }[]> = T extends readonly [infer First extends { en: object }, ...infer Rest extends readonly { en: object }[]]
  ? First['en'] & Merge<Rest>
  : unknown;

const english = Object.assign({}, ...CATALOGS.map((catalog) => catalog.en)) as Merge<typeof CATALOGS>;
export type MessageKey = keyof typeof english & string;

export const catalogs: Record<Locale, Record<MessageKey, string>> = {
  en: english as Record<MessageKey, string>,
  nl: Object.assign({}, ...CATALOGS.map((catalog) => catalog.nl)) as Record<MessageKey, string>,
};

export const LOCALES: readonly Locale[] = ['en', 'nl'];
export const DEFAULT_LOCALE: Locale = 'en';

export function isLocale(value: unknown): value is Locale {
  return value === 'en' || value === 'nl';
}

export type MessageParams = Record<string, string | number>;

export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const template = catalogs[locale][key] ?? catalogs.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Picks a locale from an explicit choice (cookie, query, user setting), then Accept-Language. */
export function negotiateLocale(explicit: unknown, acceptLanguage: string | undefined): Locale {
  if (isLocale(explicit)) return explicit;
  if (acceptLanguage) {
    const ranked = acceptLanguage
      .split(',')
      .map((part) => {
        const [tag = '', ...rest] = part.trim().split(';');
        const quality = rest.find((p) => p.trim().startsWith('q='));
        return { language: tag.trim().toLowerCase().split('-')[0], q: quality ? Number(quality.trim().slice(2)) : 1 };
      })
      .filter((entry) => Number.isFinite(entry.q) && entry.q > 0)
      .sort((a, b) => b.q - a.q);
    for (const entry of ranked) if (isLocale(entry.language)) return entry.language;
  }
  return DEFAULT_LOCALE;
}

/** Formatting through Intl, so numbers and dates read right in each language. */
export function formatInstant(locale: Locale, isoInstant: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(isoInstant));
}
