/** Publishing product versions, and which version governs a policy (issue #3; JPF-COND-3 liberalization). */
const en = {
  'product_versions.invalid': 'The product version was not published because of {count} problem(s). Nothing was saved; see the errors for each field.',
  'product_versions.definition_field': 'The definition is not valid at "{path}": {detail}',
  'product_versions.adopted_on_required': 'A revision that broadens coverage needs the date the insurer adopted it (liberalization, JPF-COND-3).',
  'product_versions.adopted_on_in_future': 'The adoption date cannot be after today ({today}).',
  'product_versions.effective_date_in_past': 'A product version cannot take effect before today ({today}): quotes already given would change.',
  'product_versions.effective_date_not_after_latest': 'Version {version} takes effect on {date}; a new version must take effect after that day.',
  'product_versions.rate_missing':
    'Rate table {table} version {tableVersion} (in force from {date}) has no rate for "{key}", which this version needs. Upload and activate a table with it first.',
  'product_versions.rate_table_missing': 'No version of rate table {table} is in force on {date}. Upload and activate one first.',
  'product_versions.page.title': 'Publish a new version of {name}',
  'product_versions.page.lead':
    'The new version is active from its effective date for new quotes and renewals. Policies keep the version they were sold under, unless the revision broadens coverage: then it applies to them without extra premium (liberalization, JPF-COND-3).',
  'product_versions.page.back': 'Back to the products',
  'product_versions.page.link': 'Publish a new version of {name}',
  'product_versions.page.form': 'The new version',
  'product_versions.page.definition': 'Definition (JSON)',
  'product_versions.page.definition_hint': 'Prefilled with version {version}, in force today. Change what the new version changes.',
  'product_versions.page.effective_from': 'Effective from',
  'product_versions.page.effective_hint': 'The first day new quotes use this version: today ({today}) or later, and after the latest version’s date.',
  'product_versions.page.broadening_legend': 'Liberalization',
  'product_versions.page.broadening_label': 'This revision broadens coverage without extra premium',
  'product_versions.page.broadening_hint': 'It then applies to every policy whose period includes the adoption date or begins within six months after it.',
  'product_versions.page.adopted_on': 'Adopted on',
  'product_versions.page.adopted_on_hint': 'The day the insurer adopted the revision: today ({today}) or earlier. Needed when it broadens coverage.',
  'product_versions.page.submit': 'Publish the version',
  'product_versions.page.flash': 'Version {version} is published, in force from {date}.',
  'product_versions.page.problem.date': 'Enter a date like 2027-01-15.',
  'product_versions.page.problem.json': 'The definition is not valid JSON: {detail}',
  'product_versions.page.problem.too_long': 'The definition can be at most {limit} characters.',
  'product_versions.terms.term': 'Product terms',
  'product_versions.terms.sold': 'version {version} (as sold)',
  'product_versions.terms.liberalization': 'version {version} (liberalization, adopted {date})',
} as const;

const nl: Record<keyof typeof en, string> = {
  'product_versions.invalid': 'De productversie is niet gepubliceerd vanwege {count} probleem/problemen. Er is niets opgeslagen; zie de fouten per veld.',
  'product_versions.definition_field': 'De definitie is niet geldig bij "{path}": {detail}',
  'product_versions.adopted_on_required':
    'Een herziening die de dekking verruimt heeft de datum nodig waarop de verzekeraar haar heeft aangenomen (liberalisatie, JPF-COND-3).',
  'product_versions.adopted_on_in_future': 'De datum van aanname kan niet na vandaag ({today}) liggen.',
  'product_versions.effective_date_in_past': 'Een productversie kan niet ingaan vóór vandaag ({today}): al gegeven offertes zouden veranderen.',
  'product_versions.effective_date_not_after_latest': 'Versie {version} gaat in op {date}; een nieuwe versie moet na die dag ingaan.',
  'product_versions.rate_missing':
    'Tarieftabel {table} versie {tableVersion} (geldig vanaf {date}) heeft geen tarief voor "{key}", dat deze versie nodig heeft. Laad eerst een tabel met dat tarief en activeer die.',
  'product_versions.rate_table_missing': 'Op {date} geldt geen versie van tarieftabel {table}. Laad er eerst een en activeer die.',
  'product_versions.page.title': 'Nieuwe versie van {name} publiceren',
  'product_versions.page.lead':
    'De nieuwe versie geldt vanaf haar ingangsdatum voor nieuwe offertes en verlengingen. Polissen houden de versie waaronder ze zijn verkocht, tenzij de herziening de dekking verruimt: dan geldt zij ook voor hen, zonder extra premie (liberalisatie, JPF-COND-3).',
  'product_versions.page.back': 'Terug naar de producten',
  'product_versions.page.link': 'Nieuwe versie van {name} publiceren',
  'product_versions.page.form': 'De nieuwe versie',
  'product_versions.page.definition': 'Definitie (JSON)',
  'product_versions.page.definition_hint': 'Vooraf ingevuld met versie {version}, die vandaag geldt. Wijzig wat de nieuwe versie wijzigt.',
  'product_versions.page.effective_from': 'Ingangsdatum',
  'product_versions.page.effective_hint':
    'De eerste dag waarop nieuwe offertes deze versie gebruiken: vandaag ({today}) of later, en na de datum van de laatste versie.',
  'product_versions.page.broadening_legend': 'Liberalisatie',
  'product_versions.page.broadening_label': 'Deze herziening verruimt de dekking zonder extra premie',
  'product_versions.page.broadening_hint': 'Zij geldt dan voor elke polis waarvan de looptijd de datum van aanname omvat of binnen zes maanden daarna begint.',
  'product_versions.page.adopted_on': 'Aangenomen op',
  'product_versions.page.adopted_on_hint':
    'De dag waarop de verzekeraar de herziening heeft aangenomen: vandaag ({today}) of eerder. Nodig als zij de dekking verruimt.',
  'product_versions.page.submit': 'Versie publiceren',
  'product_versions.page.flash': 'Versie {version} is gepubliceerd en geldt vanaf {date}.',
  'product_versions.page.problem.date': 'Vul een datum in zoals 2027-01-15.',
  'product_versions.page.problem.json': 'De definitie is geen geldige JSON: {detail}',
  'product_versions.page.problem.too_long': 'De definitie is ten hoogste {limit} tekens lang.',
  'product_versions.terms.term': 'Productvoorwaarden',
  'product_versions.terms.sold': 'versie {version} (zoals verkocht)',
  'product_versions.terms.liberalization': 'versie {version} (liberalisatie, aangenomen {date})',
} as const;

export const productVersionMessages = { en, nl };
