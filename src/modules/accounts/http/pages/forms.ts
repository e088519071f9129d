import { z } from 'zod';
import { PASSWORD_MAX_LENGTH } from '../../../../platform/auth/passwords.ts';
import { says } from '../../../../platform/ui/forms.ts';
import { isPlausibleEmail, normaliseEmail } from '../../domain/email-address.ts';

/**
 * The accounts forms' own fields, with the accounts' messages. Parsing, showing errors and running
 * use cases are shared by every module's pages (platform/ui/forms.ts), re-exported here so the
 * accounts pages import their form helpers from one place.
 */
export {
  attempt,
  checkboxes,
  EMPTY_FORM,
  errorFor,
  type Failure,
  type FormError,
  type FormState,
  type FormValues,
  failureOf,
  formValues,
  type Parsed,
  parseForm,
  postedList,
  says,
  submitForm,
} from '../../../../platform/ui/forms.ts';

export const requiredText = (max: number) =>
  z.string(says('accounts.problem.required')).trim().min(1, says('accounts.problem.required')).max(max, says('accounts.problem.too_long'));

export const emailField = requiredText(254).refine((value) => isPlausibleEmail(normaliseEmail(value)), says('accounts.problem.invalid_email'));

/** Any non-empty text, untrimmed: the password at login and the repeated password. */
export const filledIn = z.string(says('accounts.problem.required')).min(1, says('accounts.problem.required'));

export const passwordField = z
  .string(says('accounts.problem.required'))
  .min(1, says('accounts.problem.required'))
  .max(PASSWORD_MAX_LENGTH, says('accounts.problem.password_too_long'));

export const localeField = z.enum(['en', 'nl'], says('error.field.invalid_value'));

/**
 * For forms where a new password is typed twice: the repeat must match. `when` has zod check it even
 * while other fields fail, so the person sees every message at once rather than one round at a time.
 */
export function requireMatchingPasswords<S extends z.ZodType<{ password: string; passwordConfirm: string }>>(schema: S): S {
  return schema.refine((form) => form.password === form.passwordConfirm, {
    path: ['passwordConfirm'],
    ...says('accounts.problem.passwords_differ'),
    when: () => true,
  });
}
