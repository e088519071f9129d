import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { auditEventHash, canonicalInstant, GENESIS_PREV_HASH, type HashedColumns, hashedPart } from './audit-hash.ts';
import { canonicalJson } from './canonical-json.ts';

const row: HashedColumns = {
  id: '1',
  occurred_at: '2026-11-21T13:38:59.123457Z',
  actor_type: 'user',
  actor_id: 'u1',
  actor_roles: ['admin', 'auditor'],
  action: 'x.y',
  subject_type: 't',
  subject_id: '0',
  outcome: 'success',
  request_id: null,
  purpose: 'p',
  details: { n: 0, s: 'é', nested: { b: 1, a: [1.5, null, true] } },
};

describe('audit event hash', () => {
  it('matches a hash computed independently (Python json.dumps with sort_keys, compact separators)', () => {
    // python3 -c 'import json,hashlib; part={...}; s=json.dumps(part,sort_keys=True,separators=(",",":"),ensure_ascii=False);
    //             print(hashlib.sha256((s+"0"*64).encode()).hexdigest())'
    assert.equal(
      canonicalJson(hashedPart(row, '1')),
      '{"action":"x.y","actorId":"u1","actorRoles":["admin","auditor"],"actorType":"user","chainSeq":"1",' +
        '"details":{"n":0,"nested":{"a":[1.5,null,true],"b":1},"s":"é"},"id":"1","occurredAt":"2026-11-21T13:38:59.123457Z",' +
        '"outcome":"success","purpose":"p","requestId":null,"subjectId":"0","subjectType":"t"}',
    );
    assert.equal(auditEventHash(row, '1', GENESIS_PREV_HASH), '98e08de17fb4c8868d7064a3b2d49f1905639217bfbbf10c4bb575ddd9b9add9');
  });

  it('leaves personal_details out, so erasing them keeps the hash', () => {
    const withPersonal = { ...row, personal_details: { name: 'Ann Smith' } };
    assert.equal(auditEventHash(withPersonal, '1', GENESIS_PREV_HASH), auditEventHash(row, '1', GENESIS_PREV_HASH));
    assert.equal('personalDetails' in hashedPart(withPersonal, '1'), false);
  });

  it('changes with every hashed field, with the position and with the previous hash', () => {
    const base = auditEventHash(row, '1', GENESIS_PREV_HASH);
    const variants: HashedColumns[] = [
      { ...row, id: '2' },
      { ...row, occurred_at: '2026-11-21T13:38:59.123458Z' },
      { ...row, actor_type: 'api_token' },
      { ...row, actor_id: null },
      { ...row, actor_roles: ['auditor', 'admin'] },
      { ...row, action: 'x.z' },
      { ...row, subject_type: 'u' },
      { ...row, subject_id: null },
      { ...row, outcome: 'denied' },
      { ...row, request_id: 'r' },
      { ...row, purpose: null },
      { ...row, details: { ...row.details, n: 1 } },
    ];
    for (const variant of variants) assert.notEqual(auditEventHash(variant, '1', GENESIS_PREV_HASH), base);
    assert.notEqual(auditEventHash(row, '2', GENESIS_PREV_HASH), base);
    assert.notEqual(auditEventHash(row, '1', 'f'.repeat(64)), base);
  });

  it('writes instants with six fractional digits whatever the driver printed', () => {
    assert.equal(canonicalInstant('2026-11-21T13:38:59Z'), '2026-11-21T13:38:59.000000Z');
    assert.equal(canonicalInstant('2026-11-21T13:38:59.12Z'), '2026-11-21T13:38:59.120000Z');
    assert.equal(canonicalInstant('2026-11-21T14:38:59.5+01:00'), '2026-11-21T13:38:59.500000Z');
  });
});
