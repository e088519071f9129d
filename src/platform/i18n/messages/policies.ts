/** Outcomes of the policies module: application problems, underwriting decisions, binding. */
const en = {
  'policies.application_invalid': 'The application cannot be quoted as sent. See the errors for each field.',
  'policies.application.no_named_insured': 'Name at least one named insured.',
  'policies.application.duplicate_named_insured': '"{value}" is named twice.',
  'policies.application.possessor_required': 'Give the name of the person who has this gift or engagement ring.',
  'policies.application.possessor_not_named_insured': '{value} has this gift or engagement ring, so must be a named insured (policy condition 8).',
  'policies.application.duplicate_item': 'This item is already on the application as item {value}.',
  'policies.application.appraisal_in_future': 'The appraisal date {value} is after today.',
  'policies.application.set_needs_two_items': 'The set "{value}" has only one item; a pair or set groups two or more.',
  'policies.application.time_zone_invalid': '"{value}" is not a named time zone like America/New_York.',
  'policies.client_required': 'An agent applies for a client: give the client’s user id.',
  'policies.client_not_found': 'No customer with this user id was found.',
  'policies.not_referred': 'Only a referred application can be decided; this one is {status}.',
  'policies.not_approved': 'Only an approved application can be bound; this one is {status}.',
  'policies.already_bound': 'This application is already bound to policy {policyNumber}.',
  'policies.inception_in_past': 'The policy cannot start before today ({today}) in the insured’s time zone.',
  'policies.inception_too_far_ahead': 'The policy can start at the latest on {latest}, 90 days from today.',
  'scope.policies:apply': 'Apply for policies and bind them (own, or for clients)',
  'scope.policies:read_all': 'Read every application and policy',
  'scope.policies:underwrite': 'Approve or decline referred applications',
} as const;

const nl: Record<keyof typeof en, string> = {
  'policies.application_invalid': 'Voor deze aanvraag kan zo geen offerte worden gemaakt. Zie de fouten per veld.',
  'policies.application.no_named_insured': 'Noem ten minste één verzekeringnemer.',
  'policies.application.duplicate_named_insured': '"{value}" staat er twee keer in.',
  'policies.application.possessor_required': 'Geef de naam van wie dit geschenk of deze verlovingsring in bezit heeft.',
  'policies.application.possessor_not_named_insured':
    '{value} heeft dit geschenk of deze verlovingsring in bezit en moet dus als verzekeringnemer worden genoemd (polisvoorwaarde 8).',
  'policies.application.duplicate_item': 'Dit voorwerp staat al op de aanvraag als nummer {value}.',
  'policies.application.appraisal_in_future': 'De taxatiedatum {value} ligt na vandaag.',
  'policies.application.set_needs_two_items': 'De set "{value}" heeft maar één voorwerp; een paar of set bestaat uit twee of meer.',
  'policies.application.time_zone_invalid': '"{value}" is geen tijdzone met een naam, zoals America/New_York.',
  'policies.client_required': 'Een agent vraagt aan voor een klant: geef het gebruikers-id van de klant.',
  'policies.client_not_found': 'Er is geen klant met dit gebruikers-id gevonden.',
  'policies.not_referred': 'Alleen over een voorgelegde aanvraag kan worden beslist; deze is {status}.',
  'policies.not_approved': 'Alleen een goedgekeurde aanvraag kan worden omgezet in een polis; deze is {status}.',
  'policies.already_bound': 'Deze aanvraag is al omgezet in polis {policyNumber}.',
  'policies.inception_in_past': 'De polis kan niet ingaan vóór vandaag ({today}) in de tijdzone van de verzekerde.',
  'policies.inception_too_far_ahead': 'De polis kan uiterlijk op {latest} ingaan, 90 dagen na vandaag.',
  'scope.policies:apply': 'Polissen aanvragen en afsluiten (eigen, of voor klanten)',
  'scope.policies:read_all': 'Alle aanvragen en polissen lezen',
  'scope.policies:underwrite': 'Voorgelegde aanvragen goedkeuren of afwijzen',
};

export const policyMessages = { en, nl };
