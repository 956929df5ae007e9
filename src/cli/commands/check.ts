/** `nianbao check`: reads each file, checks it, prints, and decides the exit code. */
import { checkReport, hasErrors, type CheckedReport } from '../../core/check';
import type { ReadResult } from '../../core/import/grid';
import { findingJson } from '../../core/messages';
import type { CheckArgs } from '../args';
import { readOrExplain } from '../read-file';
import { renderReport, renderSummary, renderUnreadable } from '../render';

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** True when stderr is a terminal (progress is redrawn in place). */
  interactive: boolean;
}

export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_UNREADABLE = 2;

type FileOutcome = { file: string; report: CheckedReport } | { file: string; error: string };

function jsonFor(outcome: FileOutcome, lang: CheckArgs['lang']): unknown {
  if ('error' in outcome) return { file: outcome.file, error: outcome.error };
  const { report } = outcome;
  return {
    file: outcome.file,
    format: report.format.id,
    year: report.year ?? null,
    tables: report.tables,
    cells: report.values,
    findings: report.findings.map((f) => findingJson(f, report.format, lang)),
  };
}

function checkOne(file: string, read: ReadResult, args: CheckArgs, lastYear: ReadResult | undefined): FileOutcome {
  try {
    const report = checkReport(read, { format: args.format === 'auto' ? undefined : args.format, year: args.year, lastYear });
    // Tables that are there but ambiguous (two copies) are reported as findings, not as "none found".
    const noTables = !report.tables.t2 && !report.tables.t3 && !report.tables.t4 && !report.findings.some((f) => f.code === 'import.ambiguous');
    return noTables ? { file, error: `未找到任何一张年度报告表格（主动公开、收到和处理申请、行政复议和行政诉讼）：${file}` } : { file, report };
  } catch (err) {
    // A defect of ours must not cost the user the other files' results.
    return { file, error: `检查时发生内部错误（${err instanceof Error ? err.message : String(err)}），请将此文件反馈给维护人员：${file}` };
  }
}

export async function runCheck(args: CheckArgs, io: Io): Promise<number> {
  let lastYear: ReadResult | undefined;
  if (args.lastYear) {
    const read = await readOrExplain(args.lastYear);
    if (typeof read === 'string') {
      io.stderr(`nianbao: 上年报告${read.startsWith('无法') ? '' : '无法读取：'}${read}\n`);
      return EXIT_UNREADABLE;
    }
    lastYear = read;
  }

  const outcomes: FileOutcome[] = [];
  let exit = EXIT_OK;
  const counts = { files: args.files.length, failed: 0, unreadable: 0, errors: 0, warnings: 0 };
  const progressEvery = io.interactive ? 1 : Math.max(1, Math.ceil(args.files.length / 10));
  // On a terminal the per-file text is its own progress; a redrawn counter would garble it.
  const showProgress = args.files.length > 1 && (args.json || !io.interactive);
  for (const [k, file] of args.files.entries()) {
    if (showProgress && ((k + 1) % progressEvery === 0 || k + 1 === args.files.length)) {
      io.stderr(io.interactive ? `\r检查进度 ${k + 1}/${args.files.length}` : `检查进度 ${k + 1}/${args.files.length}\n`);
    }
    const read = await readOrExplain(file);
    let outcome: FileOutcome;
    if (typeof read === 'string') {
      outcome = { file, error: read };
    } else {
      outcome = checkOne(file, read, args, lastYear);
    }
    if ('error' in outcome) {
      counts.unreadable += 1;
      exit = EXIT_UNREADABLE;
    } else {
      counts.errors += outcome.report.findings.filter((f) => f.severity === 'error').length;
      counts.warnings += outcome.report.findings.filter((f) => f.severity === 'warning').length;
      if (hasErrors(outcome.report.findings)) {
        counts.failed += 1;
        if (exit === EXIT_OK) exit = EXIT_ERRORS;
      }
    }
    if (args.json) outcomes.push(outcome);
    else io.stdout(`${'error' in outcome ? renderUnreadable(file, outcome.error, args.lang) : renderReport(file, outcome.report, args.lang, args.all)}\n\n`);
  }
  if (showProgress && io.interactive) io.stderr('\n');
  if (args.json) io.stdout(`${JSON.stringify({ files: outcomes.map((o) => jsonFor(o, args.lang)) }, null, 2)}\n`);
  else io.stdout(`${renderSummary(counts, args.lang)}\n`);
  return exit;
}
