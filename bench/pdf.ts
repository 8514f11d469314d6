// PDF: documents rendered per second in one process — a 1-page invoice (3 positions), a 6-page invoice, and a
// 1-page e-invoice (visual PDF + Factur-X hybrid) — with the production renderer (PDF/A-3b, embedded fonts), exactly
// as finalization calls it. Besides wall time it reports CPU time per document, which a busy machine disturbs less.
//
//   npx tsx bench/pdf.ts [--smoke]
import { buildCiiXml } from '../src/render/einvoice/build-cii.js';
import { facturxFromPdf } from '../src/render/einvoice/embed-facturx.js';
import { type RenderPdfInput, renderDocumentPdf } from '../src/render/pdf/render-document-pdf.js';
import { BENCH_SELLER } from './lib/belegfluss.js';
import { documentData } from './lib/documents.js';
import { type BenchContext, type BenchmarkDefinition, isMain, main } from './lib/runner.js';
import { distribution, round } from './lib/stats.js';

const pagesOf = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;

const pdfInput = (lines: number): RenderPdfInput => ({
  doc: documentData({ lines }),
  number: 'RE-2026-00042',
  seller: BENCH_SELLER,
  lang: 'de',
});

const render = (lines: number) => renderDocumentPdf(pdfInput(lines));

/** What finalization renders for an e-invoice: the visual PDF, the CII XML, the hybrid (returned). */
async function renderEInvoice(lines: number): Promise<Buffer> {
  const input = pdfInput(lines);
  const pdf = await renderDocumentPdf(input);
  const xml = buildCiiXml({ doc: input.doc, number: input.number, seller: input.seller, profile: 'EN16931' });
  return facturxFromPdf(pdf, input, xml);
}

/** The smallest number of positions that fills `pages` pages. */
async function linesForPages(pages: number): Promise<number> {
  let lo = 1;
  let hi = 400;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (pagesOf(await render(mid)) >= pages) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

async function measure(
  ctx: BenchContext,
  lines: number,
  count: number,
  warmup: number,
  fn: (lines: number) => Promise<Buffer> = render,
) {
  for (let i = 0; i < warmup; i++) await fn(lines);
  const times: number[] = [];
  let pages = 0;
  let bytes = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    const pdf = await fn(lines);
    times.push(performance.now() - t);
    pages = pagesOf(pdf);
    bytes = pdf.length;
  }
  const cpu = process.cpuUsage(cpu0);
  const elapsed = performance.now() - t0;
  const cpuMs = (cpu.user + cpu.system) / 1000 / count;
  ctx.log(
    `${lines} positions, ${pages} page(s): ${count} in ${Math.round(elapsed)} ms, ${cpuMs.toFixed(1)} ms CPU each`,
  );
  return { perSecond: (count / elapsed) * 1000, pages, bytes, cpuMs, ms: distribution(times) };
}

export const pdfBenchmark: BenchmarkDefinition = {
  name: 'pdf',
  title: 'PDF rendering',
  description:
    'Renders invoices with the production renderer (`renderDocumentPdf`: PDF/A-3b, embedded DejaVu fonts) one after ' +
    'another in a single process and reports documents per second: a 1-page invoice with 3 positions, and a 6-page ' +
    'invoice (the smallest number of positions that fills six pages, found by rendering); and a 1-page e-invoice as ' +
    'finalization makes it: the visual PDF, the CII XML and the Factur-X hybrid (the XML attached to the visual PDF). ' +
    'CPU time per document is process CPU (user + system) divided by the renders. No target was set.',
  async run(ctx) {
    const count1 = ctx.smoke ? 5 : 300;
    const count6 = ctx.smoke ? 2 : 60;
    const countE = ctx.smoke ? 3 : 150;
    const sixPageLines = ctx.smoke ? 100 : await linesForPages(6);
    const one = await measure(ctx, 3, count1, ctx.smoke ? 2 : 20);
    const six = await measure(ctx, sixPageLines, count6, ctx.smoke ? 1 : 5);
    const einvoice = await measure(ctx, 3, countE, ctx.smoke ? 2 : 20, renderEInvoice);
    return {
      parameters: {
        onePageRenders: count1,
        sixPageRenders: count6,
        sixPagePositions: sixPageLines,
        eInvoiceRenders: countE,
      },
      metrics: [
        {
          label: `1-page invoice (3 positions, ${Math.round(one.bytes / 1024)} KB)`,
          value: round(one.perSecond, 1),
          unit: 'docs/s',
        },
        { label: '1-page invoice, p50 render time', value: round(one.ms.p50, 1), unit: 'ms' },
        { label: '1-page invoice, p95 render time', value: round(one.ms.p95, 1), unit: 'ms' },
        { label: '1-page invoice, CPU time per document', value: round(one.cpuMs, 1), unit: 'ms' },
        {
          label: `${six.pages}-page invoice (${sixPageLines} positions, ${Math.round(six.bytes / 1024)} KB)`,
          value: round(six.perSecond, 2),
          unit: 'docs/s',
        },
        { label: `${six.pages}-page invoice, p50 render time`, value: round(six.ms.p50, 1), unit: 'ms' },
        { label: `${six.pages}-page invoice, p95 render time`, value: round(six.ms.p95, 1), unit: 'ms' },
        {
          label: '1-page e-invoice (visual PDF + XML + Factur-X hybrid), p50',
          value: round(einvoice.ms.p50, 1),
          unit: 'ms',
        },
        { label: '1-page e-invoice, CPU time per document', value: round(einvoice.cpuMs, 1), unit: 'ms' },
      ],
      details: { onePage: one, sixPage: six, eInvoice: einvoice },
    };
  },
};

if (isMain(import.meta.url)) await main(pdfBenchmark);
