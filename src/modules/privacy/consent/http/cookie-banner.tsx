import type { Actor } from '../../../../platform/auth/actor.ts';
import type { Locale } from '../../../../platform/db/schema.ts';
import { translate } from '../../../../platform/i18n/index.ts';
import { CsrfField } from '../../../../platform/ui/components.tsx';
import type { ConsentState } from '../domain/consent-cookie.ts';

/**
 * PRV-COOKIE-1: the banner. Plain forms, so it works without JavaScript: each button posts the
 * choice and the server sends the browser back to the page it was on. "Refuse all" has exactly the
 * same look, size and place as "Accept all"; "Choose" opens the settings page, per category.
 */

export function settingsPath(returnTo: string): string {
  return `/cookies?returnTo=${encodeURIComponent(returnTo)}`;
}

export function CookieBanner({ locale, csrfToken, currentPath, state }: { locale: Locale; csrfToken: string; currentPath: string; state: ConsentState }) {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  return (
    <aside class="cookie-banner" aria-labelledby="cookie-banner-title">
      <div class="cookie-banner__inner">
        <h2 id="cookie-banner-title" class="cookie-banner__title">
          {t('privacy_consent.banner.title')}
        </h2>
        {/* PRV-CHANGE-1: after a new notice version the banner says why it asks again. */}
        {state.kind === 'outdated' ? <p>{t('privacy_consent.banner.changed')}</p> : null}
        <p>
          {t('privacy_consent.banner.text')} <a href="/privacy">{t('privacy_consent.link.notice')}</a>
        </p>
        <form method="post" action="/cookies/consent" class="cookie-banner__actions">
          <CsrfField token={csrfToken} />
          <input type="hidden" name="returnTo" value={currentPath} />
          {/* Same element, same class: refusing is exactly as easy as accepting. */}
          <button type="submit" name="choice" value="accept_all" class="button button--primary">
            {t('privacy_consent.banner.accept_all')}
          </button>
          <button type="submit" name="choice" value="refuse_all" class="button button--primary">
            {t('privacy_consent.banner.refuse_all')}
          </button>
          <a href={settingsPath(currentPath)} class="button button--secondary">
            {t('privacy_consent.banner.choose')}
          </a>
        </form>
      </div>
    </aside>
  );
}

/** In every page's footer: cookie settings (change the choice later), the notice, and one's own consents. */
export function PrivacyFooterLinks({ locale, actor, currentPath }: { locale: Locale; actor: Actor; currentPath: string }) {
  return (
    <ul class="footer-links">
      <li>
        <a href={settingsPath(currentPath)}>{translate(locale, 'privacy_consent.link.cookie_settings')}</a>
      </li>
      <li>
        <a href="/privacy">{translate(locale, 'privacy_consent.link.notice')}</a>
      </li>
      {actor.kind === 'user' ? (
        <li>
          <a href="/portal/privacy/consents">{translate(locale, 'privacy_consent.link.my_consents')}</a>
        </li>
      ) : null}
    </ul>
  );
}
