/**
 * A minimal exact decimal: an integer coefficient and a count of decimal places. Report
 * figures are whole numbers or short decimals (万元 to 4 places); sums of them must be exact,
 * so no arithmetic here ever goes through a float.
 */
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * A coefficient is a JS number while it is a safe integer (|n| ≤ 2^53 − 1: every report count)
 * and a bigint beyond, so ordinary figures are read and summed without allocating bigints.
 */
type Coefficient = number | bigint;

const toBig = (c: Coefficient): bigint => (typeof c === 'bigint' ? c : BigInt(c));
const fromBig = (c: bigint): Coefficient => (c <= MAX_SAFE && c >= -MAX_SAFE ? Number(c) : c);
/** a ± b exactly, as a number while the result is safe (a result past 2^53 − 1 cannot round back under it). */
function plus(a: Coefficient, b: Coefficient, sign: 1 | -1): Coefficient {
  if (typeof a === 'number' && typeof b === 'number') {
    const n = a + sign * b;
    if (Number.isSafeInteger(n)) return n;
  }
  return fromBig(toBig(a) + BigInt(sign) * toBig(b));
}

export class Decimal {
  /** The value as a JS number when it is a whole number a double holds exactly, else undefined (see engine/sum.ts). */
  readonly safeInteger: number | undefined;

  /** value = coefficient × 10^−scale */
  private readonly coefficient: Coefficient;

  private constructor(
    coefficient: Coefficient,
    private readonly scale: number,
  ) {
    // −0 (from `-0`, or a cell holding −0) equals 0 but is not Object.is 0: JSON and tests would see it.
    this.coefficient = coefficient === 0 ? 0 : coefficient;
    this.safeInteger = scale === 0 && typeof this.coefficient === 'number' ? this.coefficient : undefined;
  }

  static readonly ZERO = new Decimal(0, 0);

  static fromInt(n: number | bigint): Decimal {
    return new Decimal(typeof n === 'number' && Number.isSafeInteger(n) ? n : fromBig(BigInt(n)), 0);
  }

  /** Parses a plain decimal literal: optional sign, digits, optional fraction. */
  static parse(text: string): Decimal | undefined {
    const m = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(text);
    if (!m) return undefined;
    const fraction = m[3] ?? '';
    const digits = m[2] + fraction;
    // Fifteen digits always fit a double exactly.
    const magnitude = digits.length <= 15 ? Number(digits) : fromBig(BigInt(digits));
    return new Decimal(m[1] === '-' ? plus(0, magnitude, -1) : magnitude, fraction.length).normalised();
  }

  /**
   * Converts a finite JS number (e.g. a number cell read from a workbook) to the figure a
   * spreadsheet shows: whole numbers exactly, anything else to 15 significant digits, Excel's
   * precision. So a cell holding `=0.1+0.2` (stored as 0.30000000000000004) reads as 0.3, and
   * a count computed in floating point (3.0000000000000004) reads as the whole number 3.
   */
  static fromNumber(n: number): Decimal | undefined {
    if (!Number.isFinite(n)) return undefined;
    if (Number.isSafeInteger(n)) return new Decimal(n, 0);
    // d.dddddddddddddde±x: 15 significant digits and a power of ten, never a float sum.
    const m = /^(-?)(\d)\.(\d{14})e([+-]\d+)$/.exec(n.toExponential(14));
    if (!m) return undefined;
    const digits = new Decimal(Number(`${m[1]}${m[2]}${m[3]}`), 0);
    const exponent = Number(m[4]) - 14;
    return exponent >= 0 ? digits.shiftRight(exponent) : digits.shiftLeft(-exponent);
  }

  /** Trailing zeros of the fraction dropped (1.50 → 1.5), so equal values print alike. */
  private normalised(): Decimal {
    let { coefficient, scale } = this;
    while (scale > 0 && (typeof coefficient === 'number' ? coefficient % 10 === 0 : coefficient % 10n === 0n)) {
      coefficient = typeof coefficient === 'number' ? coefficient / 10 : fromBig(coefficient / 10n);
      scale -= 1;
    }
    return scale === this.scale ? this : new Decimal(coefficient, scale);
  }

  /** Both coefficients at the larger scale. */
  private aligned(other: Decimal): [Coefficient, Coefficient, number] {
    if (this.scale === other.scale) return [this.coefficient, other.coefficient, this.scale];
    const scale = Math.max(this.scale, other.scale);
    return [fromBig(toBig(this.coefficient) * 10n ** BigInt(scale - this.scale)), fromBig(toBig(other.coefficient) * 10n ** BigInt(scale - other.scale)), scale];
  }

  add(other: Decimal): Decimal {
    const [a, b, scale] = this.aligned(other);
    return new Decimal(plus(a, b, 1), scale).normalised();
  }

  sub(other: Decimal): Decimal {
    const [a, b, scale] = this.aligned(other);
    return new Decimal(plus(a, b, -1), scale).normalised();
  }

  negate(): Decimal {
    return new Decimal(plus(0, this.coefficient, -1), this.scale);
  }

  times(sign: 1 | -1): Decimal {
    return sign === 1 ? this : this.negate();
  }

  /** this × n for a whole number n. */
  multiply(n: number): Decimal {
    const product = typeof this.coefficient === 'number' ? this.coefficient * n : Number.NaN;
    // A product past 2^53 − 1 cannot round back under it: a safe result is exact.
    const coefficient = Number.isSafeInteger(product) ? product : fromBig(toBig(this.coefficient) * BigInt(n));
    return new Decimal(coefficient, this.scale).normalised();
  }

  /** this × 10^−places (e.g. 元 → 万元 with places = 4). */
  shiftLeft(places: number): Decimal {
    return new Decimal(this.coefficient, this.scale + places).normalised();
  }

  /** this × 10^places. */
  shiftRight(places: number): Decimal {
    return new Decimal(fromBig(toBig(this.coefficient) * 10n ** BigInt(places)), this.scale).normalised();
  }

  compare(other: Decimal): -1 | 0 | 1 {
    const [a, b] = this.aligned(other);
    // Mixed number/bigint comparison is exact in JS.
    return a < b ? -1 : a > b ? 1 : 0;
  }

  equals(other: Decimal): boolean {
    return this.compare(other) === 0;
  }

  isZero(): boolean {
    return this.coefficient === 0 || this.coefficient === 0n;
  }

  isNegative(): boolean {
    return this.coefficient < 0;
  }

  isInteger(): boolean {
    return this.scale === 0;
  }

  toString(): string {
    const negative = this.coefficient < 0;
    const digits = (negative ? plus(0, this.coefficient, -1) : this.coefficient).toString().padStart(this.scale + 1, '0');
    const whole = digits.slice(0, digits.length - this.scale);
    const fraction = digits.slice(digits.length - this.scale);
    return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
  }

  /** For JSON output only; never used in arithmetic. */
  toNumber(): number {
    return this.scale === 0 ? Number(this.coefficient) : Number(this.toString());
  }

  static sum(values: readonly Decimal[]): Decimal {
    return values.reduce((acc, v) => acc.add(v), Decimal.ZERO);
  }
}
