import type { Context } from 'hono';
import { validationError } from '../../lib/errors.js';

// Request bodies are read once as bytes: webhooks need the raw bytes for the signature, and every body must be
// valid UTF-8 (a lone byte 0xFF is a 400, not a replacement character stored in an accounting record).

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export async function readRawBody(c: Context): Promise<Uint8Array> {
  return new Uint8Array(await c.req.arrayBuffer());
}

export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw validationError('The request body is not valid UTF-8.', [{ path: '(body)', message: 'invalid UTF-8' }]);
  }
}

export function parseJsonText(text: string): unknown {
  if (text.trim() === '')
    throw validationError('The request body is empty; JSON expected.', [{ path: '(body)', message: 'empty' }]);
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw validationError('The request body is not valid JSON.', [
      { path: '(body)', message: (e as Error).message.slice(0, 200) },
    ]);
  }
}

/** The JSON body of an API request (UTF-8, JSON). */
export async function readJsonBody(c: Context): Promise<unknown> {
  const type = c.req.header('content-type');
  if (type && !/json/i.test(type)) {
    throw validationError('Send the body as application/json.', [
      { path: '(content-type)', message: `got ${type.slice(0, 100)}` },
    ]);
  }
  return parseJsonText(decodeUtf8(await readRawBody(c)));
}
