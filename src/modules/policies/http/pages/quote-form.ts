import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import type { MessageKey } from '../../../../platform/i18n/index.ts';
import type { QuoteApplicationInput } from '../../use-cases/quote-application.ts';

/**
 * The quote form as posted (flat names, so every input has its own name and error): two named
 * insureds, the mailing address, the deductible and up to MAX_ITEMS item rows. An empty row is
 * ignored; a row with anything in it must be complete. The zod schema is built per product, so an
 * unknown category, state or deductible is a field error on the form before any use case runs.
 */
export const MAX_ITEMS = 5;
export const ITEM_FIELDS = ['description', 'category', 'coverageAmount', 'appraisalDate', 'setId', 'possessor', 'keptInSafe', 'giftOrEngagementRing'] as const;
export type ItemField = (typeof ITEM_FIELDS)[number];
export const itemField = (row: number, field: ItemField) => `items.${row}.${field}`;
export const ROWS = Array.from({ length: MAX_ITEMS }, (_, row) => row);
/** Issue #3: the row's appraisal upload (PDF/JPEG/PNG, checked by content in the files module); the form is posted as multipart. */
export const appraisalFileField = (row: number) => `items.${row}.appraisalFile`;

export type QuoteProduct = { code: string; categories: readonly string[]; deductibles: readonly string[]; states: readonly string[] };

const says = (key: MessageKey) => ({ error: key });
const text = z.string().trim().max(200, says('policy_pages.problem.too_long')).optional();
const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isPlainDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  try {
    Temporal.PlainDate.from(value, { overflow: 'reject' });
    return true;
  } catch {
    return false;
  }
}

export type QuoteForm = Record<string, string | undefined>;

function rowUsed(form: QuoteForm, row: number): boolean {
  return ITEM_FIELDS.some((field) => field !== 'keptInSafe' && field !== 'giftOrEngagementRing' && (form[itemField(row, field)] ?? '') !== '');
}

export function quoteSchema(product: QuoteProduct) {
  const shape: Record<string, z.ZodType<string | undefined>> = {
    'namedInsureds.0': text,
    'namedInsureds.1': text,
    street: text,
    city: text,
    state: text,
    postalCode: text,
    deductible: text,
  };
  for (const row of ROWS) for (const field of ITEM_FIELDS) shape[itemField(row, field)] = text;
  return z.object(shape).superRefine((form: QuoteForm, ctx) => {
    const problem = (field: string, key: MessageKey) => ctx.addIssue({ code: 'custom', path: [field], message: key });
    for (const field of ['namedInsureds.0', 'street', 'city'] as const) if (!form[field]) problem(field, 'policy_pages.problem.required');
    if (!form.state) problem('state', 'policy_pages.problem.required');
    else if (!product.states.includes(form.state)) problem('state', 'policy_pages.problem.state');
    if (!form.postalCode) problem('postalCode', 'policy_pages.problem.required');
    else if (!/^\d{5}(-\d{4})?$/.test(form.postalCode)) problem('postalCode', 'policy_pages.problem.postal_code');
    if (!form.deductible || !product.deductibles.includes(form.deductible)) problem('deductible', 'policy_pages.problem.deductible');
    const used = ROWS.filter((row) => rowUsed(form, row));
    if (used.length === 0) problem(itemField(0, 'description'), 'policy_pages.problem.no_items');
    for (const row of used) {
      if (!form[itemField(row, 'description')]) problem(itemField(row, 'description'), 'policy_pages.problem.required');
      const category = form[itemField(row, 'category')];
      if (!category) problem(itemField(row, 'category'), 'policy_pages.problem.required');
      else if (!product.categories.includes(category)) problem(itemField(row, 'category'), 'policy_pages.problem.unknown_category');
      const amount = form[itemField(row, 'coverageAmount')];
      if (!amount) problem(itemField(row, 'coverageAmount'), 'policy_pages.problem.required');
      else if (!AMOUNT.test(amount)) problem(itemField(row, 'coverageAmount'), 'policy_pages.problem.amount');
      const appraisal = form[itemField(row, 'appraisalDate')];
      if (appraisal && !isPlainDate(appraisal)) problem(itemField(row, 'appraisalDate'), 'policy_pages.problem.date');
    }
  });
}

/** The use case's input, and for each of its items the form row it came from (to put errors back). */
export function toQuoteInput(form: QuoteForm, productCode: string): { input: QuoteApplicationInput; rows: number[] } {
  const rows = ROWS.filter((row) => rowUsed(form, row));
  const state = form.state ?? '';
  const input: QuoteApplicationInput = {
    productCode,
    namedInsureds: [form['namedInsureds.0'], form['namedInsureds.1']].filter((name): name is string => Boolean(name)),
    otherInsureds: [],
    mailingAddress: { street: form.street ?? '', city: form.city ?? '', state, postalCode: form.postalCode ?? '', country: 'US' },
    timeZone: timeZoneOfState(state),
    deductible: form.deductible ?? '',
    items: rows.map((row) => ({
      description: form[itemField(row, 'description')] ?? '',
      category: form[itemField(row, 'category')] ?? '',
      coverageAmount: form[itemField(row, 'coverageAmount')] ?? '',
      appraisalDate: form[itemField(row, 'appraisalDate')] || null,
      keptInSafe: form[itemField(row, 'keptInSafe')] === 'yes',
      giftOrEngagementRing: form[itemField(row, 'giftOrEngagementRing')] === 'yes',
      possessor: form[itemField(row, 'possessor')] || null,
      setId: form[itemField(row, 'setId')] || null,
    })),
  };
  return { input, rows };
}

/** The form field a use-case problem is about ('items.1.category' counts used rows only). */
export function formFieldOf(apiField: string, rows: readonly number[]): string {
  if (apiField === 'namedInsureds') return 'namedInsureds.0';
  if (apiField === 'items' || apiField === '') return itemField(rows[0] ?? 0, 'description');
  if (apiField === 'timeZone') return 'state';
  if (apiField.startsWith('mailingAddress.')) return apiField.slice('mailingAddress.'.length);
  const item = /^items\.(\d+)\.(\w+)$/.exec(apiField);
  // The uploaded appraisal's id is the file field on the form.
  if (item?.[2] === 'appraisalFileId') return appraisalFileField(rows[Number(item[1])] ?? 0);
  if (item) return `items.${rows[Number(item[1])] ?? 0}.${item[2]}`;
  return apiField;
}

/**
 * The insured's time zone, from the state of the mailing address: the zone most of the state lives in.
 * The period and appraisal ages count from today there (decision 0005).
 */
const ZONES: Record<string, readonly string[]> = {
  'America/Chicago': ['AL', 'AR', 'IL', 'IA', 'KS', 'LA', 'MN', 'MS', 'MO', 'NE', 'ND', 'OK', 'SD', 'TN', 'TX', 'WI'],
  'America/Denver': ['CO', 'MT', 'NM', 'UT', 'WY', 'ID'],
  'America/Phoenix': ['AZ'],
  'America/Los_Angeles': ['CA', 'NV', 'OR', 'WA'],
  'America/Anchorage': ['AK'],
  'Pacific/Honolulu': ['HI'],
};

export function timeZoneOfState(state: string): string {
  for (const [zone, states] of Object.entries(ZONES)) if (states.includes(state)) return zone;
  return 'America/New_York';
}
