/**
 * The tables in the official layout as an .xlsx workbook (one sheet, the three tables under
 * their section headings, merged cells and borders as printed, set to print on A4 across one page
 * width). ExcelJS writes the file. The export adds a second sheet, 「校验结果」: every check with its
 * outcome, every finding's message, and the reasons recorded; the defined name `CHECKS_SHEET_MARK`
 * tells the reader (`import/xlsx.ts`) to leave it out, so the file reads back to its tables alone.
 * Values are the cells' contents as read — numbers as numbers, text as text — and nothing else: no
 * formulas, other names, validation or conditional formats (those belong to the add-in's
 * template, `template/xlsx.ts`).
 */
import ExcelJS from 'exceljs';
import type { FormatDef } from '../formats/types';
import type { RawValue } from '../import/grid';
import { CHECKS_SHEET_MARK } from '../import/xlsx';
import { messageFor, namer } from '../messages';
import { rawToText } from '../values/parse';
import { checkOutcomes, handling, outcomeText, SEVERITY_NAMES, type Accepted } from './checks';
import { layoutReport } from './layout';
import { reportTitle, type ExportableReport } from './model';

export const TABLES_SHEET = '年度报告表格';
export const RESULTS_SHEET = '校验结果';

const toCell = (v: RawValue): ExcelJS.CellValue => (v !== null && typeof v === 'object' && !(v instanceof Date) ? v.error : v);

const thin = { style: 'thin' as const };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

/** Column widths (characters): the label columns of t3, then the value columns. */
const WIDTHS = [12, 16, 30];
const VALUE_WIDTH = 10;
const widthOf = (col: number): number => WIDTHS[col] ?? VALUE_WIDTH;
/** Points per line of 11-point text, and the padding of a cell. */
const LINE = 14.5;
const PAD = 4;

/** Display width in characters as a column width counts them: CJK and full-width forms take two. */
function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

/** Lines wrapped text takes in a cell `width` characters wide. */
function linesIn(text: string, width: number): number {
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(displayWidth(line) / Math.max(1, width - 1))), 0);
}

function writeTables(sheet: ExcelJS.Worksheet, format: FormatDef, values: Readonly<Record<string, RawValue>>, title: string): void {
  sheet.getCell(1, 1).value = title;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  let row = 3;
  for (const table of layoutReport(format, values)) {
    sheet.getCell(row, 1).value = table.heading;
    sheet.getCell(row, 1).font = { bold: true };
    row += 1;
    const lines = table.rows.map(() => 1);
    table.rows.forEach((cells, r) =>
      cells.forEach((value, c) => {
        const cell = sheet.getCell(row + r, c + 1);
        if (value !== null) cell.value = toCell(value);
        cell.border = BORDER;
        cell.alignment = { wrapText: true, vertical: 'middle', horizontal: table.ids.has(`${r}:${c}`) ? 'right' : 'center' };
      }),
    );
    // Rows are as tall as their longest single-row label wraps to (spreadsheet programs do not
    // grow rows for merged cells by themselves).
    const merged = new Map(table.merges.map((m) => [`${m.row}:${m.col}`, m]));
    const covered = new Set(table.merges.flatMap((m) => Array.from({ length: m.rows * m.cols }, (_, k) => `${m.row + Math.floor(k / m.cols)}:${m.col + (k % m.cols)}`)));
    table.rows.forEach((cells, r) =>
      cells.forEach((value, c) => {
        const m = merged.get(`${r}:${c}`);
        if ((covered.has(`${r}:${c}`) && !m) || (m && m.rows > 1) || value === null) return;
        const width = Array.from({ length: m?.cols ?? 1 }, (_, k) => widthOf(c + k)).reduce((a, b) => a + b, 0);
        lines[r] = Math.max(lines[r], linesIn(rawToText(value), width));
      }),
    );
    lines.forEach((n, r) => {
      if (n > 1) sheet.getRow(row + r).height = n * LINE + PAD;
    });
    for (const m of table.merges) sheet.mergeCells(row + m.row, m.col + 1, row + m.row + m.rows - 1, m.col + m.cols);
    row += table.rows.length + 1;
  }
  const columns = Math.max(...layoutReport(format, {}).flatMap((t) => t.rows.map((r) => r.length)));
  for (let c = 0; c < columns; c++) sheet.getColumn(c + 1).width = widthOf(c);
  sheet.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
}

