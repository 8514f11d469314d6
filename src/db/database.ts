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
  /** From `data`: the shop's customer id (registered customers) and when the order was placed (ISO, UTC). */
  customer_id: string | null;
  placed_at: string | null;
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

/** Prefix-search terms of a document (lower-cased number, order number, name words, e-mail). */
export interface DocumentSearchTermsTable {
  shop_id: string;
  term: string;
  document_id: string;
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
  /** Stable code of the last error or stop reason (migration 0003); optional so older inserts stay valid. */
  error_code?: string | null;
  transferred_at?: string | null;
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

export interface UsersTable {
  id: string;
  /** Lower-cased. */
  email: string;
  /** scrypt envelope, see src/app/auth/password-hash.ts. */
  password_hash: string;
  created_at: string;
  updated_at: string;
  password_changed_at: string;
  last_login_at: string | null;
}

export interface SessionsTable {
  id: string;
  /** SHA-256 of the cookie token; the token itself is never stored. */
  token_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface LoginAttemptsTable {
  key: string;
  failures: number;
  /** Epoch ms. */
  locked_until: number;
  updated_at: number;
}

/** Shops created by the first-run demo (migration 0004). */
export interface DemoShopsTable {
  shop_id: string;
  kind: string;
  created_at: string;
}

export interface BulkActionsTable {
  id: string;
  shop_id: string;
  user_id: string;
  kind: string;
  /** JSON array of document ids. */
  document_ids: Json;
  created_at: string;
}

/** sevDesk connection per shop (migration 0003). The token is stored only encrypted (SecretBox). */
export interface SevdeskConnectionsTable {
  shop_id: string;
  connection_id: string;
  account_key: string;
  base_url: string;
  token_enc: string | null;
  /** 'connected' | 'invalid' (401/403: the shop's transfers pause) | 'disconnected' */
  status: string;
  bookkeeping_version: string | null;
  requests_per_second: number | null;
  /** JSON: check accounts and revenue accounts read at connect. */
  account_info: Json;
  /** JSON {code, de, en} */
  last_error: string | null;
  paused_at: string | null;
  connected_at: string | null;
  checked_at: string | null;
  created_at: string;
  updated_at: string;
}

/** sevDesk static data per connection, shared by all processes (migration 0003). */
export interface SevdeskCacheTable {
  connection_id: string;
  key: string;
  value: Json;
  /** Epoch ms. */
  expires_at: number;
}

/** Shop customer → sevDesk contact, with the last synced state (migration 0003). */
export interface CustomerLinksTable {
  shop_id: string;
  customer_key: string;
  account_key: string;
  customer_number: string;
  contact_id: string | null;
  state: string;
  synced_hash: string | null;
  synced: Json;
  created_at: string;
  updated_at: string;
}

/** Booking of a transferred voucher in sevDesk, one row per document (migration 0005). */
export interface BookingsTable {
  document_id: string;
  shop_id: string;
  transfer_id: string | null;
  voucher_id: string | null;
  /** See src/domain/booking/booking-state.ts. */
  state: string;
  /** JSON {code, de, en} */
  reason: string | null;
  reason_code: string | null;
  /** Signed minor units. */
  amount: number | null;
  currency: string | null;
  paid_at: string | null;
  payment_method: string | null;
  search_key: string | null;
  check_account_id: string | null;
  check_account_type: string | null;
  check_account_name: string | null;
  transaction_id: string | null;
  origin: string | null;
  /** JSON array of candidate transactions. */
  candidates: Json;
  checks: number;
  first_checked_at: string | null;
  last_checked_at: string | null;
  /** Epoch ms. */
  next_check_at: number | null;
  write_requested_at: string | null;
  booking_date: string | null;
  booked_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Shared pacing state per external account (migration 0006). Epoch ms on the database clock. */
export interface RateLimitsTable {
  account_key: string;
  next_at: number;
  paused_until: number;
  holder: string | null;
  held_until: number;
  waiter: string | null;
  waiter_until: number;
  updated_at: number;
}

export interface Database {
  shops: ShopsTable;
  customers: CustomersTable;
  orders: OrdersTable;
  webhook_deliveries: WebhookDeliveriesTable;
  documents: DocumentsTable;
  document_files: DocumentFilesTable;
  document_search_terms: DocumentSearchTermsTable;
  number_sequences: NumberSequencesTable;
  jobs: JobsTable;
  transfers: TransfersTable;
  transfer_attempts: TransferAttemptsTable;
  sevdesk_connections: SevdeskConnectionsTable;
  sevdesk_cache: SevdeskCacheTable;
  customer_links: CustomerLinksTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  bulk_actions: BulkActionsTable;
  demo_shops: DemoShopsTable;
  bookings: BookingsTable;
  rate_limits: RateLimitsTable;
}

export type Db = Kysely<Database>;
export type Tx = Transaction<Database> | Kysely<Database>;
export type { ColumnType };
