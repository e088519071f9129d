import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isJurisdiction, JURISDICTIONS, supervisoryAuthority } from './jurisdictions.ts';

test('PRV-RIGHT-13: responses name the supervisory authority of the jurisdiction', () => {
  assert.equal(supervisoryAuthority('NL'), 'Autoriteit Persoonsgegevens');
  assert.equal(supervisoryAuthority('US-CA'), 'California Privacy Protection Agency');
  assert.equal(supervisoryAuthority('US-TX'), 'Texas Department of Insurance');
  assert.equal(supervisoryAuthority('US-NY'), 'New York State Department of Financial Services');
  assert.equal(supervisoryAuthority('FR'), 'Commission nationale de l’informatique et des libertés (CNIL)');
  assert.equal(supervisoryAuthority('IE'), 'Data Protection Commission (Ireland)');
});

test('PRV-RIGHT-13: every jurisdiction has an authority; unknown codes are not jurisdictions', () => {
  assert.equal(JURISDICTIONS.length, 27 + 51);
  for (const jurisdiction of JURISDICTIONS) assert.ok(supervisoryAuthority(jurisdiction).length > 3, jurisdiction);
  for (const bad of ['US', 'US-XX', 'GB', 'nl', '', 'US-ca']) assert.equal(isJurisdiction(bad), false, bad);
});
