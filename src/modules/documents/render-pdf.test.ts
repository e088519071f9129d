import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fixedPolicy } from './domain/declarations-fixture-test-support.ts';
import { declarationsPage } from './domain/declarations-page.ts';
import { extractPdfText } from './pdf-text-test-support.ts';
import { renderPdf } from './render-pdf.ts';

/** DESIGN §7: golden files for documents, the text extracted from the PDF. UPDATE_GOLDEN=1 rewrites them. */
const golden = (locale: string) => new URL(`./domain/golden/declarations-${locale}.txt`, import.meta.url);

describe('declarations page as PDF', () => {
  for (const locale of ['en', 'nl'] as const) {
    test(`golden file: the ${locale.toUpperCase()} declarations page's text`, async () => {
      const pdf = await renderPdf(declarationsPage(fixedPolicy(), locale));
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
      const text = extractPdfText(pdf);
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden(locale), text);
      assert.equal(text, readFileSync(golden(locale), 'utf8'));
    });
  }

  test('JPF-DEF-1 / JPF-DEF-3 / JPF-CORR-1: the declarations page lists each required element in the PDF itself', async () => {
    const text = extractPdfText(await renderPdf(declarationsPage(fixedPolicy(), 'en')));
    for (const line of [
      'Named insured(s) | Carla Customer, Cees Customer',
      'Mailing address | 1 Main Street, New York, NY 10001, US',
      'Policy number | JW-2026-000042',
      'Policy period | December 1, 2026 to November 30, 2027',
      '1 | Diamond engagement ring, 1 ct, platinum | Cees Customer | $5,000.00',
      'Deductible per occurrence | $250.00',
      'Annual premium | $82.11',
      'Loss payee | First Example Bank, 2 Bank Street, New York, NY 10002',
      'Your jeweler is not an agent of Bezel Demo Mutual Insurance Company.',
    ])
      assert.ok(text.includes(line), `expected "${line}" in\n${text}`);
  });

  test('deterministic: the same document gives the same bytes', async () => {
    const model = declarationsPage(fixedPolicy(), 'nl');
    const [a, b] = await Promise.all([renderPdf(model), renderPdf(model)]);
    assert.ok(a.equals(b));
    assert.match(a.toString('latin1'), /\/CreationDate \d+ 0 R/);
    assert.ok(a.toString('latin1').includes('(D:20261121120000Z)'), 'dated at the policy’s issue time');
  });
});
