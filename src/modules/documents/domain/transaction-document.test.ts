import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Money } from '../../../platform/money.ts';
import type { PolicyTransactionView } from '../../policies/index.ts';
import { plainText } from './document-model.ts';
import { formatInstant, historyAt, transactionDocument } from './transaction-document.ts';
import { ENDORSEMENT, fixedInput, INSURED_CANCELLATION, INSURER_CANCELLATION, INSURER_NOTICE, ISSUE } from './transaction-fixture-test-support.ts';

const textOf = (transactions: PolicyTransactionView[], documented: PolicyTransactionView, locale: 'en' | 'nl' = 'en') =>
  plainText(transactionDocument(fixedInput(transactions, documented), locale).model);

function later(kind: PolicyTransactionView['kind'], sequenceNo: number, itemChanges: unknown[] = []): PolicyTransactionView {
  return { ...ENDORSEMENT, id: `0190a000-0000-7000-8000-00000000${String(sequenceNo).padStart(4, '0')}`, kind, sequenceNo, itemChanges };
}

describe('policy transaction documents (JPF-COND-6)', () => {
  test('JPF-COND-6: the endorsement document says what changed, with coverage amounts, the removed insured and the pro-rata premium', () => {
    const { kind, model } = transactionDocument(fixedInput([ISSUE, ENDORSEMENT], ENDORSEMENT), 'en');
    assert.equal(kind, 'policy_change');
    assert.equal(model.createdAt, '2027-03-04T15:30:00Z', 'dated at the recorded time');
    const text = plainText(model);
    for (const line of [
      'Policy change — endorsement — JW-2026-000042',
      'Named insured(s): Carla Customer', // Cees Customer was removed by this transaction
      'Mailing address: 1 Main Street, New York, NY 10001, US',
      // 2027-03-01 00:01 in New York; recorded 2027-03-04 15:30Z = 10:30 EST (UTC−5).
      'Effective: March 1, 2027 at 12:01 a.m., America/New_York time',
      'Recorded: March 4, 2027 at 10:30 a.m. (America/New_York)',
      '1 | Changed | Diamond engagement ring, 1 ct, platinum | $6,000.00 (was $5,000.00)',
      '4 | Added | Steel wristwatch, automatic | $2,500.00',
      '3 | Removed | Pearl stud earring, right | $1,500.00', // the removed item's last recorded version
      'Named insured removed: Cees Customer',
      'Additional premium: $13.47',
      'Premium for the policy period: $95.58 (was $82.11)',
      'Your jeweler is not an agent of Bezel Demo Mutual Insurance Company.', // JPF-CORR-1
    ])
      assert.ok(text.includes(line), `expected "${line}" in\n${text}`);
  });

  test('JPF-COND-6 / JPF-CANCEL-1: the cancellation confirmation carries the refund terms', () => {
    const { kind, model } = transactionDocument(fixedInput([ISSUE, INSURED_CANCELLATION], INSURED_CANCELLATION), 'en');
    assert.equal(kind, 'policy_change');
    const text = plainText(model);
    // Unused 2027-06-01..2027-11-30 = 183 days; 82.11 × 183 / 365 = 41.17 unearned and refunded.
    for (const line of [
      'Cancellation confirmation — JW-2026-000042',
      'Days covered / unused: 182 / 183',
      'Refund: $41.17',
      'Cover ends: June 1, 2027 at 12:01 a.m., America/New_York time',
    ])
      assert.ok(text.includes(line), `expected "${line}" in\n${text}`);
  });

  test('JPF-CANCEL-2 / JPF-COND-2: the insurer’s notice is addressed to the named insureds at the declarations address, with notice days and their legal source', () => {
    const { kind, model } = transactionDocument(fixedInput([ISSUE, INSURER_CANCELLATION], INSURER_CANCELLATION), 'en');
    assert.equal(kind, 'cancellation_notice');
    const text = plainText(model);
    // Mailed 2027-05-20 13:00Z = 09:00 EDT; NY: 15 days → earliest 2027-05-20 + 15 = 2027-06-04, at 00:01 local.
    for (const line of [
      'Notice of cancellation — JW-2026-000042',
      'To: Carla Customer, Cees Customer',
      'Mailing address: 1 Main Street, New York, NY 10001, US',
      'Notice date: May 20, 2027',
      'Mailed: May 20, 2027 at 9:00 a.m. (America/New_York)',
      'Notice period: 15 days',
      'Legal source: the statute of the state of NY, which requires 15 days',
      'Cancellation effective: June 4, 2027 at 12:01 a.m., America/New_York time',
      'Reason: Material misrepresentation of the appraisal of the ring',
      'Refund: $40.49',
      'Proof of mailing is sufficient proof of notice.',
    ])
      assert.ok(text.includes(line), `expected "${line}" in\n${text}`);
  });

  test('JPF-CANCEL-2 / JPF-COND-2: without a state rule the notice cites the policy’s own 10 days', () => {
    const ohio = { ...INSURER_CANCELLATION, insurerNotice: { ...INSURER_NOTICE, days: 10, source: 'product_default' as const, state: 'OH' } };
    const text = textOf([ISSUE, ohio], ohio);
    assert.ok(text.includes('Legal source: the policy: at least 10 days’ written notice'), text);
    assert.ok(textOf([ISSUE, ohio], ohio, 'nl').includes('Rechtsgrond: de polis: ten minste 10 dagen schriftelijke kennisgeving'));
  });

  test('JPF-COND-6: each kind has its own title, in English and Dutch', () => {
    const titles: [PolicyTransactionView['kind'], string, string][] = [
      ['new_purchase', 'Newly purchased jewelry added', 'Nieuw gekochte sieraden toegevoegd'],
      ['reinstatement', 'Reinstatement', 'Herstel van de polis'],
      ['void', 'Void notice', 'Kennisgeving van nietigheid'],
      ['assignment', 'Assignment', 'Overdracht van de polis'],
      ['renewal', 'Renewal', 'Verlenging'],
    ];
    for (const [kind, en, nl] of titles) {
      const transaction = later(kind, 2);
      assert.equal(transactionDocument(fixedInput([ISSUE, transaction], transaction), 'en').model.title, `${en} — JW-2026-000042`);
      assert.equal(transactionDocument(fixedInput([ISSUE, transaction], transaction), 'nl').model.title, `${nl} — JW-2026-000042`);
    }
  });

  test('a premium credit reads as a positive amount returned; no change reads "none"', () => {
    const credit = { ...later('endorsement', 2, [{ op: 'remove', itemNo: 3 }]), premiumChange: Money.of('-10.84', 'USD'), details: {} };
    assert.ok(textOf([ISSUE, credit], credit).includes('Premium credit: $10.84'));
    const none = { ...later('assignment', 2), premiumChange: Money.of('0.00', 'USD'), details: { consent: { date: '2027-02-01', reference: 'LTR-7' } } };
    const text = textOf([ISSUE, none], none);
    assert.ok(text.includes('Premium change: none'), text);
    assert.ok(text.includes('Date of our written consent: February 1, 2027'), text);
  });

  test('the recorded time is local wall-clock time across the daylight-saving change', () => {
    // 2027-03-14 is the US spring-forward day: 06:59Z = 01:59 EST, 07:00Z = 03:00 EDT.
    assert.deepEqual(formatInstant('en', '2027-03-14T06:59:00Z', 'America/New_York'), { date: 'March 14, 2027', time: '1:59 a.m.' });
    assert.deepEqual(formatInstant('nl', '2027-03-14T07:00:00Z', 'America/New_York'), { date: '14 maart 2027', time: '03:00' });
    assert.deepEqual(formatInstant('en', '2027-03-14T17:05:00Z', 'America/New_York'), { date: 'March 14, 2027', time: '1:05 p.m.' });
    assert.deepEqual(formatInstant('en', '2027-03-15T04:00:00Z', 'America/New_York'), { date: 'March 15, 2027', time: '12:00 a.m.' });
  });

  test('history: named insureds after the transaction; items as recorded before it', () => {
    const { namedInsureds, itemsBefore } = historyAt(fixedInput([ISSUE, ENDORSEMENT], ENDORSEMENT), 2);
    assert.deepEqual(namedInsureds, ['Carla Customer']);
    assert.equal(itemsBefore.get(1)?.coverageAmount, '5000.00');
    assert.equal(itemsBefore.has(4), false);
  });

  test('JPF-COND-6 (property): transactions recorded later never change a transaction’s document, so a rerun gives the same hash', () => {
    const change = fc.oneof(
      fc.record({ op: fc.constant('remove'), itemNo: fc.integer({ min: 1, max: 5 }) }),
      fc.record({ op: fc.constant('remove_named_insured'), name: fc.constantFrom('Carla Customer', 'Cees Customer') }),
      fc.record({
        op: fc.constantFrom('add', 'change'),
        itemNo: fc.integer({ min: 1, max: 5 }),
        item: fc.record({ description: fc.string({ maxLength: 20 }), coverageAmount: fc.integer({ min: 1, max: 99_999 }).map((n) => `${n}.00`) }),
      }),
    );
    const kinds = fc.constantFrom<PolicyTransactionView['kind']>('endorsement', 'new_purchase', 'cancellation', 'reinstatement', 'void', 'assignment');
    fc.assert(
      fc.property(fc.array(fc.tuple(kinds, fc.array(change, { maxLength: 3 })), { maxLength: 5 }), fc.boolean(), (laterOnes, notice) => {
        const documented = notice ? INSURER_CANCELLATION : ENDORSEMENT;
        const base = fixedInput([ISSUE, documented], documented);
        const extended = [ISSUE, ...laterOnes.map(([kind, changes], i) => later(kind, i + 3, changes)), documented];
        for (const locale of ['en', 'nl'] as const)
          assert.deepEqual(transactionDocument({ ...base, transactions: extended }, locale), transactionDocument(base, locale));
      }),
    );
  });
});
