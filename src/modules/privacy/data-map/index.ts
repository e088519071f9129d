import type { ColumnDeclaration, PersonalColumn, TableDeclaration } from '../domain/data-map-types.ts';
import { ACCOUNTS_TABLES } from './tables/accounts.ts';
import { BILLING_TABLES } from './tables/billing.ts';
import { CLAIMS_SETTLEMENT_TABLES, CLAIMS_TABLES } from './tables/claims.ts';
import { CLAIMS_COVERAGE_TABLES } from './tables/claims-coverage.ts';
import { CLAIMS_DUTIES_TABLES } from './tables/claims-duties.ts';
import { CLAIMS_FNOL_TABLES } from './tables/claims-fnol.ts';
import { CLAIMS_PAYMENTS_TABLES } from './tables/claims-payments.ts';
import { CLAIMS_PROOF_TABLES } from './tables/claims-proof.ts';
import { CLAIMS_RECOVERY_TABLES } from './tables/claims-recovery.ts';
import { CONSENT_TABLES } from './tables/consent.ts';
import { DISCLOSURE_TABLES } from './tables/disclosure.ts';
import { DOCUMENTS_TABLES } from './tables/documents.ts';
import { FILES_TABLES } from './tables/files.ts';
import { FULFILMENT_TABLES } from './tables/fulfilment.ts';
import { LEGAL_HOLD_TABLES } from './tables/legal-holds.ts';
import { PLATFORM_TABLES } from './tables/platform.ts';
import { POLICIES_TABLES } from './tables/policies.ts';
import { POLICIES_SIGNING_TABLES } from './tables/policies-signing.ts';
import { PRODUCTS_TABLES } from './tables/products.ts';
import { PROTECTION_TABLES } from './tables/protection.ts';
import { REQUEST_TABLES } from './tables/requests.ts';

/**
 * The data map (issue #5, DESIGN §5): every column of every table, declared once in the tables file of
 * its owning module. A new tables file is added here by an explicit import; data-map.test.ts fails for
 * any column of the migrated database that no declaration names, and for any declaration without a column.
 */
export const DATA_MAP: readonly TableDeclaration[] = [
  ...PLATFORM_TABLES,
  ...ACCOUNTS_TABLES,
  ...PRODUCTS_TABLES,
  ...PROTECTION_TABLES,
  ...POLICIES_TABLES,
  ...POLICIES_SIGNING_TABLES,
  ...BILLING_TABLES,
  ...CLAIMS_TABLES,
  ...CLAIMS_DUTIES_TABLES,
  ...CLAIMS_SETTLEMENT_TABLES,
  ...CLAIMS_COVERAGE_TABLES,
  ...CLAIMS_FNOL_TABLES,
  ...CLAIMS_PAYMENTS_TABLES,
  ...CLAIMS_PROOF_TABLES,
  ...CLAIMS_RECOVERY_TABLES,
  ...DOCUMENTS_TABLES,
  ...FILES_TABLES,
  ...LEGAL_HOLD_TABLES,
  ...DISCLOSURE_TABLES,
  ...FULFILMENT_TABLES,
  ...REQUEST_TABLES,
  ...CONSENT_TABLES,
];

const BY_TABLE: ReadonlyMap<string, TableDeclaration> = new Map(DATA_MAP.map((declaration) => [declaration.table, declaration]));

export function tableDeclaration(table: string): TableDeclaration | undefined {
  return BY_TABLE.get(table);
}

export function columnDeclaration(table: string, column: string): ColumnDeclaration | undefined {
  const declaration = BY_TABLE.get(table);
  return declaration && Object.hasOwn(declaration.columns, column) ? declaration.columns[column] : undefined;
}

export type PersonalColumnEntry = { table: string; module: string; column: string; declaration: PersonalColumn };

/** Every personal column of the map, in map order (tables, then columns as declared). */
export function personalColumns(table?: string): PersonalColumnEntry[] {
  const tables = table === undefined ? DATA_MAP : DATA_MAP.filter((declaration) => declaration.table === table);
  return tables.flatMap((declaration) =>
    Object.entries(declaration.columns).flatMap(([column, value]) =>
      value.personal ? [{ table: declaration.table, module: declaration.module, column, declaration: value }] : [],
    ),
  );
}

/** Declared (table, column) pairs, "table.column", for comparing with the database. */
export function declaredColumnNames(): string[] {
  return DATA_MAP.flatMap((declaration) => Object.keys(declaration.columns).map((column) => `${declaration.table}.${column}`));
}
