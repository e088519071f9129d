import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { systemActor } from '../../../platform/auth/actor.ts';
import { inTransaction } from '../../../platform/db/transaction.ts';
import { csrfTokenFor } from '../../../platform/http/csrf.ts';
import { SYSTEM_ORIGIN } from '../../../platform/request-origin.ts';
import { createTestBezel, type TestBezel } from '../../../testing/test-bezel.ts';
import { createUser, DEMO_PASSWORD, demoEmail, seedDemoUsers } from '../../accounts/index.ts';
import { seedDemoProduct } from '../../products/index.ts';
import { requireAttachedFile } from '../index.ts';

/**
 * Uploads through HTTP (issue #3: appraisals "upload PDF/JPEG/PNG, type checked by content,
 * size-limited"; "Bad input": files that are not what they claim get a clear error and change nothing).
 */
let bezel: TestBezel;
const LIMIT = 4096;
const csrfCookie = 'f'.repeat(43);
const sessions = new Map<string, string>();
const emails: Record<string, string> = {};
type Who = 'customer' | 'other' | 'agent' | 'underwriter';
// biome-ignore lint/suspicious/noExplicitAny: the tests read JSON response bodies whose shape the assertions check
type Json = Record<string, any>;

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const TEXT = Buffer.from('Appraisal: one diamond ring, worth a lot. Trust me.\n');

before(async () => {
  bezel = await createTestBezel({ BEZEL_MAX_UPLOAD_BYTES: String(LIMIT) });
  await seedDemoUsers(bezel.deps);
  await seedDemoProduct(bezel.deps);
  await createUser(
    bezel.deps,
    systemActor('test'),
    { email: 'otto.other@example.com', displayName: 'Otto Other', roles: ['customer'], locale: 'en', password: DEMO_PASSWORD },
    SYSTEM_ORIGIN,
  );
  Object.assign(emails, { customer: demoEmail('customer'), agent: demoEmail('agent'), underwriter: demoEmail('underwriter'), other: 'otto.other@example.com' });
});
after(async () => bezel.close());

async function headers(as: Who | null): Promise<Record<string, string>> {
  if (as === null) return {};
  if (!sessions.has(as)) {
    const login = await bezel.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: emails[as], password: DEMO_PASSWORD } });
    assert.equal(login.statusCode, 200, login.body);
    sessions.set(as, login.cookies.find((c) => c.name === 'bezel_session')?.value ?? '');
  }
  return { cookie: `bezel_session=${sessions.get(as)}; bezel_csrf=${csrfCookie}`, 'x-csrf-token': csrfTokenFor(bezel.deps.appSecret, csrfCookie) };
}

async function upload(as: Who | null, content: Buffer, contentType: string, query = 'purpose=appraisal') {
  return bezel.app.inject({
    method: 'POST',
    url: `/api/v1/files?${query}`,
    headers: { ...(await headers(as)), 'content-type': contentType },
    payload: content,
  });
}

async function download(as: Who | null, id: string) {
  return bezel.app.inject({ method: 'GET', url: `/api/v1/files/${id}`, headers: await headers(as) });
}

async function json(as: Who, method: 'POST' | 'GET', url: string, body?: unknown) {
  return bezel.app.inject({ method, url, headers: await headers(as), ...(body !== undefined && { payload: body as object }) });
}

