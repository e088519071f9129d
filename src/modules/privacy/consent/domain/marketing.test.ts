import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { type ConsentFacts, marketingStatus, SUPPRESSION_REASONS, unsubscribeToken, verifyUnsubscribeToken } from './marketing.ts';

const SECRET = 'a test secret that is long enough';

describe('marketing status (PRV-OPTOUT-1, PRV-RIGHT-5, PRV-RIGHT-7)', () => {
  const cases: [name: string, facts: ConsentFacts, expected: ReturnType<typeof marketingStatus>][] = [
    ['PRV-RIGHT-7: never asked for it', { latestConsent: null, liveSuppressions: [] }, { sendable: false, reason: 'no_consent' }],
    ['PRV-RIGHT-7: a live consent', { latestConsent: { withdrawnAt: null }, liveSuppressions: [] }, { sendable: true }],
    ['PRV-RIGHT-7: withdrawn', { latestConsent: { withdrawnAt: '2026-11-21T12:00:00Z' }, liveSuppressions: [] }, { sendable: false, reason: 'withdrawn' }],
    [
      'PRV-OPTOUT-1: opted out despite a consent',
      { latestConsent: { withdrawnAt: null }, liveSuppressions: ['opted_out'] },
      { sendable: false, reason: 'opted_out' },
    ],
    [
      'PRV-RIGHT-5: an objection weighs most',
      { latestConsent: null, liveSuppressions: ['opted_out', 'objected', 'unsubscribed'] },
      { sendable: false, reason: 'objected' },
    ],
    ['PRV-OPTOUT-1: unsubscribed by the link', { latestConsent: null, liveSuppressions: ['unsubscribed'] }, { sendable: false, reason: 'unsubscribed' }],
    [
      'PRV-RIGHT-4: a restricted person gets no marketing, even with a live consent',
      { latestConsent: { withdrawnAt: null }, liveSuppressions: [], restricted: true },
      { sendable: false, reason: 'restricted' },
    ],
  ];
  for (const [name, facts, expected] of cases) {
    test(name, () => assert.deepEqual(marketingStatus(facts), expected));
  }

  test('PRV-OPTOUT-1: any live suppression stops marketing, whatever the consent (property)', () => {
    fc.assert(
      fc.property(
        fc.option(fc.record({ withdrawnAt: fc.option(fc.constant('2026-11-21T12:00:00Z'), { nil: null }) }), { nil: null }),
        fc.subarray([...SUPPRESSION_REASONS], { minLength: 1 }),
        (latestConsent, liveSuppressions) => {
          assert.equal(marketingStatus({ latestConsent, liveSuppressions }).sendable, false);
        },
      ),
    );
  });
});

describe('unsubscribe token (PRV-OPTOUT-1)', () => {
  test('PRV-OPTOUT-1: a token names its person and cannot be made for another without the secret (property)', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.uuid(), (userId, other) => {
        const token = unsubscribeToken(SECRET, userId);
        assert.equal(verifyUnsubscribeToken(SECRET, token), userId);
        assert.equal(verifyUnsubscribeToken('another secret of enough length', token), null);
        if (other !== userId) assert.equal(verifyUnsubscribeToken(SECRET, `${other}.${token.split('.')[1]}`), null);
      }),
    );
    assert.equal(verifyUnsubscribeToken(SECRET, 'nonsense'), null);
    assert.equal(verifyUnsubscribeToken(SECRET, 42), null);
  });
});
