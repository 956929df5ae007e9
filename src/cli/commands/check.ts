/** `nianbao check`: reads each file, checks it, prints, and decides the exit code. */
import { hasErrors } from '../../core/check';
import { findingJson } from '../../core/messages';
import type { CheckArgs } from '../args';
import { EXIT_ERRORS, EXIT_OK, EXIT_UNREADABLE, type Io } from '../io';
import { isUnreadable, loadReport, readLastYear, type Loaded, type Unreadable } from '../load';
import { renderReport, renderSummary, renderUnreadable } from '../render';

function jsonFor(outcome: Loaded | Unreadable, lang: CheckArgs['lang']): unknown {
  if (isUnreadable(outcome)) return { file: outcome.file, error: outcome.error };
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

export async function runCheck(args: CheckArgs, io: Io): Promise<number> {
  const lastYear = args.lastYear ? await readLastYear(args.lastYear, args.lang) : undefined;
  if (lastYear && isUnreadable(lastYear)) {
    io.stderr(`nianbao: ${lastYear.error}\n`);
    return EXIT_UNREADABLE;
  }

  const outcomes: (Loaded | Unreadable)[] = [];
  let exit = EXIT_OK;
  const counts = { files: args.files.length, failed: 0, unreadable: 0, errors: 0, warnings: 0 };
  const progressEvery = io.interactive ? 1 : Math.max(1, Math.ceil(args.files.length / 10));
  // On a terminal the per-file text is its own progress; a redrawn counter would garble it.
  const showProgress = args.files.length > 1 && (args.json || !io.interactive);
  for (const [k, file] of args.files.entries()) {
    if (showProgress && ((k + 1) % progressEvery === 0 || k + 1 === args.files.length)) {
      io.stderr(io.interactive ? `\r检查进度 ${k + 1}/${args.files.length}` : `检查进度 ${k + 1}/${args.files.length}\n`);
    }
    const outcome = await loadReport(file, { format: args.format, year: args.year, lastYear, lang: args.lang });
    if (isUnreadable(outcome)) {
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
    else io.stdout(`${isUnreadable(outcome) ? renderUnreadable(file, outcome.error, args.lang) : renderReport(file, outcome.report, args.lang, args.all)}\n\n`);
  }
  if (showProgress && io.interactive) io.stderr('\n');
  if (args.json) io.stdout(`${JSON.stringify({ files: outcomes.map((o) => jsonFor(o, args.lang)) }, null, 2)}\n`);
  else io.stdout(`${renderSummary(counts, args.lang)}\n`);
  return exit;
}
