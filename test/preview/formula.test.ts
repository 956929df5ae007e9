/**
 * The preview's formula evaluator (src/preview/formula.ts): the shapes the template writes, the
 * Excel semantics they rely on (N of text, SUM skipping text, ISBLANK of formula cells, blank = 0
 * in comparisons), relative references moved for conditional formats, and errors instead of throws.
 */
import { evaluate, isTruthy, parseFormula, type Sheetish, type Value } from '../../src/preview/formula';

/** A sheet from A1 → value (formulas not involved here). */
function book(cells: Record<string, Value>, names: Record<string, string> = {}): Sheetish {
  const at = (row: number, col: number): string => `${String.fromCharCode(65 + col)}${row + 1}`;
  return {
    value: (sheet, row, col) => (sheet === null || sheet === 'Sheet1' ? (cells[at(row, col)] ?? null) : { error: '#REF!' }),
    isBlank: (_sheet, row, col) => cells[at(row, col)] === undefined,
    name: (name) => {
      const target = names[name];
      if (!target) return null;
      const m = /^([A-Z])(\d+)$/.exec(target)!;
      const r = Number(m[2]) - 1;
      const c = m[1].charCodeAt(0) - 65;
      return { sheet: null, r0: r, c0: c, r1: r, c1: c };
    },
  };
}

const calc = (formula: string, cells: Record<string, Value> = {}, offset?: { rows: number; cols: number }): Value => evaluate(parseFormula(formula), book(cells), offset ? { offset } : {});

describe('the template\'s formulas', () => {
  const cells = { D8: 5, E8: 3, F8: 'abc', D9: 2, E9: null, F9: '/' };

  test('totals: SUM of cells, text and blanks skipped', () => {
    expect(calc('=SUM(D8,E8,F8)', cells)).toBe(8);
    expect(calc('=SUM(D8:F9)', cells)).toBe(10);
    expect(calc('=SUM(G1,G2)', cells)).toBe(0);
  });

  test('check cells: N() counts text and blanks as 0; MAX(0, …) for "not more than" rules', () => {
    expect(calc('=(N(D8)+N(E8))-(N(D9)+N(F8))', cells)).toBe(6);
    expect(calc('=(N(F9))-(N(E9))', cells)).toBe(0);
    expect(calc('=MAX(0,(N(D9))-(N(D8)))', cells)).toBe(0);
    expect(calc('=MAX(0,(N(D8))-(N(D9)))', cells)).toBe(3);
    expect(calc('=-N(D8)+N(E8)', cells)).toBe(-2);
  });

  test('decimals that should cancel come out as exactly 0, as in Excel', () => {
    expect(calc('=(N(A1)+N(A2))-(N(A3))', { A1: 0.1, A2: 0.2, A3: 0.3 })).toBe(0);
    expect(calc('=SUM(A1,A2)-A3', { A1: 0.1, A2: 0.2, A3: 0.3 })).toBe(0);
  });

  test('conditional formats: the marker, a check cell, absolute references', () => {
    expect(calc('=AND(N("nianbao")=0,$R$12<>0)', { R12: 2 })).toBe(true);
    expect(calc('=AND(N("nianbao")=0,$R$12<>0)', { R12: 0 })).toBe(false);
    expect(calc('=AND(N("nianbao")=0,$R$12<>0)', {})).toBe(false);
  });

  test('cell-level rules: text or negative is red, blank is amber', () => {
    const red = '=AND(N("nianbao")=0,OR(AND(NOT(ISBLANK(D8)),NOT(ISNUMBER(D8))),AND(ISNUMBER(D8),D8<0)))';
    const amber = '=AND(N("nianbao")=0,ISBLANK(D8))';
    expect(calc(red, { D8: 'abc' })).toBe(true);
    expect(calc(red, { D8: '/' })).toBe(true);
    expect(calc(red, { D8: -1 })).toBe(true);
    expect(calc(red, { D8: 0 })).toBe(false);
    expect(calc(red, {})).toBe(false);
    expect(calc(amber, {})).toBe(true);
    expect(calc(amber, { D8: 0 })).toBe(false);
  });

  test('relative references move with the cell a conditional format is evaluated for; $ parts stay', () => {
    const amber = '=AND(N("nianbao")=0,ISBLANK(D8))';
    expect(calc(amber, { D8: 1, E9: 1 }, { rows: 1, cols: 1 })).toBe(false);
    expect(calc(amber, { D8: 1 }, { rows: 1, cols: 1 })).toBe(true);
    expect(calc('=$D8+D$8', { D8: 1, D9: 10, E8: 100 }, { rows: 1, cols: 1 })).toBe(110);
    expect(calc('=A1', {}, { rows: -1, cols: 0 })).toEqual({ error: '#REF!' });
  });
});

