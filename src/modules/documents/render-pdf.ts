import PDFDocument from 'pdfkit';
import type { Block, DocumentModel, KeyValue, TableColumn } from './domain/document-model.ts';

/**
 * Draws a document model as a PDF with pdfkit's built-in Helvetica (no font files, no network).
 * Deterministic: the creation and modification dates come from the model and nothing random is
 * written, so the same model gives the same bytes and the same content hash (DESIGN §4: stored by
 * content hash). Uncompressed, so the text can be read back in golden-file tests without a PDF library.
 */
const MARGIN = 54;
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const SIZE = 10;
const KEY_WIDTH = 170;
const GAP = 6;

export function renderPdf(model: DocumentModel): Promise<Buffer> {
  const date = new Date(model.createdAt);
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: MARGIN,
    compress: false,
    lang: model.locale,
    info: { Title: model.title, Creator: 'Bezel', Producer: 'Bezel', CreationDate: date, ModDate: date },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc
    .font(BOLD)
    .fontSize(16)
    .text(model.title, { width: contentWidth(doc) });
  doc.moveDown(0.5);
  for (const block of model.blocks) drawBlock(doc, block);
  doc.end();
  return done;
}

function contentWidth(doc: PDFKit.PDFDocument): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

/** Starts a new page when `height` would not fit, and answers the y to draw at. */
function room(doc: PDFKit.PDFDocument, height: number): number {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
  return doc.y;
}

function drawBlock(doc: PDFKit.PDFDocument, block: Block): void {
  const left = doc.page.margins.left;
  switch (block.kind) {
    case 'heading':
      room(doc, 40);
      doc
        .moveDown(0.6)
        .font(BOLD)
        .fontSize(12)
        .text(block.text, left, doc.y, { width: contentWidth(doc) });
      doc.moveDown(0.3);
      break;
    case 'paragraph':
      doc
        .font(block.emphasis ? BOLD : FONT)
        .fontSize(SIZE)
        .text(block.text, left, room(doc, 14), { width: contentWidth(doc) });
      doc.moveDown(0.4);
      break;
    case 'key_values':
      for (const entry of block.entries) drawKeyValue(doc, entry);
      break;
    case 'table':
      drawTable(doc, block.columns, block.rows, block.footer);
      break;
    default:
      block satisfies never;
  }
}

function drawKeyValue(doc: PDFKit.PDFDocument, entry: KeyValue): void {
  const left = doc.page.margins.left;
  const valueWidth = contentWidth(doc) - KEY_WIDTH;
  doc.font(FONT).fontSize(SIZE);
  const height = Math.max(doc.heightOfString(entry.value, { width: valueWidth }), doc.font(BOLD).heightOfString(entry.key, { width: KEY_WIDTH - GAP }));
  const y = room(doc, height);
  doc.font(BOLD).text(entry.key, left, y, { width: KEY_WIDTH - GAP });
  doc.font(FONT).text(entry.value, left + KEY_WIDTH, y, { width: valueWidth });
  doc.y = y + height + 3;
}

function drawTable(doc: PDFKit.PDFDocument, columns: TableColumn[], rows: string[][], footer: string[] | undefined): void {
  const left = doc.page.margins.left;
  const total = contentWidth(doc);
  const widths = columns.map((column) => column.width * total);
  const drawRow = (cells: string[], font: string) => {
    doc.font(font).fontSize(SIZE);
    const height = Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: (widths[i] ?? 0) - GAP })));
    const y = room(doc, height);
    let x = left;
    cells.forEach((cell, i) => {
      const width = widths[i] ?? 0;
      if (cell !== '') doc.text(cell, x, y, { width: width - GAP, align: columns[i]?.align ?? 'left' });
      x += width;
    });
    doc.y = y + height + 4;
  };
  drawRow(
    columns.map((column) => column.header),
    BOLD,
  );
  for (const row of rows) drawRow(row, FONT);
  if (footer) drawRow(footer, BOLD);
}
