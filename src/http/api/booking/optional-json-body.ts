import type { Context } from 'hono';
import { decodeUtf8, parseJsonText, readRawBody } from '../../middleware/read-body.js';

/** A JSON body that may be absent (then `{}`): POST actions whose fields are all optional. */
export async function readOptionalJsonBody(c: Context): Promise<unknown> {
  const text = decodeUtf8(await readRawBody(c));
  return text.trim() === '' ? {} : parseJsonText(text);
}
