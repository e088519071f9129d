import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { catalogs } from '../../../platform/i18n/index.ts';
import { INSURER_CONTACT, renderPdf } from '../../documents/index.ts';
import { extractPdfText } from '../../documents/pdf-text-test-support.ts';
import { CLAUSES } from './coverage-clauses.ts';
import { decideCoverage } from './coverage-decision.ts';
import { type DenialLetterInput, denialLetter } from './denial-letter.ts';

/** DESIGN §7: golden files for documents, the text extracted from the PDF. UPDATE_GOLDEN=1 rewrites them. */
const golden = (name: string) => new URL(`./golden/${name}.txt`, import.meta.url);

// A ring lost to a warlike act while a fire also burned: excluded under JPF-EXCL-5(b), whatever the fire did.
const causes = [
  { peril: 'war', subCase: 'b', role: 'proximate' },
  { peril: 'fire', role: 'contributing' },
] as const;
const decision = decideCoverage({ causes: [...causes], custodian: null, facts: { lossKind: 'damage', policeReportReference: null } });

const input: DenialLetterInput = {
  claimNumber: 'CL-2027-000042',
  policyNumber: 'JW-2026-000042',
  addressee: 'Carla Customer',
  mailingAddress: '1 Main Street, New York, NY 10001, US',
  lossDate: '2027-01-10',
  items: ['Diamond engagement ring, 1 ct, platinum'],
  causes: [...causes],
  clauses: decision.clauses,
  decidedAt: '2027-01-20T15:30:00Z',
  timeZone: 'America/New_York',
};

describe('the denial letter (JPF-EXCL-*)', () => {
  test('JPF-EXCL-5: the letter rests on the clauses of the decision', () => {
    assert.deepEqual(decision.clauses, ['JPF-EXCL', 'JPF-EXCL-5(b)']);
  });

  for (const locale of ['en', 'nl'] as const)
    test(`JPF-EXCL-5: golden file, the ${locale.toUpperCase()} denial letter cites Perils Excluded 5.b and quotes its wording`, async () => {
      const pdf = await renderPdf(denialLetter(input, locale, INSURER_CONTACT));
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
      const text = extractPdfText(pdf);
      if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden(`denial-letter-${locale}`), text);
      assert.equal(text, readFileSync(golden(`denial-letter-${locale}`), 'utf8'));
    });

  test('deterministic: dated at the decision, so a rerun of the job gives the same bytes', async () => {
    const [a, b] = await Promise.all([renderPdf(denialLetter(input, 'nl', INSURER_CONTACT)), renderPdf(denialLetter(input, 'nl', INSURER_CONTACT))]);
    assert.ok(a.equals(b));
    assert.ok(a.toString('latin1').includes('(D:20270120153000Z)'));
  });

  test('the English clause texts of the catalog are the policy form’s own words, as the domain quotes them', () => {
    for (const clause of CLAUSES) assert.equal(catalogs.en[`claims_coverage.wording.${clause.id}`], clause.wording, clause.id);
  });
});
