import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type Bezel, createBezel } from '../../src/bootstrap.ts';
import { loadConfig } from '../../src/config.ts';
import { seedDemoUsers } from '../../src/modules/accounts/index.ts';
import { seedDemoProduct } from '../../src/modules/products/index.ts';
import { createLogger } from '../../src/platform/logging.ts';
import { type MailFile, readMailFolder } from '../../src/platform/mail/index.ts';

/**
 * Browser journeys: a real Bezel listening on 127.0.0.1 (PGlite in a temp folder, worker on, so
 * mail is written as .eml files), driven by playwright-core in Debian's Chromium.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export type RunningBezel = { bezel: Bezel; baseUrl: string; mailDir: string; stop(): Promise<void> };

export async function startBezel(): Promise<RunningBezel> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bezel-e2e-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    BEZEL_DATA_DIR: dataDir,
    PORT: '0',
    PASSWORD_HASH_COST: 'low',
    LOG_LEVEL: 'silent',
    PUBLIC_URL: 'http://127.0.0.1:1',
  });
  const bezel = await createBezel(config, { logger: createLogger('silent') });
  await seedDemoUsers(bezel.deps);
  await seedDemoProduct(bezel.deps);
  if (!bezel.app || !bezel.worker) throw new Error('e2e needs web and worker');
  await bezel.app.listen({ host: '127.0.0.1', port: 0 });
  const address = bezel.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  // Mailed links must point at this server: the port is only known now.
  (bezel.deps.config as { publicUrl: string }).publicUrl = baseUrl;
  bezel.worker.start();
  return {
    bezel,
    baseUrl,
    mailDir: join(dataDir, 'mail'),
    async stop() {
      await bezel.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.BEZEL_CHROMIUM ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}

/** Waits until a mail to `to` arrives whose links include `linkPart`; returns the newest. */
export async function waitForMail(mailDir: string, to: string, linkPart: string, timeoutMs = 15_000): Promise<MailFile> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = (await readMailFolder(mailDir)).filter((mail) => mail.to.includes(to) && mail.links.some((link) => link.includes(linkPart)));
    const newest = found.at(-1);
    if (newest) return newest;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no mail to ${to} with a ${linkPart} link within ${timeoutMs} ms`);
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/**
 * Runs axe-core in the page (WCAG 2.x A and AA rules). Evaluated through the DevTools protocol, so
 * the page's strict CSP stays on and is tested too.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}

export function describeViolations(violations: AxeViolation[]): string {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n');
}

/** Fails the test with axe's findings when the page has any WCAG A/AA violation. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `${where}:\n${describeViolations(violations)}`);
}
