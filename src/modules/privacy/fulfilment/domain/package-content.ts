import type { ColumnDeclaration, TableDeclaration } from '../../domain/data-map-types.ts';
import type { Reached } from './reach.ts';

/**
 * PRV-RIGHT-1 / PRV-RIGHT-8: the machine-readable access package, built from the rows reached for the person
 * and described by the data map: per table its module, and per column its category, purposes, provenance and
 * retention, so the person sees what is held, why and for how long. Pure.
 */
export const PACKAGE_FORMAT = 'bezel.access-package/1';

export type PackageColumn = {
  name: string;
  personal: boolean;
  category?: string;
  purposes?: readonly string[];
  provenance?: readonly string[];
  retention?: string;
};
export type PackageTable = { table: string; module: string; columns: PackageColumn[]; rows: Record<string, unknown>[] };
export type AccessPackage = {
  format: typeof PACKAGE_FORMAT;
  generatedAt: string;
  subject: { userId: string };
  tables: PackageTable[];
  /** Disclosures made about the person (PRV-DISC-3), when the disclosure log exists: its rows are a table of the package. */
  disclosures: Record<string, unknown>[];
};

/** Values that prove identity (password and token hashes) are withheld: they would help an attacker, not the person. */
export const WITHHELD = '[withheld: security credential]';

export function buildAccessPackage(map: readonly TableDeclaration[], reached: Reached, userId: string, generatedAt: string): AccessPackage {
  const tables: PackageTable[] = [];
  for (const declaration of map) {
    const rows = reached.get(declaration.table);
    if (!rows || rows.length === 0) continue;
    const columns = Object.entries(declaration.columns).map(([name, column]) => describe(name, column));
    tables.push({
      table: declaration.table,
      module: declaration.module,
      columns,
      rows: rows.map((row) =>
        Object.fromEntries(Object.keys(declaration.columns).map((name) => [name, packageValue(declaration.columns[name], row.values[name])])),
      ),
    });
  }
  const disclosures = tables.filter((table) => table.table.startsWith('disclosure')).flatMap((table) => table.rows);
  return { format: PACKAGE_FORMAT, generatedAt, subject: { userId }, tables, disclosures };
}

function describe(name: string, column: ColumnDeclaration): PackageColumn {
  if (!column.personal) return { name, personal: false };
  return { name, personal: true, category: column.category, purposes: column.purposes, provenance: column.provenance, retention: column.retention };
}

function packageValue(column: ColumnDeclaration | undefined, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (column?.personal && column.category === 'user.authorization.credentials') return WITHHELD;
  if (value instanceof Uint8Array) return { base64: Buffer.from(value).toString('base64'), bytes: value.byteLength };
  return value;
}

/** The readable view: one section per table, one line per row ("column: value"), for the PDF pages. */
export function readableSections(content: AccessPackage): { title: string; lines: string[] }[] {
  return content.tables.map((table) => ({
    title: `${table.table} (${table.module}) — ${table.rows.length}`,
    lines: table.rows.map((row) =>
      Object.entries(row)
        .filter(([, value]) => value !== null)
        .map(([name, value]) => `${name}: ${short(value)}`)
        .join('; '),
    ),
  }));
}

function short(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
