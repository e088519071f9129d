import { argon2, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * argon2id from node:crypto (Node ≥ 24.7), so no native addon is built (DESIGN §3).
 * Stored in the PHC string format with its parameters, so the cost can be raised later and old
 * hashes still verify. 'standard' follows OWASP's minimum for argon2id (19 MiB, 2 passes, 1 lane);
 * 'low' exists only to keep the test suite fast and is refused in production by config.ts.
 */
export type PasswordHashCost = 'standard' | 'low';

const COSTS: Record<PasswordHashCost, { memory: number; passes: number; parallelism: number }> = {
  standard: { memory: 19_456, passes: 2, parallelism: 1 },
  low: { memory: 1_024, passes: 1, parallelism: 1 },
};

const TAG_LENGTH = 32;
const PHC = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

function derive(password: string, nonce: Buffer, memory: number, passes: number, parallelism: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    argon2('argon2id', { message: password, nonce, memory, passes, parallelism, tagLength: TAG_LENGTH }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

const b64 = (buffer: Buffer) => buffer.toString('base64').replace(/=+$/, '');

export async function hashPassword(password: string, cost: PasswordHashCost = 'standard'): Promise<string> {
  const { memory, passes, parallelism } = COSTS[cost];
  const nonce = randomBytes(16);
  const tag = await derive(password, nonce, memory, passes, parallelism);
  return `$argon2id$v=19$m=${memory},t=${passes},p=${parallelism}$${b64(nonce)}$${b64(tag)}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = PHC.exec(stored);
  if (!match) return false;
  const [, memory, passes, parallelism, nonce, expected] = match;
  const expectedTag = Buffer.from(expected as string, 'base64');
  const tag = await derive(password, Buffer.from(nonce as string, 'base64'), Number(memory), Number(passes), Number(parallelism));
  return tag.length === expectedTag.length && timingSafeEqual(tag, expectedTag);
}

/**
 * Spends the same time as a real check when there is no such user, so the response time does not
 * reveal whether an email is registered (issue #2, point 3).
 */
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string, cost: PasswordHashCost): Promise<false> {
  dummyHash ??= hashPassword('not-a-real-password', cost);
  await verifyPassword(password, await dummyHash);
  return false;
}

/** NIST SP 800-63B: at least 12 characters here, at most 200, no other composition rules. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;
