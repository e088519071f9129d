import { PASSWORD_MIN_LENGTH } from '../../../../platform/auth/passwords.ts';
import type { Locale } from '../../../../platform/db/schema.ts';
import { translate } from '../../../../platform/i18n/index.ts';
import { Field, RadioGroup } from '../../../../platform/ui/components.tsx';
import { errorFor, type FormError } from './forms.ts';
import { translator } from './page-support.tsx';

/** Form fields that several accounts forms ask for in the same way, so they read and behave alike. */

/** The two languages as radio options, each name written in its own language. */
function languageOptions(): { value: Locale; label: string; lang: Locale }[] {
  return [
    { value: 'en', label: translate('en', 'language.name.en'), lang: 'en' },
    { value: 'nl', label: translate('nl', 'language.name.nl'), lang: 'nl' },
  ];
}

/** The language for screens and emails (field `locale`): on registration, the profile and a new staff user. */
export function LanguageChoice({ locale, selected, errors }: { locale: Locale; selected: string; errors: readonly FormError[] }) {
  const t = translator(locale);
  return (
    <RadioGroup
      locale={locale}
      name="locale"
      legend={t('account.language.legend')}
      options={languageOptions()}
      selected={[selected]}
      error={errorFor(errors, 'locale')}
    />
  );
}

/**
 * A new password typed twice (fields `password` and `passwordConfirm`), on registration and the reset
 * page: the same rules hint, and autocomplete="new-password" so password managers offer a new one.
 * Never filled in again (see Field).
 */
export function NewPasswordFields({
  locale,
  errors,
  label,
  confirmLabel,
}: {
  locale: Locale;
  errors: readonly FormError[];
  label: string;
  confirmLabel: string;
}) {
  const t = translator(locale);
  return (
    <>
      <Field
        locale={locale}
        name="password"
        type="password"
        label={label}
        hint={t('register.password_hint', { min: PASSWORD_MIN_LENGTH })}
        autocomplete="new-password"
        error={errorFor(errors, 'password')}
      />
      <Field
        locale={locale}
        name="passwordConfirm"
        type="password"
        label={confirmLabel}
        autocomplete="new-password"
        error={errorFor(errors, 'passwordConfirm')}
      />
    </>
  );
}