export async function reportWorkbook(format: FormatDef, values: Readonly<Record<string, RawValue>>, title: string): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  writeTables(workbook.addWorksheet(TABLES_SHEET), format, values, title);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

function writeResults(sheet: ExcelJS.Worksheet, report: ExportableReport, accepted: Accepted): void {
  const names = namer(report.format);
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const warnings = report.findings.filter((f) => f.severity === 'warning').length;
  const verdict = errors + warnings === 0 ? '全部校验通过' : [errors > 0 ? `${errors} 处错误` : '', warnings > 0 ? `${warnings} 处警告` : ''].filter(Boolean).join('、');
  const rows: (string | number | null)[][] = [
    [RESULTS_SHEET],
    ['报告', reportTitle(report)],
    ['表格格式', `${report.format.name}（${report.format.issuedBy}）`],
    ['报告年度', report.year ?? '不明'],
    ['结论', verdict],
  ];
  if (accepted.errors) rows.push(['存在错误仍导出的理由', accepted.errors.reason]);
  if (accepted.warnings) rows.push(['接受警告的理由', accepted.warnings.reason]);
  rows.push([]);
  const checksAt = rows.length + 1;
  rows.push(['校验项目', '代码', '类别', '结果']);
  for (const o of checkOutcomes(report.format, report.findings, report.year, report.checked)) rows.push([o.summary, o.code, SEVERITY_NAMES[o.severity], outcomeText(o)]);
  rows.push([]);
  const findingsAt = rows.length + 1;
  rows.push(['序号', '类别', '代码', '位置', '说明', '处理']);
  report.findings.forEach((f, k) => rows.push([k + 1, SEVERITY_NAMES[f.severity], f.code, f.cells.map((id) => names.cell(id)).join('\n'), messageFor(f, report.format), handling(f, accepted)]));
  if (report.findings.length === 0) rows.push([null, null, null, null, '没有发现问题']);

  rows.forEach((values, r) => values.forEach((v, c) => (sheet.getCell(r + 1, c + 1).value = v)));
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  for (const at of [checksAt, findingsAt]) sheet.getRow(at).font = { bold: true };
  for (let r = 2; r <= rows.length; r++) {
    const inTable = r >= checksAt && rows[r - 1].length > 0;
    sheet.getRow(r).eachCell((cell) => {
      cell.alignment = { wrapText: true, vertical: 'top' };
      if (inTable) cell.border = BORDER;
    });
  }
  const widths = [40, 24, 8, 40, 70, 18];
  widths.forEach((w, k) => (sheet.getColumn(k + 1).width = w));
  rows.forEach((values, r) => {
    const lines = Math.max(1, ...values.map((v, c) => (typeof v === 'string' ? linesIn(v, widths[c]) : 1)));
    if (lines > 1) sheet.getRow(r + 1).height = lines * LINE + PAD;
  });
  sheet.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
}

/** The export: the tables sheet, then 「校验结果」. */
export async function exportWorkbook(report: ExportableReport, accepted: Accepted): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'nianbao 政务公开年报助手';
  workbook.title = reportTitle(report);
  writeTables(workbook.addWorksheet(TABLES_SHEET), report.format, report.raw, reportTitle(report));
  writeResults(workbook.addWorksheet(RESULTS_SHEET), report, accepted);
  // Marks the sheet as the export's own record, so reading the file back leaves it out.
  workbook.definedNames.add(`'${RESULTS_SHEET}'!$A$1`, CHECKS_SHEET_MARK);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
