// A tiny XML element tree and serializer: enough for CII, escaped correctly, deterministic.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string | null;
}

/** Anything falsy (null, undefined, false, '') is skipped, so optional elements can be written inline. */
export type XmlChild = XmlElement | null | undefined | false | '';

/** Element with child elements. */
export function el(
  name: string,
  attrs: Record<string, string | null | undefined> | null,
  ...children: XmlChild[]
): XmlElement {
  return { name, attrs: cleanAttrs(attrs), children: children.filter((c): c is XmlElement => !!c), text: null };
}

/** Element with text content; returns null (skipped) when the text is null/undefined, so optional values vanish. */
export function textEl(
  name: string,
  value: string | number | null | undefined,
  attrs: Record<string, string | null | undefined> | null = null,
): XmlElement | null {
  if (value === null || value === undefined) return null;
  return { name, attrs: cleanAttrs(attrs), children: [], text: String(value) };
}

function cleanAttrs(attrs: Record<string, string | null | undefined> | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs ?? {})) if (v !== null && v !== undefined) out[k] = v;
  return out;
}

/** XML 1.0 Char production: TAB, LF, CR and U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF (no lone surrogates). */
function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** Drops what may not appear in XML at all. */
function stripInvalidChars(value: string): string {
  let out = '';
  for (const ch of value) if (isXmlChar(ch.codePointAt(0) ?? 0)) out += ch;
  return out;
}

export function escapeText(value: string): string {
  return stripInvalidChars(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

export function escapeAttr(value: string): string {
  return escapeText(value).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}

function write(node: XmlElement, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  const attrs = Object.entries(node.attrs)
    .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
    .join('');
  if (node.text !== null) {
    out.push(`${pad}<${node.name}${attrs}>${escapeText(node.text)}</${node.name}>`);
  } else if (node.children.length === 0) {
    out.push(`${pad}<${node.name}${attrs}/>`);
  } else {
    out.push(`${pad}<${node.name}${attrs}>`);
    for (const child of node.children) write(child, depth + 1, out);
    out.push(`${pad}</${node.name}>`);
  }
}

/** Serializes with an XML declaration, two-space indentation and a final newline. */
export function serializeXml(root: XmlElement): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  write(root, 0, out);
  return `${out.join('\n')}\n`;
}
