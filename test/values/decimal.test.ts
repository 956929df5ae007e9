/** Exact decimal arithmetic: sums that a float gets wrong, 万元 to 4 places, order and printing. */
import { Decimal } from '../../src/core/values/decimal';

const d = (text: string): Decimal => {
  const value = Decimal.parse(text);
  if (!value) throw new Error(`not a decimal literal: ${text}`);
  return value;
};

describe('sums are exact', () => {
  test('0.1 ten times is exactly 1', () => {
    const tenths = Array.from({ length: 10 }, () => d('0.1'));
    // The float sum is not 1: the point of the class.
    expect(tenths.reduce((acc) => acc + 0.1, 0)).not.toBe(1);
    expect(Decimal.sum(tenths).equals(Decimal.fromInt(1))).toBe(true);
    expect(Decimal.sum(tenths).toString()).toBe('1');
    expect(Decimal.sum(tenths).isInteger()).toBe(true);
  });

  test('0.1 + 0.2 = 0.3', () => {
    expect(d('0.1').add(d('0.2')).equals(d('0.3'))).toBe(true);
    expect(d('0.3').sub(d('0.1')).toString()).toBe('0.2');
  });

  test('万元 amounts to 4 decimals (1 元) add up to the 元', () => {
    expect(Decimal.sum([d('96171.6'), d('0.0001'), d('1.2345')]).toString()).toBe('96172.8346');
    expect(Decimal.sum([d('1.2345'), d('2.0001'), d('0.0004')]).toString()).toBe('3.235');
    // 251000 元 = 25.1 万元; 1 元 = 0.0001 万元.
    expect(Decimal.fromInt(251000).shiftLeft(4).toString()).toBe('25.1');
    expect(Decimal.fromInt(1).shiftLeft(4).toString()).toBe('0.0001');
    expect(d('25.1').shiftRight(4).toString()).toBe('251000');
    // Ten thousand single 元 make one 万元.
    const yuan = Array.from({ length: 10000 }, () => d('0.0001'));
    expect(Decimal.sum(yuan).equals(Decimal.fromInt(1))).toBe(true);
  });

  test('large counts stay exact beyond float precision', () => {
    const big = d('9007199254740993'); // 2^53 + 1: not a float
    expect(big.add(Decimal.fromInt(1)).toString()).toBe('9007199254740994');
  });

  test('sums crossing 2^53 in either direction stay exact', () => {
    const largest = Decimal.fromInt(Number.MAX_SAFE_INTEGER); // 2^53 − 1
    expect(largest.safeInteger).toBe(Number.MAX_SAFE_INTEGER);
    const past = largest.add(Decimal.fromInt(2));
    expect(past.toString()).toBe('9007199254740993');
    expect(past.safeInteger).toBeUndefined();
    // Back under the limit: a plain number again.
    expect(past.sub(Decimal.fromInt(2)).safeInteger).toBe(Number.MAX_SAFE_INTEGER);
    expect(largest.times(-1).sub(Decimal.fromInt(2)).toString()).toBe('-9007199254740993');
    expect(d('4503599627370496').multiply(3).toString()).toBe('13510798882111488');
    expect(d('123456789012345678.5').add(d('0.5')).toString()).toBe('123456789012345679');
  });

  test('minus zero is zero', () => {
    for (const zero of [d('-0'), d('-0.00'), Decimal.fromNumber(-0) as Decimal, d('0').times(-1)]) {
      expect(zero.isZero()).toBe(true);
      expect(zero.isNegative()).toBe(false);
      expect(zero.toString()).toBe('0');
      expect(Object.is(zero.toNumber(), 0)).toBe(true);
    }
  });

  test('an empty sum is 0', () => {
    expect(Decimal.sum([]).isZero()).toBe(true);
    expect(Decimal.sum([]).toString()).toBe('0');
  });

  test('signs and multiples', () => {
    expect(d('3').times(-1).toString()).toBe('-3');
    expect(d('3').times(1).toString()).toBe('3');
    expect(d('0.5').multiply(1000).toString()).toBe('500');
    expect(d('0.0001').multiply(3).toString()).toBe('0.0003');
    expect(d('2').sub(d('5')).toString()).toBe('-3');
  });
});

