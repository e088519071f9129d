import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Actor } from '../auth/actor.ts';
import type { Locale, Role } from '../db/schema.ts';
import { Layout } from './layout.tsx';
import { renderDocument } from './render.ts';

const TOKEN = 'csrf-token-123';

function user(...roles: Role[]): Actor {
  return { kind: 'user', userId: 'u1', roles, locale: 'en', via: 'session' };
}

function page(actor: Actor, options: { title?: string; locale?: Locale; currentPath?: string } = {}): string {
  return renderDocument(
    <Layout title={options.title ?? 'Home'} locale={options.locale ?? 'en'} actor={actor} csrfToken={TOKEN} currentPath={options.currentPath ?? '/'}>
      <p>Content</p>
    </Layout>,
  );
}

function navHrefs(html: string): string[] {
  const nav = html.match(/<nav[^>]*>([\s\S]*?)<\/nav>/)?.[1] ?? '';
  return [...nav.matchAll(/<a [^>]*href="([^"]+)"/g)].map((match) => match[1] ?? '');
}

/** The <form> with the given action, including its contents. */
function form(html: string, action: string): string {
  return html.match(new RegExp(`<form[^>]*action="${action}"[\\s\\S]*?</form>`))?.[0] ?? '';
}

describe('Layout', () => {
  it('is a full document with doctype, language, skip link and main landmark', () => {
    const html = page({ kind: 'anonymous' });
    assert.match(html, /^<!doctype html><html lang="en">/);
    assert.match(html, /<a class="skip-link" href="#main">Skip to main content<\/a>/);
    assert.match(html, /<main id="main"/);
    assert.match(html, /<nav class="site-nav" aria-label="Main">/);
    assert.match(html, /<div id="flash" class="flash-region" role="status"/);
  });

  it('shows log-in and register to an anonymous visitor, and no log-out form', () => {
    const html = page({ kind: 'anonymous' });
    assert.deepEqual(navHrefs(html), ['/login', '/register']);
    assert.equal(form(html, '/logout'), '');
  });

  it('shows the portal, their claims and account to a customer', () => {
    assert.deepEqual(navHrefs(page(user('customer'))), ['/portal', '/portal/claims', '/account']);
  });

  it('shows the back office and users to an admin', () => {
    assert.deepEqual(navHrefs(page(user('admin'))), ['/backoffice', '/backoffice/claims', '/backoffice/users', '/account']);
  });

  it('shows the portal of outsiders and the back office of other staff', () => {
    assert.match(page(user('jeweler')), /<a href="\/portal">Jeweler portal<\/a>/);
    assert.deepEqual(navHrefs(page(user('jeweler'))), ['/portal', '/portal/jeweler/claims', '/account']);
    assert.deepEqual(navHrefs(page(user('auditor'))), ['/backoffice', '/backoffice/claims', '/account']);
    assert.deepEqual(navHrefs(page(user('secretary'))), ['/backoffice', '/account'], 'staff who do not read claims see no claims link');
  });

  it('marks the current page, and the section for pages below it', () => {
    assert.match(page(user('admin'), { currentPath: '/backoffice/users' }), /<a href="\/backoffice\/users" aria-current="page">/);
    const below = page(user('admin'), { currentPath: '/backoffice/users/42?tab=roles' });
    assert.match(below, /<a href="\/backoffice\/users" aria-current="true">/);
    assert.match(below, /<a href="\/backoffice">/);
  });

  it('escapes the title', () => {
    const html = page({ kind: 'anonymous' }, { title: '<script>alert(1)</script>' });
    assert.match(html, /<title>&lt;script>alert\(1\)&lt;\/script> – Bezel<\/title>/);
    assert.doesNotMatch(html, /<script>alert/);
  });

  it('puts the CSRF token in the log-out and language forms and in the htmx header', () => {
    const html = page(user('customer'), { currentPath: '/account?x=1' });
    const field = `<input type="hidden" name="_csrf" value="${TOKEN}"/>`;
    assert.ok(form(html, '/logout').includes(field), 'logout form');
    const language = form(html, '/language');
    assert.ok(language.includes(field), 'language form');
    assert.ok(language.includes('<input type="hidden" name="returnTo" value="/account?x=1"/>'));
    assert.match(html, new RegExp(`<body hx-headers="\\{&quot;x-csrf-token&quot;:&quot;${TOKEN}&quot;\\}">`));
  });

  it('offers both languages, each in its own language, and marks the current one', () => {
    const html = page({ kind: 'anonymous' }, { locale: 'nl' });
    assert.match(html, /^<!doctype html><html lang="nl">/);
    assert.match(html, /name="locale" value="en" lang="en" class="language-switch__option" aria-pressed="false">English</);
    assert.match(html, /name="locale" value="nl" lang="nl" class="language-switch__option" aria-pressed="true">Nederlands</);
    assert.deepEqual(navHrefs(html), ['/login', '/register']);
    assert.match(html, />Inloggen</);
  });

  it('has no inline script or style, as the CSP forbids them', () => {
    for (const html of [page({ kind: 'anonymous' }), page(user('admin', 'customer'), { locale: 'nl' })]) {
      const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((match) => match[1] ?? '');
      assert.ok(scripts.length > 0);
      for (const attributes of scripts) assert.match(attributes, /\ssrc="\/assets\//);
      assert.doesNotMatch(html, /<script>|<style|\sstyle=|\son[a-z]+=/);
      assert.match(html, /<meta name="htmx-config" content="\{&quot;includeIndicatorStyles&quot;:false/);
    }
  });

  it('shows a flash message in the status region', () => {
    const html = renderDocument(
      <Layout title="Account" locale="en" actor={user('customer')} csrfToken={TOKEN} currentPath="/account" flash={{ kind: 'success', message: 'Saved <b>' }}>
        <p>x</p>
      </Layout>,
    );
    assert.match(html, /role="status" aria-label="Message"><p class="flash flash--success">Saved &lt;b><\/p><\/div>/);
  });
});
