// POST /Voucher/Factory/uploadTempFile: sevDesk stores PDFs, images and e-invoice XML and answers with a
// temporary file name to pass to saveVoucher (sevdesk-api.md §4.1). Content is not validated further.
import { createHash } from 'node:crypto';
import { badRequest } from './errors.js';
import type { TempFileRec } from './state.js';

const ACCEPTED_TYPES: Readonly<Record<string, string>> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/jpg': 'jpg',
  'image/gif': 'gif',
  'image/tiff': 'tif',
  'application/xml': 'xml',
  'text/xml': 'xml',
};

/** The type from the file's magic bytes, else the declared type; undefined when sevDesk would not take it. */
export function sniffMimeType(bytes: Uint8Array, declared: string): string | undefined {
  const startsWith = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (startsWith(0x25, 0x50, 0x44, 0x46)) return 'application/pdf'; // %PDF
  if (startsWith(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (startsWith(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (startsWith(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (startsWith(0x49, 0x49, 0x2a, 0x00) || startsWith(0x4d, 0x4d, 0x00, 0x2a)) return 'image/tiff';
  const head = new TextDecoder()
    .decode(bytes.subarray(0, 256))
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (head.startsWith('<?xml') || /^<[\w:]+[\s>]/.test(head)) return 'application/xml';
  const type = declared.split(';')[0]!.trim().toLowerCase();
  return type in ACCEPTED_TYPES ? type : undefined;
}

export function createTempFile(bytes: Uint8Array, declaredType: string, uniquifier: string, now: number): TempFileRec {
  if (bytes.length === 0) throw badRequest('Bad request: the uploaded file is empty');
  const originMimeType = sniffMimeType(bytes, declaredType);
  if (!originMimeType)
    throw badRequest(`Bad request: unsupported file type ${declaredType || 'unknown'}; upload a PDF, an image or XML`);
  const contentHash = createHash('sha256').update(bytes).digest('hex');
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const isPdf = originMimeType === 'application/pdf';
  const isXml = originMimeType === 'application/xml' || originMimeType === 'text/xml';
  return {
    filename: `${createHash('md5').update(`${contentHash}:${uniquifier}`).digest('hex')}.${ACCEPTED_TYPES[originMimeType]}`,
    uploaded: now,
    // sevDesk renders a JPEG preview of PDFs and reports that as mimeType (observed).
    mimeType: isPdf ? 'image/jpg' : originMimeType,
    originMimeType,
    contentHash,
    size: bytes.length,
    pages: isPdf ? Math.max(1, (latin1.match(/\/Type\s*\/Page(?!s)/g) ?? []).length) : 1,
    isEInvoice: isXml
      ? /CrossIndustryInvoice|urn:oasis:names:specification:ubl:schema:xsd:Invoice/.test(latin1)
      : isPdf && /factur-x|zugferd|xrechnung/i.test(latin1),
    contentBase64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
  };
}

export function renderTempFile(file: TempFileRec) {
  return {
    pages: file.pages,
    mimeType: file.mimeType,
    originMimeType: file.originMimeType,
    filename: file.filename,
    contentHash: file.contentHash,
    content: [],
    isEInvoice: file.isEInvoice,
  };
}
