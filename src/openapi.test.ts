import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateOpenApi, readCommittedOpenApi } from './openapi.ts';

test('the committed openapi.json matches the routes (run `npm run openapi` after changing the API)', async () => {
  const generated = await generateOpenApi();
  assert.equal(JSON.parse(generated).openapi, '3.1.0');
  assert.equal(readCommittedOpenApi(), generated);
});
