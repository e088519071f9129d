import { AppError, type FieldProblem } from '../../platform/http/problem.ts';
import type { MessageKey, MessageParams } from '../../platform/i18n/index.ts';
import type { CsvError } from './domain/rate-table-csv.ts';
import type { RatingProblem } from './domain/rating-worksheet.ts';

/** The products module's expected failures, each with a stable code and field-level errors where useful. */
export const productErrors = {
  notRatable: (problems: readonly RatingProblem[], deductibleOptions: readonly string[]) =>
    new AppError(422, 'not_ratable', 'products.not_ratable', {}, { errors: problems.map((problem) => ratingFieldProblem(problem, deductibleOptions)) }),
  noVersionInForce: (date: string) => new AppError(422, 'no_version_in_force', 'products.no_version_in_force', { date }),
  rateTableInvalid: (errors: readonly CsvError[]) =>
    new AppError(422, 'rate_table_invalid', 'products.rate_table_invalid', { count: errors.length }, { errors: errors.map(csvFieldProblem) }),
  newKeysInvalid: (invalid: readonly string[]) =>
    new AppError(
      422,
      'new_keys_invalid',
      'products.new_keys_invalid',
      { keys: invalid.join(', ') },
      {
        errors: [{ field: 'body.newKeys', code: 'new_keys_invalid', messageKey: 'products.new_keys_invalid', params: { keys: invalid.join(', ') } }],
      },
    ),
  rateTableNotDraft: () => new AppError(409, 'rate_table_not_draft', 'products.rate_table_not_draft'),
  effectiveDateInPast: (today: string) => new AppError(422, 'effective_date_in_past', 'products.effective_date_in_past', { today }),
  effectiveDateTaken: (version: number, date: string) => new AppError(409, 'effective_date_taken', 'products.effective_date_taken', { version, date }),
};

function params(values: Record<string, string | number | null | undefined>): MessageParams {
  return Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== null));
}

/** Field paths as the request has them (0-based item index), like the schema's own validation errors. */
function ratingFieldProblem(problem: RatingProblem, deductibleOptions: readonly string[]): FieldProblem {
  const field =
    problem.item !== undefined && (problem.field === 'category' || problem.field === 'coverageAmount')
      ? `body.items.${problem.item - 1}.${problem.field}`
      : problem.field
        ? `body.${problem.field}`
        : 'body';
  return {
    field,
    code: problem.code,
    messageKey: `products.rating.${problem.code}` as const satisfies MessageKey,
    params: params({ value: problem.value, limit: problem.limit, options: deductibleOptions.join(', ') }),
  };
}

/** One error per CSV line, `body.csv.line.N`; whole-table problems (a missing row) on `body.csv`. */
function csvFieldProblem(error: CsvError): FieldProblem {
  return {
    field: error.line === null ? 'body.csv' : `body.csv.line.${error.line}`,
    code: error.code,
    messageKey: `products.csv.${error.code}` as const satisfies MessageKey,
    params: params({ line: error.line, key: error.key, value: error.value, firstLine: error.firstLine, limit: error.limit }),
  };
}
