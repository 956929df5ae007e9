/** The remembered last-year report: what is stored, what is read back, and what is refused as not ours. */
import { describeSource, isLastYearOf, lastYearInput, parseLastYear, rememberLastYear, serialiseLastYear } from '../../src/core/template/last-year';

const record = rememberLastYear('2021', 2024, { name: '淮安2024.pdf', kind: 'file' }, { 't3.carriedOver.natural': 103, 't3.note': '/', 't2.date': new Date('2024-12-31T00:00:00Z'), 't3.bad': { error: '#REF!' }, 't3.blank': null });

test('round trip through the stored text; dates and error values are kept as text', () => {
  expect(record.cells).toEqual({ 't3.carriedOver.natural': 103, 't3.note': '/', 't2.date': '2024-12-31', 't3.bad': '#REF!', 't3.blank': null });
  expect(parseLastYear(serialiseLastYear(record))).toEqual(record);
  expect(lastYearInput(record)).toEqual({ grids: [], cells: record.cells, meta: { format: '2021', year: 2024 } });
  expect(describeSource(record)).toBe('文件《淮安2024.pdf》（2024 年度，2021 年格式）');
});

test.each([
  ['not JSON', '{oops'],
  ['another version', JSON.stringify({ ...JSON.parse(serialiseLastYear(record)), nianbaoLastYear: 2 })],
  ['an unknown format', JSON.stringify({ ...JSON.parse(serialiseLastYear(record)), format: '2099' })],
  ['a nested value', JSON.stringify({ ...JSON.parse(serialiseLastYear(record)), cells: { a: { b: 1 } } })],
  ['a year out of range', JSON.stringify({ ...JSON.parse(serialiseLastYear(record)), year: 1 })],
  ['a number', 42],
])('%s is not a remembered report', (_, text) => {
  expect(parseLastYear(text)).toBeUndefined();
});

test('it is last year’s for the year after only (unknown years assumed to fit)', () => {
  expect([isLastYearOf(record, 2025), isLastYearOf(record, 2024), isLastYearOf(record, 2026), isLastYearOf(record, undefined)]).toEqual([true, false, false, true]);
});

test('keys of a hand-edited record stay plain data (a `__proto__` key changes no prototype)', () => {
  const text = serialiseLastYear(record).replace('"cells":{', '"cells":{"__proto__":{"polluted":1},');
  expect(parseLastYear(text)).toBeUndefined();
  const flat = serialiseLastYear(record).replace('"cells":{', '"cells":{"__proto__":7,');
  const parsed = parseLastYear(flat);
  expect(Object.getPrototypeOf(parsed?.cells)).toBe(Object.prototype);
  expect(Object.hasOwn(parsed?.cells ?? {}, '__proto__')).toBe(true);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});
