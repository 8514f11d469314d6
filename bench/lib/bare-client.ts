// Child process entry: the baseline of the overhead benchmark — a bare HTTP client (Node's fetch, as Belegfluss's
// sevDesk client uses) making the calls Belegfluss makes for a returning customer's invoice, against the same
// sandbox: marker search, PDF upload, saveVoucher. One lane per account, lanes in parallel. Prints
// `BARE_RESULT <json>`.
import { readFileSync } from 'node:fs';

interface Lane {
  token: string;
  contactId: number;
  /** accountDatev id per tax rate in basis points. */
  accounts: Record<string, number>;
}

const input = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as {
  apiUrl: string;
  lanes: Lane[];
  documents: number;
  pdfBase64: string;
};
const pdf = Buffer.from(input.pdfBase64, 'base64');

async function call(token: string, method: string, path: string, body?: FormData | object): Promise<unknown> {
  const res = await fetch(`${input.apiUrl}${path}`, {
    method,
    headers: {
      Authorization: token,
      Accept: 'application/json',
      ...(body && !(body instanceof FormData) ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body instanceof FormData ? body : body ? JSON.stringify(body) : null,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

async function transfer(lane: Lane, n: number): Promise<void> {
  const marker = `[BF:bare_${process.pid}_${n}]`;
  await call(lane.token, 'GET', `/Voucher?descriptionLike=${encodeURIComponent(marker)}&limit=100&offset=0`);
  const form = new FormData();
  form.set('file', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), `RE-BARE-${n}.pdf`);
  const upload = (await call(lane.token, 'POST', '/Voucher/Factory/uploadTempFile', form)) as {
    objects: { filename: string };
  };
  const gross19 = 2000 + (n % 50) * 7;
  const gross7 = 1070 + (n % 5);
  await call(lane.token, 'POST', '/Voucher/Factory/saveVoucher', {
    voucher: {
      objectName: 'Voucher',
      mapAll: true,
      voucherDate: '27.11.2026',
      deliveryDate: '27.11.2026',
      supplier: { id: lane.contactId, objectName: 'Contact' },
      supplierName: 'Anna Schmidt',
      description: `RE-BARE-${n} ${marker}`,
      status: 100,
      creditDebit: 'D',
      voucherType: 'VOU',
      currency: 'EUR',
      taxRule: { id: '1', objectName: 'TaxRule' },
    },
    voucherPosSave: [
      { rate: 1900, gross: gross19 },
      { rate: 700, gross: gross7 },
    ]
      .filter((p) => lane.accounts[p.rate] !== undefined)
      .map((p) => ({
        objectName: 'VoucherPos',
        mapAll: true,
        accountDatev: { id: lane.accounts[p.rate], objectName: 'AccountDatev' },
        taxRate: p.rate / 100,
        net: false,
        sumGross: p.gross / 100,
        comment: 'Artikel',
      })),
    voucherPosDelete: null,
    filename: upload.objects.filename,
  });
}

let next = 0;
const started = performance.now();
await Promise.all(
  input.lanes.map(async (lane) => {
    for (;;) {
      const n = next++;
      if (n >= input.documents) return;
      await transfer(lane, n);
    }
  }),
);
const elapsedMs = performance.now() - started;
console.log(`BARE_RESULT ${JSON.stringify({ documents: input.documents, elapsedMs, calls: input.documents * 3 })}`);
process.exit(0);
