import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { listDiaryEntries } from '../diary-repository.ts';
import { type Json, useClaimApiTest, type Who } from './claim-api-test-support.ts';

/**
 * The settlement worksheet through the API (JPF-SETTLE-1..9, JPF-ADD-2; decision 0016): the adjuster makes versions,
 * the policyholder agrees in writing, and with an accepted proof of loss the 30 days of JPF-SETTLE-9 start.
 * Carla's $5,000 ring (item 1), $250 deductible; a set of three for JPF-SETTLE-3.
 */
const claimTest = useClaimApiTest();
const { call, moveClockTo, upload, seedClaim } = claimTest;
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const rings: string[] = [];
let parurePolicy = '';

const repair = (cost: string, changes: Json = {}): Json => ({ lineNo: 1, method: 'repair', repairOrReplaceCost: cost, ...changes });

async function worksheetCount(): Promise<number> {
  return (await claimTest.bezel.deps.db.selectFrom('settlement_worksheet').select('id').execute()).length;
}

async function refused(as: Who, url: string, body: Json, status: number, code: string, field?: string): Promise<Json> {
  const before = await worksheetCount();
  const reply = await call(as, 'POST', url, body);
  assert.equal(reply.statusCode, status, JSON.stringify(reply.json()));
  assert.equal(reply.json().code, code, JSON.stringify(reply.json()));
  if (field)
    assert.ok(
      (reply.json().errors as Json[]).some((error) => error.field === field),
      JSON.stringify(reply.json()),
    );
  assert.equal(await worksheetCount(), before, 'a refusal writes nothing');
  return reply.json();
}

async function ringClaim(options: Parameters<typeof seedClaim>[1] = { status: 'covered' }): Promise<string> {
  const policyId = rings.shift();
  assert.ok(policyId, 'enough policies were bound before the tests');
  return (await seedClaim(policyId, options)).id;
}

async function worksheet(id: string, lines: Json[], reason?: string): Promise<Json> {
  const reply = await call('adjuster', 'POST', `/api/v1/claims/${id}/worksheet`, { lines, ...(reason && { reason }) });
  assert.equal(reply.statusCode, 201, JSON.stringify(reply.json()));
  return reply.json();
}

