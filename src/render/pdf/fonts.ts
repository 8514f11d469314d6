// The embedded fonts: DejaVu Sans Condensed from the dejavu-fonts-ttf package (resolved, never copied into the repo).
// PDF/A forbids the non-embedded standard 14 fonts, so every glyph on our documents comes from these files.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

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
export function documentFonts(): FontSet {
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
