import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parseBankStatementCsv } from './bank-statement-csv.ts';
import { parseCamt053 } from './camt053.ts';
import { parseXml, XmlError } from './small-xml.ts';
import type { StatementParseResult } from './statement-line.ts';

/** Issue #3: payments "imported from a bank statement file (CSV, and CAMT.053 XML)". */
const CAMT053_SAMPLE = readFileSync(new URL('./fixtures/camt053-sample.xml', import.meta.url), 'utf8');

const plain = (result: StatementParseResult) =>
  result.ok ? { ok: true, skipped: result.skipped, lines: result.lines.map((line) => ({ ...line, amount: line.amount.toString() })) } : result;

describe('bank statement CSV', () => {
  test('reads each credit with its line number; quotes, CRLF, comments and blank lines are fine', () => {
    const csv =
      '\uFEFFdate,amount,currency,reference,transaction_id\r\n# morning file\r\n2026-11-20,120.00,USD,RF18 5390 0754 7034,TX-1\r\n\r\n2026-11-20,"1,5",usd,"free ""text""",TX-2\r\n';
    assert.deepEqual(plain(parseBankStatementCsv(csv)), {
      ok: false,
      errors: [{ line: 5, code: 'not_a_decimal', value: '1,5' }],
    });
    assert.deepEqual(plain(parseBankStatementCsv(csv.replace('"1,5"', '35.5'))), {
      ok: true,
      skipped: 0,
      lines: [
        { line: 3, bookedOn: '2026-11-20', amount: '120.00 USD', reference: 'RF18 5390 0754 7034', transactionId: 'TX-1' },
        { line: 5, bookedOn: '2026-11-20', amount: '35.50 USD', reference: 'free "text"', transactionId: 'TX-2' },
      ],
    });
  });

  test('every bad field is reported by line, and no line is returned', () => {
    const csv = [
      'date,amount,currency,reference,transaction_id',
      '2026-02-30,10.00,USD,RF18539007547034,TX-1', // no 30 February
      '2026-11-20,-10.00,USD,RF18539007547034,TX-2', // money going out is not a payment
      '2026-11-20,10.001,GBP,,', // fractions of a cent, unknown currency, no reference, no id
      '2026-11-20,10.00,USD', // two fields missing
      '2026-11-20,10.00,USD,RF18539007547034,TX-5',
    ].join('\n');
    assert.deepEqual(parseBankStatementCsv(csv), {
      ok: false,
      errors: [
        { line: 2, code: 'invalid_date', value: '2026-02-30' },
        { line: 3, code: 'not_a_credit', value: '-10.00' },
        { line: 4, code: 'too_many_decimals', value: '10.001' },
        { line: 4, code: 'unknown_currency', value: 'GBP' },
        { line: 4, code: 'missing_reference' },
        { line: 4, code: 'missing_transaction_id' },
        { line: 5, code: 'wrong_field_count', value: '3' },
      ],
    });
  });

  test('a file without the header, or without lines, is refused as a whole', () => {
    assert.deepEqual(parseBankStatementCsv('2026-11-20,10.00,USD,RF18539007547034,TX-1'), {
      ok: false,
      errors: [{ line: 1, code: 'missing_header', value: '2026-11-20,10.00,USD,RF18539007547034,TX-1' }],
    });
    assert.deepEqual(parseBankStatementCsv('date,amount,currency,reference,transaction_id\n'), { ok: false, errors: [{ line: null, code: 'empty' }] });
    assert.deepEqual(parseBankStatementCsv(''), { ok: false, errors: [{ line: null, code: 'empty' }] });
  });
});

