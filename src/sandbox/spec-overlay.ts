// Where the real sevDesk API differs from its official OpenAPI file (sevdesk-api.md §10, §1.5, §3.3):
// requests the spec would refuse but sevDesk accepts, parameters that work but are undeclared,
// and routes that exist but are missing from `paths`. Everything not listed stays strict.

export interface ScalarSchema {
  type?: 'integer' | 'number' | 'string' | 'boolean' | 'array';
  enum?: ReadonlyArray<string | number>;
  format?: string;
  items?: ScalarSchema;
  required?: boolean;
}

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; required?: string[] };

const without = (list: string[] | undefined, ...names: string[]): string[] =>
  (list ?? []).filter((name) => !names.includes(name));

function nullable(schema: JsonSchema | undefined): void {
  if (schema) schema.nullable = true;
}

/** Relaxations of request component schemas, keyed by component name. */
export const COMPONENT_PATCHES: Record<string, (schema: JsonSchema) => void> = {
  // `required` names `voucherPos`, but the property is `voucherPosSave`; only `voucher` is really required.
  saveVoucher(s) {
    s.required = ['voucher'];
    nullable(s.properties?.voucherPosSave);
    nullable(s.properties?.filename);
  },
  // 1.0 uses taxType, 2.0 taxRule: one of them, checked against the account's version by the handler.
  // The taxRule id enum (1–5, 11) is incomplete (rules 17, 22 … work); unsupported rules get a 422 from the handler.
  Model_Voucher(s) {
    s.required = without(s.required, 'taxType', 'taxRule');
    const taxRule = s.properties?.taxRule;
    nullable(taxRule);
    delete taxRule?.properties?.id?.enum;
    nullable(s.properties?.taxType);
  },
  // accountDatev (2.0) or accountingType (1.0); sumNet or sumGross as `net` decides; `voucher` is implied.
  Model_VoucherPos(s) {
    s.required = without(s.required, 'accountDatev', 'accountingType', 'voucher', 'sumNet', 'sumGross');
    nullable(s.properties?.accountDatev);
    nullable(s.properties?.accountingType);
    nullable(s.properties?.sumNet);
    nullable(s.properties?.sumGross);
  },
  // `required` names `invoicePos`, the property is `invoicePosSave`; the documented payload sends the discount keys as null.
  saveInvoice(s) {
    s.required = ['invoice'];
    nullable(s.properties?.invoicePosSave);
    nullable(s.properties?.discountSave);
    nullable(s.properties?.discountDelete);
  },
  Model_Invoice(s) {
    s.required = without(s.required, 'taxType', 'taxRule');
    nullable(s.properties?.taxRule);
    nullable(s.properties?.taxType);
  },
  // `required` names `creditNotePos` (property `creditNotePosSave`) and `invoiceType`, which credit notes do not have;
  // deliveryDate is optional in the CreditNote attribute table.
  saveCreditNote(s) {
    s.required = ['creditNote'];
    nullable(s.properties?.creditNotePosSave);
  },
  // PROVISION credit notes take rule 9, which the taxRule id enum lacks (measured, sevdesk-api.md §5.4).
  Model_creditNote(s) {
    s.required = without(s.required, 'taxType', 'taxRule', 'invoiceType', 'deliveryDate');
    const taxRule = s.properties?.taxRule;
    nullable(taxRule);
    delete taxRule?.properties?.id?.enum;
    nullable(s.properties?.taxType);
  },
};

const PAGING: Record<string, ScalarSchema> = {
  limit: { type: 'integer' },
  offset: { type: 'integer' },
  countAll: { type: 'boolean' },
  embed: { type: 'string' },
};

/** Undeclared query parameters that work, per route key ("METHOD /template"). */
export const QUERY_ADDITIONS: Record<string, Record<string, ScalarSchema>> = {
  'GET /Contact': { ...PAGING, name: { type: 'string' }, 'category[id]': { type: 'integer' } },
  'GET /ContactAddress': { ...PAGING, 'contact[id]': { type: 'integer' } },
  'GET /CommunicationWay': { ...PAGING, value: { type: 'string' } },
  'GET /CheckAccount': PAGING,
  'GET /CheckAccountTransaction': {
    ...PAGING,
    status: { type: 'integer', enum: [100, 200, 300, 350, 400] },
    hideFees: { type: 'boolean' },
  },
  'GET /Voucher': { ...PAGING, status: { type: 'number', enum: [50, 100, 150, 750, 1000] } },
  'GET /VoucherPos': PAGING,
  'GET /Invoice': { ...PAGING, customerInternalNote: { type: 'string' } },
  'GET /InvoicePos': PAGING,
  'GET /CreditNote': PAGING,
  'GET /CreditNotePos': PAGING,
};

export interface ExtraRoute {
  operationId: string;
  query?: Record<string, ScalarSchema>;
}

/** Routes sevDesk serves but the spec's `paths` omit (checked in sevdesk-api.md §10, §2.5, §3.4, §4.5, §5.3). */
export const EXTRA_ROUTES: Record<string, ExtraRoute> = {
  'GET /StaticCountry': { operationId: 'getStaticCountries', query: { ...PAGING, code: { type: 'string' } } },
  'GET /StaticCountry/{staticCountryId}': { operationId: 'getStaticCountryById' },
  'GET /Category': { operationId: 'getCategories', query: { ...PAGING, objectType: { type: 'string' } } },
  'GET /TaxRule': { operationId: 'getTaxRules', query: PAGING },
  'GET /Unity': { operationId: 'getUnities', query: PAGING },
  'GET /SevUser': { operationId: 'getSevUsers', query: PAGING },
  'GET /CostCentre': { operationId: 'getCostCentres', query: PAGING },
  'GET /CheckAccountTransactionLog': {
    operationId: 'getCheckAccountTransactionLogs',
    query: { ...PAGING, 'checkAccountTransaction[id]': { type: 'integer' } },
  },
  'DELETE /Voucher/{voucherId}': { operationId: 'deleteVoucher' },
  'DELETE /Invoice/{invoiceId}': { operationId: 'deleteInvoice' },
};

/** Path parameters of extra routes are sevDesk ids. */
export const EXTRA_PATH_PARAM: ScalarSchema = { type: 'integer' };
