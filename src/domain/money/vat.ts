// VAT arithmetic on integer minor units (cents). Every rounding point is named here,
// because sevDesk, the shop and our documents must agree to the cent.

/** Round half away from zero, the commercial rounding German invoices and sevDesk use. */
export function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const q = (abs * 2n + denominator) / (2n * denominator);
  return negative ? -q : q;
}

/** A VAT rate as basis points (19 % = 1900, 5.5 % = 550) so reduced EU rates stay exact. */
export type RateBp = number;

export function rateToBp(ratePercent: number | string): RateBp {
  const bp = Math.round(Number(ratePercent) * 100);
  if (!Number.isFinite(bp) || bp < 0 || bp > 10_000) throw new RangeError(`invalid VAT rate: ${ratePercent}`);
  return bp;
}

/** Tax contained in a gross amount: round(gross * r / (1 + r)). This is how sevDesk derives a position's tax when `net:false`. */
export function taxFromGross(grossMinor: number, rateBp: RateBp): number {
  return Number(roundHalfUp(BigInt(grossMinor) * BigInt(rateBp), BigInt(10_000 + rateBp)));
}

/** Tax on a net amount: round(net * r). This is how sevDesk derives a position's tax when `net:true`. */
export function taxFromNet(netMinor: number, rateBp: RateBp): number {
  return Number(roundHalfUp(BigInt(netMinor) * BigInt(rateBp), 10_000n));
}
