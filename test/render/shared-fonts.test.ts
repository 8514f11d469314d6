// Fonts parsed once per process (src/render/pdf/fonts.ts): documents rendered one after another or concurrently
// each carry exactly their own text, stay byte-identical to a render in any other order, and still embed subsets.
// The "fontkit" block pins the fontkit behaviour the sharing relies on; it fails if a pdfkit/fontkit update changes it.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import type { DocumentData } from '../../src/domain/documents/document.js';
import { documentFontFiles, registerDocumentFonts, SharedFace, sharedFaces } from '../../src/render/pdf/fonts.js';
import { renderDocumentPdf } from '../../src/render/pdf/render-document-pdf.js';
import { domestic19, seller } from '../einvoice/fixtures.js';
import { missingPdfTools, pdfText, skipWithoutTools } from '../support/pdf-tools.js';

const hasPdffonts = (process.env.PATH ?? '')
  .split(path.delimiter)
  .some((d) => d && existsSync(path.join(d, 'pdffonts')));
const skip = skipWithoutTools('shared fonts (poppler-utils)', [
  ...missingPdfTools(),
  ...(hasPdffonts ? [] : ['pdffonts (apt-get install poppler-utils)']),
]);

/** domestic19 with its own buyer and first line name, so each document has text no other one has. */
function variant(buyer: string, product: string): DocumentData {
  const doc = structuredClone(domestic19);
  doc.customer.billing.company = buyer;
  doc.customer.shipping = null;
  doc.lines[0]!.name = product;
  return doc;
}

// "ﬂ" (U+FB02) and the "fl" that DejaVu's ccmp turns into the same ligature glyph: with a fontkit Font shared
// between documents, whichever came first would decide the other's ToUnicode entry (and so its extractable text).
const ALPHA = { buyer: 'Alphabet Ankauf AG', product: 'Reißﬂach Alpha-Spezial', number: 'RE-2026-00001' };
const BETA = { buyer: 'Betamax Beschaffung GmbH', product: 'Pflaumenmus Beta-Glas', number: 'RE-2026-00002' };
const alpha = variant(ALPHA.buyer, ALPHA.product);
const beta = variant(BETA.buyer, BETA.product);
const renderAlpha = () => renderDocumentPdf({ doc: alpha, number: ALPHA.number, seller });
const renderBeta = () => renderDocumentPdf({ doc: beta, number: BETA.number, seller });

const run = promisify(execFile);

async function pdffonts(pdf: Buffer): Promise<string[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'belegfluss-fonts-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    const { stdout } = await run('pdffonts', [file]);
    return stdout
      .split('\n')
      .slice(2)
      .filter((l) => l.trim() !== '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function expectOwnText(text: string, own: typeof ALPHA, other: typeof ALPHA): void {
  const plain = text.replace(/\u00a0/g, ' ');
  for (const s of [own.buyer, own.product, `Rechnung ${own.number}`]) expect(plain, `missing "${s}"`).toContain(s);
  for (const s of [other.buyer, other.product, other.number]) expect(plain, `foreign "${s}"`).not.toContain(s);
}

describe.skipIf(skip)('documents rendered with the shared fonts', () => {
  it('one after another: each PDF has exactly its own text, whatever was rendered before', async () => {
    const a1 = await renderAlpha();
    const b1 = await renderBeta();
    const a2 = await renderAlpha();
    const b2 = await renderBeta();
    expect(a2.equals(a1), 'Alpha re-rendered after Beta is byte-identical').toBe(true);
    expect(b2.equals(b1), 'Beta re-rendered after Alpha is byte-identical').toBe(true);
    expectOwnText(await pdfText(a1), ALPHA, BETA);
    expectOwnText(await pdfText(b1), BETA, ALPHA);
  });

  it('concurrently: the same bytes as rendered alone', async () => {
    const alone = { a: await renderAlpha(), b: await renderBeta() };
    const [b1, a1, b2, a2] = await Promise.all([renderBeta(), renderAlpha(), renderBeta(), renderAlpha()]);
    for (const pdf of [a1!, a2!]) expect(pdf.equals(alone.a)).toBe(true);
    for (const pdf of [b1!, b2!]) expect(pdf.equals(alone.b)).toBe(true);
    expectOwnText(await pdfText(a1!), ALPHA, BETA);
    expectOwnText(await pdfText(b2!), BETA, ALPHA);
  });

  it('still embeds both fonts as subsets with a ToUnicode map', async () => {
    const pdf = await renderAlpha();
    const rows = await pdffonts(pdf);
    expect(rows).toHaveLength(2);
    for (const face of ['DejaVuSansCondensed', 'DejaVuSansCondensed-Bold']) {
      const row = rows.find((r) => new RegExp(`^[A-Z]{6}\\+${face}\\s`).test(r));
      expect(row, `${face} embedded as a subset (ABCDEF+ prefix)`).toBeDefined();
      // columns: name, type (2 words), encoding, emb, sub, uni, object id
      expect(row!.split(/\s+/).slice(4, 7)).toEqual(['yes', 'yes', 'yes']);
    }
    // A subset, not the whole face: the 1-page PDF is a fraction of one TTF file.
    expect(pdf.length).toBeLessThan(statSync(documentFontFiles().regular).size / 10);
  });
});

describe('fontkit, as fonts.ts relies on it', () => {
  const face = sharedFaces().regular;

  it('pdfkit takes a parsed fontkit Font in registerFont() and embeds that face', () => {
    const pdf = new PDFDocument({ font: null as unknown as string });
    const fonts = registerDocumentFonts(pdf);
    pdf.font(fonts.bold).text('Hallo');
    const current = (pdf as unknown as { _font: { font: { postscriptName: string } } })._font;
    expect(current.font.postscriptName).toBe('DejaVuSansCondensed-Bold');
  });

  it('fonts for different documents share the decoded tables (the speed-up)', () => {
    const a = face.forDocument();
    const b = face.forDocument();
    const tables = a as unknown as Record<string, unknown>;
    const other = b as unknown as Record<string, unknown>;
    for (const table of ['GPOS', 'GSUB', 'cmap', 'hmtx', 'post']) {
      expect(tables[table], table).toBeDefined();
      expect(tables[table], `${table} decoded once, not per document`).toBe(other[table]);
    }
  });

  it('but not their glyphs: the code points a glyph was reached by stay per document', () => {
    const a = face.forDocument();
    const b = face.forDocument();
    const fromLigatureChar = a.layout('\ufb02').glyphs[0]!;
    const fromLetters = b.layout('fl').glyphs[0]!;
    expect(fromLetters.id).toBe(fromLigatureChar.id); // one glyph, reached two ways
    expect(fromLigatureChar.codePoints).toEqual([0xfb02]);
    expect(fromLetters.codePoints).toEqual([0x66, 0x6c]);
    expect(a.getGlyph(fromLetters.id)).not.toBe(b.getGlyph(fromLetters.id));
  });

  it('a Font shared between documents would leak code points (why each document gets its own)', () => {
    const shared = new SharedFace(documentFontFiles().regular).forDocument();
    shared.layout('\ufb02');
    expect(shared.layout('fl').glyphs[0]!.codePoints).toEqual([0xfb02]);
  });
});
