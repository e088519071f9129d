import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useClaimApiTest, type Who } from './claim-api-test-support.ts';

/**
 * Issue #4: the portal and back-office homes link to the claim pages each person may use — customers their claims,
 * jewelers the loss report for a customer and their repair and replacement orders (JPF-SETTLE-2), adjusters the claims
 * queue and diary, admins the payment authority — and every link opens for that person (no dead ends).
 */
const t = useClaimApiTest();

type Page = { statusCode: number; body: string };
const get = async (as: Who, url: string): Promise<Page> => (await t.call(as, 'GET', url)) as unknown as Page;

/** The links of the page's main content (the site navigation has its own claims link). */
function mainLinks(html: string): string[] {
  const main = html.slice(html.indexOf('<main'));
  return [...main.matchAll(/<a href="([^"#?]+)"[^>]*>([^<]+)<\/a>/g)].map((match) => `${match[1]} ${match[2]}`);
}

const CASES: { who: Who; home: string; links: string[]; not: string[] }[] = [
  { who: 'customer', home: '/portal', links: ['/portal/claims My claims'], not: ['/portal/jeweler/orders', '/backoffice/claims'] },
  {
    who: 'jeweler',
    home: '/portal',
    links: [
      '/portal/jeweler/claims/new Report a loss for a customer',
      '/portal/jeweler/claims Claims you reported or repair',
      '/portal/jeweler/orders Repair and replacement orders',
    ],
    not: ['/portal/claims '],
  },
  {
    who: 'adjuster',
    home: '/backoffice',
    links: ['/backoffice/claims Claims queue', '/backoffice/claims/diary Claims diary', '/backoffice/claims/new Take a report by phone'],
    not: ['/backoffice/payment-authority'],
  },
  { who: 'admin', home: '/backoffice', links: ['/backoffice/payment-authority Payment authority'], not: [] },
  { who: 'auditor', home: '/backoffice', links: [], not: ['/backoffice/claims/diary', '/backoffice/payment-authority', '/backoffice/claims/new'] },
];

describe('claim links on the home pages', () => {
  for (const { who, home, links, not } of CASES) {
    test(`the ${who}’s home links to ${links.length > 0 ? links.map((link) => link.split(' ')[0]).join(', ') : 'no claim work pages'}, and each opens`, async () => {
      const page = await get(who, home);
      assert.equal(page.statusCode, 200);
      const found = mainLinks(page.body);
      for (const link of links) assert.ok(found.includes(link), `${link} in ${JSON.stringify(found)}`);
      for (const path of not) assert.ok(!found.some((link) => link.startsWith(path)), `no ${path} in ${JSON.stringify(found)}`);
      for (const link of links) {
        const target = link.split(' ')[0] as string;
        assert.equal((await get(who, target)).statusCode, 200, `${who} opens ${target}`);
      }
    });
  }

  test('the adjuster’s card no longer says that no claims are assigned', async () => {
    const page = await get('adjuster', '/backoffice');
    assert.doesNotMatch(page.body, /No claims are assigned to you/);
  });
});
