// The sandbox's state: sandbox accounts (one per API token), each with its own sevDesk data.
// Money is integer cents, rates basis points, dates epoch seconds; rendering to the wire lives in routes.
import { randomBytes } from 'node:crypto';
import { buildGuidance, type Chart, type GuidanceAccount } from './receipt-guidance.js';

export type BookkeepingVersion = '1.0' | '2.0';

interface Stamp {
  id: number;
  create: number;
  update: number;
}

// Reference fields hold the referenced id under their wire name (`category: 3` renders as {"id":"3","objectName":"Category"}).
export interface ContactRec extends Stamp {
  name: string | null;
  status: number | null;
  customerNumber: string | null;
  parent: number | null;
  surename: string | null;
  familyname: string | null;
  titel: string | null;
  category: number;
  description: string | null;
  academicTitle: string | null;
  gender: string | null;
  name2: string | null;
  birthday: string | null;
  vatNumber: string | null;
  bankAccount: string | null;
  bankNumber: string | null;
  defaultCashbackTime: number | null;
  defaultCashbackPercent: number | null;
  defaultTimeToPay: number | null;
  taxNumber: string | null;
  taxOffice: string | null;
  exemptVat: boolean | null;
  defaultDiscountAmount: number | null;
  defaultDiscountPercentage: boolean | null;
  buyerReference: string | null;
  governmentAgency: boolean | null;
}

export interface AddressRec extends Stamp {
  contact: number;
  street: string | null;
  zip: string | null;
  city: string | null;
  country: number;
  category: number | null;
  name: string | null;
  name2: string | null;
  name3: string | null;
  name4: string | null;
}

export interface CommunicationWayRec extends Stamp {
  contact: number | null;
  type: string;
  value: string;
  key: number;
  main: boolean | null;
}

export type CheckAccountType = 'online' | 'offline' | 'register';

export interface CheckAccountRec extends Stamp {
  name: string;
  type: CheckAccountType;
  importType: string | null;
  currency: string;
  defaultAccount: boolean;
  baseAccount: boolean;
  priority: number;
  status: number;
  bankServer: string | null;
  accountingNumber: string;
  iban: string | null;
  bic: string | null;
  autoMapTransaction: boolean;
  autoSyncTransactions: boolean;
  lastSync: number | null;
}

export interface TransactionRec extends Stamp {
  checkAccount: number;
  valueDate: number;
  entryDate: number | null;
  amount: number;
  paymtPurpose: string | null;
  payeePayerName: string | null;
  payeePayerAcctNo: string | null;
  payeePayerBankCode: string | null;
  gvCode: string | null;
  entryText: string | null;
  primaNotaNo: string | null;
  status: number;
  sourceTransaction: number | null;
  targetTransaction: number | null;
  enshrined: number | null;
  deletedAt: number | null;
  /** Set when a booking on an offline/register account created this transaction. */
  createdBy: DocumentRef | null;
}

export type DocumentKind = 'Voucher' | 'Invoice' | 'CreditNote';

export interface DocumentRef {
  objectName: DocumentKind;
  id: number;
}

/** CheckAccountTransactionLog: a link between a transaction and the document it pays. */
export interface TransactionLogRec {
  id: number;
  create: number;
  checkAccountTransaction: number;
  object: DocumentRef;
  fromStatus: number;
  toStatus: number;
  amountPaid: number;
  bookingDate: number;
}

/** VoucherLog / InvoiceLog / CreditNoteLog written by bookAmount. */
export interface BookingLogRec {
  id: number;
  create: number;
  object: DocumentRef;
  fromStatus: number;
  toStatus: number;
  amount: number;
  bookingDate: number;
  type: string;
  checkAccount: number;
  checkAccountTransaction: number;
}

export interface VoucherPosRec extends Stamp {
  accountDatev: number | null;
  accountingType: number | null;
  taxRateBp: number;
  net: boolean;
  isAsset: boolean;
  sumNet: number;
  sumTax: number;
  sumGross: number;
  comment: string | null;
}

export interface VoucherRec extends Stamp {
  voucherDate: number | null;
  supplier: number | null;
  supplierName: string | null;
  description: string | null;
  document: number | null;
  /** The uploaded temp file behind `document`. */
  filename: string | null;
  payDate: number | null;
  status: number;
  currency: string;
  sumNet: number;
  sumTax: number;
  sumGross: number;
  paidAmount: number;
  taxType: string | null;
  taxRule: number | null;
  creditDebit: 'C' | 'D';
  voucherType: string;
  paymentDeadline: number | null;
  deliveryDate: number | null;
  deliveryDateUntil: number | null;
  enshrined: number | null;
  costCentre: number | null;
  showNet: boolean;
  positions: VoucherPosRec[];
}

export interface TempFileRec {
  filename: string;
  uploaded: number;
  mimeType: string;
  originMimeType: string;
  contentHash: string;
  size: number;
  pages: number;
  isEInvoice: boolean;
  contentBase64: string;
}

