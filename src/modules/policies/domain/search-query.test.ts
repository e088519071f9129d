import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { escapeLike, parseSearchQuery, prefixTsQuery, SEARCH_MAX_LENGTH, SEARCH_MAX_WORDS, searchWords } from './search-query.ts';

/** Issue #3, back-office search: what the searcher typed becomes safe prefix patterns. */
describe('policy search query', () => {
  const cases: { raw: string; numberPattern: string; emailPattern: string; words: string[]; why: string }[] = [
    { raw: 'jw-2026', numberPattern: 'JW-2026%', emailPattern: 'jw-2026%', words: ['jw', '2026'], why: 'numbers are issued in upper case' },
    { raw: '  Carla Cust ', numberPattern: 'CARLA CUST%', emailPattern: 'carla cust%', words: ['carla', 'cust'], why: 'trimmed; words lower case' },
    { raw: '50%_off', numberPattern: '50\\%\\_OFF%', emailPattern: '50\\%\\_off%', words: ['50', 'off'], why: '% and _ are literal' },
    { raw: 'a\\b', numberPattern: 'A\\\\B%', emailPattern: 'a\\\\b%', words: ['a', 'b'], why: 'the escape character itself is escaped' },
    { raw: 'Ørsted ring', numberPattern: 'ØRSTED RING%', emailPattern: 'ørsted ring%', words: ['ørsted', 'ring'], why: 'letters beyond ASCII are words' },
    { raw: '--', numberPattern: '--%', emailPattern: '--%', words: [], why: 'no letters or digits: only the prefix searches run' },
  ];
  for (const c of cases)
    test(`"${c.raw}" → ${c.numberPattern} / ${c.emailPattern} / [${c.words.join(', ')}] (${c.why})`, () => {
      const parsed = parseSearchQuery(c.raw);
      assert.ok(parsed.ok);
      assert.equal(parsed.query.numberPattern, c.numberPattern);
      assert.equal(parsed.query.emailPattern, c.emailPattern);
      assert.deepEqual(parsed.query.words, c.words);
    });

  test('empty, too short, too long and control characters are refused', () => {
    assert.deepEqual(parseSearchQuery(undefined), { ok: false, problem: 'query_missing' });
    assert.deepEqual(parseSearchQuery('   '), { ok: false, problem: 'query_missing' });
    assert.deepEqual(parseSearchQuery(' a '), { ok: false, problem: 'query_too_short' });
    assert.deepEqual(parseSearchQuery('x'.repeat(SEARCH_MAX_LENGTH + 1)), { ok: false, problem: 'query_too_long' });
    assert.ok(parseSearchQuery('x'.repeat(SEARCH_MAX_LENGTH)).ok, 'the maximum itself is fine');
    assert.deepEqual(parseSearchQuery('ab\u0000c'), { ok: false, problem: 'query_invalid' });
    // Two code points, though four UTF-16 units: the length is counted in characters.
    assert.ok(parseSearchQuery('💍💎').ok);
  });

  test('words: deduplicated, at most a few, joined as a prefix query', () => {
    assert.deepEqual(searchWords('ring RING ring'), ['ring']);
    assert.equal(searchWords('a b c d e f g h i j k').length, SEARCH_MAX_WORDS);
    assert.equal(prefixTsQuery(['carl', 'cust']), 'carl:* & cust:*');
  });

  test('property: an escaped pattern has no unescaped wildcard, and unescaping gives the input back', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const escaped = escapeLike(text);
        let unescaped = '';
        for (let i = 0; i < escaped.length; i++) {
          const character = escaped[i] ?? '';
          if (character === '\\') {
            const next = escaped[i + 1] ?? '';
            assert.ok(['\\', '%', '_'].includes(next), 'a backslash only ever escapes');
            unescaped += next;
            i++;
          } else {
            assert.ok(character !== '%' && character !== '_', 'no bare wildcard');
            unescaped += character;
          }
        }
        assert.equal(unescaped, text);
      }),
    );
  });

  test('property: words hold only letters and digits, so no text-search operator comes from the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        for (const word of searchWords(text)) assert.match(word, /^[\p{L}\p{N}]+$/u);
      }),
    );
  });
});
