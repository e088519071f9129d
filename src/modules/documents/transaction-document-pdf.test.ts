import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { transactionDocument } from './domain/transaction-document.ts';
import { ENDORSEMENT, fixedInput, INSURED_CANCELLATION, INSURER_CANCELLATION, ISSUE } from './domain/transaction-fixture-test-support.ts';
import { extractPdfText } from './pdf-text-test-support.ts';
import { renderPdf } from './render-pdf.ts';

/** DESIGN §7: golden files for documents, the text extracted from the PDF. UPDATE_GOLDEN=1 rewrites them. */
const golden = (name: string) => new URL(`./domain/golden/${name}.txt`, import.meta.url);

const cases = [
  { name: 'endorsement', promise: 'JPF-COND-6', input: fixedInput([ISSUE, ENDORSEMENT], ENDORSEMENT) },
  { name: 'cancellation', promise: 'JPF-COND-6 / JPF-CANCEL-1', input: fixedInput([ISSUE, INSURED_CANCELLATION], INSURED_CANCELLATION) },
  { name: 'cancellation-notice', promise: 'JPF-CANCEL-2 / JPF-COND-2', input: fixedInput([ISSUE, INSURER_CANCELLATION], INSURER_CANCELLATION) },
] as const;

describe('policy transaction documents as PDF', () => {
  for (const { name, promise, input } of cases)
    for (const locale of ['en', 'nl'] as const)
      test(`${promise}: golden file, the ${locale.toUpperCase()} ${name} document's text`, async () => {
        const pdf = await renderPdf(transactionDocument(input, locale).model);
        assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
        const text = extractPdfText(pdf);
        if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden(`${name}-${locale}`), text);
        assert.equal(text, readFileSync(golden(`${name}-${locale}`), 'utf8'));
      });

  test('JPF-COND-6: deterministic, dated at the transaction’s recorded time, so a rerun gives the same bytes', async () => {
    const model = transactionDocument(fixedInput([ISSUE, ENDORSEMENT], ENDORSEMENT), 'nl').model;
    const [a, b] = await Promise.all([renderPdf(model), renderPdf(model)]);
    assert.ok(a.equals(b));
    assert.ok(a.toString('latin1').includes('(D:20270304153000Z)'), 'dated at the transaction’s recorded time');
  });
});
