/**
 * Mail texts, one set of keys per template (src/platform/mail/templates.ts):
 * subject, intro, action (the link's label), outro. {name} is the recipient's name, {sender} the
 * display name from MAIL_FROM. Values are plain text; the HTML part escapes them.
 */
const en = {
  'mail.greeting': 'Hello {name},',
  'mail.link_hint': 'If the link does not open, copy this address into your browser:',
  'mail.signature': 'Kind regards,\n{sender}',
  'mail.confirm_email.subject': 'Confirm your email address',
  'mail.confirm_email.intro': 'Please confirm your email address by opening the link below.',
  'mail.confirm_email.action': 'Confirm my email address',
  'mail.confirm_email.outro': 'If you did not create an account, you can ignore this message.',
  'mail.reset_password.subject': 'Reset your password',
  'mail.reset_password.intro': 'We received a request to reset your password. Open the link below to choose a new one.',
  'mail.reset_password.action': 'Choose a new password',
  'mail.reset_password.outro': 'If you did not ask for this, you can ignore this message; your password stays the same.',
  'mail.staff_welcome.subject': 'Your account is ready',
  'mail.staff_welcome.intro': 'An account has been created for you. Open the link below to set your password and log in.',
  'mail.staff_welcome.action': 'Set my password',
  'mail.staff_welcome.outro': 'The link works once. If it has expired, ask an administrator for a new one.',
  'mail.registration_attempt.subject': 'Someone tried to register with your email address',
  'mail.registration_attempt.intro':
    'Someone tried to create a new account with this email address, but you already have one. If that was you, log in with the link below; if you forgot your password, you can choose a new one from the login page.',
  'mail.registration_attempt.action': 'Log in',
  'mail.registration_attempt.outro': 'If it was not you, you can ignore this message; nothing has changed in your account.',
  'mail.cancellation_notice.subject': 'Notice of cancellation of your jewelry policy',
  'mail.cancellation_notice.intro':
    'To: {name}\n{address}\n\nPolicy {policyNumber}: we are cancelling this policy. Cover ends at 00:01 local time on {effectiveDate}. The unearned premium to be refunded is {refund}.',
  'mail.cancellation_notice.action': 'View my policy',
  'mail.cancellation_notice.outro':
    'This is our written notice of cancellation under the policy conditions. If you have questions, please contact us or your agent.',
} as const;

const nl: Record<keyof typeof en, string> = {
  'mail.greeting': 'Beste {name},',
  'mail.link_hint': 'Werkt de link niet? Kopieer dan dit adres in uw browser:',
  'mail.signature': 'Met vriendelijke groet,\n{sender}',
  'mail.confirm_email.subject': 'Bevestig uw e-mailadres',
  'mail.confirm_email.intro': 'Bevestig uw e-mailadres via de link hieronder.',
  'mail.confirm_email.action': 'Mijn e-mailadres bevestigen',
  'mail.confirm_email.outro': 'Hebt u geen account aangemaakt? Dan kunt u dit bericht negeren.',
  'mail.reset_password.subject': 'Stel uw wachtwoord opnieuw in',
  'mail.reset_password.intro': 'We hebben een verzoek ontvangen om uw wachtwoord opnieuw in te stellen. Via de link hieronder kiest u een nieuw wachtwoord.',
  'mail.reset_password.action': 'Nieuw wachtwoord kiezen',
  'mail.reset_password.outro': 'Hebt u hier niet om gevraagd? Dan kunt u dit bericht negeren; uw wachtwoord blijft ongewijzigd.',
  'mail.staff_welcome.subject': 'Uw account staat klaar',
  'mail.staff_welcome.intro': 'Er is een account voor u aangemaakt. Via de link hieronder stelt u uw wachtwoord in en logt u in.',
  'mail.staff_welcome.action': 'Mijn wachtwoord instellen',
  'mail.staff_welcome.outro': 'De link werkt één keer. Is hij verlopen? Vraag dan een beheerder om een nieuwe.',
  'mail.registration_attempt.subject': 'Iemand probeerde zich te registreren met uw e-mailadres',
  'mail.registration_attempt.intro':
    'Iemand probeerde een nieuw account aan te maken met dit e-mailadres, maar u hebt al een account. Was u dat? Log dan in via de link hieronder; bent u uw wachtwoord vergeten, dan kunt u op de inlogpagina een nieuw wachtwoord kiezen.',
  'mail.registration_attempt.action': 'Inloggen',
  'mail.registration_attempt.outro': 'Was u het niet? Dan kunt u dit bericht negeren; er is niets aan uw account veranderd.',
  'mail.cancellation_notice.subject': 'Opzegging van uw sieradenverzekering',
  'mail.cancellation_notice.intro':
    'Aan: {name}\n{address}\n\nPolis {policyNumber}: wij zeggen deze polis op. De dekking eindigt om 00:01 plaatselijke tijd op {effectiveDate}. De niet-verdiende premie die wij terugbetalen is {refund}.',
  'mail.cancellation_notice.action': 'Mijn polis bekijken',
  'mail.cancellation_notice.outro':
    'Dit is onze schriftelijke opzegging volgens de polisvoorwaarden. Hebt u vragen? Neem dan contact op met ons of met uw agent.',
};

export const mailMessages = { en, nl };
