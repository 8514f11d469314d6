import type { RateBp } from '../money/vat.js';

/** 1900 -> "19%", 550 -> "5.5%", 210 -> "2.1%" (for English reasons). */
export function formatRate(rateBp: RateBp): string {
  const whole = Math.trunc(rateBp / 100);
  const fraction = (rateBp % 100).toString().padStart(2, '0').replace(/0+$/, '');
  return `${whole}${fraction ? `.${fraction}` : ''}%`;
}

/** 1900 -> "19 %", 550 -> "5,5 %" (German typography for documents). */
export function formatRateDe(rateBp: RateBp): string {
  return `${formatRate(rateBp).slice(0, -1).replace('.', ',')} %`;
}

/** "19%, 7% or 0%" */
export function listRates(rates: readonly RateBp[]): string {
  const texts = rates.map(formatRate);
  if (texts.length <= 1) return texts.join('');
  return `${texts.slice(0, -1).join(', ')} or ${texts[texts.length - 1]}`;
}
