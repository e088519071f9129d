import { type FieldProblem, problems } from '../../../platform/http/problem.ts';
import { isPlausibleEmail } from './email-address.ts';
import { checkPassword } from './password-policy.ts';

/**
 * Checks what a person typed for an account; collects every problem at once so a form can show
 * them all. Codes are stable; the UI translates them (accounts.problem.<code>).
 */
export function accountInputProblems(input: { email?: string; password?: string; displayName?: string }) {
  const found: FieldProblem[] = [];
  if (input.email !== undefined && !isPlausibleEmail(input.email))
    found.push({ field: 'email', code: 'invalid_email', messageKey: 'accounts.problem.invalid_email' });
  if (input.displayName !== undefined) {
    const name = input.displayName.trim();
    if (name.length < 1) found.push({ field: 'displayName', code: 'required', messageKey: 'accounts.problem.required' });
    else if (name.length > 120) found.push({ field: 'displayName', code: 'too_long', messageKey: 'accounts.problem.too_long' });
  }
  if (input.password !== undefined) {
    const problem = checkPassword(input.password, input.email ?? '');
    if (problem) found.push({ field: 'password', code: `password_${problem}`, messageKey: `accounts.problem.password_${problem}` });
  }
  return {
    problems: found,
    throwIfAny() {
      if (found.length > 0) throw problems.validation(found);
    },
  };
}
