import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { bannerNeeded, consentStateOf, decodeConsentCookie, effectiveCategories, encodeConsentCookie, gpcRecordNeeded, gpcSignal } from './consent-cookie.ts';
import { decideCookieChoice, maskIp, proofUserAgent } from './cookie-choice.ts';

const SECRET = 'a test secret that is long enough';
const ID = '2f1c4a8e-1b7d-4c3e-9a0b-5d6e7f8a9b0c';

describe('masked IP address (PRV-COOKIE-1)', () => {
  const cases: [input: string | null, expected: string | null][] = [
    ['203.0.113.77', '203.0.113.0'], // IPv4: the last octet zeroed (/24)
    ['10.1.2.3', '10.1.2.0'],
    ['::ffff:198.51.100.9', '198.51.100.0'], // IPv4-mapped IPv6 is the IPv4 address it carries
    ['2001:db8:abcd:12:1:2:3:4', '2001:db8:abcd::'], // IPv6: the first 48 bits (3 groups of 16)
    ['2001:0db8:00ab::1', '2001:db8:ab::'], // leading zeros dropped, the :: expanded first
    ['::1', '0:0:0::'],
    ['fe80::1%eth0', null], // a zone id is not kept
    ['not an ip', null],
    ['', null],
    [null, null],
  ];
  for (const [input, expected] of cases) {
    test(`PRV-COOKIE-1: ${String(input)} → ${String(expected)}`, () => {
      assert.equal(maskIp(input), expected);
    });
  }

  test('PRV-COOKIE-1: a masked IPv4 address never keeps the device part (property)', () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        const masked = maskIp(ip);
        assert.ok(masked?.endsWith('.0'));
        assert.equal(masked?.split('.').slice(0, 3).join('.'), ip.split('.').slice(0, 3).join('.'));
      }),
    );
  });

  test('PRV-COOKIE-1: a masked IPv6 address keeps at most 48 bits (property)', () => {
    fc.assert(
      fc.property(fc.ipV6(), (ip) => {
        const masked = maskIp(ip);
        if (ip.includes('.')) return; // embedded IPv4 notation: not kept at all, or mapped IPv4
        assert.ok(masked?.endsWith('::'), `${ip} → ${masked}`);
        assert.ok((masked?.split(':').filter((group) => group !== '').length ?? 9) <= 3);
      }),
    );
  });

  test('PRV-COOKIE-1: the user agent is kept up to 512 characters', () => {
    assert.equal(proofUserAgent('x'.repeat(600))?.length, 512);
    assert.equal(proofUserAgent(undefined), null);
  });
});

describe('cookie choice (PRV-COOKIE-1)', () => {
  test('PRV-COOKIE-1: accept, refuse and per-category choices', () => {
    assert.deepEqual(decideCookieChoice({ kind: 'accept_all' }, false), { method: 'accept_all', categories: { analytics: true, advertising: true } });
    assert.deepEqual(decideCookieChoice({ kind: 'refuse_all' }, false), { method: 'refuse_all', categories: { analytics: false, advertising: false } });
    assert.deepEqual(decideCookieChoice({ kind: 'custom', categories: ['analytics'] }, false), {
      method: 'custom',
      categories: { analytics: true, advertising: false },
    });
  });

  test('PRV-COOKIE-1: Global Privacy Control refuses analytics and advertising whatever was asked (property)', () => {
    const request = fc.oneof(
      fc.constant({ kind: 'accept_all' as const }),
      fc.constant({ kind: 'refuse_all' as const }),
      fc.subarray(['analytics', 'advertising'] as const).map((categories) => ({ kind: 'custom' as const, categories })),
    );
    fc.assert(
      fc.property(request, (asked) => {
        assert.deepEqual(decideCookieChoice(asked, true).categories, { analytics: false, advertising: false });
      }),
    );
    assert.equal(gpcSignal('1'), true);
    assert.equal(gpcSignal('0'), false);
    assert.equal(gpcSignal(undefined), false);
  });
});

describe('consent cookie (PRV-COOKIE-1, PRV-CHANGE-1)', () => {
  test('PRV-COOKIE-1: the cookie reads back what was written, and a changed one is no answer (property)', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.integer({ min: 1, max: 999 }), fc.boolean(), fc.boolean(), (consentId, noticeVersion, analytics, advertising) => {
        const cookie = { consentId, noticeVersion, categories: { analytics, advertising } };
        const value = encodeConsentCookie(SECRET, cookie);
        assert.deepEqual(decodeConsentCookie(SECRET, value), cookie);
        // Flipping the analytics flag without the secret breaks the signature.
        const flipped = value.replace(/\.([01])([01])\./, (_all, a: string, d: string) => `.${a === '1' ? '0' : '1'}${d}.`);
        assert.equal(decodeConsentCookie(SECRET, flipped), null);
        assert.equal(decodeConsentCookie('another secret of enough length', value), null);
      }),
    );
  });

  test('PRV-CHANGE-1: an answer to an older notice version asks again and allows nothing optional meanwhile', () => {
    const cookie = { consentId: ID, noticeVersion: 1, categories: { analytics: true, advertising: false } };
    const current = consentStateOf(cookie, 1);
    assert.equal(bannerNeeded(current), false);
    assert.deepEqual(effectiveCategories(current, false), { analytics: true, advertising: false });
    const outdated = consentStateOf(cookie, 2);
    assert.deepEqual(outdated, { kind: 'outdated', consentId: ID, answeredVersion: 1 });
    assert.equal(bannerNeeded(outdated), true);
    assert.deepEqual(effectiveCategories(outdated, false), { analytics: false, advertising: false });
    const none = consentStateOf(null, 1);
    assert.equal(bannerNeeded(none), true);
    assert.deepEqual(effectiveCategories(none, false), { analytics: false, advertising: false });
  });

  test('PRV-COOKIE-1: GPC is recorded when there is no answer or the answer allowed more, and not again', () => {
    const allowed = consentStateOf({ consentId: ID, noticeVersion: 1, categories: { analytics: true, advertising: false } }, 1);
    const refused = consentStateOf({ consentId: ID, noticeVersion: 1, categories: { analytics: false, advertising: false } }, 1);
    assert.equal(gpcRecordNeeded(consentStateOf(null, 1), true), true);
    assert.equal(gpcRecordNeeded(allowed, true), true);
    assert.equal(gpcRecordNeeded(refused, true), false);
    assert.equal(gpcRecordNeeded(allowed, false), false);
    assert.deepEqual(effectiveCategories(allowed, true), { analytics: false, advertising: false });
  });
});