export interface SalesPosRec extends Stamp {
  part: number | null;
  quantity: number;
  /** Unit price as given (net when the document shows net, else gross); may carry more than two decimals. */
  price: number;
  name: string | null;
  unity: number;
  positionNumber: number | null;
  text: string | null;
  discountPercent: number;
  taxRateBp: number;
  sumNet: number;
  sumTax: number;
  sumGross: number;
}

/** Invoice and CreditNote share their life cycle and arithmetic. */
export interface SalesDocRec extends Stamp {
  kind: 'Invoice' | 'CreditNote';
  number: string | null;
  contact: number;
  contactPerson: number;
  date: number;
  header: string | null;
  headText: string | null;
  footText: string | null;
  timeToPay: number | null;
  discount: number;
  address: string | null;
  addressCountry: number | null;
  deliveryAddressCountry: string | null;
  payDate: number | null;
  deliveryDate: number | null;
  deliveryDateUntil: number | null;
  status: number;
  smallSettlement: boolean;
  taxRule: number | null;
  taxType: string | null;
  taxText: string | null;
  paymentMethod: number | null;
  sendDate: number | null;
  sendType: string | null;
  /** Invoice: RE, SR …; CreditNote: CN. */
  documentType: string;
  currency: string;
  showNet: boolean;
  sumNet: number;
  sumTax: number;
  sumGross: number;
  paidAmount: number;
  enshrined: number | null;
  origin: DocumentRef | null;
  customerInternalNote: string | null;
  propertyIsEInvoice: boolean | null;
  /** CreditNote only. */
  bookingCategory: string | null;
  refSrcInvoice: number | null;
  /** Invoice only: the cancellation invoice (SR) that cancelled it. */
  cancelledBy: number | null;
  positions: SalesPosRec[];
}

export interface AccountState {
  token: string;
  name: string;
  bookkeepingVersion: BookkeepingVersion;
  chart: Chart;
  revoked: boolean;
  created: number;
  sevClientId: number;
  sevUserId: number;
  guidance: GuidanceAccount[];
  contacts: Map<number, ContactRec>;
  addresses: Map<number, AddressRec>;
  communicationWays: Map<number, CommunicationWayRec>;
  checkAccounts: Map<number, CheckAccountRec>;
  transactions: Map<number, TransactionRec>;
  transactionLogs: Map<number, TransactionLogRec>;
  bookingLogs: Map<number, BookingLogRec>;
  vouchers: Map<number, VoucherRec>;
  invoices: Map<number, SalesDocRec>;
  creditNotes: Map<number, SalesDocRec>;
  files: Map<string, TempFileRec>;
  sequences: { customerNumber: number; invoiceNumber: number; creditNoteNumber: number };
}

const MAP_FIELDS = [
  'contacts',
  'addresses',
  'communicationWays',
  'checkAccounts',
  'transactions',
  'transactionLogs',
  'bookingLogs',
  'vouchers',
  'invoices',
  'creditNotes',
] as const;

// Starting points close to the id ranges seen in real accounts, so ids look and sort like sevDesk's.
const ID_STARTS = {
  sevClient: 1_303_800,
  sevUser: 1_551_000,
  accountDatev: 4_100,
  contact: 138_600_000,
  address: 120_010_000,
  communicationWay: 115_280_000,
  checkAccount: 6_306_000,
  transaction: 1_897_810_000,
  transactionLog: 237_460_000,
  bookingLog: 148_580_000,
  voucher: 156_240_000,
  voucherPos: 213_070_000,
  document: 300_880_000,
  invoice: 135_160_000,
  invoicePos: 402_110_000,
  creditNote: 2_996_000,
  creditNotePos: 9_870_000,
} as const;

export type IdKind = keyof typeof ID_STARTS;

export interface CreateAccountOptions {
  token?: string;
  name?: string;
  bookkeepingVersion?: BookkeepingVersion;
  chart?: Chart;
}

export interface PersistedState {
  format: 'belegfluss-sandbox-state';
  version: 1;
  ids: Record<IdKind, number>;
  accounts: unknown[];
}

export class SandboxStore {
  readonly accounts = new Map<string, AccountState>();
  private ids: Record<IdKind, number> = { ...ID_STARTS };
  private readonly contactIndex = new WeakMap<AccountState, Map<string, Set<number>>>();
  onChange: () => void = () => {};

  nextId(kind: IdKind): number {
    this.ids[kind] += 1;
    return this.ids[kind];
  }

  account(token: string | undefined | null): AccountState | undefined {
    return token ? this.accounts.get(token) : undefined;
  }

  markChanged(): void {
    this.onChange();
  }

