import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { expectAccessible, launchChromium, type RunningBezel, startBezel } from './support.ts';

/**
 * Issue #5, "Proof" (PRV-COOKIE-1): in Chromium, a visitor refuses analytics cookies and the cookie
 * jar stays clean (functional cookies only), then changes their mind from the "Cookie settings"
 * link at the bottom of the page; every page passes an axe accessibility check.
 */
let server: RunningBezel;
let browser: Browser;

/** The cookies Bezel may set without consent: they keep the site working (see the cookie list at /cookies). */
const FUNCTIONAL_NAMES = new Set(['bezel_csrf', 'bezel_consent', 'bezel_lang', 'bezel_session']);
/** Each module's one-time message cookie: bezel_flash, bezel_policy_flash, … */
const FUNCTIONAL = { has: (name: string) => FUNCTIONAL_NAMES.has(name) || /^bezel_([a-z]+_)*flash$/.test(name) };

before(async () => {
  server = await startBezel();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function cookieNames(context: BrowserContext): Promise<string[]> {
  return (await context.cookies()).map((cookie) => cookie.name).sort();
}

test('PRV-COOKIE-1: a visitor refuses analytics, the cookie jar stays clean, then opts in from the settings link', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${server.baseUrl}/login`);
    const banner = page.getByRole('complementary', { name: 'Cookies on this site' });
    await banner.waitFor();
    await expectAccessible(page, 'login page with the cookie banner');
    // Refusing is exactly as easy as accepting: two buttons of the same size, side by side.
    const accept = await banner.getByRole('button', { name: 'Accept all' }).boundingBox();
    const refuse = await banner.getByRole('button', { name: 'Refuse all' }).boundingBox();
    assert.ok(accept && refuse);
    assert.equal(Math.round(refuse.height), Math.round(accept.height));
    assert.ok(Math.abs(refuse.width - accept.width) < 24, `similar width: ${refuse.width} vs ${accept.width}`);
    assert.equal(Math.round(refuse.y), Math.round(accept.y), 'on the same level');
    assert.deepEqual(
      (await cookieNames(context)).filter((name) => !FUNCTIONAL.has(name)),
      [],
      'before any choice: functional cookies only',
    );

    await banner.getByRole('button', { name: 'Refuse all' }).click();
    await page.waitForURL(`${server.baseUrl}/login`);
    assert.equal(await page.getByRole('complementary', { name: 'Cookies on this site' }).count(), 0, 'the banner has its answer');
    const afterRefusal = await cookieNames(context);
    assert.ok(afterRefusal.includes('bezel_consent'), 'the choice is remembered');
    assert.deepEqual(
      afterRefusal.filter((name) => !FUNCTIONAL.has(name)),
      [],
      'after refusing: still functional cookies only',
    );
    await page.goto(`${server.baseUrl}/privacy`);
    await page.getByRole('heading', { name: 'Privacy notice', level: 1 }).waitFor();
    await expectAccessible(page, 'privacy notice');
    assert.deepEqual(
      (await cookieNames(context)).filter((name) => !FUNCTIONAL.has(name)),
      [],
    );

    // Changing one's mind: the settings link is in every page's footer.
    await page.getByRole('contentinfo').getByRole('link', { name: 'Cookie settings' }).click();
    await page.getByRole('heading', { name: 'Cookie settings', level: 1 }).waitFor();
    await expectAccessible(page, 'cookie settings');
    assert.equal(await page.getByLabel('Analytics').isChecked(), false, 'the refusal is shown');
    await page.getByLabel('Analytics').check();
    await page.getByRole('button', { name: 'Save my choice' }).click();
    await page.waitForURL(`${server.baseUrl}/privacy`);
    assert.ok((await cookieNames(context)).includes('bezel_analytics'), 'analytics accepted: now the analytics cookie is set');
    await expectAccessible(page, 'privacy notice after the new choice');

    const proofs = await server.bezel.deps.db
      .selectFrom('cookie_consent')
      .select(['method', 'analytics', 'advertising', 'notice_version'])
      .orderBy('recorded_at')
      .execute();
    assert.deepEqual(
      proofs.map((proof) => [proof.method, proof.analytics, proof.advertising, proof.notice_version]),
      [
        ['refuse_all', false, false, 1],
        ['custom', true, false, 1],
      ],
    );
  } finally {
    await context.close();
  }
});

test('PRV-COOKIE-1: the banner and the settings work without JavaScript', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await page.goto(`${server.baseUrl}/register`);
    await page.getByRole('complementary', { name: 'Cookies on this site' }).getByRole('button', { name: 'Refuse all' }).click();
    await page.waitForURL(`${server.baseUrl}/register`);
    assert.equal(await page.getByRole('complementary', { name: 'Cookies on this site' }).count(), 0);
    assert.deepEqual(
      (await cookieNames(context)).filter((name) => !FUNCTIONAL.has(name)),
      [],
    );
    await page.getByRole('contentinfo').getByRole('link', { name: 'Cookie settings' }).click();
    await page.getByLabel('Advertising').check();
    await page.getByRole('button', { name: 'Save my choice' }).click();
    await page.waitForURL(`${server.baseUrl}/register`);
    // Advertising has no cookie today, and analytics was not chosen: still functional cookies only.
    assert.deepEqual(
      (await cookieNames(context)).filter((name) => !FUNCTIONAL.has(name)),
      [],
    );
  } finally {
    await context.close();
  }
});
