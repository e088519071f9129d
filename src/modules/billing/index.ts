/** The billing module's public surface: other modules and the composition root import only this. */
export type { BillingAccount, Invoice, OpenedAccount, OpenedAccountRow, Refund } from './billing-repository.ts';
export { openAccountCtes, openedAccountColumns, openedAccountOf } from './billing-repository.ts';
export { type Allocation, allocatePayment } from './domain/allocate-payment.ts';
export { type Balance, computeBalance } from './domain/balance.ts';
export { parseBankStatementCsv } from './domain/bank-statement-csv.ts';
export { parseCamt053 } from './domain/camt053.ts';
export type { StatementError, StatementLine } from './domain/statement-line.ts';
export { checkReference, printReference } from './domain/structured-reference.ts';
export { billingApi } from './http/api-routes.ts';
export { cancelInvoice } from './use-cases/cancel-invoice.ts';
export { cancelRefund, refundableOnPolicy } from './use-cases/cancel-refund.ts';
export { createRefund } from './use-cases/create-refund.ts';
export { importBankStatement, type StatementImportReport } from './use-cases/import-bank-statement.ts';
export { type IssueInvoiceInput, issueInvoice } from './use-cases/issue-invoice.ts';
export { type IssuedInvoice, issueInvoices } from './use-cases/issue-invoices.ts';
export { markRefundPaid } from './use-cases/mark-refund-paid.ts';
export {
  type AccountBalance,
  getAccountBalance,
  getInvoice,
  getPolicyBalance,
  getRefund,
  listInvoices,
  listRefunds,
  type PolicyBalance,
} from './use-cases/read-billing.ts';
export { type RecordedPayment, recordPayment } from './use-cases/record-payment.ts';
export { type TransferOpenInvoicesInput, transferOpenInvoices } from './use-cases/transfer-open-invoices.ts';