  createAccount(options: CreateAccountOptions, now: number): AccountState {
    const token = options.token ?? randomBytes(16).toString('hex');
    if (!/^[\w.-]{1,128}$/.test(token)) throw new RangeError('token must be 1-128 characters of [A-Za-z0-9_.-]');
    if (this.accounts.has(token)) throw new RangeError(`an account with token ${token} already exists`);
    const chart = options.chart ?? 'SKR04';
    const account: AccountState = {
      token,
      name: options.name ?? `Sandbox ${this.accounts.size + 1}`,
      bookkeepingVersion: options.bookkeepingVersion ?? '2.0',
      chart,
      revoked: false,
      created: now,
      sevClientId: this.nextId('sevClient'),
      sevUserId: this.nextId('sevUser'),
      guidance: buildGuidance(chart, () => this.nextId('accountDatev')),
      contacts: new Map(),
      addresses: new Map(),
      communicationWays: new Map(),
      checkAccounts: new Map(),
      transactions: new Map(),
      transactionLogs: new Map(),
      bookingLogs: new Map(),
      vouchers: new Map(),
      invoices: new Map(),
      creditNotes: new Map(),
      files: new Map(),
      sequences: { customerNumber: 1000, invoiceNumber: 1000, creditNoteNumber: 1000 },
    };
    for (const template of defaultCheckAccounts(chart)) {
      const id = this.nextId('checkAccount');
      account.checkAccounts.set(id, { id, create: now, update: now, ...template });
    }
    this.accounts.set(token, account);
    this.markChanged();
    return account;
  }

  // --- contact index: customerNumber lookups are the hot path of every transfer ---

  contactsByCustomerNumber(account: AccountState, customerNumber: string): ContactRec[] {
    const ids = this.customerNumberIndex(account).get(customerNumber);
    if (!ids) return [];
    const found: ContactRec[] = [];
    for (const id of ids) {
      const contact = account.contacts.get(id);
      if (contact) found.push(contact);
    }
    return found.sort((a, b) => a.id - b.id);
  }

  reindexContact(account: AccountState, contact: ContactRec, previousNumber: string | null): void {
    const index = this.customerNumberIndex(account);
    if (previousNumber !== null) index.get(previousNumber)?.delete(contact.id);
    if (contact.customerNumber !== null && account.contacts.has(contact.id)) {
      addToIndex(index, contact.customerNumber, contact.id);
    }
  }

  private customerNumberIndex(account: AccountState): Map<string, Set<number>> {
    let index = this.contactIndex.get(account);
    if (!index) {
      index = new Map();
      for (const c of account.contacts.values()) {
        if (c.customerNumber !== null) addToIndex(index, c.customerNumber, c.id);
      }
      this.contactIndex.set(account, index);
    }
    return index;
  }

  // --- persistence ---

  toJSON(): PersistedState {
    return {
      format: 'belegfluss-sandbox-state',
      version: 1,
      ids: { ...this.ids },
      accounts: [...this.accounts.values()].map((account) => {
        const plain: Record<string, unknown> = { ...account };
        for (const field of MAP_FIELDS) plain[field] = [...account[field].values()];
        plain.files = [...account.files.values()];
        return plain;
      }),
    };
  }

  load(state: PersistedState): void {
    if (state?.format !== 'belegfluss-sandbox-state' || state.version !== 1)
      throw new Error('not a Belegfluss sandbox state file (format/version mismatch)');
    this.ids = { ...ID_STARTS, ...state.ids };
    this.accounts.clear();
    for (const raw of state.accounts as Array<Record<string, unknown>>) {
      const account = { ...raw } as unknown as AccountState;
      for (const field of MAP_FIELDS) {
        const rows = (raw[field] as Array<{ id: number }> | undefined) ?? [];
        (account as unknown as Record<string, unknown>)[field] = new Map(rows.map((row) => [row.id, row]));
      }
      account.files = new Map(((raw.files as TempFileRec[] | undefined) ?? []).map((f) => [f.filename, f]));
      this.accounts.set(account.token, account);
    }
  }
}

function addToIndex(index: Map<string, Set<number>>, key: string, id: number): void {
  const ids = index.get(key);
  if (ids) ids.add(id);
  else index.set(key, new Set([id]));
}

type CheckAccountTemplate = Omit<CheckAccountRec, 'id' | 'create' | 'update'>;

/** Every new sandbox account starts like a typical shop's sevDesk: bank, PayPal, clearing account, cash register. */
function defaultCheckAccounts(chart: Chart): CheckAccountTemplate[] {
  const skr03 = chart === 'SKR03';
  const base = {
    currency: 'EUR',
    status: 100,
    bic: null,
    autoMapTransaction: true,
    autoSyncTransactions: false,
    lastSync: null,
    importType: null,
    bankServer: null,
    iban: null,
    defaultAccount: false,
    baseAccount: false,
  };
  return [
    {
      ...base,
      name: 'Geschäftskonto',
      type: 'online',
      bankServer: 'FINAPI',
      iban: 'DE02120300000000202051',
      bic: 'BYLADEM1001',
      accountingNumber: skr03 ? '1200' : '1800',
      defaultAccount: true,
      baseAccount: true,
      priority: 1,
      autoSyncTransactions: true,
    },
    {
      ...base,
      name: 'PayPal',
      type: 'online',
      bankServer: 'PAYPAL',
      accountingNumber: skr03 ? '1210' : '1810',
      priority: 2,
      autoSyncTransactions: true,
    },
    { ...base, name: 'Verrechnungskonto', type: 'offline', accountingNumber: skr03 ? '1360' : '1460', priority: 3 },
    { ...base, name: 'Kasse', type: 'register', accountingNumber: skr03 ? '1000' : '1600', priority: 4 },
  ];
}
