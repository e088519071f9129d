import type { DataCategory, ErasureAction, Provenance, Purpose, TableDeclaration } from '../../domain/data-map-types.ts';
import type { RetentionRule } from '../../domain/retention-rules.ts';

/**
 * The register of processing (PRV-USE-1, PRV-COLLECT-1, PRV-COLLECT-2), computed from the data map: for
 * each purpose, the categories of personal data it uses, the tables and columns holding them, where the
 * data comes from, how long it is kept and what erasure does to it. Pure: the map and the rules come in.
 */

export type RegisterEntry = {
  purpose: Purpose;
  table: string;
  column: string;
  module: string;
  category: DataCategory;
  provenance: readonly Provenance[];
  retention: string;
  erasure: ErasureAction;
  sensitive: boolean;
  description: string;
};

export type RegisterGroup = {
  purpose: Purpose;
  categories: DataCategory[];
  tables: { table: string; columns: string[] }[];
  provenance: Provenance[];
  retention: string[];
  erasure: ErasureAction[];
  entries: RegisterEntry[];
};

/** One entry per (purpose, personal column): a column serving two purposes is listed under both. */
export function registerEntries(map: readonly TableDeclaration[]): RegisterEntry[] {
  return map.flatMap((declaration) =>
    Object.entries(declaration.columns).flatMap(([column, value]) =>
      value.personal
        ? value.purposes.map((purpose) => ({
            purpose,
            table: declaration.table,
            column,
            module: declaration.module,
            category: value.category,
            provenance: value.provenance,
            retention: value.retention,
            erasure: value.erasure,
            sensitive: value.sensitive === true,
            description: value.description ?? '',
          }))
        : [],
    ),
  );
}

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];

function erasureKey(erasure: ErasureAction): string {
  return erasure.action === 'keep' ? `keep:${erasure.basis}` : erasure.action;
}

/** Grouped by purpose, purposes and everything inside sorted, so the register reads the same every time. */
export function registerByPurpose(map: readonly TableDeclaration[]): RegisterGroup[] {
  const entries = registerEntries(map);
  const purposes = unique(entries.map((entry) => entry.purpose)).sort();
  return purposes.map((purpose) => {
    const mine = entries.filter((entry) => entry.purpose === purpose);
    const tables = unique(mine.map((entry) => entry.table))
      .sort()
      .map((table) => ({ table, columns: mine.filter((entry) => entry.table === table).map((entry) => entry.column) }));
    const erasures = new Map(mine.map((entry) => [erasureKey(entry.erasure), entry.erasure]));
    return {
      purpose,
      categories: unique(mine.map((entry) => entry.category)).sort(),
      tables,
      provenance: unique(mine.flatMap((entry) => entry.provenance)).sort(),
      retention: unique(mine.map((entry) => entry.retention)).sort(),
      erasure: [...erasures.keys()].sort().map((key) => erasures.get(key) as ErasureAction),
      entries: mine,
    };
  });
}

export const REGISTER_CSV_HEADER = [
  'purpose',
  'table',
  'column',
  'module',
  'category',
  'provenance',
  'retention_rule',
  'retention_period',
  'retention_trigger',
  'erasure',
  'erasure_basis',
  'sensitive',
  'description',
] as const;

/**
 * RFC 4180 CSV: fields with a comma, quote, CR or LF are quoted, quotes doubled, lines end in CRLF. A field
 * starting with = + - @ (or a tab/CR) is prefixed with ' so a spreadsheet does not run it as a formula.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function registerCsv(map: readonly TableDeclaration[], rules: readonly RetentionRule[]): string {
  const byId = new Map(rules.map((rule) => [rule.id, rule]));
  const lines = [REGISTER_CSV_HEADER.join(',')];
  for (const entry of registerEntries(map)) {
    const rule = byId.get(entry.retention);
    const period = rule?.period
      ? Object.entries(rule.period)
          .map(([unit, amount]) => `${amount} ${unit}`)
          .join(' ')
      : '';
    lines.push(
      [
        entry.purpose,
        entry.table,
        entry.column,
        entry.module,
        entry.category,
        entry.provenance.join(';'),
        entry.retention,
        period,
        rule?.trigger ?? '',
        entry.erasure.action,
        entry.erasure.action === 'keep' ? entry.erasure.basis : '',
        entry.sensitive ? 'yes' : 'no',
        entry.description,
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
