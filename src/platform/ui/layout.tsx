import type { ComponentChildren } from 'preact';
import { can } from '../auth/access.ts';
import { type Actor, STAFF_ROLES } from '../auth/actor.ts';
import type { Locale } from '../db/schema.ts';
import { CSRF_HEADER, type PageSlots } from '../http/request-context.ts';
import { LOCALES, type MessageKey, translate } from '../i18n/index.ts';
import { assetUrl } from './assets.ts';
import { CsrfField } from './components.tsx';

/**
 * The page frame around every server-rendered page. No inline script or style anywhere: the CSP is
 * default-src 'self', so htmx is configured through a meta tag and the CSRF header through hx-headers.
 */

export type FlashKind = 'success' | 'info' | 'warning' | 'error';
/** A one-time message after a redirect ("Your profile has been saved."), already translated. */
export type Flash = { kind: FlashKind; message: string };

export type LayoutProps = {
  title: string;
  locale: Locale;
  actor: Actor;
  csrfToken: string;
  /** Path (and query) of this page: marks the current nav link and is where the language switch returns. */
  currentPath: string;
  children: ComponentChildren;
  flash?: Flash;
  /** Given by modules through the request (the cookie banner, PRV-COOKIE-1). */
  slots?: PageSlots | undefined;
};

export type NavLink = { href: string; label: MessageKey };

/** Which links an actor sees; the routes themselves still check access, this only avoids dead ends. */
export function navLinksFor(actor: Actor): NavLink[] {
  if (actor.kind !== 'user')
    return [
      { href: '/login', label: 'nav.log_in' },
      { href: '/register', label: 'nav.register' },
    ];
  const has = (role: (typeof actor.roles)[number]) => actor.roles.includes(role);
  const links: NavLink[] = [];
  // One portal per person: a customer who is also an agent lands on the same /portal home.
  if (has('customer')) links.push({ href: '/portal', label: 'nav.my_portal' });
  else if (has('agent')) links.push({ href: '/portal', label: 'nav.agent_portal' });
  else if (has('jeweler')) links.push({ href: '/portal', label: 'nav.jeweler_portal' });
  else if (has('partner')) links.push({ href: '/portal', label: 'nav.partner_portal' });
  // Issue #4: an insured's or agent's claims; a jeweler's own list of the claims they reported or repair.
  if (has('customer') || has('agent')) links.push({ href: '/portal/claims', label: 'nav.claims' });
  else if (has('jeweler')) links.push({ href: '/portal/jeweler/claims', label: 'nav.claims' });
  if (actor.roles.some((role) => STAFF_ROLES.includes(role))) links.push({ href: '/backoffice', label: 'nav.back_office' });
  if (can(actor, 'claims:read_all')) links.push({ href: '/backoffice/claims', label: 'nav.claims' });
  if (has('admin')) links.push({ href: '/backoffice/users', label: 'nav.users' });
  links.push({ href: '/account', label: 'nav.my_account' });
  return links;
}

