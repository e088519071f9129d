import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { createLogger } from './logging.ts';

test('logs redact personal data and secrets (issue #2, point 9)', () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = createLogger('info', sink);
  logger.info(
    {
      req: { method: 'GET', url: '/confirm-email?token=secret-token-value&x=1', headers: { cookie: 'bezel_session=abc', authorization: 'Bearer bzl_x' } },
      user: { email: 'ann@example.com', password: 'hunter2hunter2', phone: '+31 6 1234 5678', iban: 'NL91ABNA0417164300' },
      email: 'top@example.com',
    },
    'something happened',
  );
  const output = lines.join('');
  for (const secret of ['secret-token-value', 'bezel_session=abc', 'bzl_x', 'ann@example.com', 'hunter2hunter2', '1234 5678', 'NL91ABNA', 'top@example.com']) {
    assert.ok(!output.includes(secret), `${secret} must not be logged: ${output}`);
  }
  assert.match(output, /something happened/);
  assert.match(output, /\[redacted\]/);
});

test('JPF-COND-9: a signing link’s secret in the path is not logged', () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = createLogger('info', sink);
  logger.info({ req: { method: 'POST', url: '/sign/Y79RBUPRvWYTijUqtyIkvI2MIaY0PsMDrFSKHpcd70o' } }, 'request');
  // The cookie banner's links carry the page they return to.
  logger.info({ req: { method: 'GET', url: '/cookies?returnTo=%2Fsign%2FY79RBUPRvWYTijUqtyIkvI2MIaY0PsMDrFSKHpcd70o' } }, 'request');
  const output = lines.join('');
  assert.ok(!output.includes('Y79RBUPRvWYTijUqtyIkvI2MIaY0PsMDrFSKHpcd70o'), output);
  assert.match(output, /\/sign\/\[redacted\]/);
});
