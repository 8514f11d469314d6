// The part of fontkit (pdfkit's font engine, which ships no types) that src/render/pdf/shared-fonts.ts uses.
// `_tables` is fontkit's internal cache of decoded tables; shared-fonts.ts explains why it is shared and
// test/render/shared-fonts.test.ts fails if fontkit stops honouring it.
declare module 'fontkit' {
  export interface Glyph {
    readonly id: number;
    readonly codePoints: number[];
    readonly advanceWidth: number;
  }

  export interface GlyphRun {
    readonly glyphs: Glyph[];
    readonly advanceWidth: number;
  }

  export interface Subset {
    includeGlyph(glyph: number | Glyph): number;
    encode(): Uint8Array;
  }

  export interface Font {
    readonly postscriptName: string;
    readonly unitsPerEm: number;
    layout(text: string, features?: string[]): GlyphRun;
    getGlyph(id: number, codePoints?: number[]): Glyph;
    createSubset(): Subset;
    _tables: Record<string, unknown>;
  }

  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
