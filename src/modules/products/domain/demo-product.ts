import type { Currency } from '../../../platform/money.ts';
import type { ProductDefinition } from './product-definition.ts';
import { parseRateTableCsv } from './rate-table-csv.ts';
import { type LoadedRateTable, RATE_TABLE_NAMES, type RateTableName, rateTableSpec } from './rate-tables.ts';

/**
 * DEMO DATA, not a filed product: the demo jewelry product of issue #3 ("Products and rating"),
 * seeded on demo installations. The rates are the issue's; the territory factors and the state
 * notice days are plausible values made up for the demo, not any state's filed rates or statutes.
 */
export const DEMO_PRODUCT: { code: string; name: string; currency: Currency; country: string } = {
  code: 'jewelry',
  name: 'Personal Jewelry',
  currency: 'USD',
  country: 'US',
};

/** The demo's version 1 and its first rate tables take effect on this day. */
export const DEMO_EFFECTIVE_FROM = '2026-01-01';

const US_STATES = [
  ...['AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS'],
  ...['KY', 'LA', 'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC'],
  ...['ND', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY'],
];

export const DEMO_DEFINITION: ProductDefinition = {
  itemCategories: [
    { code: 'ring', label: { en: 'Ring', nl: 'Ring' } },
    { code: 'earrings', label: { en: 'Earrings', nl: 'Oorbellen' } },
    { code: 'necklace', label: { en: 'Necklace', nl: 'Halsketting' } },
    { code: 'bracelet', label: { en: 'Bracelet', nl: 'Armband' } },
    { code: 'watch', label: { en: 'Watch', nl: 'Horloge' } },
    { code: 'loose_stone', label: { en: 'Loose stone', nl: 'Losse steen' } },
    { code: 'other', label: { en: 'Other jewelry', nl: 'Overige sieraden' } },
  ],
  coverages: [
    {
      code: 'scheduled_jewelry',
      label: { en: 'Scheduled jewelry, all risks of direct physical loss', nl: 'Gespecificeerde sieraden, alle risico’s van direct fysiek verlies' },
      clause: 'Personal jewelry policy form, insuring agreement (JPF-DEF-3)',
    },
    {
      code: 'newly_purchased',
      label: { en: 'Newly purchased jewelry, 30 days', nl: 'Nieuw gekochte sieraden, 30 dagen' },
      clause: 'Personal jewelry policy form, newly acquired jewelry (JPF-ADD-1, JPF-ADD-2)',
    },
  ],
  forms: [
    { code: 'JPF', title: 'Personal Jewelry Policy' },
    { code: 'DEC', title: 'Declarations page' },
  ],
  deductibleOptions: ['0', '100', '250', '500', '1000'],
  defaultDeductible: '250',
  maxItemCoverage: '10000000.00',
  jurisdictions: US_STATES,
  // Issue #3, "Quote, apply, underwrite, bind": refer when an item exceeds $100,000, the total
  // exceeds $250,000, or an appraisal is missing or older than 3 years.
  underwritingRules: { referItemAbove: '100000.00', referTotalAbove: '250000.00', appraisalRequired: true, appraisalMaxAgeYears: 3 },
  jurisdictionRules: {
    // JPF-CANCEL-2: 10 days unless a statute requires otherwise (JPF-COND-2). DEMO values per state.
    insurerCancellationNoticeDays: { default: 10, byState: { NY: 15, CA: 20, FL: 20, NJ: 30, TX: 10 } },
  },
};

/** The demo tables as the CSV a person would upload: the seed loads them through the same parser. */
export const DEMO_RATE_TABLE_CSV: Record<RateTableName, string> = {
  category_rate: `# Issue #3: rate per 100 of coverage, by item category
key,value
ring,1.10
earrings,1.00
necklace,0.95
bracelet,1.00
watch,0.90
loose_stone,1.20
other,1.00
`,
  territory_factor: `# DEMO territory factors by state; states without a row use the default row
key,value
default,1.00
NY,1.05
CA,1.10
FL,1.15
TX,1.00
`,
  deductible_factor: `# Issue #3: factor by deductible (USD)
key,value
0,1.15
100,1.00
250,0.92
500,0.85
1000,0.78
`,
  safe_factor: `# Issue #3: when the item is kept in a safe when not worn
key,value
kept_in_safe,0.95
`,
  minimum_premium: `# Issue #3: policy minimum premium (USD)
key,value
policy,25.00
`,
};

/** The demo tables parsed, as rating reads them (version 1 from DEMO_EFFECTIVE_FROM unless told). */
export function demoRateTables(overrides: Partial<Record<RateTableName, string>> = {}, version = 1): LoadedRateTable[] {
  return RATE_TABLE_NAMES.map((name) => {
    const parsed = parseRateTableCsv(overrides[name] ?? DEMO_RATE_TABLE_CSV[name], rateTableSpec(name, DEMO_DEFINITION));
    if (!parsed.ok) throw new Error(`Demo rate table ${name} is invalid: ${JSON.stringify(parsed.errors)}`);
    return { name, version, effectiveFrom: DEMO_EFFECTIVE_FROM, rows: new Map(parsed.rows.map((row) => [row.key, row.value])) };
  });
}
