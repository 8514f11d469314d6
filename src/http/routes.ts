import { mountAdmin } from './admin/admin.module.js';
import { mountAccountingApi } from './api/accounting/index.js';
import { mountBookingApi } from './api/booking/index.js';
import { mountSevdeskApi } from './api/sevdesk/index.js';
import { mountTransfersApi } from './api/transfers/index.js';
import { mountShopApi } from './api/index.js';
import type { RouteModule } from './app.js';
import { mountApiDocs } from './openapi/api-docs.route.js';
import { mountWooCommerceWebhook } from './webhooks/woocommerce.route.js';

// Every HTTP route module of the service, mounted in this order.
export const ROUTE_MODULES: RouteModule[] = [
  mountAdmin,
  mountSevdeskApi,
  mountTransfersApi,
  mountBookingApi,
  mountAccountingApi,
  mountShopApi,
  mountWooCommerceWebhook,
  mountApiDocs,
];
