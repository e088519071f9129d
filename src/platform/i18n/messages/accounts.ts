/** Outcomes of the accounts module's use cases, shown in the API's problem `detail` and on forms. */
const en = {
  'accounts.invalid_credentials': 'The email address or password is not right.',
  'accounts.email_not_confirmed': 'Please confirm your email address first. We have sent you a new link.',
  'accounts.account_disabled': 'This account is disabled. Please contact us.',
  'accounts.link_invalid': 'This link has expired or has already been used. You can ask for a new one.',
  'accounts.email_taken': 'There is already a user with this email address.',
  'accounts.last_admin': 'You cannot remove the last active administrator.',
  'accounts.scope_not_allowed': 'A token cannot have more rights than you have: {scopes}.',
  'accounts.token_already_revoked': 'This token was already revoked.',
  'accounts.problem.invalid_email': 'Enter an email address like name@example.com.',
  'accounts.problem.required': 'This field is required.',
  'accounts.problem.too_long': 'This is too long.',
  'accounts.problem.password_too_short': 'Use at least 12 characters.',
  'accounts.problem.password_too_long': 'Use at most 200 characters.',
  'accounts.problem.password_too_common': 'This password is too easy to guess.',
  'accounts.problem.password_contains_email': 'The password must not contain your email name.',
  'accounts.problem.passwords_differ': 'The two passwords are not the same.',
} as const;

const nl: Record<keyof typeof en, string> = {
  'accounts.invalid_credentials': 'Het e-mailadres of wachtwoord klopt niet.',
  'accounts.email_not_confirmed': 'Bevestig eerst uw e-mailadres. We hebben u een nieuwe link gestuurd.',
  'accounts.account_disabled': 'Dit account is uitgeschakeld. Neem contact met ons op.',
  'accounts.link_invalid': 'Deze link is verlopen of al gebruikt. U kunt een nieuwe aanvragen.',
  'accounts.email_taken': 'Er is al een gebruiker met dit e-mailadres.',
  'accounts.last_admin': 'U kunt de laatste actieve beheerder niet verwijderen.',
  'accounts.scope_not_allowed': 'Een token kan niet meer rechten hebben dan u zelf: {scopes}.',
  'accounts.token_already_revoked': 'Dit token was al ingetrokken.',
  'accounts.problem.invalid_email': 'Vul een e-mailadres in zoals naam@voorbeeld.nl.',
  'accounts.problem.required': 'Dit veld is verplicht.',
  'accounts.problem.too_long': 'Dit is te lang.',
  'accounts.problem.password_too_short': 'Gebruik minstens 12 tekens.',
  'accounts.problem.password_too_long': 'Gebruik hoogstens 200 tekens.',
  'accounts.problem.password_too_common': 'Dit wachtwoord is te makkelijk te raden.',
  'accounts.problem.password_contains_email': 'Het wachtwoord mag uw e-mailnaam niet bevatten.',
  'accounts.problem.passwords_differ': 'De twee wachtwoorden zijn niet gelijk.',
};

export const accountMessages = { en, nl };
