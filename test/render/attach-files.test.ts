// The Factur-X hybrid made by attaching the XML to the already rendered visual PDF (src/render/pdf/attach-files.ts):
// a well-formed file equivalent to rendering the hybrid from scratch, the visual PDF's objects untouched, and a
// fallback to the full render for anything attachFiles does not handle. Fails if pdfkit's output changes shape.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildCiiXml } from '../../src/render/einvoice/build-cii.js';
import { embedFacturx, FACTURX_FILENAME, facturxFromPdf } from '../../src/render/einvoice/embed-facturx.js';
import { attachFiles, pdfName, pdfTextString } from '../../src/render/pdf/attach-files.js';
import { type RenderPdfInput, renderDocumentPdf } from '../../src/render/pdf/render-document-pdf.js';
import { DOMESTIC_INVOICE, fullCancellation, mixedRates, seller } from '../einvoice/fixtures.js';
import { missingPdfTools, pdfAttachments, pdfText, skipWithoutTools } from '../support/pdf-tools.js';

const onPath = (cmd: string) =>
  (process.env.PATH ?? '').split(path.delimiter).some((d) => existsSync(path.join(d, cmd)));
const skip = skipWithoutTools('attached Factur-X (poppler-utils, qpdf, xmllint)', [
  ...missingPdfTools(),
  ...['qpdf', 'xmllint']
    .filter((t) => !onPath(t))
    .map((t) => `${t} (apt-get install ${t === 'qpdf' ? t : 'libxml2-utils'})`),
]);
const run = promisify(execFile);

