/**
 * Round trips: the checker reads an exported HTML page, workbook, JSON file or Word document back to exactly the
 * cells and findings the report was exported with — on every shared fixture (no findings at all,
 * 135 blanks with total errors and a unit in a cell, 3119 applications in format 2021), and on
 * reports built from them with many findings: organisation columns left blank (over a hundred
 * warnings, and row totals that no longer add up) and mistyped totals.
 */
import ExcelJS from 'exceljs';
import type { CheckedReport } from '../../src/core/check';
import { checkReport } from '../../src/core/check';
import { exportReport, type ExportTarget } from '../../src/core/export';
import { RESULTS_SHEET } from '../../src/core/export/xlsx';
import type { RawValue } from '../../src/core/import/grid';
import { rawToText } from '../../src/core/values/parse';
import { loadCellsFixture, rawCells } from '../helpers/fixtures';
import { convertWithLibreOffice, sofficePath } from '../helpers/libreoffice';
import { checkExported, checkedFixture, exportable, FIXTURE_NAMES, type FixtureName } from './helpers';

const texts = (raw: Readonly<Record<string, RawValue>>): Record<string, string> => Object.fromEntries(Object.entries(raw).map(([id, v]) => [id, rawToText(v)]));

/** Read back: the same format, year, tables, values, cell contents and findings. */
function expectSame(back: CheckedReport, report: CheckedReport): void {
  expect(back.format.id).toBe(report.format.id);
  expect(back.year).toBe(report.year);
  expect(back.tables).toEqual({ t2: true, t3: true, t4: true });
  expect(back.values).toEqual(report.values);
  expect(texts(back.raw)).toEqual(texts(report.raw));
  expect(back.findings).toEqual(report.findings);
}

describe.each(FIXTURE_NAMES.map((n) => [n]))('%s', (name) => {
  test.each<[ExportTarget]>([['html'], ['xlsx'], ['json'], ['docx']])('%s: same format, year, cell values and findings', async (to) => {
    const { report } = checkedFixture(name);
    const out = await exportReport(exportable(name), to, { reason: '核对原件后确认与发布稿一致', acceptWarnings: '按原件' });
    // Cell for cell the same contents (a page has text where the transcription has numbers).
    expectSame(await checkExported(out.bytes, `report.${to}`), report);
  });
});

const ORGANISATIONS = /^t3\.\w+\.(commercial|research|nonprofit|legal|otherOrg)$/;

/** The fixture with a change to its cells, checked as the checker checks a JSON file. */
function variant(name: FixtureName, change: (cells: Record<string, RawValue>) => void): { report: CheckedReport; body: string } {
  const f = loadCellsFixture(name);
  const cells = rawCells(f);
  change(cells);
  return { report: checkReport({ grids: [], cells, meta: { format: f.format, year: f.year, body: f.body } }), body: f.body };
}

/** As county departments publish it: the organisation columns of t3 left empty. */
const blankOrganisations = (cells: Record<string, RawValue>): void => {
  for (const id of Object.keys(cells)) if (ORGANISATIONS.test(id)) cells[id] = null;
};

/** Totals typed wrong: a row total, a column's result total and a t4 group total, each one off. */
const mistypedTotals = (cells: Record<string, RawValue>): void => {
  for (const id of ['t3.received.total', 't3.resultTotal.natural', 't4.review.total']) cells[id] = Number(cells[id] ?? 0) + 1;
};

const VARIANTS = [
  ['organisation columns blank', blankOrganisations],
  ['totals mistyped', mistypedTotals],
  ['both', (cells: Record<string, RawValue>) => (blankOrganisations(cells), mistypedTotals(cells))],
] as const;

