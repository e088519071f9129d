import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CanonicalJsonError, canonicalJson } from './canonical-json.ts';

/** Rebuilds a JSON value with every object's keys in another order, chosen by `seed`. */
function reorderKeys(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((element, index) => reorderKeys(element, seed + index));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  let state = seed >>> 0;
  for (let i = entries.length - 1; i > 0; i -= 1) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    const j = state % (i + 1);
    [entries[i], entries[j]] = [entries[j] as [string, unknown], entries[i] as [string, unknown]];
  }
  // fromEntries defines own properties, so even a "__proto__" key stays a plain key.
  return Object.fromEntries(entries.map(([key, member], index) => [key, reorderKeys(member, seed ^ (index + 1))]));
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    assert.equal(canonicalJson({ b: 1, a: [{ d: 2, c: null }], e: { z: true, y: false } }), '{"a":[{"c":null,"d":2}],"b":1,"e":{"y":false,"z":true}}');
    assert.equal(canonicalJson([]), '[]');
    assert.equal(canonicalJson({}), '{}');
    assert.equal(canonicalJson('text'), '"text"');
  });

  it('sorts keys as strings, even the integer-like keys that JavaScript objects put first', () => {
    assert.equal(canonicalJson({ a: 3, 2: 2, 10: 1, B: 4 }), '{"10":1,"2":2,"B":4,"a":3}');
  });

  it('matches the RFC 8785 example (numbers, string escapes, literals)', () => {
    const input = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],' +
        '"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    );
    assert.equal(
      canonicalJson(input),
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts keys by UTF-16 code units, as RFC 8785 section 3.2.3 shows', () => {
    const input = { '\u20ac': 1, '\r': 2, '\ufb33': 3, '1': 4, '\ud83d\ude00': 5, '\u0080': 6, '\u00f6': 7 };
    const expectedOrder = ['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33'];
    const expected = `{${expectedOrder.map((key) => `${JSON.stringify(key)}:${input[key as keyof typeof input]}`).join(',')}}`;
    assert.equal(canonicalJson(input), expected);
  });

  it('writes -0 as 0 and skips undefined members, as JSON and jsonb do', () => {
    assert.equal(canonicalJson({ a: -0, b: undefined }), '{"a":0}');
  });

  it('refuses values that JSON would silently change', () => {
    for (const bad of [
      Number.NaN,
      Number.POSITIVE_INFINITY,
      10n,
      undefined,
      () => 1,
      Symbol('s'),
      new Date(0),
      new Map(),
      [undefined],
      { a: { b: Number.NaN } },
    ]) {
      assert.throws(() => canonicalJson(bad), CanonicalJsonError, `should refuse ${String(bad)}`);
    }
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assert.throws(() => canonicalJson(cyclic), /refers back to itself/);
  });

  it('accepts the same object twice when it is not a cycle', () => {
    const shared = { x: 1 };
    assert.equal(canonicalJson({ a: shared, b: [shared] }), '{"a":{"x":1},"b":[{"x":1}]}');
  });

  it('does not depend on key order (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'binary' }), fc.integer(), (value, seed) => {
        assert.equal(canonicalJson(reorderKeys(value, seed)), canonicalJson(value));
      }),
      { numRuns: 300 },
    );
  });

  it('is valid JSON for the same value, and a fixed point (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'binary' }), (value) => {
        const text = canonicalJson(value);
        assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(value)));
        assert.equal(canonicalJson(JSON.parse(text)), text);
      }),
      { numRuns: 300 },
    );
  });
});
