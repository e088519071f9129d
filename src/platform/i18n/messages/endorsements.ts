/** Endorsements (JPF-COND-9) and the policy as of a date. */
const en = {
  'policies.endorsement.postmark_in_future': 'A postmark cannot be later than today ({today}).',
  'policies.endorsement.postmark_only_by_staff': 'Only staff enter a mailed request with its postmark date.',
  'policies.endorsement.postmark_before_issue': 'The policy was issued on {issuedOn}; a request mailed before then cannot change it.',
  'policies.endorsement.effective_after_period': 'The policy period ended on {lastDay}; a change can no longer take effect.',
  'policies.endorsement.duplicate_item_change': 'Each item or insured can be changed only once in one request.',
  'policies.endorsement.duplicate_item': 'This item is already on the schedule as item {itemNo}.',
  'policies.endorsement.appraisal_in_future': 'The appraisal date cannot be later than today ({today}).',
  'policies.endorsement.item_not_on_schedule': 'This item is not on the schedule on {date}.',
  'policies.endorsement.nothing_changed': 'Say what to add, change or remove.',
  'policies.endorsement.named_insured_unknown': '{name} is not a named insured of this policy.',
  'policies.endorsement.last_named_insured': '{name} is the last named insured; a policy needs at least one.',
  'policies.endorsement.conflicts_with_later_transaction':
    'This change contradicts a change already recorded with effect from {date}. Reverse that change first.',
  'policies.endorsement.needs_underwriting': 'This change needs an underwriter’s approval. Please contact us or your agent.',
  'policies.endorsement.request_not_pending': 'This request is {status}; it cannot be signed any more.',
  'policies.as_of.date_invalid': 'Give the date as YYYY-MM-DD.',
};

const nl: Record<keyof typeof en, string> = {
  'policies.endorsement.postmark_in_future': 'Een poststempel kan niet later zijn dan vandaag ({today}).',
  'policies.endorsement.postmark_only_by_staff': 'Alleen medewerkers voeren een per post ontvangen verzoek in met de datum van het poststempel.',
  'policies.endorsement.postmark_before_issue': 'De polis is op {issuedOn} afgegeven; een verzoek dat daarvoor is gepost, kan hem niet wijzigen.',
  'policies.endorsement.effective_after_period': 'De verzekeringsperiode is op {lastDay} geëindigd; een wijziging kan niet meer ingaan.',
  'policies.endorsement.duplicate_item_change': 'Elk voorwerp of elke verzekerde kan in één verzoek maar één keer worden gewijzigd.',
  'policies.endorsement.duplicate_item': 'Dit voorwerp staat al op de lijst als voorwerp {itemNo}.',
  'policies.endorsement.appraisal_in_future': 'De taxatiedatum kan niet later zijn dan vandaag ({today}).',
  'policies.endorsement.item_not_on_schedule': 'Dit voorwerp staat op {date} niet op de lijst.',
  'policies.endorsement.nothing_changed': 'Geef aan wat u wilt toevoegen, wijzigen of verwijderen.',
  'policies.endorsement.named_insured_unknown': '{name} is geen verzekeringnemer van deze polis.',
  'policies.endorsement.last_named_insured': '{name} is de laatste verzekeringnemer; een polis heeft er minstens één nodig.',
  'policies.endorsement.conflicts_with_later_transaction':
    'Deze wijziging is in strijd met een al vastgelegde wijziging die ingaat op {date}. Draai die wijziging eerst terug.',
  'policies.endorsement.needs_underwriting': 'Voor deze wijziging is goedkeuring van een acceptant nodig. Neem contact op met ons of uw tussenpersoon.',
  'policies.endorsement.request_not_pending': 'Dit verzoek is {status}; het kan niet meer worden ondertekend.',
  'policies.as_of.date_invalid': 'Geef de datum als JJJJ-MM-DD.',
};

export const endorsementMessages = { en, nl };