describe.each(FIXTURE_NAMES.map((n) => [n]))('%s with many findings', (name) => {
  test.each(VARIANTS.flatMap(([what, change]) => (['html', 'xlsx'] as const).map((to) => [what, to, change] as const)))('%s: %s reads back to the same cells and findings', async (what, to, change) => {
    const { report, body } = variant(name, change);
    const counts = { errors: report.findings.filter((f) => f.severity === 'error').length, warnings: report.findings.filter((f) => f.severity === 'warning').length };
    if (what !== 'totals mistyped') expect(counts.warnings).toBeGreaterThanOrEqual(100);
    if (what !== 'organisation columns blank') expect(counts.errors).toBeGreaterThanOrEqual(3);
    const out = await exportReport({ format: report.format, year: report.year, body, raw: report.raw, findings: report.findings }, to, { reason: '核对原件后确认与发布稿一致', acceptWarnings: '按原件' });
    expectSame(await checkExported(out.bytes, `report.${to}`), report);
  });
});

test('the exported workbook does carry every finding in 「校验结果」, under the labels of the tables, and still reads back', async () => {
  const { report, body } = variant('huaian-2024', blankOrganisations);
  const out = await exportReport({ format: report.format, year: report.year, body, raw: report.raw, findings: report.findings }, 'xlsx', { reason: '原表如此' });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(out.bytes as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet(RESULTS_SHEET)!;
  const codes: string[] = [];
  sheet.eachRow((row) => {
    const code = row.getCell(3).value;
    if (typeof code === 'string' && /^(cell|t\d)\./.test(code)) codes.push(code);
  });
  expect(codes).toEqual(report.findings.map((f) => f.code));
  const location = String(sheet.getRow(sheet.rowCount).getCell(4).value);
  expect(location).toMatch(/三、本年度办理结果|一、本年新收|四、结转下年度/);
  expectSame(await checkExported(out.bytes, 'report.xlsx'), report);
});

const withLibreOffice = sofficePath() ? test : test.skip;

withLibreOffice('an exported workbook saved again by LibreOffice still reads back: the mark on 「校验结果」 survives', async () => {
  const { report, body } = variant('shanghai-2019', (cells) => (blankOrganisations(cells), mistypedTotals(cells)));
  const out = await exportReport({ format: report.format, year: report.year, body, raw: report.raw, findings: report.findings }, 'xlsx', { reason: '原表如此' });
  const saved = convertWithLibreOffice(out.bytes as Uint8Array, 'xlsx', 'export.xlsx');
  expectSame(await checkExported(saved, 'report.xlsx'), report);
}, 120_000);

test('the fixtures cover no findings, errors with warnings, and format 2021', () => {
  const counts = FIXTURE_NAMES.map((n) => checkedFixture(n).report.findings.length);
  expect(counts[0]).toBe(0);
  expect(counts[1]).toBeGreaterThan(135);
  expect(checkedFixture('huaian-2024').report.format.id).toBe('2021');
});

test('a page with the sections written out reads back the same: text that agrees with the tables adds no finding', async () => {
  const { report } = checkedFixture('huaian-2024');
  const narrative = { '一.依申请公开': '2024年，本机关共收到政府信息公开申请3119件，上年结转34件。', '四': '2024年，发生政府信息公开行政复议案件351件。' };
  const out = await exportReport(exportable('huaian-2024', { narrative, userSections: { 五: '部分单位答复不够规范。\n下一步将加强培训。', 六: '无其他需要报告的事项。' } }), 'html');
  const back = await checkExported(out.bytes, 'report.html');
  expect(back.values).toEqual(report.values);
  expect(back.findings).toEqual(report.findings);
  // The text is read and checked: a wrong figure in it is caught on the way back.
  const wrong = await exportReport(exportable('huaian-2024', { narrative: { ...narrative, '一.依申请公开': narrative['一.依申请公开'].replace('3119', '3120') } }), 'html');
  const caught = (await checkExported(wrong.bytes, 'report.html')).findings.filter((f) => f.code === 'narrative.mismatch');
  expect(caught.map((f) => [f.actual, f.expected])).toEqual([[3120, 3119]]);
});
