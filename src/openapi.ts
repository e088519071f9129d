import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestBezel } from './testing/test-bezel.ts';

/**
 * The OpenAPI document is generated from the route schemas and committed as openapi.json, so API
 * changes show up in review. `npm run openapi` rewrites it; openapi.test.ts fails when it is stale.
 */
export const OPENAPI_FILE = join(dirname(fileURLToPath(import.meta.url)), '..', 'openapi.json');

export async function generateOpenApi(): Promise<string> {
  const bezel = await createTestBezel();
  try {
    await bezel.app.ready();
    return `${JSON.stringify(bezel.app.swagger(), null, 2)}\n`;
  } finally {
    await bezel.close();
  }
}

export function readCommittedOpenApi(): string {
  return readFileSync(OPENAPI_FILE, 'utf8');
}

export function writeOpenApi(document: string): void {
  writeFileSync(OPENAPI_FILE, document);
}
