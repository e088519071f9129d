/** The products module's public surface: other modules and the composition root import only this. */
export { DEMO_DEFINITION, DEMO_EFFECTIVE_FROM, DEMO_PRODUCT, DEMO_RATE_TABLE_CSV } from './domain/demo-product.ts';
export { insurerCancellationNoticeDays, type NoticeDays } from './domain/jurisdiction-rules.ts';
export { appliesByLiberalization, type PolicyPeriod, type ProductRevision } from './domain/liberalization.ts';
export { type ProductDefinition, parseProductDefinition } from './domain/product-definition.ts';
export type { RatingItem } from './domain/rate-item.ts';
export { type RatingProduct, type RatingRequest, ratePolicy } from './domain/rate-policy.ts';
export { type CsvError, parseRateTableCsv } from './domain/rate-table-csv.ts';
export { type LoadedRateTable, RATE_TABLE_NAMES, type RateTableName } from './domain/rate-tables.ts';
export { type RatingProblem, type RatingResult, type RatingWorksheet, type RatingWorksheetJson, worksheetToJson } from './domain/rating-worksheet.ts';
export { productsApi } from './http/api-routes.ts';
export type { Product, ProductVersion, RateTableSummary } from './products-repository.ts';
export { activateRateTable } from './use-cases/activate-rate-table.ts';
export { type ProductVersionForQuote, productVersionForQuote } from './use-cases/product-version-for-quote.ts';
export { type RateQuoteInput, rateQuote } from './use-cases/rate-quote.ts';
export { getProduct, listProducts, type ProductDetail, type ProductSummary } from './use-cases/read-products.ts';
export { getRateTable, listRateTables } from './use-cases/read-rate-tables.ts';
export { seedDemoProduct } from './use-cases/seed-demo-product.ts';
export { uploadRateTable } from './use-cases/upload-rate-table.ts';
