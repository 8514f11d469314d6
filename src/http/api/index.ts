import type { HttpApp } from '../app.js';
import { mountDeleteCustomer } from './customers/delete-customer.route.js';
import { mountPutCustomer } from './customers/put-customer.route.js';
import { mountFinalizeDocument } from './documents/finalize-document.route.js';
import { mountGetDocument } from './documents/get-document.route.js';
import { mountGetDocumentFile } from './documents/get-document-file.route.js';
import { mountListDocuments } from './documents/list-documents.route.js';
import { mountDeleteOrder } from './orders/delete-order.route.js';
import { mountPostRefund } from './orders/post-refund.route.js';
import { mountPutOrder } from './orders/put-order.route.js';
import { mountGetShop } from './shops/get-shop.route.js';
import { mountPatchSettings } from './shops/patch-settings.route.js';
import { mountPutSeller } from './shops/put-seller.route.js';

/** The per-shop JSON API (/api/v1/shops/:shopId/…), authenticated by the shop's API key. */
export function mountShopApi(app: HttpApp): void {
  mountGetShop(app);
  mountPatchSettings(app);
  mountPutSeller(app);
  mountPutOrder(app);
  mountDeleteOrder(app);
  mountPostRefund(app);
  mountPutCustomer(app);
  mountDeleteCustomer(app);
  mountListDocuments(app);
  mountFinalizeDocument(app);
  mountGetDocumentFile(app);
  mountGetDocument(app);
}