describe('settlement worksheet API', () => {
  before(async () => {
    for (let index = 0; index < 9; index += 1) rings.push((await claimTest.boundPolicy()).id);
    // A set of three (necklace $3,000, bracelet $1,000, earrings $2,000: set value $6,000), items 1–3.
    const piece = (description: string, category: string, coverageAmount: string) => ({
      description,
      category,
      coverageAmount,
      appraisalDate: '2026-10-01',
      setId: 'P',
    });
    const quoted = await call('customer', 'POST', '/api/v1/applications', {
      namedInsureds: ['Carla Customer'],
      mailingAddress: { street: '1 Main Street', city: 'New York', state: 'NY', postalCode: '10001', country: 'US' },
      timeZone: 'America/New_York',
      deductible: '250',
      items: [piece('Pearl necklace', 'necklace', '3000.00'), piece('Pearl bracelet', 'bracelet', '1000.00'), piece('Pearl earrings', 'earrings', '2000.00')],
    });
    assert.equal(quoted.statusCode, 201, JSON.stringify(quoted.json()));
    const bound = await call('customer', 'POST', `/api/v1/applications/${quoted.json().id}/bind`, { inceptionDate: '2026-12-01' });
    assert.equal(bound.statusCode, 201, JSON.stringify(bound.json()));
    parurePolicy = bound.json().id;
    moveClockTo('2027-01-15T15:00:00Z');
  });

  test('JPF-SETTLE-2: the adjuster’s worksheet shows each candidate and pays the smallest minus the deductible (1200 − 250 = 950)', async () => {
    const id = await ringClaim();
    const made = await worksheet(id, [repair('1200.00')]);
    assert.equal(made.version, 1);
    assert.deepEqual(made.totalPayable, { amount: '950.00', currency: 'USD' });
    const [line] = made.lines;
    assert.equal(line.itemNo, 1);
    assert.equal(line.method, 'repair');
    assert.equal(line.totalLoss, false);
    assert.deepEqual(line.detail.candidates, [
      { name: 'repair_or_replace_cost', amount: { amount: '1200.00', currency: 'USD' } },
      { name: 'coverage_amount', amount: { amount: '5000.00', currency: 'USD' } },
    ]);
    assert.equal(line.detail.minimumOf, 'repair_or_replace_cost');
    assert.deepEqual(line.detail.policyDeductible, { amount: '250.00', currency: 'USD' });
    const read = await call('customer', 'GET', `/api/v1/claims/${id}/worksheet`);
    assert.equal(read.statusCode, 200);
    assert.equal(read.json().current.id, made.id);
    assert.equal((await call('customer3', 'GET', `/api/v1/claims/${id}/worksheet`)).statusCode, 404);
    await refused('customer', `/api/v1/claims/${id}/worksheet`, { lines: [repair('1.00')] }, 403, 'forbidden');
    await refused('customer3', `/api/v1/claims/${id}/worksheet/agreement`, { version: 1, fullName: 'Bea', agree: true }, 404, 'not_found');
  });

  test('JPF-SETTLE-7 / JPF-SETTLE-1: replacing the whole ring is a total loss, capped at the coverage amount (5000 − 250 = 4750)', async () => {
    const id = await ringClaim();
    const made = await worksheet(id, [{ lineNo: 1, method: 'replace', repairOrReplaceCost: '6200.00' }]);
    assert.deepEqual(made.totalPayable, { amount: '4750.00', currency: 'USD' });
    assert.equal(made.lines[0].totalLoss, true);
    // A new version needs a reason; with it, the cash option at the actual cash value (4100 − 250 = 3850).
    await refused(
      'adjuster',
      `/api/v1/claims/${id}/worksheet`,
      { lines: [{ lineNo: 1, method: 'cash', actualCashValue: '4100.00' }] },
      422,
      'worksheet_reason_required',
      'body.reason',
    );
    const second = await worksheet(id, [{ lineNo: 1, method: 'cash', actualCashValue: '4100.00' }], 'Cash settlement chosen');
    assert.equal(second.version, 2);
    assert.deepEqual(second.totalPayable, { amount: '3850.00', currency: 'USD' });
    const read = (await call('adjuster', 'GET', `/api/v1/claims/${id}/worksheet`)).json();
    assert.deepEqual(
      read.versions.map((version: Json) => [version.version, version.totalPayable.amount]),
      [
        [2, '3850.00'],
        [1, '4750.00'],
      ],
    );
  });

  test('JPF-SETTLE-5 / JPF-SETTLE-6 (decision 0016): other insurance share, then paid by others, then the deductible (1200 × 5/8 − 100 − 250 = 400)', async () => {
    const id = await ringClaim();
    const made = await worksheet(id, [repair('1200.00', { otherInsuranceLimits: ['3000.00'], paidByOthers: '100.00' })]);
    assert.deepEqual(made.totalPayable, { amount: '400.00', currency: 'USD' });
    assert.deepEqual(made.lines[0].detail.otherInsurance.after, { amount: '750.00', currency: 'USD' });
  });

  test('JPF-SETTLE-3: one piece of a set of three pays a third of the set’s value (min(3500, 3000) → 6000 / 3 = 2000 − 250 = 1750)', async () => {
    const { id } = await seedClaim(parurePolicy, { itemNos: [1], status: 'covered' });
    const made = await worksheet(id, [{ lineNo: 1, method: 'replace', repairOrReplaceCost: '3500.00' }]);
    assert.deepEqual(made.totalPayable, { amount: '1750.00', currency: 'USD' });
    assert.equal(made.lines[0].detail.set.share, '1/3');
    assert.deepEqual(made.lines[0].detail.set.setValue, { amount: '6000.00', currency: 'USD' });
    // The adjuster's share needs a reason: 0.6 × 6000 = 3600 ≥ 3000 → 3000 − 250 = 2750.
    await refused(
      'adjuster',
      `/api/v1/claims/${id}/worksheet`,
      { lines: [{ lineNo: 1, method: 'replace', repairOrReplaceCost: '3500.00', setShare: '0.6' }], reason: 'Centrepiece' },
      422,
      'worksheet_invalid',
      'body.lines.0.setShareReason',
    );
    const override = await worksheet(
      id,
      [{ lineNo: 1, method: 'replace', repairOrReplaceCost: '3500.00', setShare: '0.6', setShareReason: 'The necklace is the centrepiece' }],
      'Set share agreed',
    );
    assert.deepEqual(override.totalPayable, { amount: '2750.00', currency: 'USD' });
  });

  test('JPF-SETTLE-4: a loss to a part pays the part’s value (min(1800, 5000, 1500) − 250 = 1250)', async () => {
    const id = await ringClaim();
    await claimTest.bezel.deps.db
      .updateTable('claim_item')
      .set({ extent: 'part', part_description: 'the centre diamond' })
      .where('claim_id', '=', id)
      .execute();
    await refused('adjuster', `/api/v1/claims/${id}/worksheet`, { lines: [repair('1800.00')] }, 422, 'worksheet_invalid', 'body.lines.0.partValue');
    const made = await worksheet(id, [repair('1800.00', { partValue: '1500.00' })]);
    assert.deepEqual(made.totalPayable, { amount: '1250.00', currency: 'USD' });
    assert.equal(made.lines[0].totalLoss, false);
  });

  test('JPF-ADD-2: newly purchased jewelry not yet reported is capped at 25% of the total scheduled limit (1200 + min(2000, 1250) − 250 = 2200)', async () => {
    const id = await ringClaim();
    await claimTest.bezel.deps.db
      .insertInto('claim_item')
      .values({
        claim_id: id,
        line_no: 2,
        item_no: null,
        description: 'Gold bracelet bought last week',
        category: 'bracelet',
        coverage_amount: null,
        set_id: null,
        newly_purchased: true,
        purchase_date: '2027-01-05',
        purchase_price: '2000.00',
        extent: 'whole',
        part_description: null,
      })
      .execute();
    await refused('adjuster', `/api/v1/claims/${id}/worksheet`, { lines: [repair('1200.00')] }, 422, 'worksheet_line_missing', 'body.lines');
    const made = await worksheet(id, [repair('1200.00'), { lineNo: 2, method: 'replace', repairOrReplaceCost: '2000.00' }]);
    assert.deepEqual(made.totalPayable, { amount: '2200.00', currency: 'USD' });
    assert.deepEqual(made.lines[1].detail.newPurchaseCap.cap, { amount: '1250.00', currency: 'USD' });
    assert.deepEqual(
      made.lines.map((line: Json) => line.payable.amount),
      ['950.00', '1250.00'],
    );
  });

  test('JPF-SETTLE-9: the amount agreed in writing and the proof accepted start the 30 days (from the later of the two)', async () => {
    const id = await ringClaim();
    const made = await worksheet(id, [repair('1200.00')]);
    // The proof of loss, accepted on 15 January.
    const file = await upload('customer', 'receipt', PDF, 'application/pdf');
    const proof = await call('customer', 'POST', `/api/v1/claims/${id}/proof-of-loss`, {
      lossDate: '2027-01-10',
      lossTime: '18:30',
      lossPlace: 'Fifth Avenue, New York',
      lossDetails: 'The stone came loose when I knocked the ring on a door.',
      otherInsurance: [],
      insuredInterest: 'Sole owner',
      otherInterests: [],
      titleChanges: null,
      inventory: [{ claimLineNo: 1, quantity: 1, description: 'Diamond ring', cost: '4000.00', actualCashValue: '5000.00', amountOfLoss: '1200.00' }],
      fileIds: [file.json().id],
      signature: { fullName: 'Carla Customer', confirm: true },
    });
    assert.equal(proof.statusCode, 201, JSON.stringify(proof.json()));
    const accepted = await call('adjuster', 'POST', `/api/v1/claims/${id}/proof-of-loss/${proof.json().id}/accept`, {});
    assert.equal(accepted.json().settlementDueOn, null);
    // Agreed on 20 January: due 30 days after the later date, 19 February.
    moveClockTo('2027-01-20T15:00:00Z');
    const url = `/api/v1/claims/${id}/worksheet/agreement`;
    assert.equal((await call('adjuster', 'POST', url, { version: 1, fullName: 'Ann Adjuster', agree: true })).json().code, 'holder_only');
    assert.equal((await call('customer', 'POST', url, { version: 2, fullName: 'Carla Customer', agree: true })).json().code, 'worksheet_changed');
    assert.equal((await call('customer', 'POST', url, { version: 1, fullName: 'Carla Customer' })).statusCode, 400);
    const agreed = await call('customer', 'POST', url, { version: 1, fullName: 'Carla Customer', agree: true });
    assert.equal(agreed.statusCode, 200, JSON.stringify(agreed.json()));
    assert.equal(agreed.json().settlementDueOn, '2027-02-19');
    assert.equal(agreed.json().worksheet.agreedByName, 'Carla Customer');
    assert.equal(agreed.json().worksheet.id, made.id);
    assert.equal((await call('customer', 'POST', url, { version: 1, fullName: 'Carla Customer', agree: true })).json().code, 'worksheet_already_agreed');
    const db = claimTest.bezel.deps.db;
    const due = (await listDiaryEntries(db, id)).filter((entry) => entry.kind === 'settlement_due');
    assert.deepEqual(
      due.map((entry) => [entry.status, entry.dueOn, entry.party, entry.clause]),
      [['open', '2027-02-19', 'insurer', 'JPF-SETTLE-9']],
    );
    // A new version changes the amount: the deadline no longer stands until the insured agrees again.
    await worksheet(id, [repair('1100.00')], 'Jeweler’s final estimate');
    const after = (await listDiaryEntries(db, id)).filter((entry) => entry.kind === 'settlement_due');
    assert.deepEqual(
      after.map((entry) => entry.status),
      ['cancelled'],
    );
    const again = await call('customer', 'POST', url, { version: 2, fullName: 'Carla Customer', agree: true });
    assert.equal(again.json().settlementDueOn, '2027-02-19');
  });

  test('bad input: no worksheet on a denied claim, nor lines for items not claimed; nothing is written', async () => {
    const denied = await ringClaim({ status: 'denied' });
    await refused('adjuster', `/api/v1/claims/${denied}/worksheet`, { lines: [repair('1200.00')] }, 409, 'claim_not_open');
    const id = await ringClaim();
    await refused('adjuster', `/api/v1/claims/${id}/worksheet`, { lines: [repair('1200.00'), repair('100.00', { lineNo: 7 })] }, 422, 'worksheet_line_unknown');
    await refused('adjuster', `/api/v1/claims/${id}/worksheet`, { lines: [repair('1200.00'), repair('100.00')] }, 422, 'worksheet_line_duplicate');
    await refused('adjuster', `/api/v1/claims/${id}/worksheet`, { lines: [repair('-5')] }, 400, 'validation_failed', 'body.lines.0.repairOrReplaceCost');
    await refused(
      'adjuster',
      `/api/v1/claims/${id}/worksheet`,
      { lines: [{ lineNo: 1, method: 'cash' }] },
      422,
      'worksheet_invalid',
      'body.lines.0.actualCashValue',
    );
    await refused('customer', `/api/v1/claims/${id}/worksheet/agreement`, { version: 1, fullName: 'Carla Customer', agree: true }, 409, 'no_worksheet');
  });
});