async function withTempFile<T>(name: string, content: Buffer | string, fn: (file: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'belegfluss-attach-'));
  try {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    return await fn(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** qpdf's structural check (xref offsets, object syntax, streams); throws on errors. */
const qpdfCheck = (pdf: Buffer) => withTempFile('doc.pdf', pdf, (f) => run('qpdf', ['--check', f]));

function xmpOf(pdf: Buffer): string {
  const raw = pdf.toString('utf8');
  const end = '<?xpacket end="w"?>';
  return raw.slice(raw.indexOf('<?xpacket begin'), raw.indexOf(end) + end.length);
}

/** The `n 0 obj … endobj` objects of a pdfkit file, by content (streams included). */
function objectBodies(pdf: Buffer): Set<string> {
  const raw = pdf.toString('latin1');
  return new Set([...raw.matchAll(/\n\d+ 0 obj\n([\s\S]*?)\nendobj/g)].map((m) => m[1]!));
}

const input: RenderPdfInput = { doc: mixedRates, number: 'RE-2025-00043', seller, lang: 'de', originalInvoice: null };
const xml = buildCiiXml({ doc: mixedRates, number: 'RE-2025-00043', seller, profile: 'EN16931' });

describe('attachFiles on renderDocumentPdf output', () => {
  it('extends the visual PDF (pdfkit still writes the shape it reads) and is deterministic', async () => {
    const visual = await renderDocumentPdf(input);
    const a = await facturxFromPdf(visual, input, xml);
    const b = await facturxFromPdf(await renderDocumentPdf(input), input, xml);
    expect(a.equals(b)).toBe(true);
    const direct = attachFiles(
      visual,
      [{ filename: 'x.xml', content: Buffer.from('<x/>'), relationship: 'Data', mimeType: 'text/xml' }],
      { date: new Date('2025-03-14T00:00:00Z') },
    );
    expect(direct, 'attachFiles understood the rendered PDF').not.toBeNull();
  });

  it('copies every object of the visual PDF unchanged except catalog, /Names and the XMP', async () => {
    const visual = await renderDocumentPdf(input);
    const hybrid = await facturxFromPdf(visual, input, xml);
    const kept = objectBodies(hybrid);
    const changed = [...objectBodies(visual)].filter((o) => !kept.has(o));
    expect(changed).toHaveLength(3);
    expect(changed.find((o) => o.includes('/Type /Catalog'))).toBeDefined();
    expect(changed.find((o) => o.startsWith('<<\n/Dests'))).toBeDefined();
    expect(changed.find((o) => o.includes('/Type /Metadata'))).toBeDefined();
  });

  it('returns null for what it does not handle', async () => {
    const file = {
      filename: 'a.xml',
      content: Buffer.from('<a/>'),
      relationship: 'Data' as const,
      mimeType: 'text/xml',
    };
    const date = new Date('2025-03-14T00:00:00Z');
    const withAttachment = await renderDocumentPdf({ ...input, attachments: [file] });
    expect(attachFiles(withAttachment, [file], { date }), 'already has /AF').toBeNull();
    const visual = await renderDocumentPdf(input);
    expect(attachFiles(visual.subarray(0, visual.length - 40), [file], { date }), 'truncated').toBeNull();
    expect(attachFiles(Buffer.from('%PDF-1.7\nnot really\n%%EOF\n'), [file], { date })).toBeNull();
    expect(attachFiles(visual, [file, file], { date }), 'duplicate names').toBeNull();
    expect(attachFiles(visual, [], { date })).toBeNull();
  });

  it('falls back to rendering the hybrid when the given PDF cannot be extended', async () => {
    const fallback = await facturxFromPdf(Buffer.from('%PDF-1.7\n%%EOF\n'), input, xml);
    expect(fallback.equals(await embedFacturx(input, xml))).toBe(true);
  });

  it('writes PDF names and text strings', () => {
    expect(pdfName('text/xml')).toBe('/text#2Fxml');
    expect(pdfName('application/vnd.a+b c#')).toBe('/application#2Fvnd.a+b#20c#23');
    expect(pdfTextString('factur-x.xml')).toBe('(factur-x.xml)');
    expect(pdfTextString('a(b)\\c')).toBe('(a\\(b\\)\\\\c)');
    expect(pdfTextString('Lieferschein ä.pdf')).toBe(
      `<feff${Buffer.from('Lieferschein ä.pdf', 'utf16le').swap16().toString('hex')}>`,
    );
  });
});

describe.skipIf(skip)('the attached hybrid, checked with qpdf, poppler and xmllint', () => {
  it('is a well-formed PDF equivalent to rendering the hybrid from scratch', async () => {
    for (const [pdfInput, profile, cii] of [
      [input, 'EN16931', xml],
      [
        { doc: fullCancellation, number: 'ST-2025-00008', seller, lang: 'en', originalInvoice: DOMESTIC_INVOICE },
        'XRECHNUNG',
        buildCiiXml({
          doc: fullCancellation,
          number: 'ST-2025-00008',
          seller,
          profile: 'XRECHNUNG',
          buyerReference: '04011000-12345-34',
          originalInvoice: DOMESTIC_INVOICE,
        }),
      ],
    ] as const) {
      const visual = await renderDocumentPdf(pdfInput);
      const hybrid = await facturxFromPdf(visual, pdfInput, cii, profile);
      const full = await embedFacturx(pdfInput, cii, profile);
      expect(hybrid.equals(full), 'made by attaching, not by rendering again').toBe(false);
      await qpdfCheck(hybrid);
      expect(await pdfText(hybrid)).toBe(await pdfText(full));
      const attached = await pdfAttachments(hybrid);
      expect([...attached.keys()]).toEqual([FACTURX_FILENAME]);
      expect(attached.get(FACTURX_FILENAME)!.toString('utf8')).toBe(cii);
      const md5 = createHash('md5').update(cii).digest('hex');
      expect(hybrid.toString('latin1')).toContain(`/CheckSum <${md5}>`);
      // Same XMP as pdfkit writes for the full render, up to whitespace; well-formed.
      const squash = (s: string) => s.replace(/\s+/g, ' ');
      expect(squash(xmpOf(hybrid))).toBe(squash(xmpOf(full)));
      await withTempFile('xmp.xml', xmpOf(hybrid), (f) => run('xmllint', ['--noout', f]));
    }
  });

  it('embeds several files with a sorted name tree and /AF in the given order', async () => {
    const visual = await renderDocumentPdf(input);
    const files = [
      {
        filename: 'zeta.xml',
        content: Buffer.from('<z/>'),
        relationship: 'Alternative' as const,
        mimeType: 'text/xml',
      },
      {
        filename: 'Lieferschein ä.txt',
        content: Buffer.from('Lieferschein\n'),
        relationship: 'Data' as const,
        mimeType: 'text/plain',
        description: 'Lieferschein (Kopie)',
      },
    ];
    const pdf = attachFiles(visual, files, { date: new Date('2025-03-14T00:00:00Z') })!;
    expect(pdf).not.toBeNull();
    await qpdfCheck(pdf);
    const attached = await pdfAttachments(pdf);
    expect(attached.get('zeta.xml')?.toString()).toBe('<z/>');
    expect(attached.get('Lieferschein ä.txt')?.toString()).toBe('Lieferschein\n');
    const raw = pdf.toString('latin1');
    const af = /\/AF \[(\d+) 0 R (\d+) 0 R\]/.exec(raw);
    expect(af).not.toBeNull();
    const tree = /\/EmbeddedFiles <<\n {2}\/Names \[\n {4}(\S+) (\d+) 0 R\n {4}(\S+) (\d+) 0 R\n\]/.exec(raw);
    // Sorted by the encoded bytes: "zeta" (0x7a…) before the UTF-16 name (0xfe 0xff …).
    expect(tree?.slice(1)).toEqual(['(zeta.xml)', af![1], expect.stringMatching(/^<feff/), af![2]]);
    expect(raw).toContain('/Desc (Lieferschein \\(Kopie\\))');
  });
});
