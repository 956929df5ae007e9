/**
 * Signed sums of cell values (Σ sign × value over a relation's terms), always exact. Most report
 * figures are small whole numbers, so whether a relation holds is decided with JS numbers when
 * that is exact, and with Decimal (bigint) arithmetic otherwise.
 */
import type { Term } from '../formats/types';
import { Decimal } from '../values/decimal';

/** Σ sign × value, exactly. */
export function signedSum<T extends Term>(terms: readonly T[], value: (t: T) => Decimal): Decimal {
  let total = Decimal.ZERO;
  for (const t of terms) total = total.add(value(t).times(t.sign));
  return total;
}

/**
 * Σ sign × n over the terms, where n is the operand as a safe integer (NaN when it is none), or
 * undefined when JS numbers cannot give it exactly. With every operand a safe integer and
 * Σ |n| ≤ 2^53 − 1 no partial sum can round; a rounded Σ |n| cannot fall back under that limit
 * (2^53 is a double and rounding is monotonic), and a NaN fails the test too.
 */
export function integerSum<T extends Term>(terms: readonly T[], integer: (t: T) => number): number | undefined {
  let sum = 0;
  let magnitude = 0;
  for (const t of terms) {
    const n = integer(t);
    sum += t.sign * n;
    magnitude += Math.abs(n);
  }
  return magnitude <= Number.MAX_SAFE_INTEGER ? sum : undefined;
}

/**
 * The sign of Σ sign × value: with JS numbers where exact (integerSum), else with Decimal.
 * `integer` gives what `value(t).safeInteger ?? NaN` does, where the caller has it at hand.
 */
export function signOfSum<T extends Term>(terms: readonly T[], value: (t: T) => Decimal, integer = (t: T): number => value(t).safeInteger ?? Number.NaN): -1 | 0 | 1 {
  const sum = integerSum(terms, integer);
  if (sum === undefined) return signedSum(terms, value).compare(Decimal.ZERO);
  return sum > 0 ? 1 : sum < 0 ? -1 : 0;
}
