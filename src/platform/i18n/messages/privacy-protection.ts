/** Privacy protection (issue #5): field encryption (PRV-SEC-1), call recordings (PRV-REC-1), children (PRV-CHILD-1). */
const en = {
  'privacy.protection.guardian_consent_required':
    'A named insured under 18 needs the consent of a parent or guardian before we can use their data. Nothing was recorded; add the guardian’s consent and send the application again.',
  'privacy.protection.intake_invalid': 'A date of birth in the application is not right. Nothing was recorded.',
  'privacy.protection.birth_date_invalid': '"{value}" is not a date of birth like 1990-04-30.',
  'privacy.protection.birth_date_in_future': 'The date of birth {value} is in the future.',
  'privacy.protection.birth_date_not_named_insured': '"{value}" is not one of the named insureds.',
  'privacy.protection.birth_date_duplicate': 'The date of birth of "{value}" is given twice.',
  'privacy.protection.guardian_consent_required.field': 'Add the consent of a parent or guardian of {value}.',
  'privacy.protection.guardian_consent_invalid':
    'The consent for {value} must name a parent or guardian other than the child and must already have been given.',
  'privacy.protection.recording_invalid': 'The recording must be base64-encoded audio of at most 5 MB.',
  'privacy.protection.recorded_in_future': 'A call cannot be recorded in the future.',
  'privacy.protection.recording_past_retention': 'This call was recorded more than 180 days ago: recordings are kept at most 180 days, so it is not taken in.',
  'privacy.protection.user_not_found': 'There is no user with this id.',
} as const;

const nl: Record<keyof typeof en, string> = {
  'privacy.protection.guardian_consent_required':
    'Voor een verzekeringnemer onder de 18 is toestemming van een ouder of voogd nodig voordat wij diens gegevens gebruiken. Er is niets vastgelegd; voeg de toestemming van de voogd toe en verstuur de aanvraag opnieuw.',
  'privacy.protection.intake_invalid': 'Een geboortedatum in de aanvraag klopt niet. Er is niets vastgelegd.',
  'privacy.protection.birth_date_invalid': '"{value}" is geen geboortedatum zoals 1990-04-30.',
  'privacy.protection.birth_date_in_future': 'De geboortedatum {value} ligt in de toekomst.',
  'privacy.protection.birth_date_not_named_insured': '"{value}" is niet een van de verzekeringnemers.',
  'privacy.protection.birth_date_duplicate': 'De geboortedatum van "{value}" is twee keer opgegeven.',
  'privacy.protection.guardian_consent_required.field': 'Voeg de toestemming van een ouder of voogd van {value} toe.',
  'privacy.protection.guardian_consent_invalid':
    'De toestemming voor {value} moet een ouder of voogd noemen die niet het kind zelf is, en moet al gegeven zijn.',
  'privacy.protection.recording_invalid': 'De opname moet base64-gecodeerde audio van hoogstens 5 MB zijn.',
  'privacy.protection.recorded_in_future': 'Een gesprek kan niet in de toekomst zijn opgenomen.',
  'privacy.protection.recording_past_retention':
    'Dit gesprek is meer dan 180 dagen geleden opgenomen: opnamen bewaren we hoogstens 180 dagen, dus het wordt niet opgenomen.',
  'privacy.protection.user_not_found': 'Er is geen gebruiker met dit id.',
} as const;

export const privacyProtectionMessages = { en, nl };
