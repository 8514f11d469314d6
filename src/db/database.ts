import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';

// Row types of every table. Timestamps are ISO-8601 UTC strings; job times are epoch milliseconds;
// money is integer minor units; JSON is stored as text so both engines behave the same.

type Json = string;

export interface ShopsTable {
  id: string;
  name: string;
  /** JSON ShopSettings (numbering, tax, transfer, booking). */
  settings: Json;
  /** JSON SellerProfile. */
  seller: Json;
  webhook_secret_enc: string | null;
  api_key_hash: string | null;
  woo_url: string | null;
  woo_consumer_key_enc: string | null;
  woo_consumer_secret_enc: string | null;
  created_at: string;
  updated_at: string;
}

export interface CustomersTable {
  id: string;
  shop_id: string;
  external_id: string;
  email: string | null;
  /** JSON CustomerSnapshot as last received. */
  data: Json;
  /** Shop's modification stamp, used to ignore stale redeliveries. */
  source_modified_at: string | null;
  deleted_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface OrdersTable {
  id: string;
  shop_id: string;
  external_id: string;
  number: string;
  status: string;
  currency: string | null;
  /** JSON NormalizedOrder. */
  data: Json;
  /** JSON array of reasons when the order is flagged. */
  attention: Json;
  source_modified_at: string | null;
  deleted_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface WebhookDeliveriesTable {
  id: string;
  shop_id: string;
  source: string;
  delivery_id: string | null;
  topic: string | null;
  resource_key: string | null;
  outcome: string;
  error: string | null;
  /** Raw body kept for diagnosis, capped in size and deleted after the retention period. */
  body: string | null;
  received_at: string;
}

export interface DocumentsTable {
  id: string;
  shop_id: string;
  order_id: string;
  type: 'invoice' | 'cancellation';
  status: 'draft' | 'finalized';
  number: string | null;
  issue_date: string | null;
  customer_name: string;
  customer_email: string | null;
  currency: string;
  net: number;
  tax: number;
  gross: number;
  payment_method: string | null;
  paid_at: string | null;
  tax_case: string | null;
  needs_attention: number;
  /** JSON DocumentData. */
  data: Json;
  cancels_document_id: string | null;
  /** Idempotency key of the event that created it (e.g. "order:123:invoice", "refund:456"). */
  source_key: string;
  created_at: string;
  finalized_at: string | null;
}

export interface DocumentFilesTable {
  document_id: string;
  kind: string;
  content_type: string;
  content: Buffer;
  sha256: string;
  created_at: string;
}

export interface NumberSequencesTable {
  shop_id: string;
  doc_type: string;
  period: string;
  next_value: number;
}

export interface JobsTable {
  id: string;
  queue: string;
  shop_id: string | null;
  payload: Json;
  status: 'pending' | 'running' | 'succeeded' | 'dead' | 'cancelled';
  attempts: number;
  max_attempts: number;
  run_at: number;
  locked_until: number | null;
  lease_token: string | null;
  dedupe_key: string | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

export interface TransfersTable {
  id: string;
  shop_id: string;
  document_id: string;
  target: string;
  state: string;
  /** JSON checkpoint: which write steps were requested/done, sevDesk ids learned. */
  checkpoint: Json;
  sevdesk_voucher_id: string | null;
  sevdesk_contact_id: string | null;
  booking_state: string | null;
  last_error: string | null;
  attempts: number;
  created_at: string;
  updated_at: string;
}

export interface TransferAttemptsTable {
  id: Generated<number>;
  transfer_id: string;
  document_id: string;
  started_at: string;
  finished_at: string | null;
  action: string;
  outcome: string;
  /** JSON summary of the calls made (no secrets). */
  detail: Json;
  error: string | null;
}

export interface Database {
  shops: ShopsTable;
  customers: CustomersTable;
  orders: OrdersTable;
  webhook_deliveries: WebhookDeliveriesTable;
  documents: DocumentsTable;
  document_files: DocumentFilesTable;
  number_sequences: NumberSequencesTable;
  jobs: JobsTable;
  transfers: TransfersTable;
  transfer_attempts: TransferAttemptsTable;
}

export type Db = Kysely<Database>;
export type Tx = Transaction<Database> | Kysely<Database>;
export type { ColumnType };
