// PDF/A-3 associated files added to a PDF that renderDocumentPdf already wrote, without laying its pages out again.
// The Factur-X hybrid is the visual PDF plus factur-x.xml; rendering it a second time doubled the time finalization
// holds the write lock for an e-invoice.
//
// The file is rewritten whole (no incremental update, so every object number is defined once): each object is
// copied byte for byte except three — the catalog gains /AF, its /Names dictionary gains /EmbeddedFiles, the XMP
// metadata stream gains the given rdf:Description blocks (where pdfkit's appendXML puts them) — then come the
// embedded-file streams and their file specifications, and a fresh xref table. What pdfkit would write for
// `doc.file()`: /F and /UF, /AFRelationship, the MIME type as /Subtype, /Params with dates, size and MD5.
//
// It reads only the shape pdfkit writes: one classic xref table, no encryption, uncompressed dictionaries, an
// unfiltered XMP stream and no attachments yet. For anything else it returns null, and the caller renders the
// document again with the attachments (see embed-facturx.ts).
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { PdfAttachment } from './render-document-pdf.js';

interface PdfObject {
  num: number;
  bytes: Buffer;
}

interface ParsedPdf {
  header: Buffer;
  objects: PdfObject[];
  trailer: string;
  size: number;
  root: number;
}

/** A PDF text string: literal when printable ASCII, else UTF-16BE with a byte order mark (as pdfkit writes). */
export function pdfTextString(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  return `<${textStringBytes(text).toString('hex')}>`;
}

/** The bytes pdfTextString(text) stands for. */
function textStringBytes(text: string): Buffer {
  return /^[\x20-\x7e]*$/.test(text) ? Buffer.from(text, 'latin1') : Buffer.from(`\ufeff${text}`, 'utf16le').swap16();
}

/** A PDF name: regular characters as they are, everything else as #xx (e.g. text/xml → /text#2Fxml). */
export function pdfName(name: string): string {
  const bytes = Buffer.from(name, 'utf8');
  let out = '/';
  for (const b of bytes) {
    const c = String.fromCharCode(b);
    out += b > 0x20 && b < 0x7f && !'()<>[]{}/%#'.includes(c) ? c : `#${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** D:YYYYMMDDHHmmSSZ in UTC, the form pdfkit writes. */
function pdfDate(date: Date): string {
  const iso = date.toISOString(); // 2025-03-14T00:00:00.000Z
  return `(D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z)`;
}

function parse(pdf: Buffer): ParsedPdf | null {
  const text = pdf.toString('latin1'); // one char per byte, so string offsets are byte offsets
  const end = /startxref\n(\d+)\n%%EOF\n?$/.exec(text.slice(-64));
  if (!end) return null;
  const xrefAt = Number(end[1]);
  const head = /^xref\n0 (\d+)\n/.exec(text.slice(xrefAt, xrefAt + 32));
  if (!head) return null;
  const size = Number(head[1]);
  const entriesAt = xrefAt + head[0].length;
  const objects: { num: number; offset: number }[] = [];
  for (let num = 0; num < size; num++) {
    const entry = /^(\d{10}) (\d{5}) ([nf])[ \r\n]{2}$/.exec(
      text.slice(entriesAt + num * 20, entriesAt + num * 20 + 20),
    );
    if (!entry) return null;
    if (num === 0) continue;
    if (entry[3] !== 'n' || entry[2] !== '00000') return null; // pdfkit never frees objects
    objects.push({ num, offset: Number(entry[1]) });
  }
  const trailerAt = entriesAt + size * 20;
  const trailer = /^trailer\n(<<[\s\S]*>>)\nstartxref\n/.exec(text.slice(trailerAt))?.[1];
  if (!trailer || /\/(Encrypt|Prev|XRefStm)\b/.test(trailer)) return null;
  const root = /\/Root (\d+) 0 R/.exec(trailer);
  if (!root || !new RegExp(`/Size ${size}\\b`).test(trailer)) return null;

  objects.sort((a, b) => a.offset - b.offset);
  const parsed: PdfObject[] = [];
  for (const [i, o] of objects.entries()) {
    const next = objects[i + 1]?.offset ?? xrefAt;
    if (!text.startsWith(`${o.num} 0 obj\n`, o.offset) || next <= o.offset) return null;
    parsed.push({ num: o.num, bytes: pdf.subarray(o.offset, next) });
  }
  const first = objects[0]?.offset;
  if (first === undefined) return null;
  return { header: pdf.subarray(0, first), objects: parsed, trailer, size, root: Number(root[1]) };
}

/** The dictionary body of an object without a stream (`n 0 obj\n<<\n…\n>>\nendobj\n`), or null. */
function dictionaryBody(object: PdfObject): string | null {
  const m = /^\d+ 0 obj\n<<\n([\s\S]*)\n>>\nendobj\n$/.exec(object.bytes.toString('latin1'));
  return m?.[1] ?? null;
}

function dictionaryObject(num: number, body: string): Buffer {
  return Buffer.from(`${num} 0 obj\n<<\n${body}\n>>\nendobj\n`, 'latin1');
}

function streamObject(num: number, dictionary: string[], data: Buffer): Buffer {
  const head = `${num} 0 obj\n<<\n${[...dictionary, `/Length ${data.length}`].join('\n')}\n>>\nstream\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), data, Buffer.from('\nendstream\nendobj\n', 'latin1')]);
}

