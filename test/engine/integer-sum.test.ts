/**
 * The engine's integer fast path (engine/sum.ts) decides relations with JS numbers only where
 * that is exact; everywhere else it must agree with Decimal arithmetic, and so must validate.
 */
import { validate } from '../../src/core/engine/validate';
import { integerSum, signedSum, signOfSum } from '../../src/core/engine/sum';
import type { Term } from '../../src/core/formats/types';
import { Decimal } from '../../src/core/values/decimal';
import { baseCells, formatById } from '../rules/base';

const d = (text: string): Decimal => Decimal.parse(text) as Decimal;

/** Terms over operands given as decimal literals, signs as given. */
function terms(...operands: [1 | -1, string][]): { terms: Term[]; value: (t: Term) => Decimal } {
  const values = new Map(operands.map(([, text], k) => [`c${k}`, d(text)]));
  return { terms: operands.map(([sign], k) => ({ cell: `c${k}`, sign, year: 'this' })), value: (t) => values.get(t.cell) as Decimal };
}

const exactSign = (t: ReturnType<typeof terms>): number => signedSum(t.terms, t.value).compare(Decimal.ZERO);

test('a partial sum past 2^53 leaves the fast path instead of rounding', () => {
  // As doubles: 2^53 − 1 + 2 rounds to 2^53, and the sum ends at −1 instead of 0.
  const trap = terms([1, '9007199254740991'], [1, '2'], [-1, '9007199254740991'], [-1, '2']);
  expect(9007199254740991 + 2 - 9007199254740991 - 2).not.toBe(0);
  expect(integerSum(trap.terms, (t) => trap.value(t).safeInteger ?? Number.NaN)).toBeUndefined();
  expect(signOfSum(trap.terms, trap.value)).toBe(0);
});

test('operands that are no safe integer (beyond 2^53, decimals) take the exact path', () => {
  expect(d('9007199254740993').safeInteger).toBeUndefined();
  expect(d('0.5').safeInteger).toBeUndefined();
  expect(d('-9007199254740991').safeInteger).toBe(-9007199254740991);
  const huge = terms([1, '9007199254740993'], [-1, '9007199254740992']);
  expect(signOfSum(huge.terms, huge.value)).toBe(1);
  const wan = terms([1, '96171.6'], [1, '0.0001'], [-1, '96171.6001']);
  expect(signOfSum(wan.terms, wan.value)).toBe(0);
});

test('the fast path agrees with Decimal arithmetic on mixed operands', () => {
  // A fixed pseudo-random sequence: small counts, negative changes, 万元 decimals, huge counts.
  let seed = 12345;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const pool = ['0', '1', '7', '3119', '-4', '-1', '0.0001', '25.1', '96171.6', '4503599627370496', '9007199254740991', '9007199254740993', '123456789012345678901'];
  for (let round = 0; round < 2000; round++) {
    const operands: [1 | -1, string][] = Array.from({ length: 1 + next(8) }, () => [next(2) === 0 ? 1 : -1, pool[next(pool.length)]]);
    // Make about half the sums exactly zero: the case where rounding would matter most.
    if (next(2) === 0) {
      const t = terms(...operands);
      const total = signedSum(t.terms, t.value);
      operands.push([-1, total.toString()]);
    }
    const t = terms(...operands);
    expect(signOfSum(t.terms, t.value)).toBe(exactSign(t));
  }
});

describe('validate decides relations exactly whatever the size of the figures', () => {
  const format = formatById('2021');
  const TWO_53 = 2n ** 53n;
  const withReceived = (natural: bigint, total: bigint): Record<string, string | number> => {
    const cells: Record<string, string | number> = { ...baseCells('2021') };
    cells['t3.received.natural'] = String(BigInt(cells['t3.received.natural']) + natural);
    cells['t3.received.total'] = String(BigInt(cells['t3.received.total']) + total);
    return cells;
  };

  test('a row total off by 1 beyond 2^53 fails (as doubles it would hold)', () => {
    const findings = validate({ format, year: 2024, raw: withReceived(TWO_53, TWO_53 + 1n) }).findings;
    const row = findings.find((f) => f.code === 't3.rowTotal' && f.where === 'received');
    expect(row).toMatchObject({ difference: 1 });
  });

  test('figures beyond 2^53 that add up hold', () => {
    const findings = validate({ format, year: 2024, raw: withReceived(TWO_53, TWO_53) }).findings;
    expect(findings.filter((f) => f.code === 't3.rowTotal')).toEqual([]);
    // The balance of the natural-person and total columns now fails by exactly 2^53.
    expect(findings.filter((f) => f.code === 't3.balance').map((f) => [f.where, f.difference])).toEqual([
      ['natural', Number(TWO_53)],
      ['total', Number(TWO_53)],
    ]);
  });

  test('the same findings from text, numbers and a consistent report', () => {
    const numbers = baseCells('2021');
    const texts = Object.fromEntries(Object.entries(numbers).map(([id, v]) => [id, String(v)]));
    expect(validate({ format, year: 2024, raw: numbers }).findings).toEqual([]);
    expect(validate({ format, year: 2024, raw: texts }).findings).toEqual([]);
  });
});
