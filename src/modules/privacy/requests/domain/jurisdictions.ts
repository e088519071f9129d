/**
 * Jurisdictions as data (PRV-RIGHT-11, PRV-RIGHT-13): which deadline rule applies and which supervisory
 * authority a person may complain to. 'NL', 'DE', … are EU member states (ISO 3166-1); 'US-CA', 'US-NY', …
 * US states (ISO 3166-2).
 */
import type { DeadlineRuleId } from './deadlines.ts';

/** The supervisory (data protection) authority of each EU member state (GDPR art. 51). */
const EU_AUTHORITIES = {
  AT: 'Österreichische Datenschutzbehörde',
  BE: 'Gegevensbeschermingsautoriteit / Autorité de protection des données',
  BG: 'Commission for Personal Data Protection (Bulgaria)',
  CY: 'Commissioner for Personal Data Protection (Cyprus)',
  CZ: 'Úřad pro ochranu osobních údajů',
  DE: 'the data protection authority of your German Land (Landesdatenschutzbehörde)',
  DK: 'Datatilsynet (Denmark)',
  EE: 'Andmekaitse Inspektsioon',
  ES: 'Agencia Española de Protección de Datos',
  FI: 'Office of the Data Protection Ombudsman (Tietosuojavaltuutetun toimisto)',
  FR: 'Commission nationale de l’informatique et des libertés (CNIL)',
  GR: 'Hellenic Data Protection Authority',
  HR: 'Agencija za zaštitu osobnih podataka',
  HU: 'Nemzeti Adatvédelmi és Információszabadság Hatóság (NAIH)',
  IE: 'Data Protection Commission (Ireland)',
  IT: 'Garante per la protezione dei dati personali',
  LT: 'Valstybinė duomenų apsaugos inspekcija',
  LU: 'Commission nationale pour la protection des données (Luxembourg)',
  LV: 'Datu valsts inspekcija',
  MT: 'Information and Data Protection Commissioner (Malta)',
  NL: 'Autoriteit Persoonsgegevens',
  PL: 'Prezes Urzędu Ochrony Danych Osobowych',
  PT: 'Comissão Nacional de Proteção de Dados',
  RO: 'Autoritatea Națională de Supraveghere a Prelucrării Datelor cu Caracter Personal',
  SE: 'Integritetsskyddsmyndigheten (IMY)',
  SI: 'Informacijski pooblaščenec',
  SK: 'Úrad na ochranu osobných údajov Slovenskej republiky',
} as const;

/** US states and DC; outside California a complaint goes to the state's insurance department. */
const US_STATES = {
  AL: 'Alabama',
  AK: 'Alaska',
  AZ: 'Arizona',
  AR: 'Arkansas',
  CA: 'California',
  CO: 'Colorado',
  CT: 'Connecticut',
  DE: 'Delaware',
  DC: 'District of Columbia',
  FL: 'Florida',
  GA: 'Georgia',
  HI: 'Hawaii',
  ID: 'Idaho',
  IL: 'Illinois',
  IN: 'Indiana',
  IA: 'Iowa',
  KS: 'Kansas',
  KY: 'Kentucky',
  LA: 'Louisiana',
  ME: 'Maine',
  MD: 'Maryland',
  MA: 'Massachusetts',
  MI: 'Michigan',
  MN: 'Minnesota',
  MS: 'Mississippi',
  MO: 'Missouri',
  MT: 'Montana',
  NE: 'Nebraska',
  NV: 'Nevada',
  NH: 'New Hampshire',
  NJ: 'New Jersey',
  NM: 'New Mexico',
  NY: 'New York',
  NC: 'North Carolina',
  ND: 'North Dakota',
  OH: 'Ohio',
  OK: 'Oklahoma',
  OR: 'Oregon',
  PA: 'Pennsylvania',
  RI: 'Rhode Island',
  SC: 'South Carolina',
  SD: 'South Dakota',
  TN: 'Tennessee',
  TX: 'Texas',
  UT: 'Utah',
  VT: 'Vermont',
  VA: 'Virginia',
  WA: 'Washington',
  WV: 'West Virginia',
  WI: 'Wisconsin',
  WY: 'Wyoming',
} as const;

/** Where a state's insurance regulator is not called "<State> Department of Insurance". */
const US_INSURANCE_REGULATORS: Partial<Record<keyof typeof US_STATES, string>> = {
  NY: 'New York State Department of Financial Services',
  CA: 'California Privacy Protection Agency',
};

export type EuCountry = keyof typeof EU_AUTHORITIES;
export type UsState = keyof typeof US_STATES;
export type Jurisdiction = EuCountry | `US-${UsState}`;

export const JURISDICTIONS: readonly Jurisdiction[] = [
  ...(Object.keys(EU_AUTHORITIES) as EuCountry[]),
  ...(Object.keys(US_STATES) as UsState[]).map((state) => `US-${state}` as const),
];

export function isJurisdiction(value: unknown): value is Jurisdiction {
  return typeof value === 'string' && (JURISDICTIONS as readonly string[]).includes(value);
}

type Parsed = { kind: 'us'; state: UsState } | { kind: 'eu'; country: EuCountry };

function parse(jurisdiction: Jurisdiction): Parsed {
  return jurisdiction.startsWith('US-') ? { kind: 'us', state: jurisdiction.slice(3) as UsState } : { kind: 'eu', country: jurisdiction as EuCountry };
}

/** PRV-RIGHT-11: US 45 days; the Netherlands 4 weeks (the Dutch notice); other EU one calendar month (GDPR art. 12(3)). */
export function deadlineRuleFor(jurisdiction: Jurisdiction): DeadlineRuleId {
  const parsed = parse(jurisdiction);
  switch (parsed.kind) {
    case 'us':
      return 'us_45_days';
    case 'eu':
      return parsed.country === 'NL' ? 'nl_4_weeks' : 'eu_one_month';
  }
}

/**
 * PRV-RIGHT-13: the supervisory authority named in every response. NL → Autoriteit Persoonsgegevens;
 * California → California Privacy Protection Agency; another US state → its insurance department;
 * another EU country → its data protection authority.
 */
export function supervisoryAuthority(jurisdiction: Jurisdiction): string {
  const parsed = parse(jurisdiction);
  switch (parsed.kind) {
    case 'us':
      return US_INSURANCE_REGULATORS[parsed.state] ?? `${US_STATES[parsed.state]} Department of Insurance`;
    case 'eu':
      return EU_AUTHORITIES[parsed.country];
  }
}

/** A readable name for forms and pages: 'Netherlands (NL)', 'California (US-CA)'. */
export function jurisdictionLabel(locale: 'en' | 'nl', jurisdiction: Jurisdiction): string {
  const parsed = parse(jurisdiction);
  switch (parsed.kind) {
    case 'us':
      return `${US_STATES[parsed.state]} (${locale === 'nl' ? 'VS' : 'US'})`;
    case 'eu':
      return new Intl.DisplayNames([locale], { type: 'region' }).of(parsed.country) ?? parsed.country;
  }
}
