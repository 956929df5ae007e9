/**
 * Exporting a checked report: HTML for the portal, .xlsx with the 「校验结果」 sheet, CSV, JSON,
 * and the whole report as .docx. Export is refused (`ExportRefusedError`) while errors remain,
 * unless a reason is given; the reason (and any for accepting warnings) is recorded in the
 * xlsx and the JSON. Pure: the caller writes the bytes wherever the platform allows.
 */
import { UnknownFormatError } from '../check';
import { getFormat } from '../formats/registry';
import type { FormatDef } from '../formats/types';
import { acceptance, type ExportOptions } from './checks';
import { cellsCsv } from './csv';
import { reportDocx } from './docx';
import { documentHtml } from './html';
import { reportJson } from './json';
import type { ExportableReport } from './model';
import { exportWorkbook } from './xlsx';

export { ExportRefusedError, type Accepted, type CheckOutcome, type ExportOptions } from './checks';
export type { ChecksRun, ExportableReport, UserSections } from './model';

export const EXPORT_TARGETS = ['html', 'xlsx', 'csv', 'json', 'docx'] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];

export interface ExportResult {
  /** Text for html, csv (its BOM included) and json; the file's bytes for xlsx and docx. */
  bytes: Uint8Array<ArrayBuffer> | string;
  mime: string;
  /** Without the dot. */
  extension: ExportTarget;
}

const MIME: Record<ExportTarget, string> = {
  html: 'text/html; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export function isExportTarget(value: string): value is ExportTarget {
  return (EXPORT_TARGETS as readonly string[]).includes(value);
}

/**
 * Exports a checked report. Throws `ExportRefusedError` (message in Chinese: the number of errors
 * and the first few) while errors remain and `options.reason` is empty; `UnknownFormatError` for
 * a format id that does not exist.
 */
export async function exportReport(report: Omit<ExportableReport, 'format'> & { format: FormatDef | string }, to: ExportTarget, options: ExportOptions = {}): Promise<ExportResult> {
  const format = typeof report.format === 'string' ? getFormat(report.format) : report.format;
  if (!format) throw new UnknownFormatError(String(report.format));
  const full: ExportableReport = { ...report, format };
  const accepted = acceptance(format, full.findings, options);
  const done = (bytes: Uint8Array<ArrayBuffer> | string): ExportResult => ({ bytes, mime: MIME[to], extension: to });
  switch (to) {
    case 'html':
      return done(documentHtml(full));
    case 'xlsx':
      return done(await exportWorkbook(full, accepted));
    case 'csv':
      return done(cellsCsv(format, full.raw));
    case 'json':
      return done(reportJson(full, accepted));
    case 'docx':
      return done(await reportDocx(full));
  }
}
