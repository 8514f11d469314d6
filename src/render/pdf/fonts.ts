// The embedded fonts: DejaVu Sans Condensed from the dejavu-fonts-ttf package (resolved, never copied into the repo).
// PDF/A forbids the non-embedded standard 14 fonts, so every glyph on our documents comes from these files.
//
// Parsed once per process. Given a file path, pdfkit reads the TTF and fontkit decodes its tables (cmap, metrics,
// the GSUB/GPOS kerning lookups, post with 6,000 glyph names) again for every document — most of a render's time.
// Here each face is read and decoded once (`SharedFace`), and every document gets its own fontkit Font over the
// same bytes that looks up the already decoded tables. pdfkit 0.20 accepts a parsed fontkit Font in registerFont().
//
// What stays per document, and why:
// - the fontkit Font itself: its glyph cache remembers the code points a glyph was first reached by, and pdfkit
//   writes those into the ToUnicode map. Shared, one document's text would change another's (after a document with
//   "ﬂach", a later "Pflaume" would extract as "Pﬂaume"), and output would depend on what was rendered before.
// - pdfkit's EmbeddedFont (glyph subset, widths, ToUnicode, layout cache) belongs to its PDFDocument anyway.
// The shared decoded tables are only read once decoded (subsetting clones the tables it changes), and a render's
// font work runs synchronously from the first text() to end(), so concurrent renders never interleave on them.
//
// `_tables` is a fontkit internal (fontkit's own getVariation() shares it the same way). If a fontkit update drops
// it, documents still render correctly, only slower again; test/render/shared-fonts.test.ts fails in that case.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';

const require = createRequire(import.meta.url);

let fontDir: string | null = null;

function dejavuDir(): string {
  if (fontDir) return fontDir;
  const pkg = require.resolve('dejavu-fonts-ttf/package.json');
  fontDir = path.join(path.dirname(pkg), 'ttf');
  return fontDir;
}

export interface FontSet {
  regular: string;
  bold: string;
}

/** Absolute paths of the TTF files used on documents; throws naming the file if the package is incomplete. */
export function documentFontFiles(): FontSet {
  const dir = dejavuDir();
  const fonts = {
    regular: path.join(dir, 'DejaVuSansCondensed.ttf'),
    bold: path.join(dir, 'DejaVuSansCondensed-Bold.ttf'),
  };
  for (const file of Object.values(fonts)) {
    if (!existsSync(file)) throw new Error(`font file missing: ${file} (is the dejavu-fonts-ttf package installed?)`);
  }
  return fonts;
}

/** Decoded while warming up, so the shared tables hold what a render needs (all tables, GSUB/GPOS lookups). */
const WARM_UP_TEXT = 'Rechnung Nr. 0123456789 äöüß ÄÖÜ €%&/()–·„“ Invoice fi ff VAT';

/** One TTF face, read and decoded once; hands out a fresh fontkit Font per document over the shared tables. */
export class SharedFace {
  private readonly bytes: Buffer;
  private readonly tables: Record<string, unknown> | null;

  constructor(readonly file: string) {
    this.bytes = readFileSync(file);
    const template = fontkit.create(this.bytes);
    // Touch what pdfkit's EmbeddedFont and fontkit's layout and subsetting read, so these tables are decoded by
    // (and refer back to) the template rather than the first document's font.
    const run = template.layout(WARM_UP_TEXT);
    const subset = template.createSubset();
    for (const glyph of run.glyphs) subset.includeGlyph(glyph.id);
    subset.encode();
    const t = template as unknown as Record<string, unknown>;
    for (const table of ['OS/2', 'post', 'name', 'head', 'hhea', 'maxp']) void t[table];
    this.tables = typeof template._tables === 'object' && template._tables !== null ? template._tables : null;
  }

  /** The face for one document: its own glyph cache, the process's decoded tables. */
  forDocument(): fontkit.Font {
    const font = fontkit.create(this.bytes);
    if (this.tables) font._tables = this.tables;
    return font;
  }
}

let faces: { regular: SharedFace; bold: SharedFace } | null = null;

/** The process-wide faces, read on first use. */
export function sharedFaces(): { regular: SharedFace; bold: SharedFace } {
  if (!faces) {
    const files = documentFontFiles();
    faces = { regular: new SharedFace(files.regular), bold: new SharedFace(files.bold) };
  }
  return faces;
}

const REGULAR = 'DejaVuSansCondensed';
const BOLD = 'DejaVuSansCondensed-Bold';

/**
 * Registers the document fonts on a new PDFDocument and selects the regular face; returns the names to pass to
 * `pdf.font()`. Each call gives the document its own fontkit Fonts (see the top of this file).
 */
export function registerDocumentFonts(pdf: PDFKit.PDFDocument): FontSet {
  const { regular, bold } = sharedFaces();
  // @types/pdfkit predates pdfkit 0.20's support for parsed fontkit fonts in registerFont().
  pdf.registerFont(REGULAR, regular.forDocument() as unknown as PDFKit.Mixins.PDFFontSource);
  pdf.registerFont(BOLD, bold.forDocument() as unknown as PDFKit.Mixins.PDFFontSource);
  pdf.font(REGULAR);
  return { regular: REGULAR, bold: BOLD };
}
