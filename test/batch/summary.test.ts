/** The supervisor's summary: CSV (BOM, CRLF, formulas neutralised) and .xlsx (frozen header, filter, widths, colours). */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { displayWidth, openSummary, SUMMARY_HEADER, type SummaryRow } from '../../src/cli/batch/summary';

let tmp: string;
beforeAll(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-summary-test-'))));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const ROWS: SummaryRow[] = [
  { file: 'a/2022.xlsx', body: '某县人民政府', year: 2022, format: '2021', verdict: 'errors', errors: 2, warnings: 1, mainIssue: '“行政复议 / 总计”应为 3，表内为 4。', lastYear: 'a/2021.xlsx' },
  { file: 'a/2021.xlsx', body: '某县人民政府', year: 2021, format: '2021', verdict: 'warningsOnly', errors: 0, warnings: 1, mainIssue: '=HYPERLINK("http://x","点我")', lastYear: '' },
  { file: 'b/r.html', body: '', year: null, format: '2019', verdict: 'passed', errors: 0, warnings: 0, mainIssue: '', lastYear: '' },
  { file: 'c/bad.xlsx', body: '', year: null, format: '', verdict: 'unreadable', errors: 0, warnings: 0, mainIssue: '文件为空：c/bad.xlsx', lastYear: '' },
];

async function writeAll(file: string): Promise<void> {
  const writer = openSummary(file);
  for (const row of ROWS) await writer.add(row);
  await writer.close();
}

test('CSV: UTF-8 with BOM, CRLF, one row per file, formula-like text neutralised and quoted', async () => {
  const file = path.join(tmp, 's.csv');
  await writeAll(file);
  const text = fs.readFileSync(file, 'utf8');
  expect(text.startsWith('\uFEFF文件,报告单位,年度,格式,结论,错误,警告,主要问题,上年报告\r\n')).toBe(true);
  const lines = text.slice(1).split('\r\n');
  expect(lines).toHaveLength(ROWS.length + 2);
  expect(lines[1]).toBe('a/2022.xlsx,某县人民政府,2022,2021,有错误,2,1,“行政复议 / 总计”应为 3，表内为 4。,a/2021.xlsx');
  expect(lines[2]).toBe(`a/2021.xlsx,某县人民政府,2021,2021,仅有警告,0,1,"'=HYPERLINK(""http://x"",""点我"")",`);
  expect(lines[3]).toBe('b/r.html,,,2019,通过,0,0,,');
  expect(lines[4]).toBe('c/bad.xlsx,,,,无法检查,0,0,文件为空：c/bad.xlsx,');
});

test('xlsx: header frozen, autofilter over every row, widths that fit, 结论 red / amber / green', async () => {
  const file = path.join(tmp, 's.xlsx');
  await writeAll(file);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0];
  expect(sheet.getRow(1).values).toEqual([undefined, ...SUMMARY_HEADER]);
  expect(sheet.rowCount).toBe(ROWS.length + 1);
  expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  expect(sheet.autoFilter).toBe('A1:I5');
  expect(sheet.getRow(2).values).toEqual([undefined, 'a/2022.xlsx', '某县人民政府', 2022, '2021', '有错误', 2, 1, '“行政复议 / 总计”应为 3，表内为 4。', 'a/2021.xlsx']);
  // Stored as text, never as a formula.
  expect(sheet.getCell('H3').value).toBe('=HYPERLINK("http://x","点我")');
  expect(sheet.getColumn(8).width).toBe(Math.max(...ROWS.map((r) => displayWidth(r.mainIssue))) + 2);
  expect(sheet.getColumn(2).width).toBe(14);
  const fill = (ref: string): string | undefined => (sheet.getCell(ref).fill as ExcelJS.FillPattern).fgColor?.argb;
  expect([fill('E2'), fill('E3'), fill('E4'), fill('E5')]).toEqual(['FFFFC7CE', 'FFFFEB9C', 'FFC6EFCE', 'FFFFC7CE']);
});

test('display width counts a CJK character as two', () => {
  expect(displayWidth('ab某县（）')).toBe(10);
});
