import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Money } from '../../../platform/money.ts';
import { fixedPolicy } from './declarations-fixture-test-support.ts';
import { declarationsPage, formatMoney, formatPlainDate, INSURER_CONTACT } from './declarations-page.ts';
import { plainText } from './document-model.ts';

describe('declarations page (document model)', () => {
  test('JPF-DEF-1 / JPF-DEF-3 / JPF-CORR-1: the declarations page lists named insureds, address, policy number, period, schedule with coverage amounts, deductible, premium, loss payee, possessor, the insurer’s contact and "your jeweler is not our agent"', () => {
    const text = plainText(declarationsPage(fixedPolicy(), 'en'));
    const required: [string, string][] = [
      ['JPF-DEF-1 named insureds', 'Named insured(s): Carla Customer, Cees Customer'],
      ['JPF-DEF-1 address', 'Mailing address: 1 Main Street, New York, NY 10001, US'],
      ['policy number', 'Policy number: JW-2026-000042'],
      ['JPF-DEF-3 period', 'Policy period: December 1, 2026 to November 30, 2027'],
      ['cover times in the insured’s time zone', 'America/New_York time'],
      ['JPF-DEF-1 schedule with coverage amounts', '1 | Diamond engagement ring, 1 ct, platinum | Cees Customer | $5,000.00'],
      ['a pair or set is marked', '2 | Pearl stud earring, left (pair or set "pearls") |  | $1,500.00'],
      ['total limit', ' | Total limit of insurance |  | $8,000.00'],
      ['JPF-DEF-3 deductible', 'Deductible per occurrence: $250.00'],
      ['premium', 'Annual premium: $82.11'],
      ['JPF-DEF-3 loss payee', 'Loss payee: First Example Bank, 2 Bank Street, New York, NY 10002'],
      ['condition 8 possessor column', 'No. | Description | Possessor | Coverage amount'],
      ['JPF-CORR-1 insurer contact', `call ${INSURER_CONTACT.phone} or e-mail ${INSURER_CONTACT.email}`],
      ['JPF-CORR-1 jeweler is not our agent', `Your jeweler is not an agent of ${INSURER_CONTACT.name}.`],
    ];
    for (const [rule, line] of required) assert.ok(text.includes(line), `${rule}: expected "${line}" in\n${text}`);
  });

  test('Dutch: labels in Dutch, money and dates formatted the Dutch way', () => {
    const text = plainText(declarationsPage(fixedPolicy(), 'nl'));
    assert.match(text, /^Polisblad — JW-2026-000042/);
    assert.ok(text.includes('Verzekeringsperiode: 1 december 2026 tot en met 30 november 2027'), text);
    assert.ok(text.includes('Eigen risico per gebeurtenis: US$\u00a0250,00'), text);
    assert.ok(text.includes('Uw juwelier is geen agent van'), text);
  });

  test('no loss payee and no other insureds read "none"', () => {
    const policy = fixedPolicy();
    const detail = { ...policy, application: { ...policy.application, lossPayee: null, otherInsureds: [] } };
    const text = plainText(declarationsPage(detail, 'en'));
    assert.ok(text.includes('Loss payee: none'));
    assert.ok(text.includes('Other insured(s): none'));
  });

  test('formatting: exact decimal money, calendar dates not moved by time zones', () => {
    // 1234567.895 is not exact as a float; formatted from the decimal string it rounds half-up to .90 in toFixed first.
    assert.equal(formatMoney('en', Money.of('1234567.895', 'USD')), '$1,234,567.90');
    assert.equal(formatMoney('nl', Money.of('1234567.89', 'EUR')), '€\u00a01.234.567,89');
    assert.equal(formatPlainDate('en', '2027-01-01'), 'January 1, 2027');
    assert.equal(formatPlainDate('nl', '2027-01-01'), '1 januari 2027');
  });
});
