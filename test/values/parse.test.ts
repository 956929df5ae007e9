/**
 * Reading one cell: every row of the spec's "Reading cell values" table (formats.md), in the
 * value kinds where the spec gives it a meaning, plus the typed values a workbook hands over.
 */
import type { ValueKind } from '../../src/core/formats/types';
import type { RawValue } from '../../src/core/import/grid';
import { parseCell, rawToText, type CellIssueCode } from '../../src/core/values/parse';

interface Row {
  raw: RawValue | undefined;
  kind: ValueKind;
  /** The value as a decimal string, or null for "not a number". */
  value: string | null;
  issues: CellIssueCode[];
  unit?: string;
}

const row = (raw: RawValue | undefined, kind: ValueKind, value: string | null, issues: CellIssueCode[] = [], unit?: string): Row => ({ raw, kind, value, issues, unit });

/** `JSON.stringify` shows the invisible characters (U+3000, tabs) in test names. */
const label = (r: Row): string => `${r.raw instanceof Date ? `Date(${r.raw.toISOString()})` : JSON.stringify(r.raw)} as ${r.kind}`;

const table: Row[] = [
  // 5, padded, full-width: 5, no finding.
  row('5', 'count', '5'),
  row(' 5 ', 'count', '5'),
  row('　　5', 'count', '5'),
  row('\t5\n', 'count', '5'),
  row('５', 'count', '5'),
  row('１２３', 'count', '123'),
  row('\u00a05\u00a0', 'count', '5'),
  row('0', 'count', '0'),
  row('5.0', 'count', '5'),
  row('0.0', 'count', '0'),
  row('0.00', 'amountWan', '0'),
  // Thousands separators, half and full width.
  row('1,234', 'count', '1234'),
  row('1，234', 'count', '1234'),
  row('12,345,678', 'count', '12345678'),
  row('1,234.5', 'amount', '1234.5'),
  // Empty: 0 for arithmetic, cell.blank.
  row('', 'count', '0', ['cell.blank']),
  row(null, 'count', '0', ['cell.blank']),
  row(undefined, 'count', '0', ['cell.blank']),
  row('   ', 'count', '0', ['cell.blank']),
  row('　', 'count', '0', ['cell.blank']),
  row('\u00a0', 'count', '0', ['cell.blank']),
  row('\n', 'change', '0', ['cell.blank']),
  row('', 'amountWan', '0', ['cell.blank']),
  // Placeholders: 0 for arithmetic, cell.placeholder.
  row('/', 'count', '0', ['cell.placeholder']),
  row('／', 'count', '0', ['cell.placeholder']),
  row('-', 'count', '0', ['cell.placeholder']),
  row('—', 'count', '0', ['cell.placeholder']),
  row('——', 'count', '0', ['cell.placeholder']),
  // `——` as Windows code page 936 decodes GBK A1AA (U+2015 HORIZONTAL BAR).
  row('――', 'count', '0', ['cell.placeholder']),
  row('无', 'count', '0', ['cell.placeholder']),
  row('N/A', 'count', '0', ['cell.placeholder']),
  row(' / ', 'count', '0', ['cell.placeholder']),
  row('-', 'change', '0', ['cell.placeholder']),
  row('—', 'amountWan', '0', ['cell.placeholder']),
  row('无', 'amount', '0', ['cell.placeholder']),
  // Units typed into the cell: the number, cell.unitInCell (万元 converted where the column is in 万元).
  row('12件', 'count', '12', ['cell.unitInCell'], '件'),
  row(' 12 件 ', 'count', '12', ['cell.unitInCell'], '件'),
  row('251000元', 'amount', '251000', ['cell.unitInCell'], '元'),
  row('251000元', 'amountWan', '25.1', ['cell.unitInCell'], '元'),
  row('1元', 'amountWan', '0.0001', ['cell.unitInCell'], '元'),
  row('3.5万元', 'amountWan', '3.5', ['cell.unitInCell'], '万元'),
  // Format 2019's amount prescribes no unit: 万元 is taken as written, and flagged.
  row('3.5万元', 'amount', '3.5', ['cell.unitInCell'], '万元'),
  row('1,234元', 'amountWan', '0.1234', ['cell.unitInCell'], '元'),
  row('减4件', 'change', '-4', ['cell.unitInCell'], '件'),
  row('52.15', 'amount', '52.15'),
  row('96171.6', 'amountWan', '96171.6'),
  // 本年增/减: signed, no finding.
  row('增3', 'change', '3'),
  row('减4', 'change', '-4'),
  row('+3', 'change', '3'),
  row('-4', 'change', '-4'),
  row('增加3', 'change', '3'),
  row('减少4', 'change', '-4'),
  row('－4', 'change', '-4'),
  row('0', 'change', '0'),
  row(-4, 'change', '-4'),
  // Out of range for the kind.
  row('-4', 'count', '-4', ['cell.negative']),
  row(-4, 'count', '-4', ['cell.negative']),
  row('-1', 'amountWan', '-1', ['cell.negative']),
  row('2.5', 'count', '2.5', ['cell.notInteger']),
  row(2.5, 'count', '2.5', ['cell.notInteger']),
  row('2.5', 'change', '2.5', ['cell.notInteger']),
  row('-2.5', 'count', '-2.5', ['cell.negative', 'cell.notInteger']),
  row('2.5', 'amountWan', '2.5'),
  row('2.5', 'amount', '2.5'),
  // Not a number: other text, spreadsheet errors, booleans, dates.
  row('abc', 'count', null, ['cell.notNumber']),
  row('五', 'count', null, ['cell.notNumber']),
  row('5件5', 'count', null, ['cell.notNumber']),
  row('增3', 'count', null, ['cell.notNumber']),
  row('#REF!', 'count', null, ['cell.notNumber']),
  row('#VALUE!', 'count', null, ['cell.notNumber']),
  row('#DIV/0!', 'amountWan', null, ['cell.notNumber']),
  row('#N/A', 'count', null, ['cell.notNumber']),
  row(true, 'count', null, ['cell.notNumber']),
  row(false, 'count', null, ['cell.notNumber']),
  row(new Date(Date.UTC(2020, 0, 1)), 'count', null, ['cell.notNumber']),
  row({ error: '#DIV/0!' }, 'count', null, ['cell.notNumber']),
  row({ error: '#REF!' }, 'change', null, ['cell.notNumber']),
  // Numbers as a workbook hands them over.
  row(5, 'count', '5'),
  row(0, 'count', '0'),
  row(-0, 'count', '0'),
  row(3119, 'count', '3119'),
  row(96171.6, 'amountWan', '96171.6'),
  row(0.1 + 0.2, 'amountWan', '0.3'),
  row(1.1 * 3, 'amount', '3.3'),
  // A count computed by a formula in floating point is the whole number Excel shows.
  row(0.1 * 3 * 10, 'count', '3'),
  row(Number.NaN, 'count', null, ['cell.notNumber']),
  row(Number.POSITIVE_INFINITY, 'count', null, ['cell.notNumber']),
];