/** The link for this page ('page') or for the section it sits in ('true'), choosing the longest match. */
function currentLink(links: NavLink[], currentPath: string): { href: string; value: 'page' | 'true' } | null {
  const path = currentPath.split(/[?#]/)[0] ?? currentPath;
  let best: NavLink | null = null;
  for (const link of links) {
    const matches = path === link.href || path.startsWith(`${link.href}/`);
    if (matches && (!best || link.href.length > best.href.length)) best = link;
  }
  return best ? { href: best.href, value: best.href === path ? 'page' : 'true' } : null;
}

function Nav({ locale, actor, csrfToken, currentPath }: Omit<LayoutProps, 'title' | 'children' | 'flash'>) {
  const links = navLinksFor(actor);
  const current = currentLink(links, currentPath);
  return (
    <nav class="site-nav" aria-label={translate(locale, 'nav.label')}>
      <ul class="site-nav__list">
        {links.map((link) => (
          <li key={link.href}>
            <a href={link.href} aria-current={current?.href === link.href ? current.value : undefined}>
              {translate(locale, link.label)}
            </a>
          </li>
        ))}
        {actor.kind === 'user' ? (
          <li>
            {/* Log-out is a POST with the CSRF token: a GET link could be triggered by any other site. */}
            <form method="post" action="/logout" class="inline-form">
              <CsrfField token={csrfToken} />
              <button type="submit" class="button button--link">
                {translate(locale, 'nav.log_out')}
              </button>
            </form>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/** Works without JavaScript: a POST that sets the language and redirects back to `returnTo`. */
function LanguageSwitch({ locale, csrfToken, currentPath }: Pick<LayoutProps, 'locale' | 'csrfToken' | 'currentPath'>) {
  return (
    <form method="post" action="/language" class="language-switch" aria-label={translate(locale, 'language.label')}>
      <CsrfField token={csrfToken} />
      <input type="hidden" name="returnTo" value={currentPath} />
      {LOCALES.map((option) => (
        <button
          key={option}
          type="submit"
          name="locale"
          value={option}
          lang={option}
          class="language-switch__option"
          // Toggle-button semantics: the current language is announced as "pressed".
          aria-pressed={option === locale ? 'true' : 'false'}
        >
          {translate(option, option === 'en' ? 'language.name.en' : 'language.name.nl')}
        </button>
      ))}
    </form>
  );
}

/**
 * htmx settings, read from this meta tag because inline scripts are forbidden:
 * - no indicator <style> element (the CSP forbids inline styles; bezel.css styles .htmx-request);
 * - no eval and no executing <script> from responses, which the CSP would block anyway;
 * - no history snapshots in localStorage, which would keep personal data on shared computers.
 */
const HTMX_CONFIG = JSON.stringify({
  includeIndicatorStyles: false,
  allowEval: false,
  allowScriptTags: false,
  historyCacheSize: 0,
  refreshOnHistoryMiss: true,
});

export function Layout({ title, locale, actor, csrfToken, currentPath, children, flash, slots }: LayoutProps) {
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{translate(locale, 'layout.title', { title })}</title>
        <meta name="htmx-config" content={HTMX_CONFIG} />
        <link rel="stylesheet" href={assetUrl('bezel.css')} />
        <link rel="icon" href={assetUrl('favicon.svg')} type="image/svg+xml" />
        <script src={assetUrl('htmx.min.js')} defer />
      </head>
      {/* htmx sends this header with every request it makes, so background posts pass the CSRF check. */}
      <body hx-headers={JSON.stringify({ [CSRF_HEADER]: csrfToken })}>
        <a class="skip-link" href="#main">
          {translate(locale, 'layout.skip_to_content')}
        </a>
        <header class="site-header">
          <div class="site-header__inner">
            <a class="site-header__brand" href="/" aria-label={translate(locale, 'layout.home_link')}>
              {translate(locale, 'layout.product_name')}
            </a>
            <Nav locale={locale} actor={actor} csrfToken={csrfToken} currentPath={currentPath} />
            <LanguageSwitch locale={locale} csrfToken={csrfToken} currentPath={currentPath} />
          </div>
        </header>
        {slots?.banner ?? null}
        {/* tabindex -1 lets the skip link move focus here, not only scroll, in every browser. */}
        <main id="main" class="site-main" tabindex={-1}>
          {/* Always present, so htmx responses can fill it (hx-swap-oob) and screen readers announce it. */}
          <div id="flash" class="flash-region" role="status" aria-label={translate(locale, 'flash.label')}>
            {flash ? <p class={`flash flash--${flash.kind}`}>{flash.message}</p> : null}
          </div>
          {children}
        </main>
        <footer class="site-footer">
          <p>{translate(locale, 'layout.footer')}</p>
          {slots?.footerLinks ?? null}
        </footer>
      </body>
    </html>
  );
}
