import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../../platform/auth/passwords.ts';

/**
 * NIST SP 800-63B §5.1.1.2: a minimum length, a generous maximum, no composition rules, and no
 * passwords that are known to be common or that contain the account's own email name.
 */
const COMMON = new Set([
  'password1234',
  '123456789012',
  'qwertyuiopas',
  'passwordpassword',
  'iloveyou1234',
  'welcome12345',
  'letmein12345',
  'bezelbezelbezel',
  'changeme1234',
  'administrator',
]);

export type PasswordProblem = 'too_short' | 'too_long' | 'too_common' | 'contains_email';

export function checkPassword(password: string, email: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (length > PASSWORD_MAX_LENGTH) return 'too_long';
  const lowered = password.toLowerCase();
  if (COMMON.has(lowered) || new Set(lowered).size <= 2) return 'too_common';
  const localPart = email.split('@')[0] ?? '';
  if (localPart.length >= 4 && lowered.includes(localPart)) return 'contains_email';
  return null;
}
