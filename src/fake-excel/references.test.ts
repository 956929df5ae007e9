/** The fake's A1 parsing and formula reference rewriting (what Excel does to formulas when rows move). */
import { formatRect, parseA1, qualify, splitSheet } from './address';
import { adjustFormula, singleReference, type ReferenceChange } from './references';

const insertRows = (sheet: string, at1: number, count: number): ReferenceChange => ({ kind: 'insert', sheet, axis: 'row', at: at1 - 1, count });
const deleteRows = (sheet: string, at1: number, count: number): ReferenceChange => ({ kind: 'delete', sheet, axis: 'row', at: at1 - 1, count });

describe('A1 addresses', () => {
  test.each([
    ['B2', 'B2'],
    ['$B$2', 'B2'],
    ['D5:B2', 'B2:D5'],
    ['5:7', '5:7'],
    ['C:A', 'A:C'],
    ['XFD1048576', 'XFD1048576'],
  ])('%s reads as %s', (text, expected) => {
    const r = parseA1(text);
    expect(r && formatRect(r)).toBe(expected);
  });

  test.each(['', 'A0', 'XFE1', 'A1048577', 'A1:B', 'foo', '1', 'A1:B2:C3'])('%j is not an address', (text) => {
    expect(parseA1(text)).toBeNull();
  });

  test('sheet names are quoted only when Excel quotes them', () => {
    const r = { r0: 1, c0: 1, r1: 1, c1: 1 };
    expect(qualify('Sheet1', r)).toBe('Sheet1!B2');
    expect(qualify('表一', r)).toBe('表一!B2');
    expect(qualify('Sheet 1', r)).toBe("'Sheet 1'!B2");
    expect(qualify("O'Brien", r)).toBe("'O''Brien'!B2");
    expect(qualify('2023', r)).toBe("'2023'!B2");
    expect(qualify('A1', r)).toBe("'A1'!B2");
    expect(splitSheet("'O''Brien'!B2:C3")).toEqual({ sheet: "O'Brien", local: 'B2:C3' });
    expect(splitSheet('B2')).toEqual({ sheet: null, local: 'B2' });
  });
});

describe('adjustFormula', () => {
  test('references at or below the inserted rows move; those above stay; both $ and relative', () => {
    expect(adjustFormula('=A1+A5+$B$5+B$6+$C7', 'S', insertRows('S', 5, 2))).toBe('=A1+A7+$B$7+B$8+$C9');
  });

  test('a range that straddles the insertion grows; one ending just above it does not', () => {
    expect(adjustFormula('=SUM(C3:C10)+SUM(D1:D4)', 'S', insertRows('S', 5, 1))).toBe('=SUM(C3:C11)+SUM(D1:D4)');
  });

  test('whole rows move with rows, whole columns do not', () => {
    expect(adjustFormula('=SUM(5:7)+SUM(A:A)', 'S', insertRows('S', 1, 1))).toBe('=SUM(6:8)+SUM(A:A)');
    expect(adjustFormula('=SUM(A:B)', 'S', { kind: 'insert', sheet: 'S', axis: 'col', at: 0, count: 1 })).toBe('=SUM(B:C)');
  });

  test('only references to the changed sheet move; unqualified ones belong to the home sheet', () => {
    const change = insertRows('表一', 1, 1);
    expect(adjustFormula('=表一!A1+A1', '汇总', change)).toBe('=表一!A2+A1');
    expect(adjustFormula('=表一!A1+A1', '表一', change)).toBe('=表一!A2+A2');
    expect(adjustFormula("='Sheet 1'!A1", 'x', insertRows('Sheet 1', 1, 1))).toBe("='Sheet 1'!A2");
    expect(adjustFormula('=sheet1!A1', 'x', insertRows('Sheet1', 1, 1))).toBe('=sheet1!A2');
  });

  test('string literals, function names and defined names are left alone', () => {
    const f = '=IF(N("nianbao A5")=0,LOG10(A5)+ATAN2(A5,B5)+t3_total+A5B,"")';
    expect(adjustFormula(f, 'S', insertRows('S', 1, 1))).toBe('=IF(N("nianbao A5")=0,LOG10(A6)+ATAN2(A6,B6)+t3_total+A5B,"")');
  });

  test('deleting rows: references inside become #REF!, ranges shrink, references below move up', () => {
    const change = deleteRows('S', 3, 2);
    expect(adjustFormula('=A3+A4+A5+A1', 'S', change)).toBe('=#REF!+#REF!+A3+A1');
    expect(adjustFormula('=SUM(A1:A10)+SUM(A3:A6)+SUM(A3:A4)', 'S', change)).toBe('=SUM(A1:A8)+SUM(A3:A4)+SUM(#REF!)');
    expect(adjustFormula('=S!$A$3', null, change)).toBe('=S!#REF!');
  });

  test('renaming and deleting sheets', () => {
    expect(adjustFormula("=Sheet1!A1+'Sheet1'!B2+A3", 'Sheet1', { kind: 'rename', from: 'Sheet1', to: '年报 2023' })).toBe(
      "='年报 2023'!A1+'年报 2023'!B2+A3",
    );
    expect(adjustFormula('=Old!A1+A1', 'Other', { kind: 'deleteSheet', sheet: 'Old' })).toBe('=#REF!A1+A1');
  });

  test('singleReference recognises a name that is exactly one reference', () => {
    expect(singleReference('=Sheet1!$B$2:$D$5')).toEqual({ sheet: 'Sheet1', local: '$B$2:$D$5' });
    expect(singleReference("='Sheet 1'!$B$2")).toEqual({ sheet: 'Sheet 1', local: '$B$2' });
    expect(singleReference('=Sheet1!A1+1')).toBeNull();
    expect(singleReference('="text"')).toBeNull();
  });
});
