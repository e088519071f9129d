import type { Locale } from '../../../platform/db/schema.ts';

/**
 * A generated document as data, apart from how it is drawn (DESIGN §3, "document model separate from
 * renderer"): a list of blocks whose text is already in the reader's language and already formatted
 * (money, dates). The PDF renderer only lays it out, so the wording is tested without a PDF.
 */
export type DocumentModel = {
  title: string;
  locale: Locale;
  /** ISO 8601 instant the document is dated at; the PDF's creation date, so the same input gives the same bytes. */
  createdAt: string;
  blocks: Block[];
};

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string; emphasis?: boolean }
  | { kind: 'key_values'; entries: KeyValue[] }
  | { kind: 'table'; columns: TableColumn[]; rows: string[][]; footer?: string[] };

export type KeyValue = { key: string; value: string };
/** width: the share of the line this column takes (the shares of a table add up to 1). */
export type TableColumn = { header: string; width: number; align: 'left' | 'right' };

/** The document's text in reading order, one line per paragraph, entry or row: for checks and search. */
export function plainText(model: DocumentModel): string {
  const lines = [model.title];
  for (const block of model.blocks) {
    switch (block.kind) {
      case 'heading':
      case 'paragraph':
        lines.push(block.text);
        break;
      case 'key_values':
        for (const entry of block.entries) lines.push(`${entry.key}: ${entry.value}`);
        break;
      case 'table':
        lines.push(block.columns.map((column) => column.header).join(' | '));
        for (const row of block.rows) lines.push(row.join(' | '));
        if (block.footer) lines.push(block.footer.join(' | '));
        break;
      default:
        block satisfies never;
    }
  }
  return lines.join('\n');
}
