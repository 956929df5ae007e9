/** Reading and checking one report (and last year's) for the commands that work on a single file. */
import { checkReport, type CheckedReport } from '../../core/check';
import type { ReadResult } from '../../core/import/grid';
import { readOrExplain } from '../read-file';

export interface Loaded {
  source: ReadResult;
  lastYear?: ReadResult;
  report: CheckedReport;
}

export interface LoadTexts {
  lastYear: string;
  internal: (message: string, file: string) => string;
  noTables: (file: string) => string;
}

/** The report read and checked, or the one-line reason it cannot be (never a stack trace). */
export async function readAndCheck(args: { file: string; format: string; year?: number; lastYear?: string }, text: LoadTexts): Promise<Loaded | string> {
  const lastYear = args.lastYear ? await readOrExplain(args.lastYear) : undefined;
  if (typeof lastYear === 'string') return `${text.lastYear}：${lastYear}`;
  const source = await readOrExplain(args.file);
  if (typeof source === 'string') return source;
  let report: CheckedReport;
  try {
    report = checkReport(source, { format: args.format === 'auto' ? undefined : args.format, year: args.year, lastYear });
  } catch (err) {
    // A defect of ours: said in one line.
    return text.internal(err instanceof Error ? err.message : String(err), args.file);
  }
  // Tables that are there but ambiguous are findings, not "none found".
  if (!report.tables.t2 && !report.tables.t3 && !report.tables.t4 && !report.findings.some((f) => f.code === 'import.ambiguous')) return text.noTables(args.file);
  return { source, lastYear, report };
}
