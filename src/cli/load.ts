/**
 * Reading and checking report files, for every command: the file read by the reader its type
 * names, the tables checked, and a report with none of the three tables refused — each failure
 * as the one line the user is shown (never a stack trace).
 */
import { checkReport, foundNoTables, type CheckedReport } from '../core/check';
import type { ReadResult } from '../core/import/grid';
import type { Locale } from '../core/messages';
import { readOrExplain } from './read-file';

export interface Loaded {
  file: string;
  source: ReadResult;
  report: CheckedReport;
}

/** A file that could not be checked, and why, in one line. */
export interface Unreadable {
  file: string;
  error: string;
}

export interface LoadOptions {
  /** `auto`, or a format id to use instead of detecting it. */
  format: string;
  year?: number;
  /** Last year's report, already read (`readLastYear`). */
  lastYear?: ReadResult;
  lang: Locale;
}

const TEXT = {
  'zh-CN': {
    lastYear: '上年报告',
    noTables: (file: string) => `未找到任何一张年度报告表格（主动公开、收到和处理申请、行政复议和行政诉讼）：${file}`,
    internal: (message: string, file: string) => `处理时发生内部错误（${message}），请将此文件反馈给维护人员：${file}`,
  },
  en: {
    lastYear: "last year's report",
    noTables: (file: string) => `None of the report's tables (t2, t3, t4) was found: ${file}`,
    internal: (message: string, file: string) => `Internal error (${message}); please send this file to the maintainers: ${file}`,
  },
} as const;

export function isUnreadable(outcome: Loaded | Unreadable | ReadResult): outcome is Unreadable {
  return 'error' in outcome;
}

/** Last year's report read (not checked: its tables serve this year's cross-year rules). */
export async function readLastYear(file: string, lang: Locale): Promise<ReadResult | Unreadable> {
  const read = await readOrExplain(file);
  return typeof read === 'string' ? { file, error: `${TEXT[lang].lastYear}：${read}` } : read;
}

/** One report read and checked, or the line that says why it cannot be. */
export async function loadReport(file: string, options: LoadOptions): Promise<Loaded | Unreadable> {
  const text = TEXT[options.lang];
  const source = await readOrExplain(file);
  if (typeof source === 'string') return { file, error: source };
  let report: CheckedReport;
  try {
    report = checkReport(source, { format: options.format === 'auto' ? undefined : options.format, year: options.year, lastYear: options.lastYear });
  } catch (err) {
    // A defect of ours must not cost the user the other files' results.
    return { file, error: text.internal(err instanceof Error ? err.message : String(err), file) };
  }
  return foundNoTables(report) ? { file, error: text.noTables(file) } : { file, source, report };
}