/** The XMP packet of pdfkit's unfiltered metadata stream, or null. */
function xmpPacket(object: PdfObject): Buffer | null {
  const text = object.bytes.toString('latin1');
  const m = /^\d+ 0 obj\n<<\n([\s\S]*?)\n>>\nstream\n/.exec(text);
  if (!m?.[1] || /\/Filter\b/.test(m[1]) || !/\/Type \/Metadata\b/.test(m[1])) return null;
  const length = /\/Length (\d+)/.exec(m[1]);
  const start = m[0].length;
  if (!length || !text.endsWith('\nendstream\nendobj\n')) return null;
  const data = object.bytes.subarray(start, object.bytes.length - '\nendstream\nendobj\n'.length);
  return data.length === Number(length[1]) ? data : null;
}

export interface AttachOptions {
  /** Extra rdf:Description elements for the XMP packet (e.g. the Factur-X extension schema). */
  xmp?: string;
  /** Creation and modification date of the embedded files. */
  date: Date;
}

/**
 * The PDF with `files` embedded as associated files (catalog /AF, /EmbeddedFiles name tree) and `xmp` added to its
 * metadata; null if `pdf` is not a file renderDocumentPdf wrote without attachments. Deterministic.
 */
export function attachFiles(pdf: Buffer, files: PdfAttachment[], opts: AttachOptions): Buffer | null {
  if (files.length === 0) return null;
  if (new Set(files.map((f) => f.filename)).size !== files.length) return null;
  const parsed = parse(pdf);
  if (!parsed) return null;
  const byNum = new Map(parsed.objects.map((o) => [o.num, o]));
  const catalog = byNum.get(parsed.root);
  const catalogBody = catalog && dictionaryBody(catalog);
  if (!catalogBody || !/^\/Type \/Catalog$/m.test(catalogBody) || /\/AF\b/.test(catalogBody)) return null;
  const namesRef = /^\/Names (\d+) 0 R$/m.exec(catalogBody);
  const metadataRef = /^\/Metadata (\d+) 0 R$/m.exec(catalogBody);
  const names = namesRef && byNum.get(Number(namesRef[1]));
  const namesBody = names && dictionaryBody(names);
  if (!names || namesBody == null || /\/EmbeddedFiles\b/.test(namesBody)) return null;
  const metadata = metadataRef && byNum.get(Number(metadataRef[1]));
  const packet = metadata && xmpPacket(metadata);
  if (!metadata || !packet) return null;
  let newPacket = packet;
  if (opts.xmp) {
    // Right after the rdf:RDF start tag, where pdfkit puts what appendXML() was given before end().
    const rdf = /<rdf:RDF\b[^>]*>/.exec(packet.toString('latin1'));
    if (!rdf) return null;
    const at = rdf.index + rdf[0].length;
    newPacket = Buffer.concat([packet.subarray(0, at), Buffer.from(opts.xmp, 'utf8'), packet.subarray(at)]);
  }

  const date = pdfDate(opts.date);
  const added: Buffer[] = [];
  const specs: { name: string; ref: string }[] = [];
  let next = parsed.size;
  for (const file of files) {
    const streamNum = next++;
    const specNum = next++;
    added.push(
      streamObject(
        streamNum,
        [
          '/Type /EmbeddedFile',
          `/Subtype ${pdfName(file.mimeType)}`,
          '/Params <<',
          `/CreationDate ${date}`,
          `/ModDate ${date}`,
          `/CheckSum <${createHash('md5').update(file.content).digest('hex')}>`,
          `/Size ${file.content.length}`,
          '>>',
          '/Filter /FlateDecode',
        ],
        deflateSync(file.content),
      ),
    );
    const spec = [
      '/Type /Filespec',
      `/F ${pdfTextString(file.filename)}`,
      `/UF ${pdfTextString(file.filename)}`,
      '/EF <<',
      `/F ${streamNum} 0 R`,
      '>>',
      `/AFRelationship /${file.relationship}`,
    ];
    if (file.description) spec.push(`/Desc ${pdfTextString(file.description)}`);
    added.push(dictionaryObject(specNum, spec.join('\n')));
    specs.push({ name: file.filename, ref: `${specNum} 0 R` });
  }
  // Name tree keys are sorted as the bytes of the encoded strings; /AF keeps the order the files were given in.
  const tree = [...specs].sort((a, b) => Buffer.compare(textStringBytes(a.name), textStringBytes(b.name)));
  const replaced = new Map<number, Buffer>([
    [catalog.num, dictionaryObject(catalog.num, `${catalogBody}\n/AF [${specs.map((s) => s.ref).join(' ')}]`)],
    [
      names.num,
      dictionaryObject(
        names.num,
        `${namesBody}\n/EmbeddedFiles <<\n  /Names [\n${tree.map((s) => `    ${pdfTextString(s.name)} ${s.ref}`).join('\n')}\n]\n>>`,
      ),
    ],
    [metadata.num, streamObject(metadata.num, ['/Type /Metadata', '/Subtype /XML'], newPacket)],
  ]);

  const chunks: Buffer[] = [parsed.header];
  const offsets = new Map<number, number>();
  let offset = parsed.header.length;
  const write = (num: number, bytes: Buffer) => {
    offsets.set(num, offset);
    chunks.push(bytes);
    offset += bytes.length;
  };
  for (const o of parsed.objects) write(o.num, replaced.get(o.num) ?? o.bytes);
  for (const [i, bytes] of added.entries()) write(parsed.size + i, bytes);
  const size = next;
  const xref = ['xref', `0 ${size}`, '0000000000 65535 f '];
  for (let num = 1; num < size; num++) {
    const at = offsets.get(num);
    if (at === undefined) return null;
    xref.push(`${String(at).padStart(10, '0')} 00000 n `);
  }
  const trailer = parsed.trailer.replace(/\/Size \d+/, `/Size ${size}`);
  chunks.push(Buffer.from(`${xref.join('\n')}\ntrailer\n${trailer}\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(chunks);
}
