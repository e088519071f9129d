import assert from 'node:assert/strict';
import { stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { after, before, beforeEach, describe, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { catalogs } from '../i18n/index.ts';
import { enqueueJob, listJobs } from '../jobs/job-queue.ts';
import { createJobTestContext, type JobTestContext } from '../jobs/job-test-support.ts';
import { createWorker } from '../jobs/worker.ts';
import { enqueueMail, MAIL_SEND_JOB } from './enqueue-mail.ts';
import { parseEml, readMailFolder } from './mail-folder.ts';
import { mailFolder, mailHandlers } from './mail-handlers.ts';
import { MAIL_TEMPLATE_PARAMS, type MailTemplateName, renderMail } from './templates.ts';

const LINK = 'https://insure.example.com/confirm-email?token=Abc_123-xyz';

type Received = { rcptTo: string[]; raw: Buffer };

/** A real SMTP server on a free local port, recording what it is sent; `reject` refuses every recipient. */
async function startSmtpServer(options: { reject?: boolean } = {}): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      callback(options.reject ? Object.assign(new Error(`<${address.address}>: Recipient address rejected`), { responseCode: 550 }) : null);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({ rcptTo: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw: Buffer.concat(chunks) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('mail templates', () => {
  test('every template renders in both languages with the name and the link', () => {
    for (const template of Object.keys(MAIL_TEMPLATE_PARAMS) as MailTemplateName[]) {
      for (const locale of ['en', 'nl'] as const) {
        // Every parameter the template declares, so a placeholder left in the text is a real gap.
        const params = Object.fromEntries(MAIL_TEMPLATE_PARAMS[template].map((name) => [name, `${name}-value`]));
        const mail = renderMail(locale, template, { ...params, name: 'Anne', link: LINK } as never, 'Bezel');
        assert.ok(mail.subject.length > 0);
        assert.match(mail.text, /Anne/);
        assert.ok(mail.text.includes(LINK));
        assert.ok(mail.html.includes(`href="${LINK}"`));
        assert.match(mail.text, /Bezel$/);
        assert.doesNotMatch(`${mail.subject}${mail.text}`, /\{\w+\}/, 'no placeholder left unfilled');
      }
    }
    assert.equal(catalogs.nl['mail.confirm_email.subject'], 'Bevestig uw e-mailadres');
  });

  test('the HTML part escapes what it is given; links must be absolute http(s)', () => {
    const mail = renderMail('en', 'confirm_email', { name: '<script>alert("x")</script> & Co', link: `${LINK}&next="/"` }, 'Bezel');
    assert.doesNotMatch(mail.html, /<script>/);
    assert.match(mail.html, /&#60;script&#62;alert\(&#34;x&#34;\)&#60;\/script&#62; &#38; Co/);
    assert.match(mail.html, /href="https:\/\/insure\.example\.com\/confirm-email\?token=Abc_123-xyz&#38;next=&#34;\/&#34;"/);
    assert.throws(() => renderMail('en', 'confirm_email', { name: 'A', link: 'javascript:alert(1)' }, 'Bezel'), /absolute http/);
    assert.throws(() => renderMail('en', 'confirm_email', { name: 'A', link: '/relative' }, 'Bezel'), /absolute http/);
  });
});

describe('mail delivery', () => {
  let t: JobTestContext;
  const logLines: string[] = [];
  before(async () => {
    const logStream = new PassThrough();
    logStream.on('data', (chunk: Buffer) => logLines.push(chunk.toString('utf8')));
    t = await createJobTestContext({ logStream, start: '2026-03-02T09:00:00.250Z' });
  });
  after(async () => {
    await t.close();
  });
  beforeEach(async () => {
    await t.deps.db.deleteFrom('job').execute();
    logLines.length = 0;
  });

  test('enqueueMail writes a mail.send job only if the transaction commits, and refuses a bad request', async () => {
    const request = { to: 'anne@example.nl', locale: 'nl', template: 'confirm_email', params: { name: 'Anne', link: LINK } } as const;
    await assert.rejects(
      t.deps.db.transaction().execute(async (trx) => {
        await enqueueMail(trx, request, t.clock);
        throw new Error('rolled back');
      }),
      /rolled back/,
    );
    assert.equal((await listJobs(t.deps.db)).length, 0);
    await t.deps.db.transaction().execute((trx) => enqueueMail(trx, request, t.clock));
    const [job] = await t.deps.db.selectFrom('job').selectAll().execute();
    assert.equal(job?.kind, MAIL_SEND_JOB);
    assert.deepEqual(job?.payload, { to: 'anne@example.nl', locale: 'nl', template: 'confirm_email', params: { name: 'Anne', link: LINK } });

    await assert.rejects(enqueueMail(t.deps.db, { ...request, to: 'anne@example.nl\r\nBcc: all@example.com' }, t.clock), /invalid recipient/);
    await assert.rejects(enqueueMail(t.deps.db, { ...request, params: { name: 'Anne', link: 'javascript:alert(1)' } }, t.clock), /invalid/);
    await assert.rejects(enqueueMail(t.deps.db, { ...request, locale: 'de' as 'nl' }, t.clock), /invalid/);
  });

  test('without SMTP, each mail is written as an .eml file in <dataDir>/mail', async () => {
    const result = await enqueueMail(
      t.deps.db,
      { to: 'bob@example.com', locale: 'en', template: 'reset_password', params: { name: 'Bob <b>', link: LINK } },
      t.clock,
    );
    assert.ok('id' in result);
    const worker = createWorker({ deps: t.deps, handlers: mailHandlers(t.deps) });
    assert.equal(await worker.runOnce(), 1);

    const folder = mailFolder(t.deps.config);
    const [mail, ...others] = await readMailFolder(folder);
    assert.equal(others.length, 0);
    assert.ok(mail);
    assert.equal(mail.file, `20260302T090000250Z-${result.id}.eml`);
    assert.equal(mail.to, 'bob@example.com');
    assert.equal(mail.from, 'Bezel <no-reply@bezel.local>');
    assert.equal(mail.subject, 'Reset your password');
    assert.equal(mail.messageId, `<job-${result.id}@insure.example.com>`);
    assert.match(mail.text, /^Hello Bob <b>,/);
    assert.deepEqual(mail.links, [LINK]);
    assert.match(mail.html, /Hello Bob &#60;b&#62;,/);
    assert.equal((await stat(`${folder}/${mail.file}`)).mode & 0o777, 0o600, 'only the Bezel user may read mail files');
    assert.deepEqual(await readMailFolder(`${folder}/missing`), []);
  });

  test('over SMTP: a Dutch confirmation mail arrives with its subject, text and link', async () => {
    const smtp = await startSmtpServer();
    try {
      await t.deps.db
        .transaction()
        .execute((trx) =>
          enqueueMail(trx, { to: 'jeroen@example.nl', locale: 'nl', template: 'confirm_email', params: { name: 'Jeroen Öztürk', link: LINK } }, t.clock),
        );
      const worker = createWorker({ deps: t.deps, handlers: mailHandlers({ config: { ...t.deps.config, smtpUrl: smtp.url }, clock: t.clock }) });
      assert.equal(await worker.runOnce(), 1);
      assert.deepEqual(
        (await listJobs(t.deps.db)).map((job) => job.status),
        ['succeeded'],
      );

      assert.equal(smtp.received.length, 1);
      const [message] = smtp.received;
      assert.deepEqual(message?.rcptTo, ['jeroen@example.nl']);
      const mail = parseEml(message?.raw ?? '');
      assert.equal(mail.subject, 'Bevestig uw e-mailadres');
      assert.equal(mail.to, 'jeroen@example.nl');
      assert.equal(
        mail.text,
        [
          'Beste Jeroen Öztürk,',
          'Bevestig uw e-mailadres via de link hieronder.',
          `Mijn e-mailadres bevestigen:\n${LINK}`,
          'Hebt u geen account aangemaakt? Dan kunt u dit bericht negeren.',
          'Met vriendelijke groet,\nBezel',
        ].join('\n\n'),
      );
      assert.deepEqual(mail.links, [LINK]);
      assert.match(mail.html, /<html lang="nl">/);
      assert.ok(mail.html.includes(`href="${LINK}"`));

      const logs = logLines.join('');
      assert.match(logs, /mail sent/);
      assert.doesNotMatch(logs, /jeroen|example\.nl|Abc_123/, 'neither the address nor the link reaches the logs');
    } finally {
      await smtp.close();
    }
  });

  test('a refused recipient is retried later, with the address kept out of the error', async () => {
    const smtp = await startSmtpServer({ reject: true });
    try {
      await enqueueMail(t.deps.db, { to: 'gone@example.org', locale: 'en', template: 'confirm_email', params: { name: 'X', link: LINK } }, t.clock);
      const worker = createWorker({ deps: t.deps, handlers: mailHandlers({ config: { ...t.deps.config, smtpUrl: smtp.url }, clock: t.clock }) });
      await worker.runOnce();
      const [job] = await listJobs(t.deps.db);
      assert.equal(job?.status, 'queued');
      assert.equal(job?.max_attempts, 10);
      assert.match(job?.last_error ?? '', /Recipient address rejected/);
      assert.doesNotMatch(`${job?.last_error}${logLines.join('')}`, /gone@example\.org/);
    } finally {
      await smtp.close();
    }
  });

  test('a malformed mail.send payload is buried at once instead of retried', async () => {
    await enqueueJob(t.deps.db, { kind: MAIL_SEND_JOB, payload: { to: 'x@example.com', template: 'no_such_template' } }, t.clock);
    const worker = createWorker({ deps: t.deps, handlers: mailHandlers(t.deps) });
    await worker.runOnce();
    const [job] = await listJobs(t.deps.db);
    assert.equal(job?.status, 'dead');
    assert.match(job?.last_error ?? '', /not a valid mail request/);
  });
});