describe('Excel semantics', () => {
  test('comparisons: blank is 0 or "", text ranks above numbers, case-insensitive text', () => {
    expect(calc('=A1=0')).toBe(true);
    expect(calc('=A1=""')).toBe(true);
    expect(calc('=A1<0')).toBe(false);
    expect(calc('="b">5')).toBe(true);
    expect(calc('="abc"="ABC"')).toBe(true);
    expect(calc('=2>=2')).toBe(true);
    expect(calc('=1<>1')).toBe(false);
  });

  test('arithmetic: numeric text counts, other text is #VALUE!, / by 0 is #DIV/0!', () => {
    expect(calc('=A1+1', { A1: '2' })).toBe(3);
    expect(calc('=A1+1', { A1: 'x' })).toEqual({ error: '#VALUE!' });
    expect(calc('=2*3-4/2')).toBe(4);
    expect(calc('=1/0')).toEqual({ error: '#DIV/0!' });
    expect(calc('=-(-3)')).toBe(3);
    expect(calc('=TRUE+1')).toBe(2);
  });

  test('errors propagate through N, SUM and comparisons, so a conditional format does not apply', () => {
    const err = { error: '#N/A' };
    expect(calc('=N(A1)', { A1: err })).toEqual(err);
    expect(calc('=SUM(A1,A2)', { A1: 1, A2: err })).toEqual(err);
    expect(isTruthy(calc('=AND(N("nianbao")=0,A1<>0)', { A1: err }))).toBe(false);
    expect(calc('=ISNUMBER(A1)', { A1: err })).toBe(false);
    expect(calc('=#REF!+1')).toEqual({ error: '#REF!' });
    expect(calc("='Other sheet'!A1")).toEqual({ error: '#REF!' });
  });

  test('AND/OR/NOT with references skip text and blanks; with nothing left they are #VALUE!', () => {
    expect(calc('=AND(A1,A2)', { A1: 1, A2: 'x' })).toBe(true);
    expect(calc('=OR(A1:A3)', { A1: 0, A3: true })).toBe(true);
    expect(calc('=AND(A1)', {})).toEqual({ error: '#VALUE!' });
    expect(calc('=NOT(0)')).toBe(true);
    expect(calc('=NOT("x")')).toEqual({ error: '#VALUE!' });
  });

  test('MIN and MAX over references; strings with quotes; sheet-qualified and named references', () => {
    expect(calc('=MIN(A1:A3)', { A1: 3, A2: -1, A3: 'x' })).toBe(-1);
    expect(calc('=MAX(A1:A3)', {})).toBe(0);
    expect(calc('="say ""hi"""')).toBe('say "hi"');
    expect(calc('=Sheet1!$A$1*2', { A1: 4 })).toBe(8);
    expect(evaluate(parseFormula('=Total+1'), book({ B2: 41 }, { Total: 'B2' }))).toBe(42);
    expect(calc('=Missing+1')).toEqual({ error: '#NAME?' });
  });

  test('what it does not know is #NAME? or a syntax error, never code', () => {
    expect(calc('=VLOOKUP(A1,B1:C2,2)')).toEqual({ error: '#NAME?' });
    expect(() => parseFormula('=SUM(A1')).toThrow();
    expect(() => parseFormula('=1+')).toThrow();
    expect(() => parseFormula('=alert`x`')).toThrow();
    expect(() => parseFormula('=constructor.constructor("x")()')).toThrow();
  });
});
