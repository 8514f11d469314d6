import { describe, expect, it } from 'vitest';
import { el, escapeAttr, escapeText, serializeXml, textEl } from './xml-writer.js';

describe('xml-writer', () => {
  it('escapes text and attributes', () => {
    expect(escapeText('a < b & c > d')).toBe('a &lt; b &amp; c &gt; d');
    expect(escapeAttr('say "hi"\n')).toBe('say &quot;hi&quot;&#10;');
    expect(escapeText('bell\u0007 and \ud800 lone')).toBe('bell and  lone');
    expect(escapeText('emoji 😀 stays')).toBe('emoji 😀 stays');
  });

  it('skips empty optional children and serializes deterministically', () => {
    const xml = serializeXml(
      el(
        'r:Root',
        { 'xmlns:r': 'urn:x', skip: null },
        textEl('r:A', 'Müller & Söhne'),
        textEl('r:B', null),
        null,
        false,
        '',
        el('r:C', null),
      ),
    );
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<r:Root xmlns:r="urn:x">\n  <r:A>Müller &amp; Söhne</r:A>\n  <r:C/>\n</r:Root>\n',
    );
  });
});
