/** Claims (issue #4): the words every claims screen shares — token scopes, claim statuses, loss kinds. */
const en = {
  'scope.claims:report': 'Report losses (first notice of loss)',
  'scope.claims:read_all': 'Read every claim',
  'scope.claims:handle': 'Handle claims: coverage decisions, diary, proof of loss, settlement, recovery, appraisal',
  'scope.claims:pay': 'Pay claims within your payment authority',
  'scope.claims:manage_authority': 'Set adjusters’ payment authority',
  'claims.status.reported': 'Reported',
  'claims.status.needs_information': 'Information needed',
  'claims.status.covered': 'Covered',
  'claims.status.denied': 'Not covered',
  'claims.status.settled': 'Settled',
  'claims.status.closed': 'Closed',
  'claims.status.withdrawn': 'Withdrawn',
  'claims.loss_kind.damage': 'Damage',
  'claims.loss_kind.loss': 'Loss',
  'claims.loss_kind.theft': 'Theft',
  'claims.loss_kind.disappearance': 'Disappearance',
  'claims.not_found': 'No such claim was found.',
};

const nl: Record<keyof typeof en, string> = {
  'scope.claims:report': 'Schades melden (eerste melding)',
  'scope.claims:read_all': 'Alle schadeclaims inzien',
  'scope.claims:handle': 'Schadeclaims behandelen: dekkingsbesluiten, agenda, schadeopgave, afwikkeling, verhaal, expertise',
  'scope.claims:pay': 'Schades uitbetalen binnen uw betalingsbevoegdheid',
  'scope.claims:manage_authority': 'De betalingsbevoegdheid van schadebehandelaars instellen',
  'claims.status.reported': 'Gemeld',
  'claims.status.needs_information': 'Informatie nodig',
  'claims.status.covered': 'Gedekt',
  'claims.status.denied': 'Niet gedekt',
  'claims.status.settled': 'Afgewikkeld',
  'claims.status.closed': 'Gesloten',
  'claims.status.withdrawn': 'Ingetrokken',
  'claims.loss_kind.damage': 'Schade',
  'claims.loss_kind.loss': 'Verlies',
  'claims.loss_kind.theft': 'Diefstal',
  'claims.loss_kind.disappearance': 'Vermissing',
  'claims.not_found': 'Deze schadeclaim is niet gevonden.',
};

export const claimMessages = { en, nl };