describe('compare', () => {
  test.each([
    ['1', '2', -1],
    ['2', '1', 1],
    ['1.10', '1.1', 0],
    ['-1', '0.5', -1],
    ['2', '1.9999', 1],
    ['-0.0001', '0', -1],
    ['100000', '96171.6', 1],
    ['-3', '-4', 1],
  ] as const)('%s vs %s → %d', (a, b, expected) => {
    expect(d(a).compare(d(b))).toBe(expected);
    expect(d(a).equals(d(b))).toBe(expected === 0);
  });
});

describe('toString', () => {
  test.each([
    ['5', '5'],
    ['007', '7'],
    ['5.00', '5'],
    ['0.50', '0.5'],
    ['-0.5', '-0.5'],
    ['-123.45', '-123.45'],
    ['-0.0001', '-0.0001'],
    ['96171.6', '96171.6'],
    ['-4', '-4'],
    ['+3', '3'],
    ['-0', '0'],
    ['0.000', '0'],
  ])('%s → %s', (text, printed) => {
    expect(d(text).toString()).toBe(printed);
  });

  test('a difference that is a negative fraction', () => {
    expect(d('0.25').sub(d('1')).toString()).toBe('-0.75');
    expect(d('0.25').sub(d('1')).toNumber()).toBe(-0.75);
  });

  // Regression: zero with decimal places (`0.000`, `0.5 − 0.5`) kept its scale, printed `0.0`
  // and was not an integer, so a count cell holding `0.0` was reported as cell.notInteger.
  test('zero with decimal places normalises to 0', () => {
    expect(d('0.0').isInteger()).toBe(true);
    expect(d('0.5').sub(d('0.5')).toString()).toBe('0');
    expect(d('0.5').sub(d('0.5')).isInteger()).toBe(true);
    expect(d('96171.6').sub(d('96171.6')).equals(Decimal.ZERO)).toBe(true);
  });

  test('negating 0 does not print -0', () => {
    expect(Decimal.ZERO.negate().toString()).toBe('0');
    expect(Decimal.ZERO.negate().isNegative()).toBe(false);
  });
});

describe('parse accepts plain literals only', () => {
  test.each(['', 'abc', '1e3', '.5', '5.', '1,234', '１', ' 5', '--4', '0x10'])('%j', (text) => {
    expect(Decimal.parse(text)).toBeUndefined();
  });

  test('isInteger, isNegative, isZero after normalisation', () => {
    expect(d('5.00').isInteger()).toBe(true);
    expect(d('5.01').isInteger()).toBe(false);
    expect(d('-0.01').isNegative()).toBe(true);
    expect(d('0.000').isZero()).toBe(true);
  });
});

describe('fromNumber: the figure a workbook shows', () => {
  test.each([
    [5, '5'],
    [0, '0'],
    [-0, '0'],
    [-4, '-4'],
    [3119, '3119'],
    [96171.6, '96171.6'],
    [0.1 + 0.2, '0.3'],
    [0.1 * 3 * 10, '3'],
    [1.15 * 100, '115'],
    [52.15, '52.15'],
    [-0.75, '-0.75'],
    [0.0001, '0.0001'],
    [1e-7, '0.0000001'],
    [1e21, '1000000000000000000000'],
    [Number.MAX_SAFE_INTEGER, '9007199254740991'],
  ])('%p → %s', (n, printed) => {
    expect(Decimal.fromNumber(n)?.toString()).toBe(printed);
  });

  test('integers are integers, fractions are not', () => {
    expect(Decimal.fromNumber(0.1 * 3 * 10)?.isInteger()).toBe(true);
    expect(Decimal.fromNumber(2.5)?.isInteger()).toBe(false);
  });

  test.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('%p is not a number', (n) => {
    expect(Decimal.fromNumber(n)).toBeUndefined();
  });
});
