// PDF inspection for tests with Debian poppler-utils (pdftotext, pdfinfo, pdfdetach, pdftoppm).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

function which(cmd: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && existsSync(path.join(dir, cmd)));
}

export function missingPdfTools(): string[] {
  return ['pdftotext', 'pdfinfo', 'pdfdetach', 'pdftoppm']
    .filter((t) => !which(t))
    .map((t) => `${t} (apt-get install poppler-utils)`);
}

/**
 * Tools a suite needs: in CI (CI=true) a missing tool fails the suite loudly; elsewhere it is skipped with a
 * message on stderr. Returns true when the suite should be skipped.
 */
export function skipWithoutTools(suite: string, missing: string[]): boolean {
  if (missing.length === 0) return false;
  const msg = `\n\n*** ${suite}: missing ${missing.join(', ')} — SKIPPED. ***\n\n`;
  if (process.env.CI) throw new Error(`${msg}In CI these tools must be installed.`);
  process.stderr.write(msg);
  return true;
}

async function withFile<T>(pdf: Buffer, fn: (file: string, dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'belegfluss-pdf-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    return await fn(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Text of the PDF in reading order, pages separated by form feeds. */
export function pdfText(pdf: Buffer, opts: { layout?: boolean } = {}): Promise<string> {
  return withFile(pdf, async (file) => {
    const { stdout } = await run('pdftotext', [...(opts.layout ? ['-layout'] : []), '-enc', 'UTF-8', file, '-'], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  });
}

/** pdfinfo as key/value pairs (Pages, PDF version, Title, …). */
export function pdfInfo(pdf: Buffer): Promise<Record<string, string>> {
  return withFile(pdf, async (file) => {
    const { stdout } = await run('pdfinfo', [file]);
    const info: Record<string, string> = {};
    for (const line of stdout.split('\n')) {
      const i = line.indexOf(':');
      if (i > 0) info[line.slice(0, i).trim()] = line.slice(i + 1).trim();
    }
    return info;
  });
}

/** The embedded files, by name. */
export function pdfAttachments(pdf: Buffer): Promise<Map<string, Buffer>> {
  return withFile(pdf, async (file, dir) => {
    const out = path.join(dir, 'attachments');
    mkdirSync(out);
    await run('pdfdetach', ['-saveall', '-o', out, file]);
    return new Map(readdirSync(out).map((name) => [name, readFileSync(path.join(out, name))]));
  });
}

/** Renders one page to PNG (for looking at it). */
export function pdfPageToPng(pdf: Buffer, page: number, target: string, dpi = 80): Promise<void> {
  return withFile(pdf, async (file) => {
    await run('pdftoppm', [
      '-png',
      '-r',
      String(dpi),
      '-f',
      String(page),
      '-l',
      String(page),
      '-singlefile',
      file,
      target.replace(/\.png$/, ''),
    ]);
  });
}
