import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { expectAccessible, launchChromium, type RunningBezel, startBezel, waitForMail } from './support.ts';

/**
 * Issue #2, "Proof": in Chromium, a person registers, confirms through the mailed link, logs in,
 * switches to Dutch and logs out; every page passes an axe accessibility check.
 */
let server: RunningBezel;
let browser: Browser;

before(async () => {
  server = await startBezel();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('register, confirm by mail, log in, switch to Dutch, log out — accessible all the way', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cspErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') cspErrors.push(message.text());
  });
  try {
    await page.goto(`${server.baseUrl}/register`);
    await expectAccessible(page, 'register page');
    await page.getByLabel('Your name').fill('Rosa Ring');
    await page.getByLabel('Email address').fill('rosa.ring@example.com');
    await page.getByLabel('Password', { exact: true }).fill('a ruby on a silver band');
    await page.getByLabel('Repeat the password').fill('a ruby on a silver band');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    await expectAccessible(page, 'check-your-email page');

    const mail = await waitForMail(server.mailDir, 'rosa.ring@example.com', '/confirm-email?token=');
    const link = mail.links.find((href) => href.includes('/confirm-email?token=')) as string;
    await page.goto(link);
    await expectAccessible(page, 'confirm page');
    await page.getByRole('button', { name: 'Confirm email address' }).click();
    await page.getByText('Your email address is confirmed. You can now log in.').waitFor();
    await expectAccessible(page, 'login page after confirming');

    await page.getByLabel('Email address').fill('rosa.ring@example.com');
    await page.getByLabel('Password').fill('a ruby on a silver band');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${server.baseUrl}/portal`);
    await page.getByText('Rosa Ring').first().waitFor();
    await expectAccessible(page, 'portal home');

    await page.getByRole('button', { name: 'Nederlands' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'nl');
    assert.equal(await page.getByRole('button', { name: 'Uitloggen' }).count(), 1, 'the page is in Dutch');
    await expectAccessible(page, 'portal home in Dutch');

    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForURL(/\/login/);
    assert.equal(await page.getByRole('button', { name: 'Inloggen' }).count(), 1, 'still Dutch after logging out');
    await expectAccessible(page, 'login page in Dutch');
    const cookies = await context.cookies();
    assert.equal(
      cookies.find((cookie) => cookie.name === 'bezel_session'),
      undefined,
      'the session cookie is gone',
    );
    await page.goto(`${server.baseUrl}/portal`);
    await page.waitForURL(/\/login\?next=%2Fportal|\/login\?next=\/portal/);
    assert.deepEqual(
      cspErrors.filter((text) => /Content Security Policy/i.test(text)),
      [],
      'no CSP violations',
    );
  } finally {
    await context.close();
  }
});

test('forms work without JavaScript', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await page.goto(`${server.baseUrl}/login`);
    await page.getByLabel('Email address').fill('admin@demo.bezel.test');
    await page.getByLabel('Password').fill('Bezel-demo-2026!');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(`${server.baseUrl}/backoffice`);
    await page.goto(`${server.baseUrl}/backoffice/users`);
    assert.ok((await page.getByText('customer@demo.bezel.test').count()) >= 1);
  } finally {
    await context.close();
  }
});
