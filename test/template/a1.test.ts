import { a1, columnIndex, columnName, parseA1 } from '../../src/core/template/a1';

test('column letters and indexes are inverse over Excel’s 16,384 columns', () => {
  for (let col = 0; col < 16384; col++) expect(columnIndex(columnName(col))).toBe(col);
  expect([columnName(0), columnName(25), columnName(26), columnName(701), columnName(16383)]).toEqual(['A', 'Z', 'AA', 'ZZ', 'XFD']);
  expect(columnIndex('xfd')).toBe(16383);
});

test('parseA1 reads sheet-qualified, absolute and range addresses', () => {
  expect(parseA1(a1(11, 3))).toEqual({ row: 11, col: 3 });
  expect(parseA1("'Sheet 1'!$D$12:E13")).toEqual({ row: 11, col: 3 });
  expect(parseA1('=AB7')).toEqual({ row: 6, col: 27 });
  expect(parseA1('表格2 第5行')).toBeUndefined();
});