describe('CAMT.053 statement', () => {
  test('the sample: two booked credits (structured and free-text reference); the bank charge (DBIT) is skipped', () => {
    assert.deepEqual(plain(parseCamt053(CAMT053_SAMPLE)), {
      ok: true,
      skipped: 1,
      lines: [
        { line: 1, bookedOn: '2026-11-20', amount: '120.00 USD', reference: 'RF18539007547034', transactionId: 'BANK-2026-11-20-000451' },
        { line: 2, bookedOn: '2026-11-20', amount: '35.50 USD', reference: 'premium policy JP-000123 & thanks', transactionId: 'BANK-2026-11-20-000452' },
      ],
    });
  });

  test('namespace prefixes, DtTm booking dates and a transaction-level AcctSvcrRef; pending entries are skipped', () => {
    const xml = `<c:Document xmlns:c="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><c:BkToCstmrStmt><c:Stmt>
      <c:Ntry><c:Amt Ccy='EUR'>9.99</c:Amt><c:CdtDbtInd>CRDT</c:CdtDbtInd><c:Sts><c:Cd>BOOK</c:Cd></c:Sts>
        <c:BookgDt><c:DtTm>2026-11-19T23:59:00+01:00</c:DtTm></c:BookgDt>
        <c:NtryDtls><c:TxDtls><c:Refs><c:AcctSvcrRef>T-9</c:AcctSvcrRef></c:Refs><c:RmtInf><c:Ustrd>a</c:Ustrd><c:Strd><c:CdtrRefInf><c:Ref>RF712348231</c:Ref></c:CdtrRefInf></c:Strd></c:RmtInf></c:TxDtls></c:NtryDtls></c:Ntry>
      <c:Ntry><c:Amt Ccy="EUR">1.00</c:Amt><c:CdtDbtInd>CRDT</c:CdtDbtInd><c:Sts><c:Cd>PDNG</c:Cd></c:Sts></c:Ntry>
    </c:Stmt></c:BkToCstmrStmt></c:Document>`;
    assert.deepEqual(plain(parseCamt053(xml)), {
      ok: true,
      skipped: 1,
      lines: [{ line: 1, bookedOn: '2026-11-19', amount: '9.99 EUR', reference: 'RF712348231', transactionId: 'T-9' }],
    });
  });

  test('entry errors are reported by entry number', () => {
    const xml = CAMT053_SAMPLE.replace('<Amt Ccy="USD">35.50</Amt>', '<Amt Ccy="GBP">35.50</Amt>').replace(
      '<AcctSvcrRef>BANK-2026-11-20-000451</AcctSvcrRef>',
      '',
    );
    assert.deepEqual(parseCamt053(xml), {
      ok: false,
      errors: [
        { line: 1, code: 'missing_transaction_id' },
        { line: 2, code: 'unknown_currency', value: 'GBP' },
      ],
    });
  });

  test('not a statement, not XML, or XML with a DOCTYPE (no entity tricks): refused with a reason', () => {
    assert.equal(parseCamt053('<Document><Other/></Document>').ok, false);
    assert.deepEqual(parseCamt053('<Document><BkToCstmrStmt><Stmt/></BkToCstmrStmt></Document>'), { ok: false, errors: [{ line: null, code: 'empty' }] });
    const broken = parseCamt053('<Document><BkToCstmrStmt></Document>');
    assert.equal(!broken.ok && broken.errors[0]?.code, 'not_xml');
    const bomb = '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><Document>&a;</Document>';
    assert.equal(!parseCamt053(bomb).ok && (parseCamt053(bomb) as { errors: { code: string }[] }).errors[0]?.code, 'not_xml');
  });
});

describe('small XML reader', () => {
  test('elements, attributes, entities, CDATA, comments', () => {
    const root = parseXml('<?xml version="1.0"?><a x="1 &lt; 2"><!-- c --><b>t&#233;&#x41;<![CDATA[<raw>]]></b><c/></a>');
    assert.deepEqual(root, {
      name: 'a',
      attributes: { x: '1 < 2' },
      text: '',
      children: [
        { name: 'b', attributes: {}, children: [], text: 'téA<raw>' },
        { name: 'c', attributes: {}, children: [], text: '' },
      ],
    });
  });

  test('strict: mismatched tags, unknown entities, bare ampersands, trailing content, too deep', () => {
    for (const bad of ['<a></b>', '<a>&nbsp;</a>', '<a>R&D</a>', '<a/><b/>', '<a', '<a x=1/>', `${'<a>'.repeat(100)}${'</a>'.repeat(100)}`, '<a><?pi?></a>']) {
      assert.throws(() => parseXml(bad), XmlError, bad.slice(0, 30));
    }
  });
});
