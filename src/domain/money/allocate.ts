// Largest-remainder allocation: split an amount in proportion to weights so the parts sum exactly.
import type { Minor } from '../documents/document.js';

function toBigInt(weight: number): bigint {
  if (!Number.isSafeInteger(weight)) throw new RangeError(`weights must be safe integers, got ${weight}`);
  return BigInt(weight);
}

/** Floor division for bigint (bigint `/` truncates toward zero). */
function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

/**
 * Splits totalMinor in proportion to integer weights. The parts sum to totalMinor exactly.
 * Each part is floor(total * w / Σw); the leftover units go to the largest remainders, ties to the lower index.
 * A negative total mirrors the positive one (allocate(-t, w) = -allocate(t, w)), so refunds and invoices split alike.
 * Throws when there are no weights or they sum to zero.
 */
export function allocate(totalMinor: Minor, weights: readonly number[]): Minor[] {
  if (!Number.isSafeInteger(totalMinor)) throw new RangeError(`total must be a safe integer, got ${totalMinor}`);
  if (weights.length === 0) throw new RangeError('allocate needs at least one weight');
  if (totalMinor < 0) return allocate(-totalMinor, weights).map((part) => (part === 0 ? 0 : -part));

  let ws = weights.map(toBigInt);
  let sum = ws.reduce((a, b) => a + b, 0n);
  if (sum === 0n) throw new RangeError('weights must not sum to zero');
  if (sum < 0n) {
    ws = ws.map((w) => -w);
    sum = -sum;
  }

  const total = BigInt(totalMinor);
  const parts = ws.map((w) => floorDiv(total * w, sum));
  const remainders = ws.map((w, i) => total * w - (parts[i] ?? 0n) * sum);
  let leftover = total - parts.reduce((a, b) => a + b, 0n);

  const order = remainders
    .map((remainder, index) => ({ remainder, index }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of order) {
    if (leftover <= 0n) break;
    parts[index] = (parts[index] ?? 0n) + 1n;
    leftover -= 1n;
  }
  return parts.map((part) => Number(part));
}
