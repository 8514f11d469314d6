// Queue names of booking. Payloads carry ids only.
export const BOOK_DOCUMENT_QUEUE = 'sevdesk.book-document';
export const MATCH_TRANSACTIONS_QUEUE = 'sevdesk.match-transactions';
