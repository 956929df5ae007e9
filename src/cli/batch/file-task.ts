/**
 * The work a batch does for one file, in a worker thread or (for a single file) in the main one:
 * read and check it, and return everything the run writes about it — its text block or JSON
 * entry, its summary row, its counts — and its body and year for pairing, as plain data, so the
 * main thread only writes, in input order.
 */
import { findingJson, messageFor, type Locale } from '../../core/messages';
import type { ReadResult } from '../../core/import/grid';
import { bodyOf } from '../../core/narrative/body';
import { bodyKey, type ReportIdentity } from '../../core/pairing';
import { isUnreadable, loadReport, readLastYear, type Loaded, type Unreadable } from '../load';
import { describeLastYear, renderReport, renderUnreadable, type LastYearNote } from '../render';
import type { SummaryRow, Verdict } from './summary';

/** What every file of a run is checked and written with (a worker's `workerData`). */
export interface RunOptions {
  format: string;
  year?: number;
  lang: Locale;
  all: boolean;
  json: boolean;
  /** `--last-year`: one file that is every report's last year. */
  lastYearFile?: string;
  /** Work out each report's body and year: the summary's 单位 column, and pairing by year. */
  identify: boolean;
}

/** A file to check; `lastYear` when it is paired (or its candidates), `error` when it is known to be unreadable. */
export interface FileTask {
  file: string;
  lastYear?: LastYearNote;
  error?: string;
}

export interface FileResult {
  /** The file's text block (with the blank line after it), or its `--json` entry. */
  output: string;
  row: SummaryRow;
  verdict: Verdict;
  errors: number;
  warnings: number;
  /** The report's body (`bodyKey`) and year, as pairing compares them (when the run identifies reports). */
  identity?: ReportIdentity;
}

const TEXT = {
  'zh-CN': {
    timeout: (seconds: number, file: string) => `读取和检查超过 ${seconds} 秒仍未完成，已停止（文件可能异常）：${file}`,
    crash: (message: string, file: string) => `读取和检查时程序异常中止（${message}），请将此文件反馈给维护人员：${file}`,
  },
  en: {
    timeout: (seconds: number, file: string) => `Reading and checking took longer than ${seconds} s and was stopped: ${file}`,
    crash: (message: string, file: string) => `Reading and checking stopped abnormally (${message}); please send this file to the maintainers: ${file}`,
  },
} as const;

export function timeoutMessage(seconds: number, file: string, lang: Locale): string {
  return TEXT[lang].timeout(seconds, file);
}

export function crashMessage(message: string, file: string, lang: Locale): string {
  return TEXT[lang].crash(message, file);
}

/** `--last-year`'s file, read once by a thread that checks many files against it. */
export interface LastYearCache {
  read?: Promise<ReadResult | Unreadable>;
}

async function lastYearOf(note: LastYearNote | undefined, options: RunOptions, cache: LastYearCache): Promise<ReadResult | undefined> {
  let read: ReadResult | Unreadable;
  if (options.lastYearFile) read = await (cache.read ??= readLastYear(options.lastYearFile, options.lang));
  else if (note && 'file' in note) read = await readLastYear(note.file, options.lang);
  else return undefined;
  return isUnreadable(read) ? undefined : read;
}

export async function checkFile(task: FileTask, options: RunOptions, cache: LastYearCache = {}): Promise<FileResult> {
  if (task.error !== undefined) return unreadableResult(task.file, task.error, options);
  const lastYear = await lastYearOf(task.lastYear, options, cache);
  let note = options.lastYearFile ? { file: options.lastYearFile } : task.lastYear;
  // Paired with a file that cannot be read after all: checked alone, and named nowhere.
  if (note && 'file' in note && !lastYear) note = undefined;
  const outcome = await loadReport(task.file, { format: options.format, year: options.year, lastYear, lang: options.lang });
  if (isUnreadable(outcome)) return unreadableResult(task.file, outcome.error, options);
  return loadedResult(outcome, note, options);
}

export function unreadableResult(file: string, error: string, options: RunOptions): FileResult {
  const output = options.json ? JSON.stringify({ file, error }, null, 2) : `${renderUnreadable(file, error, options.lang)}\n\n`;
  return {
    output,
    row: { file, body: '', year: null, format: '', verdict: 'unreadable', errors: 0, warnings: 0, mainIssue: error, lastYear: '' },
    verdict: 'unreadable',
    errors: 0,
    warnings: 0,
  };
}

function loadedResult({ file, source, report }: Loaded, note: LastYearNote | undefined, options: RunOptions): FileResult {
  const { lang } = options;
  const errors = report.findings.filter((f) => f.severity === 'error');
  const warnings = report.findings.filter((f) => f.severity === 'warning');
  const verdict: Verdict = errors.length > 0 ? 'errors' : warnings.length > 0 ? 'warningsOnly' : 'passed';
  const first = errors[0] ?? warnings[0];
  const output = options.json
    ? JSON.stringify(
        {
          file,
          format: report.format.id,
          year: report.year ?? null,
          ...(note && 'file' in note ? { lastYear: note.file } : {}),
          tables: report.tables,
          cells: report.values,
          findings: report.findings.map((f) => findingJson(f, report.format, lang)),
        },
        null,
        2,
      )
    : `${renderReport(file, report, lang, options.all, note)}\n\n`;
  const body = options.identify ? bodyOf(source) : undefined;
  const row: SummaryRow = {
    file,
    body: body ?? '',
    year: report.year ?? null,
    format: report.format.id,
    verdict,
    errors: errors.length,
    warnings: warnings.length,
    mainIssue: first ? messageFor(first, report.format, lang) : '',
    lastYear: note ? describeLastYear(note, lang) : '',
  };
  return { output, row, verdict, errors: errors.length, warnings: warnings.length, ...(options.identify ? { identity: { body: bodyKey(body), year: report.year } } : {}) };
}
