// Queue names of the sevDesk integration. Payloads carry ids only.
export const TRANSFER_QUEUE = 'sevdesk.transfer';
export const CUSTOMER_SYNC_QUEUE = 'sevdesk.sync-customer';
