// A lines table for pdfkit that breaks across pages and repeats its header row.
// We lay out by hand (measure, then draw) so that no row is ever split and nothing runs into the footer.

export interface TableColumn {
  header: string;
  width: number;
  align: 'left' | 'right';
}

export interface TableCell {
  text: string;
  /** A second, smaller line (e.g. the SKU). */
  sub?: string | null;
  bold?: boolean;
}

export interface TableStyle {
  font: string;
  boldFont: string;
  fontSize: number;
  subFontSize: number;
  headerFontSize: number;
  textColor: string;
  mutedColor: string;
  headerFill: string;
  ruleColor: string;
  paddingX: number;
  paddingY: number;
}

export interface TableOptions {
  x: number;
  y: number;
  columns: TableColumn[];
  rows: TableCell[][];
  style: TableStyle;
  /** Lowest y a row may reach on a page. */
  bottom: number;
  /** Starts a new page and returns the y where the table continues. */
  newPage: () => number;
}

export function tableWidth(columns: TableColumn[]): number {
  return columns.reduce((sum, c) => sum + c.width, 0);
}

function cellHeight(doc: PDFKit.PDFDocument, cell: TableCell, column: TableColumn, style: TableStyle): number {
  const width = column.width - 2 * style.paddingX;
  doc.font(cell.bold ? style.boldFont : style.font).fontSize(style.fontSize);
  let height = doc.heightOfString(cell.text || ' ', { width, lineGap: 0 });
  if (cell.sub) {
    doc.font(style.font).fontSize(style.subFontSize);
    height += 1 + doc.heightOfString(cell.sub, { width, lineGap: 0 });
  }
  return height + 2 * style.paddingY;
}

function rowHeight(doc: PDFKit.PDFDocument, row: TableCell[], columns: TableColumn[], style: TableStyle): number {
  let height = 0;
  columns.forEach((column, i) => {
    const cell = row[i];
    if (cell) height = Math.max(height, cellHeight(doc, cell, column, style));
  });
  return height;
}

function drawHeader(doc: PDFKit.PDFDocument, opts: TableOptions, y: number): number {
  const { columns, style, x } = opts;
  const width = tableWidth(columns);
  doc.font(style.boldFont).fontSize(style.headerFontSize);
  let height = 0;
  for (const column of columns) {
    height = Math.max(height, doc.heightOfString(column.header, { width: column.width - 2 * style.paddingX }));
  }
  height += 2 * style.paddingY + 2;
  doc.save().rect(x, y, width, height).fill(style.headerFill).restore();
  let cx = x;
  doc.fillColor(style.textColor);
  for (const column of columns) {
    doc.text(column.header, cx + style.paddingX, y + style.paddingY + 1, {
      width: column.width - 2 * style.paddingX,
      align: column.align,
      lineGap: 0,
    });
    cx += column.width;
  }
  return y + height;
}

function drawRow(doc: PDFKit.PDFDocument, opts: TableOptions, row: TableCell[], y: number, height: number): void {
  const { columns, style, x } = opts;
  let cx = x;
  columns.forEach((column, i) => {
    const cell = row[i];
    if (cell) {
      const width = column.width - 2 * style.paddingX;
      doc
        .font(cell.bold ? style.boldFont : style.font)
        .fontSize(style.fontSize)
        .fillColor(style.textColor);
      doc.text(cell.text, cx + style.paddingX, y + style.paddingY, { width, align: column.align, lineGap: 0 });
      if (cell.sub) {
        const mainHeight = doc.heightOfString(cell.text || ' ', { width, lineGap: 0 });
        doc.font(style.font).fontSize(style.subFontSize).fillColor(style.mutedColor);
        doc.text(cell.sub, cx + style.paddingX, y + style.paddingY + mainHeight + 1, {
          width,
          align: column.align,
          lineGap: 0,
        });
      }
    }
    cx += column.width;
  });
  doc
    .save()
    .moveTo(x, y + height)
    .lineTo(x + tableWidth(columns), y + height)
    .lineWidth(0.5)
    .strokeColor(style.ruleColor)
    .stroke()
    .restore();
}

/** Draws the table and returns the y below its last row. */
export function drawTable(doc: PDFKit.PDFDocument, opts: TableOptions): number {
  let y = drawHeader(doc, opts, opts.y);
  for (const row of opts.rows) {
    const height = rowHeight(doc, row, opts.columns, opts.style);
    if (y + height > opts.bottom) {
      y = drawHeader(doc, opts, opts.newPage());
    }
    drawRow(doc, opts, row, y, height);
    y += height;
  }
  return y;
}
