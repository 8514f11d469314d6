// The hybrid invoice (ZUGFeRD 2 / Factur-X 1.0): the visual PDF/A-3b with the CII XML embedded as
// factur-x.xml (AFRelationship /Alternative, listed in the catalog /AF array) and the Factur-X PDF/A
// extension schema in the XMP metadata. The XML and the PDF come from the same DocumentData.
import { attachFiles } from '../pdf/attach-files.js';
import {
  documentDate,
  type PdfAttachment,
  renderDocumentPdf,
  type RenderPdfInput,
} from '../pdf/render-document-pdf.js';
import { type BuildCiiInput, buildCiiXml } from './build-cii.js';
import type { EInvoiceProfile } from './validate-seller.js';

export const FACTURX_FILENAME = 'factur-x.xml';
export const FACTURX_NAMESPACE = 'urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#';

/** Factur-X conformance level written to fx:ConformanceLevel. */
export function facturxConformanceLevel(profile: EInvoiceProfile): string {
  return profile === 'XRECHNUNG' ? 'XRECHNUNG' : 'EN 16931';
}

function property(name: string, description: string): string {
  return `<rdf:li rdf:parseType="Resource">
              <pdfaProperty:name>${name}</pdfaProperty:name>
              <pdfaProperty:valueType>Text</pdfaProperty:valueType>
              <pdfaProperty:category>external</pdfaProperty:category>
              <pdfaProperty:description>${description}</pdfaProperty:description>
            </rdf:li>`;
}

/** The XMP rdf:Description blocks required by Factur-X: the PDF/A extension schema and the fx: values. */
export function facturxXmp(profile: EInvoiceProfile): string {
  return `
        <rdf:Description rdf:about=""
            xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
            xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
            xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
          <pdfaExtension:schemas>
            <rdf:Bag>
              <rdf:li rdf:parseType="Resource">
                <pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>
                <pdfaSchema:namespaceURI>${FACTURX_NAMESPACE}</pdfaSchema:namespaceURI>
                <pdfaSchema:prefix>fx</pdfaSchema:prefix>
                <pdfaSchema:property>
                  <rdf:Seq>
            ${property('DocumentFileName', 'The name of the embedded XML document')}
            ${property('DocumentType', 'The type of the hybrid document in capital letters, e.g. INVOICE or ORDER')}
            ${property('Version', 'The actual version of the standard applying to the embedded XML document')}
            ${property('ConformanceLevel', 'The conformance level of the embedded XML document')}
                  </rdf:Seq>
                </pdfaSchema:property>
              </rdf:li>
            </rdf:Bag>
          </pdfaExtension:schemas>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:fx="${FACTURX_NAMESPACE}">
          <fx:DocumentType>INVOICE</fx:DocumentType>
          <fx:DocumentFileName>${FACTURX_FILENAME}</fx:DocumentFileName>
          <fx:Version>1.0</fx:Version>
          <fx:ConformanceLevel>${facturxConformanceLevel(profile)}</fx:ConformanceLevel>
        </rdf:Description>
`;
}

export interface FacturxInput extends Omit<BuildCiiInput, 'profile'> {
  profile?: EInvoiceProfile;
  lang?: RenderPdfInput['lang'];
  /** Further attachments (e.g. delivery note), embedded with their own relationship. */
  attachments?: RenderPdfInput['attachments'];
}

export interface FacturxResult {
  pdf: Buffer;
  xml: string;
}

/** Builds the CII XML and renders the hybrid PDF around it. Throws EInvoiceDataError like buildCiiXml. */
export async function renderFacturxPdf(input: FacturxInput): Promise<FacturxResult> {
  const profile = input.profile ?? 'EN16931';
  const xml = buildCiiXml({ ...input, profile });
  const pdfInput: RenderPdfInput = {
    doc: input.doc,
    number: input.number,
    seller: input.seller,
    lang: input.lang,
    originalInvoice: input.originalInvoice ?? null,
    attachments: input.attachments,
  };
  // The hybrid is the visual PDF plus the XML: rendered once, the XML attached to it.
  const pdf = input.attachments?.length
    ? await embedFacturx(pdfInput, xml, profile)
    : await facturxFromPdf(await renderDocumentPdf(pdfInput), pdfInput, xml, profile);
  return { pdf, xml };
}

function facturxAttachments(pdfInput: RenderPdfInput, xml: string): PdfAttachment[] {
  return [
    {
      filename: FACTURX_FILENAME,
      content: Buffer.from(xml, 'utf8'),
      relationship: 'Alternative',
      mimeType: 'text/xml',
      description: 'Factur-X/ZUGFeRD invoice',
    },
    ...(pdfInput.attachments ?? []),
  ];
}

/** Renders the visual PDF with an already built CII XML embedded as factur-x.xml. */
export function embedFacturx(
  pdfInput: RenderPdfInput,
  xml: string,
  profile: EInvoiceProfile = 'EN16931',
): Promise<Buffer> {
  return renderDocumentPdf({
    ...pdfInput,
    attachments: facturxAttachments(pdfInput, xml),
    xmp: (pdfInput.xmp ?? '') + facturxXmp(profile),
  });
}

/**
 * The hybrid made from `pdf`, the visual PDF renderDocumentPdf(pdfInput) returned: factur-x.xml and the Factur-X
 * XMP attached to it without laying the pages out a second time. With further attachments in pdfInput (which the
 * visual PDF then carries already), or a file attachFiles cannot extend, it renders the hybrid with embedFacturx.
 */
export async function facturxFromPdf(
  pdf: Buffer,
  pdfInput: RenderPdfInput,
  xml: string,
  profile: EInvoiceProfile = 'EN16931',
): Promise<Buffer> {
  const hybrid = pdfInput.attachments?.length
    ? null
    : attachFiles(pdf, facturxAttachments(pdfInput, xml), {
        xmp: facturxXmp(profile), // pdfInput.xmp is in `pdf` already
        date: documentDate(pdfInput.doc),
      });
  return hybrid ?? embedFacturx(pdfInput, xml, profile);
}
