// Amounts from WooCommerce payloads in minor units; problems are collected, not thrown, so one bad
// field becomes a "needs attention" reason instead of a lost order.
import { currencyDecimals } from '../../domain/money/currency.js';
import { divideRounded, parseDecimal, toScaled } from '../../domain/money/decimal.js';
import { parseMinor } from '../../domain/money/minor.js';

/** Unrounded tax breakdowns are kept with this many decimals beyond the minor unit. */
const WEIGHT_DECIMALS = 6;

export class WooMoney {
  constructor(
    readonly currency: string,
    readonly issues: string[],
  ) {}

  /** REST amounts are already rounded to the shop's decimals; half_up only guards odd plugin output. */
  minor(value: string, what: string): number {
    try {
      return parseMinor(value, this.currency, 'half_up');
    } catch {
      this.issues.push(`${what} "${value}" is not a valid amount.`);
      return 0;
    }
  }

  /** An unrounded amount ("1.596639") as an integer in 10^-6 minor units, for proportional splits. */
  weight(value: string): number {
    return Number(toScaled(parseDecimal(value), currencyDecimals(this.currency) + WEIGHT_DECIMALS, 'half_up'));
  }

  /** Rounds a weight back to minor units. */
  fromWeight(weight: number): number {
    return Number(divideRounded(BigInt(weight), 10n ** BigInt(WEIGHT_DECIMALS), 'half_up'));
  }

  /** round(amount + weight): a customer's gross from WooCommerce's rounded net and its unrounded tax. */
  roundSum(amount: string, weight: number): number {
    const exact = toScaled(parseDecimal(amount), currencyDecimals(this.currency) + WEIGHT_DECIMALS, 'half_up');
    return Number(divideRounded(exact + BigInt(weight), 10n ** BigInt(WEIGHT_DECIMALS), 'half_up'));
  }
}
