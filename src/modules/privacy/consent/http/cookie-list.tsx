import type { Locale } from '../../../../platform/db/schema.ts';
import { type MessageKey, translate } from '../../../../platform/i18n/index.ts';
import { Table } from '../../../../platform/ui/components.tsx';
import { ANALYTICS_COOKIE, CONSENT_COOKIE } from '../domain/consent-cookie.ts';

/**
 * PRV-COOKIE-1: every cookie Bezel sets, with its category, purpose and lifetime, as the notice
 * promises. Advertising has no cookie today; the category exists so that one added later needs consent.
 */
type CookieCategoryName = 'functional' | 'analytics';

const COOKIES: readonly { name: string; category: CookieCategoryName; purpose: MessageKey; lifetime: MessageKey }[] = [
  { name: 'bezel_session', category: 'functional', purpose: 'privacy_consent.cookie.session', lifetime: 'privacy_consent.lifetime.session_login' },
  { name: 'bezel_csrf', category: 'functional', purpose: 'privacy_consent.cookie.csrf', lifetime: 'privacy_consent.lifetime.browser_session' },
  { name: 'bezel_lang', category: 'functional', purpose: 'privacy_consent.cookie.language', lifetime: 'privacy_consent.lifetime.browser_session' },
  { name: CONSENT_COOKIE, category: 'functional', purpose: 'privacy_consent.cookie.consent', lifetime: 'privacy_consent.lifetime.half_year' },
  { name: 'bezel_flash, bezel_…_flash', category: 'functional', purpose: 'privacy_consent.cookie.flash', lifetime: 'privacy_consent.lifetime.minute' },
  { name: ANALYTICS_COOKIE, category: 'analytics', purpose: 'privacy_consent.cookie.analytics', lifetime: 'privacy_consent.lifetime.half_year' },
];

export function CookieList({ locale }: { locale: Locale }) {
  const t = (key: MessageKey) => translate(locale, key);
  return (
    <Table
      caption={t('privacy_consent.cookies.caption')}
      columns={[
        { header: t('privacy_consent.cookies.column.name'), cell: (row) => <code>{row.name}</code>, rowHeader: true },
        { header: t('privacy_consent.cookies.column.category'), cell: (row) => t(`privacy_consent.category.${row.category}`) },
        { header: t('privacy_consent.cookies.column.purpose'), cell: (row) => t(row.purpose) },
        { header: t('privacy_consent.cookies.column.lifetime'), cell: (row) => t(row.lifetime) },
      ]}
      rows={COOKIES}
      rowKey={(row) => row.name}
      empty=""
    />
  );
}
