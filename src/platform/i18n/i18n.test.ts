import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { catalogs, type MessageKey, negotiateLocale, translate } from './index.ts';

function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();
}

describe('catalogs', () => {
  const englishKeys = Object.keys(catalogs.en).sort();
  const dutchKeys = Object.keys(catalogs.nl).sort();

  it('has a Dutch message for every English key and no Dutch key without an English one', () => {
    assert.deepEqual(
      englishKeys.filter((key) => !(key in catalogs.nl)),
      [],
    );
    assert.deepEqual(
      dutchKeys.filter((key) => !(key in catalogs.en)),
      [],
    );
  });

  it('has no empty messages', () => {
    for (const locale of ['en', 'nl'] as const) {
      const empty = Object.entries(catalogs[locale])
        .filter(([, message]) => message.trim() === '')
        .map(([key]) => key);
      assert.deepEqual(empty, [], `empty ${locale} messages`);
    }
  });

  it('uses the same {placeholders} in Dutch as in English', () => {
    const mismatched = (englishKeys as MessageKey[]).filter((key) => placeholders(catalogs.en[key]).join() !== placeholders(catalogs.nl[key]).join());
    assert.deepEqual(mismatched, []);
  });
});

describe('negotiateLocale', () => {
  const cases: [explicit: unknown, acceptLanguage: string | undefined, expected: 'en' | 'nl'][] = [
    ['nl', 'en-US,en;q=0.9', 'nl'], // an explicit choice beats the browser
    ['en', 'nl-NL,nl;q=0.9', 'en'],
    [undefined, 'nl-NL,nl;q=0.9,en;q=0.8', 'nl'],
    [undefined, 'fr', 'en'], // unknown language: the default
    [undefined, 'fr-FR,fr;q=0.9,nl;q=0.5', 'nl'], // first known language by quality
    [undefined, 'en;q=0.2,nl;q=0.7', 'nl'], // quality, not order, decides
    [undefined, 'nl;q=0', 'en'], // q=0 means "not acceptable"
    ['de', undefined, 'en'], // an unsupported explicit value is ignored
    [undefined, undefined, 'en'],
    [undefined, '', 'en'],
  ];
  for (const [explicit, acceptLanguage, expected] of cases) {
    it(`${String(explicit)} / ${String(acceptLanguage)} → ${expected}`, () => {
      assert.equal(negotiateLocale(explicit, acceptLanguage), expected);
    });
  }
});

describe('translate', () => {
  it('fills named parameters', () => {
    assert.equal(translate('en', 'portal.empty', { name: 'Ada' }), 'Welcome, Ada. You have no policies yet.');
    assert.equal(translate('nl', 'portal.empty', { name: 'Ada' }), 'Welkom, Ada. U hebt nog geen polissen.');
    assert.equal(translate('en', 'error.rate_limited', { seconds: 30 }), 'Too many attempts. Please wait 30 seconds and try again.');
  });

  it('leaves a placeholder visible when its parameter is missing, rather than printing "undefined"', () => {
    assert.equal(translate('en', 'portal.welcome'), 'Welcome, {name}.');
  });

  it('does not interpret parameters as templates', () => {
    assert.equal(translate('en', 'portal.welcome', { name: '{name}$&' }), 'Welcome, {name}$&.');
  });
});