test.each(table.map((r) => [label(r), r] as const))('%s', (_name, r) => {
  const parsed = parseCell(r.raw, r.kind);
  expect(parsed.value === null ? null : parsed.value.toString()).toBe(r.value);
  expect(parsed.issues.map((i) => i.code)).toEqual(r.issues);
  if (r.unit !== undefined) expect(parsed.issues.find((i) => i.code === 'cell.unitInCell')?.unit).toBe(r.unit);
});

describe('the raw content is kept for messages', () => {
  test.each([
    ['　　5', '　　5'],
    ['251000元', '251000元'],
    [null, ''],
    [true, 'TRUE'],
    [false, 'FALSE'],
    [{ error: '#DIV/0!' }, '#DIV/0!'],
    [96171.6, '96171.6'],
  ] as const)('%j → %j', (raw, text) => {
    expect(parseCell(raw, 'count').raw).toBe(text);
    expect(rawToText(raw)).toBe(text);
  });

  test('a date reads as its ISO day', () => {
    expect(rawToText(new Date(Date.UTC(2020, 0, 31)))).toBe('2020-01-31');
    expect(parseCell(new Date(Date.UTC(2020, 0, 31)), 'count').raw).toBe('2020-01-31');
  });
});

test('every spec row is covered in at least one kind', () => {
  // The left column of the spec's table, verbatim; fails when a row above is dropped.
  const specRaws = ['5', ' 5 ', '　　5', '５', '1,234', '1，234', '', '/', '／', '-', '—', '——', '无', 'N/A', '12件', '251000元', '3.5万元', '增3', '减4', '+3', '-4', '2.5', '#REF!', '#VALUE!'];
  const covered = new Set(table.map((r) => r.raw));
  expect(specRaws.filter((raw) => !covered.has(raw))).toEqual([]);
});

describe('small whole numbers (one shared reading per value)', () => {
  const kinds: ValueKind[] = ['count', 'change', 'amount', 'amountWan'];
  test.each([0, 7, 3119, 65535, 65536, 123456])('%d as a number and as text reads the same in every kind', (n) => {
    for (const kind of kinds) {
      for (const raw of [n, String(n)]) expect(parseCell(raw, kind)).toEqual({ value: expect.anything(), raw: String(n), issues: [] });
      expect(parseCell(n, kind).value?.toString()).toBe(String(n));
      expect(parseCell(String(n), kind).value?.toString()).toBe(String(n));
    }
  });

  test('a whole number written plainly, as a number or as text, is its own integer and has no issue, in every kind', () => {
    for (let n = 0; n < 65536; n += n < 200 ? 1 : 97) {
      for (const raw of [n, String(n)]) {
        for (const kind of kinds) {
          const parsed = parseCell(raw, kind);
          expect(parsed.issues).toEqual([]);
          expect(parsed.value?.safeInteger).toBe(n);
        }
      }
    }
  });

  test('text that is not the number as written keeps its own reading', () => {
    expect(parseCell('007', 'count')).toMatchObject({ raw: '007', issues: [] });
    expect(parseCell('007', 'count').value?.toString()).toBe('7');
    expect(parseCell(' 7', 'count')).toMatchObject({ raw: ' 7', issues: [] });
    expect(parseCell('-7', 'count').issues.map((i) => i.code)).toEqual(['cell.negative']);
    expect(parseCell('-7', 'change').value?.toString()).toBe('-7');
    expect(parseCell(7.5, 'count').issues.map((i) => i.code)).toEqual(['cell.notInteger']);
    expect(parseCell(-0, 'count')).toEqual(parseCell(0, 'count'));
  });
});