async function storedFiles(): Promise<number> {
  const row = await bezel.deps.db
    .selectFrom('stored_file')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function applications(): Promise<number> {
  const row = await bezel.deps.db
    .selectFrom('application')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const application = (items: Json[]) => ({
  namedInsureds: ['Carla Customer'],
  mailingAddress: { street: '1 Main Street', city: 'New York', state: 'NY', postalCode: '10001', country: 'US' },
  timeZone: 'America/New_York',
  deductible: '250',
  items,
});
const ringWith = (appraisalFileId: string | null, description = 'Diamond ring, 1 ct') => ({
  description,
  category: 'ring',
  coverageAmount: '5000.00',
  appraisalDate: '2026-10-01',
  appraisalFileId,
});

describe('uploads: type checked by content, size-limited (issue #3)', () => {
  test('a PDF uploads and downloads again byte for byte, as an attachment of its sniffed type', async () => {
    const uploaded = await upload('customer', PDF, 'application/pdf', 'purpose=appraisal&fileName=ring-appraisal.pdf');
    assert.equal(uploaded.statusCode, 201, uploaded.body);
    const file = uploaded.json();
    assert.equal(file.type, 'application/pdf');
    assert.equal(file.purpose, 'appraisal');
    assert.equal(file.byteSize, PDF.length);
    assert.equal(file.sha256, createHash('sha256').update(PDF).digest('hex'));
    const got = await download('customer', file.id);
    assert.equal(got.statusCode, 200);
    assert.deepEqual(got.rawPayload, PDF);
    assert.equal(got.headers['content-type'], 'application/pdf');
    assert.equal(got.headers['content-disposition'], `attachment; filename="appraisal-${file.id}.pdf"`);
    assert.equal(got.headers['x-content-type-options'], 'nosniff');
    assert.equal(got.headers.etag, `"${file.sha256}"`);
  });

  test('a PNG renamed .pdf is 422 file_type_mismatch, by Content-Type or by file name, and nothing is stored', async () => {
    const before = await storedFiles();
    const declared = await upload('customer', PNG, 'application/pdf');
    assert.equal(declared.statusCode, 422, declared.body);
    assert.equal(declared.json().code, 'file_type_mismatch');
    assert.match(declared.json().detail, /This file is a PNG but was sent as application\/pdf/);
    const named = await upload('customer', PNG, 'image/png', 'purpose=appraisal&fileName=appraisal.pdf');
    assert.equal(named.statusCode, 422, named.body);
    assert.equal(named.json().code, 'file_type_mismatch');
    assert.equal(await storedFiles(), before);
  });

  test('a text file declared as a PDF is 422 file_type_unsupported (in Dutch too), nothing stored', async () => {
    const before = await storedFiles();
    const response = await upload('customer', TEXT, 'application/pdf');
    assert.equal(response.statusCode, 422, response.body);
    assert.equal(response.json().code, 'file_type_unsupported');
    const english = await headers('customer');
    const dutch = await bezel.app.inject({
      method: 'POST',
      url: '/api/v1/files?purpose=receipt',
      headers: { ...english, cookie: `${english.cookie}; bezel_lang=nl`, 'content-type': 'application/pdf' },
      payload: TEXT,
    });
    assert.equal(dutch.statusCode, 422);
    assert.match(dutch.json().detail, /geen PDF, JPEG of PNG/);
    assert.equal(await storedFiles(), before);
  });

  test('over the configured limit is 413 file_too_large; empty is 422 file_empty; other content types 415', async () => {
    const before = await storedFiles();
    const big = Buffer.concat([PDF, Buffer.alloc(LIMIT)]);
    const tooLarge = await upload('customer', big, 'application/pdf');
    assert.equal(tooLarge.statusCode, 413, tooLarge.body);
    assert.equal(tooLarge.json().code, 'file_too_large');
    assert.match(tooLarge.json().detail, /larger than 4 KB/);
    const atLimit = await upload('customer', Buffer.concat([PDF, Buffer.alloc(LIMIT - PDF.length)]), 'application/pdf');
    assert.equal(atLimit.statusCode, 201, 'exactly the limit is accepted');
    const empty = await upload('customer', Buffer.alloc(0), 'image/png');
    assert.equal(empty.statusCode, 422, empty.body);
    assert.equal(empty.json().code, 'file_empty');
    const plain = await upload('customer', TEXT, 'text/plain');
    assert.equal(plain.statusCode, 415, plain.body);
    const asJson = await json('customer', 'POST', '/api/v1/files?purpose=appraisal', { content: 'JVBERi0=' });
    assert.equal(asJson.statusCode, 415, asJson.body);
    const badPurpose = await upload('customer', PDF, 'application/pdf', 'purpose=selfie');
    assert.equal(badPurpose.statusCode, 400);
    assert.equal(await storedFiles(), before + 1);
  });

  test('another customer cannot download it (404), nor can anyone anonymous (401); staff can', async () => {
    const file = (await upload('customer', PNG, 'image/png', 'purpose=receipt&fileName=receipt.png')).json();
    assert.equal((await download('other', file.id)).statusCode, 404);
    assert.equal((await download('agent', file.id)).statusCode, 404, 'an agent who does not handle it');
    assert.equal((await download(null, file.id)).statusCode, 401);
    assert.equal((await upload(null, PDF, 'application/pdf')).statusCode, 401);
    const staff = await download('underwriter', file.id);
    assert.equal(staff.statusCode, 200);
    assert.equal(staff.headers['content-type'], 'image/png');
  });

  test('multipart bodies are refused (415) on routes that do not take files', async () => {
    const boundary = 'x-bezel-boundary';
    const response = await bezel.app.inject({
      method: 'POST',
      url: '/api/v1/applications',
      headers: { ...(await headers('customer')), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="deductible"\r\n\r\n250\r\n--${boundary}--\r\n`,
    });
    assert.equal(response.statusCode, 415, response.body);
  });
});

describe('appraisals attached to an application (issue #3; JPF-COND-9)', () => {
  test('an item carries its uploaded appraisal; the file is linked to the application and its item', async () => {
    const file = (await upload('customer', PDF, 'application/pdf')).json();
    const quoted = await json('customer', 'POST', '/api/v1/applications', application([ringWith(null), ringWith(file.id, 'Sapphire ring')]));
    assert.equal(quoted.statusCode, 201, quoted.body);
    const row = await bezel.deps.db.selectFrom('stored_file').selectAll().where('id', '=', file.id).executeTakeFirstOrThrow();
    assert.deepEqual([row.linked_type, row.linked_id, row.linked_item_index], ['application', quoted.json().id, 1]);
  });

  test('an application naming another customer’s file is 422 (not found for them) and nothing is written', async () => {
    const others = (await upload('other', PDF, 'application/pdf')).json();
    const [beforeApplications, beforeFiles] = [await applications(), await storedFiles()];
    const response = await json('customer', 'POST', '/api/v1/applications', application([ringWith(others.id)]));
    assert.equal(response.statusCode, 422, response.body);
    assert.equal(response.json().code, 'attachment_invalid');
    assert.deepEqual(
      response.json().errors.map((error: Json) => [error.field, error.code]),
      [['body.items.0.appraisalFileId', 'file_not_found']],
    );
    assert.equal(await applications(), beforeApplications);
    assert.equal(await storedFiles(), beforeFiles);
    const row = await bezel.deps.db.selectFrom('stored_file').select('linked_id').where('id', '=', others.id).executeTakeFirstOrThrow();
    assert.equal(row.linked_id, null, 'the other customer’s file is not linked');
  });

  test('a file already attached, a receipt given as an appraisal, or an unknown id: 422, nothing written', async () => {
    const used = (await upload('customer', PDF, 'application/pdf')).json();
    assert.equal((await json('customer', 'POST', '/api/v1/applications', application([ringWith(used.id)]))).statusCode, 201);
    const receipt = (await upload('customer', PDF, 'application/pdf', 'purpose=receipt')).json();
    const before = await applications();
    for (const [fileId, code] of [
      [used.id, 'already_linked'],
      [receipt.id, 'purpose_mismatch'],
      ['00000000-0000-4000-8000-000000000000', 'file_not_found'],
    ]) {
      const response = await json('customer', 'POST', '/api/v1/applications', application([ringWith(fileId)]));
      assert.equal(response.statusCode, 422, response.body);
      assert.equal(response.json().errors[0].code, code);
    }
    const twice = (await upload('customer', PDF, 'application/pdf')).json();
    const doubled = await json('customer', 'POST', '/api/v1/applications', application([ringWith(twice.id), ringWith(twice.id, 'Sapphire ring')]));
    assert.equal(doubled.json().errors[0].field, 'body.items.1.appraisalFileId', 'one file cannot be two items’ appraisal');
    assert.equal(await applications(), before);
  });

  test('JPF-ADD-1 / JPF-COND-9: requireAttachedFile checks a receipt for another module and links it to the policy’s customer', async () => {
    const receipt = (await upload('agent', PNG, 'image/png', 'purpose=receipt')).json();
    const customer = await bezel.deps.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', emails.customer as string)
      .executeTakeFirstOrThrow();
    const agent = await bezel.deps.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', emails.agent as string)
      .executeTakeFirstOrThrow();
    const agentActor = { kind: 'user' as const, userId: agent.id, roles: ['agent' as const], locale: 'en' as const, via: 'session' as const };
    const policyId = '11111111-1111-4111-8111-111111111111';
    // The wrong purpose changes nothing.
    await assert.rejects(
      inTransaction(bezel.deps.db, (trx) => requireAttachedFile(trx, agentActor, receipt.id, 'appraisal', { field: 'body.appraisalFileId' })),
      (error: Json) => error.code === 'attachment_invalid' && error.extensions.errors[0].field === 'body.appraisalFileId',
    );
    const linked = await inTransaction(bezel.deps.db, (trx) =>
      requireAttachedFile(trx, agentActor, receipt.id, 'receipt', {
        link: { to: { type: 'policy', id: policyId, itemIndex: null }, ownerUserId: customer.id, clock: bezel.clock },
      }),
    );
    assert.equal(linked.ownerUserId, customer.id);
    assert.equal((await download('customer', receipt.id)).statusCode, 200, 'the policy’s customer now owns it');
    await assert.rejects(
      inTransaction(bezel.deps.db, (trx) => requireAttachedFile(trx, agentActor, receipt.id, 'receipt')),
      (error: Json) => error.extensions.errors[0].code === 'already_linked',
    );
  });
});

describe('the portal quote form takes an appraisal per item (issue #3)', () => {
  function multipart(fields: Record<string, string>, files: { name: string; fileName: string; type: string; content: Buffer }[]) {
    const boundary = '----bezel-test-boundary';
    const parts: Buffer[] = [];
    for (const [name, value] of Object.entries(fields)) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
    }
    for (const file of files) {
      parts.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.fileName}"\r\nContent-Type: ${file.type}\r\n\r\n`),
      );
      parts.push(file.content, Buffer.from('\r\n'));
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
  }
  const QUOTE = {
    'namedInsureds.0': 'Carla Customer',
    street: '1 Main Street',
    city: 'New York',
    state: 'NY',
    postalCode: '10001',
    deductible: '250',
    'items.0.description': 'Diamond ring, 1 ct',
    'items.0.category': 'ring',
    'items.0.coverageAmount': '5000.00',
    'items.0.appraisalDate': '2026-10-01',
  };

  async function post(fields: Record<string, string>, files: Parameters<typeof multipart>[1]) {
    const body = multipart({ ...fields, _csrf: csrfTokenFor(bezel.deps.appSecret, csrfCookie) }, files);
    const { cookie } = await headers('customer');
    return bezel.app.inject({
      method: 'POST',
      url: '/portal/quote',
      headers: { cookie: cookie as string, accept: 'text/html', 'content-type': body.contentType },
      payload: body.payload,
    });
  }

  test('the form is multipart with a file field per item', async () => {
    const page = await bezel.app.inject({
      method: 'GET',
      url: '/portal/quote',
      headers: { cookie: (await headers('customer')).cookie as string, accept: 'text/html' },
    });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /enctype="multipart\/form-data"/);
    assert.match(page.body, /type="file"[^>]*|name="items\.0\.appraisalFile"/);
    assert.match(page.body, /hx-post="\/portal\/quote\/premium"/, 'the instant premium still re-rates with htmx');
  });

  test('an appraisal PDF posted with the form is stored and linked to the new application', async () => {
    const before = await storedFiles();
    const response = await post(QUOTE, [{ name: 'items.0.appraisalFile', fileName: 'appraisal.pdf', type: 'application/pdf', content: PDF }]);
    assert.equal(response.statusCode, 303, response.body);
    const applicationId = response.headers.location?.split('/').pop();
    const linked = await bezel.deps.db
      .selectFrom('stored_file')
      .select(['linked_id', 'linked_item_index'])
      .where('linked_id', '=', applicationId ?? '')
      .execute();
    assert.deepEqual(linked, [{ linked_id: applicationId, linked_item_index: 0 }]);
    assert.equal(await storedFiles(), before + 1);
  });

  test('a PNG renamed .pdf on the form shows the error at the file field and writes nothing', async () => {
    const [beforeFiles, beforeApplications] = [await storedFiles(), await applications()];
    const response = await post(QUOTE, [{ name: 'items.0.appraisalFile', fileName: 'appraisal.pdf', type: 'application/pdf', content: PNG }]);
    assert.equal(response.statusCode, 422, response.body.slice(0, 500));
    assert.match(response.body, /This file is a PNG but was sent as application\/pdf/);
    assert.match(response.body, /href="#field-items-0-appraisalFile"/, 'the error summary links to the file field');
    assert.equal(await storedFiles(), beforeFiles);
    assert.equal(await applications(), beforeApplications);
  });

  test('a file over the limit on the form is 413 at its field, nothing written', async () => {
    const [beforeFiles, beforeApplications] = [await storedFiles(), await applications()];
    const big = Buffer.concat([PDF, Buffer.alloc(LIMIT)]);
    const response = await post(QUOTE, [{ name: 'items.0.appraisalFile', fileName: 'appraisal.pdf', type: 'application/pdf', content: big }]);
    assert.equal(response.statusCode, 413, response.body.slice(0, 500));
    assert.match(response.body, /The file is larger than 4 KB/);
    assert.equal(await storedFiles(), beforeFiles);
    assert.equal(await applications(), beforeApplications);
  });

  test('an empty file input is no upload: the application is made without one', async () => {
    const response = await post(QUOTE, [{ name: 'items.0.appraisalFile', fileName: '', type: 'application/octet-stream', content: Buffer.alloc(0) }]);
    assert.equal(response.statusCode, 303, response.body.slice(0, 500));
  });
});
