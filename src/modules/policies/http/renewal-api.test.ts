import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { usePolicyApiTest } from './policy-api-test-support.ts';

/** Renewal runs in the API and the back office (JPF-COND-7: the job "shows progress"; staff start a run now). */
const api = usePolicyApiTest();

async function runCount(): Promise<string> {
  const { rows } = await sql<{ n: string }>`SELECT count(*)::text AS n FROM renewal_run`.execute(api.bezel.deps.db);
  return rows[0]?.n ?? '?';
}

describe('JPF-COND-7: renewal runs API', () => {
  test('JPF-COND-7: bad input to POST /api/v1/renewal-runs is a 400 problem and starts nothing', async () => {
    for (const body of [{ batchSize: 5 }, { asOf: '2027-01-01T00:00:00Z' }, [1, 2]]) {
      const response = await api.call('underwriter', 'POST', '/api/v1/renewal-runs', body);
      assert.equal(response.statusCode, 400, JSON.stringify(response.json()));
      assert.equal(response.json().code, 'validation_failed');
    }
    assert.equal(await runCount(), '0');
  });

  test('JPF-COND-7: a customer may neither list nor start renewal runs', async () => {
    assert.equal((await api.call('customer', 'GET', '/api/v1/renewal-runs')).statusCode, 403);
    assert.equal((await api.call('customer', 'POST', '/api/v1/renewal-runs', {})).statusCode, 403);
    assert.equal(await runCount(), '0');
  });

  test('JPF-COND-7: staff start a run (202), a second start continues it, and the worker works it to the end', async () => {
    await api.boundPolicy();
    api.moveClockTo('2027-10-20T12:00:00Z');
    const started = await api.call('underwriter', 'POST', '/api/v1/renewal-runs', {});
    assert.equal(started.statusCode, 202, JSON.stringify(started.json()));
    assert.equal(started.json().status, 'running');
    assert.equal(started.json().continued, false);
    const again = await api.call('underwriter', 'POST', '/api/v1/renewal-runs', {});
    assert.equal(again.statusCode, 202);
    assert.deepEqual({ id: again.json().id, continued: again.json().continued }, { id: started.json().id, continued: true });

    await api.bezel.runJobs();
    const list = await api.call('underwriter', 'GET', '/api/v1/renewal-runs');
    assert.equal(list.statusCode, 200);
    const [run] = list.json().items;
    assert.equal(run.id, started.json().id);
    assert.equal(run.status, 'completed');
    assert.equal(run.progress.offered, 1);
    assert.equal(run.progress.failed, 0);
    const one = await api.call('underwriter', 'GET', `/api/v1/renewal-runs/${run.id}`);
    assert.equal(one.statusCode, 200);
    assert.equal(one.json().progress.processed, 1);
    assert.equal((await api.call('underwriter', 'GET', '/api/v1/renewal-runs/00000000-0000-4000-8000-000000000000')).statusCode, 404);
  });

  test('JPF-COND-7: the back office lists the runs with their progress and a button to start one', async () => {
    const page = await api.call('underwriter', 'GET', '/backoffice/renewals');
    assert.equal(page.statusCode, 200);
    const html = (page as unknown as { body: string }).body;
    assert.match(html, /Renewal runs/);
    assert.match(html, /action="\/backoffice\/renewals"/);
    assert.match(html, /Completed/);
    assert.equal((await api.call('customer', 'GET', '/backoffice/renewals')).statusCode, 403);
  });
});
