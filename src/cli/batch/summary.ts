/**
 * The supervisor's summary (`--summary FILE.xlsx|FILE.csv`): one row per file, what a 公开办
 * sends back to its units. Both writers take rows as files finish and hold none of them in
 * memory: CSV is written as it comes; .xlsx rows go to a temporary file first, as a sheet's
 * column widths are written before its rows and must fit the longest entry.
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { csvField, neutralise } from '../../core/export/csv';
import { endStream, Spool, writeTo } from './spool';

export type Verdict = 'passed' | 'warningsOnly' | 'errors' | 'unreadable';

export const VERDICT_LABELS: Record<Verdict, string> = { passed: '通过', warningsOnly: '仅有警告', errors: '有错误', unreadable: '无法检查' };

export interface SummaryRow {
  file: string;
  /** 报告单位 as the title names it ('' when it names none). */
  body: string;
  year: number | null;
  format: string;
  verdict: Verdict;
  errors: number;
  warnings: number;
  /** The first error's message, else the first warning's, else why the file cannot be checked. */
  mainIssue: string;
  /** Last year's report the file was checked against, or why none was chosen. */
  lastYear: string;
}

export const SUMMARY_HEADER = ['文件', '报告单位', '年度', '格式', '结论', '错误', '警告', '主要问题', '上年报告'] as const;

function cells(row: SummaryRow): (string | number)[] {
  return [row.file, row.body, row.year ?? '', row.format, VERDICT_LABELS[row.verdict], row.errors, row.warnings, row.mainIssue, row.lastYear];
}

export interface SummaryWriter {
  add(row: SummaryRow): Promise<void>;
  /** Finishes the file; nothing is complete before. */
  close(): Promise<void>;
}

export function isSummaryPath(file: string): boolean {
  return ['.xlsx', '.csv'].includes(path.extname(file).toLowerCase());
}

/** Opens the summary for writing (throws, with the system's code, when the file cannot be written). */
export function openSummary(file: string): SummaryWriter {
  // Opened now, so a path that cannot be written is refused before the run, not after it.
  fs.closeSync(fs.openSync(file, 'w'));
  return path.extname(file).toLowerCase() === '.csv' ? new CsvSummary(file) : new XlsxSummary(file);
}

/** UTF-8 with a BOM (Excel on Chinese Windows reads it as UTF-8, not GBK), CRLF, formulas neutralised. */
class CsvSummary implements SummaryWriter {
  private readonly stream: fs.WriteStream;

  constructor(file: string) {
    this.stream = fs.createWriteStream(file);
    this.stream.write(`\uFEFF${SUMMARY_HEADER.join(',')}\r\n`);
  }

  add(row: SummaryRow): Promise<void> {
    return writeTo(this.stream, `${cells(row).map((c) => (typeof c === 'number' ? String(c) : csvField(neutralise(c)))).join(',')}\r\n`);
  }

  close(): Promise<void> {
    return endStream(this.stream);
  }
}

/** Width of text in Excel's character units: a CJK character takes two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  return width;
}

const MAX_WIDTH = 80;

/** 结论's fill and font: Excel's own 差 / 适中 / 好 cell styles. */
const VERDICT_STYLE: Record<Verdict, { fill: string; font: string }> = {
  errors: { fill: 'FFFFC7CE', font: 'FF9C0006' },
  unreadable: { fill: 'FFFFC7CE', font: 'FF9C0006' },
  warningsOnly: { fill: 'FFFFEB9C', font: 'FF9C5700' },
  passed: { fill: 'FFC6EFCE', font: 'FF006100' },
};

/** Frozen header, autofilter, widths that fit the longest entry (up to 80), 结论 coloured. */
class XlsxSummary implements SummaryWriter {
  private readonly spool = new Spool<SummaryRow>();
  private readonly widths: number[] = SUMMARY_HEADER.map(displayWidth);

  constructor(private readonly file: string) {}

  add(row: SummaryRow): Promise<void> {
    cells(row).forEach((c, k) => (this.widths[k] = Math.max(this.widths[k], displayWidth(String(c)))));
    return this.spool.add(row);
  }

  async close(): Promise<void> {
    try {
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: this.file, useStyles: true, useSharedStrings: false });
      const sheet = workbook.addWorksheet('检查结果', { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
      sheet.columns = SUMMARY_HEADER.map((header, k) => ({ header, width: Math.min(MAX_WIDTH, this.widths[k] + 2) }));
      sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: this.spool.count + 1, column: SUMMARY_HEADER.length } };
      const header = sheet.getRow(1);
      header.font = { bold: true };
      header.commit();
      for await (const row of this.spool.read()) {
        const added = sheet.addRow(cells(row));
        const verdict = added.getCell(5);
        const style = VERDICT_STYLE[row.verdict];
        verdict.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: style.fill } };
        verdict.font = { color: { argb: style.font } };
        added.commit();
      }
      sheet.commit();
      await workbook.commit();
    } finally {
      this.spool.dispose();
    }
  }
}
