/**
 * A minimal exact decimal: an integer coefficient and a count of decimal places. Report
 * figures are whole numbers or short decimals (万元 to 4 places); sums of them must be exact,
 * so no arithmetic here ever goes through a float.
 */
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export class Decimal {
  /**
   * The value as a JS number when it is a whole number a double holds exactly (|n| ≤ 2^53 − 1),
   * else undefined: lets sums of ordinary counts skip bigint arithmetic (see engine/sum.ts).
   */
  readonly safeInteger: number | undefined;

  private constructor(
    /** value = coefficient × 10^−scale */
    private readonly coefficient: bigint,
    private readonly scale: number,
  ) {
    this.safeInteger = scale === 0 && coefficient <= MAX_SAFE && coefficient >= -MAX_SAFE ? Number(coefficient) : undefined;
  }

  static readonly ZERO = new Decimal(0n, 0);

  static fromInt(n: number | bigint): Decimal {
    return new Decimal(BigInt(n), 0);
  }

  /** Parses a plain decimal literal: optional sign, digits, optional fraction. */
  static parse(text: string): Decimal | undefined {
    const m = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(text);
    if (!m) return undefined;
    const fraction = m[3] ?? '';
    const coefficient = BigInt(m[2] + fraction) * (m[1] === '-' ? -1n : 1n);
    return new Decimal(coefficient, fraction.length).normalised();
  }

  /**
   * Converts a finite JS number (e.g. a number cell read from a workbook) to the figure a
   * spreadsheet shows: whole numbers exactly, anything else to 15 significant digits, Excel's
   * precision. So a cell holding `=0.1+0.2` (stored as 0.30000000000000004) reads as 0.3, and
   * a count computed in floating point (3.0000000000000004) reads as the whole number 3.
   */
  static fromNumber(n: number): Decimal | undefined {
    if (!Number.isFinite(n)) return undefined;
    if (Number.isSafeInteger(n)) return new Decimal(BigInt(n), 0);
    // d.dddddddddddddde±x: 15 significant digits and a power of ten, never a float sum.
    const m = /^(-?)(\d)\.(\d{14})e([+-]\d+)$/.exec(n.toExponential(14));
    if (!m) return undefined;
    const digits = new Decimal(BigInt(`${m[1]}${m[2]}${m[3]}`), 0);
    const exponent = Number(m[4]) - 14;
    return exponent >= 0 ? digits.shiftRight(exponent) : digits.shiftLeft(-exponent);
  }

  private normalised(): Decimal {
    if (this.scale === 0) return this;
    let { coefficient, scale } = this;
    while (scale > 0 && coefficient % 10n === 0n) {
      coefficient /= 10n;
      scale -= 1;
    }
    return scale === this.scale ? this : new Decimal(coefficient, scale);
  }

  private aligned(other: Decimal): [bigint, bigint, number] {
    if (this.scale === other.scale) return [this.coefficient, other.coefficient, this.scale];
    const scale = Math.max(this.scale, other.scale);
    return [
      this.coefficient * 10n ** BigInt(scale - this.scale),
      other.coefficient * 10n ** BigInt(scale - other.scale),
      scale,
    ];
  }

  add(other: Decimal): Decimal {
    const [a, b, scale] = this.aligned(other);
    return new Decimal(a + b, scale).normalised();
  }

  sub(other: Decimal): Decimal {
    const [a, b, scale] = this.aligned(other);
    return new Decimal(a - b, scale).normalised();
  }

  negate(): Decimal {
    return new Decimal(-this.coefficient, this.scale);
  }

  times(sign: 1 | -1): Decimal {
    return sign === 1 ? this : this.negate();
  }

  /** this × n for a whole number n. */
  multiply(n: number): Decimal {
    return new Decimal(this.coefficient * BigInt(n), this.scale).normalised();
  }

  /** this × 10^−places (e.g. 元 → 万元 with places = 4). */
  shiftLeft(places: number): Decimal {
    return new Decimal(this.coefficient, this.scale + places).normalised();
  }

  /** this × 10^places. */
  shiftRight(places: number): Decimal {
    return new Decimal(this.coefficient * 10n ** BigInt(places), this.scale).normalised();
  }

  compare(other: Decimal): -1 | 0 | 1 {
    const [a, b] = this.aligned(other);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  equals(other: Decimal): boolean {
    return this.compare(other) === 0;
  }

  isZero(): boolean {
    return this.coefficient === 0n;
  }

  isNegative(): boolean {
    return this.coefficient < 0n;
  }

  isInteger(): boolean {
    return this.scale === 0;
  }

  toString(): string {
    const negative = this.coefficient < 0n;
    const digits = (negative ? -this.coefficient : this.coefficient).toString().padStart(this.scale + 1, '0');
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
