// WooCommerce REST v3 sample payloads for tests (shaped like the official API docs' examples).
import customer from './fixtures/customer.json' with { type: 'json' };
import domesticCouponInclTax from './fixtures/order-domestic-coupon-incl-tax.json' with { type: 'json' };
import domesticExclTax from './fixtures/order-domestic-excl-tax.json' with { type: 'json' };
import euB2bGoodsAt from './fixtures/order-eu-b2b-goods-at.json' with { type: 'json' };
import euB2bServicesFr from './fixtures/order-eu-b2b-services-fr.json' with { type: 'json' };
import exportChChf from './fixtures/order-export-ch-chf.json' with { type: 'json' };
import exportServicesUsd from './fixtures/order-export-services-usd.json' with { type: 'json' };
import guest from './fixtures/order-guest.json' with { type: 'json' };
import ossFr from './fixtures/order-oss-fr.json' with { type: 'json' };
import roundAtSubtotal from './fixtures/order-round-at-subtotal.json' with { type: 'json' };
import refundAmountOnly from './fixtures/refund-amount-only.json' with { type: 'json' };
import refundWithLines from './fixtures/refund-with-lines.json' with { type: 'json' };

/** Deep copies, so a test can tamper with a payload without affecting others. */
const copy = <T>(value: T): unknown => structuredClone(value);

export const wooFixtures = {
  orders: {
    domesticCouponInclTax: () => copy(domesticCouponInclTax),
    domesticExclTax: () => copy(domesticExclTax),
    guest: () => copy(guest),
    euB2bGoodsAt: () => copy(euB2bGoodsAt),
    euB2bServicesFr: () => copy(euB2bServicesFr),
    ossFr: () => copy(ossFr),
    exportChChf: () => copy(exportChChf),
    exportServicesUsd: () => copy(exportServicesUsd),
    roundAtSubtotal: () => copy(roundAtSubtotal),
  },
  refunds: {
    withLines: () => copy(refundWithLines),
    amountOnly: () => copy(refundAmountOnly),
  },
  customer: () => copy(customer),
};
