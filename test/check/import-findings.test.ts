/**
 * What cannot be read is reported, never guessed: missing and partial tables, run-together
 * numbers, two copies of a table, missing sections and headings without tables.
 */
import * as fs from 'fs';
import * as path from 'path';
import { checkReport } from '../../src/core/check';
import { readText } from '../../src/core/import/text';
import { readHtml } from '../../src/core/import/html';
import { reportHtml } from '../../src/core/export/html';
import { getFormat } from '../../src/core/formats/registry';
import { FIXTURES, loadCellsFixture, rawCells } from '../helpers/fixtures';

const wutuan = fs.readFileSync(path.join(FIXTURES, 'wutuan-2019.txt'), 'utf8');
const huaian = fs.readFileSync(path.join(FIXTURES, 'huaian-2024.txt'), 'utf8');
const codes = (text: string) => checkReport(readText(text)).findings.map((f) => `${f.code}:${String(f.params?.table ?? f.params?.section ?? '')}`);

test('a whole report with a section heading but no table under it: doc.missingTable', () => {
  const withoutT4 = wutuan.replace(/\n\t行政复议[\s\S]*?(?=\n五、)/, '\n');
  expect(codes(withoutT4)).toEqual(['doc.missingTable:t4']);
});

test('a whole report missing a section: doc.missingSection, naming it', () => {
  const withoutFive = wutuan.replace('五、存在的主要问题及改进情况', '存在的问题');
  expect(codes(withoutFive)).toEqual(['doc.missingSection:五、存在的主要问题及改进情况']);
});

test('a pasted table alone (no section headings): the other tables are simply not found', () => {
  const t3Only = wutuan.slice(wutuan.indexOf('\t（本列数据'), wutuan.indexOf('四、政府信息公开行政复议'));
  const report = checkReport(readText(t3Only));
  expect(report.tables).toEqual({ t2: false, t3: true, t4: false });
  expect(report.findings.map((f) => `${f.code}:${String(f.params?.table)}`)).toEqual(['import.tableNotFound:t2', 'import.tableNotFound:t4']);
});

test('numbers run together in a row, one split fitting every relation: read, with import.reconstructed naming the row', () => {
  const runTogether = huaian.replace('34          0        0        0        0    0    34', '34          0        0        0        00    34');
  const report = checkReport(readText(runTogether));
  const reconstructed = report.findings.filter((f) => f.code === 'import.reconstructed');
  expect(reconstructed.map((f) => [f.severity, f.params?.rows, f.cells.length])).toEqual([['info', ['carriedIn'], 7]]);
  expect(['natural', 'commercial', 'research', 'nonprofit', 'legal', 'otherOrg', 'total'].map((c) => report.values[`t3.carriedIn.${c}`])).toEqual([34, 0, 0, 0, 0, 0, 34]);
  expect(report.findings.filter((f) => f.severity !== 'info')).toEqual(checkReport(readText(huaian)).findings);
});

test('numbers run together with more than one split that fits: import.ambiguous on that row, its cells absent, nothing guessed', () => {
  // 规章 1 0 11 → 1011: 1|0|11 and 10|1|1 both read; format 2021's t2 has no relation to choose.
  const runTogether = huaian.replace(/规章( +)1( +)0( +)11/, '规章$1$2$31011');
  const report = checkReport(readText(runTogether));
  const ambiguous = report.findings.filter((f) => f.code === 'import.ambiguous');
  expect(ambiguous.map((f) => f.params)).toEqual([expect.objectContaining({ reason: 'runTogether', block: 't2.art20_1', rows: ['rules'], fits: 2 })]);
  expect(ambiguous[0].cells).toEqual(['t2.art20_1.rules.issued', 't2.art20_1.rules.repealed', 't2.art20_1.rules.inForce']);
  expect(report.values['t2.art20_1.rules.issued']).toBeUndefined();
  expect(report.findings.some((f) => f.code === 'import.reconstructed')).toBe(false);
});

test('numbers run together that no split makes consistent: import.ambiguous (cellCount), the rules that need the row not evaluated', () => {
  // 34 0 0 0 0 0 34 → 34 0 0 0 00 35: no split of the row satisfies its own total.
  const runTogether = huaian.replace('34          0        0        0        0    0    34', '34          0        0        0        00    35');
  const report = checkReport(readText(runTogether));
  const ambiguous = report.findings.filter((f) => f.code === 'import.ambiguous');
  expect(ambiguous).toHaveLength(1);
  expect(ambiguous[0].params).toMatchObject({ reason: 'cellCount', row: 'carriedIn', expected: 7, found: 6 });
  expect(report.values['t3.carriedIn.natural']).toBeUndefined();
  // The rules that need the row are not evaluated on guesses.
  expect(report.findings.filter((f) => f.code === 't3.balance' || f.code === 't3.rowTotal')).toEqual([]);
});

test('a row missing from a PDF table: import.partialTable names it', () => {
  const lines = huaian.split('\n');
  const at = lines.findIndex((l) => l.includes('2.重复申请'));
  lines.splice(at, 1);
  const partial = checkReport(readText(lines.join('\n'))).findings.filter((f) => f.code.startsWith('import.'));
  expect(partial.map((f) => [f.code, f.params?.missingRows ?? f.params?.reason])).toEqual([['import.partialTable', ['notProcessed2']]]);
});

test('two copies of the tables (two reports on one page): import.ambiguous, nothing guessed', () => {
  const format = getFormat('2021')!;
  const cells = rawCells(loadCellsFixture('huaian-2024'));
  const page = reportHtml(format, cells, 'A');
  const twice = page.replace('</body>', page.slice(page.indexOf('<h2>'), page.indexOf('</body>')) + '</body>');
  const report = checkReport(readHtml(twice));
  const ambiguous = report.findings.filter((f) => f.code === 'import.ambiguous');
  expect(ambiguous.length).toBeGreaterThan(0);
  expect(ambiguous.map((f) => [f.params?.table, f.params?.reason])).toEqual([['t2', 'duplicateTable'], ['t3', 'duplicateTable'], ['t4', 'duplicateTable']]);
  expect(report.values['t3.received.total']).toBeUndefined();
});

test('the format of a 2019 table in a 2023 report is detected from the labels, and the year mismatch reported', () => {
  const as2023 = wutuan.replace('2019年，我镇认真贯彻', '2023年，我镇认真贯彻').replace('（一）2019年主动公开', '（一）2023年主动公开').replace('（二）2019年依申请', '（二）2023年依申请').replace('2019年度，我镇', '2023年度，我镇').replace('2019年，我镇未收到', '2023年，我镇未收到');
  const report = checkReport(readText(as2023));
  expect(report.format.id).toBe('2019');
  expect(report.year).toBe(2023);
  expect(report.findings.map((f) => [f.code, f.expected, f.actual])).toEqual([['format.yearMismatch', '2021', '2019']]);
});
