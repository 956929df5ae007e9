/**
 * `nianbao export`: reads one report, checks it, writes it in the chosen format. Refused while
 * errors remain unless a reason is given (exit 1); the input file is never written.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { CheckedReport } from '../../core/check';
import type { RawValue } from '../../core/import/grid';
import { exportReport, ExportRefusedError } from '../../core/export';
import { bodyOf } from '../../core/narrative/body';
import { generateNarrative, NarrativeRefusedError } from '../../core/narrative/generate';
import type { ExportArgs } from '../args';
import { EXIT_ERRORS, EXIT_OK, EXIT_UNREADABLE, type Io } from '../io';
import { isUnreadable, loadReport, readLastYear } from '../load';
import { DEFAULT_BODY } from './narrate';

const TEXT_FORMATS = new Set(['html', 'csv', 'json']);

/** Where a binary export goes without -o: beside nothing the user owns, in the current folder. */
export function defaultOutput(file: string, extension: string): string {
  return `${path.basename(file, path.extname(file))}.nianbao.${extension}`;
}

/**
 * The cells to export: a figure read as text from a page or PDF (full-width digits, full-width padding) goes out as
 * the number it is; anything the checks flagged (units, `/`, text) goes out exactly as written.
 */
function asWritten(report: CheckedReport): Record<string, RawValue> {
  const cells: Record<string, RawValue> = {};
  for (const [id, raw] of Object.entries(report.raw)) {
    const p = report.parsed.get(id);
    cells[id] = typeof raw === 'string' && p?.value && p.issues.length === 0 ? p.value.toNumber() : raw;
  }
  return cells;
}

export async function runExport(args: ExportArgs, io: Io): Promise<number> {
  const fail = (message: string, code = EXIT_UNREADABLE): number => {
    io.stderr(`nianbao: ${message}\n`);
    return code;
  };
  const lastYear = args.lastYear ? await readLastYear(args.lastYear, args.lang) : undefined;
  if (lastYear && isUnreadable(lastYear)) return fail(lastYear.error);
  const loaded = await loadReport(args.file, { format: args.format, year: args.year, lastYear, lang: args.lang });
  if (isUnreadable(loaded)) return fail(loaded.error);
  const { source, report } = loaded;

  const body = args.body ?? bodyOf(source) ?? DEFAULT_BODY;
  // The figure-bearing paragraphs go in when the tables allow them; otherwise the sections stay for the user.
  let narrative;
  if (report.year !== undefined) {
    try {
      narrative = generateNarrative({ format: report.format, year: report.year, body, values: report.parsed, options: { findings: report.findings } }).sections;
    } catch (err) {
      if (!(err instanceof NarrativeRefusedError)) throw err;
    }
  }

  let result;
  try {
    result = await exportReport(
      { format: report.format, year: report.year, body, raw: asWritten(report), findings: report.findings, narrative, checked: { lastYear: Boolean(lastYear), narrative: Boolean(source.text), document: Boolean(source.text) } },
      args.to,
      { reason: args.reason, acceptWarnings: args.acceptWarnings },
    );
  } catch (err) {
    if (err instanceof ExportRefusedError) return fail(`${err.message}\n用 nianbao check 查看全部问题；确需导出的，用 --reason 写明理由。`, EXIT_ERRORS);
    throw err;
  }

  const out = args.out ?? (TEXT_FORMATS.has(args.to) ? undefined : defaultOutput(args.file, result.extension));
  if (out === undefined) {
    io.stdout(typeof result.bytes === 'string' ? result.bytes : Buffer.from(result.bytes).toString('utf8'));
    return EXIT_OK;
  }
  if (path.resolve(out) === path.resolve(args.file)) return fail(`不会覆盖输入文件，请用 -o 指定另一个文件名：${out}`);
  try {
    fs.writeFileSync(out, typeof result.bytes === 'string' ? result.bytes : Buffer.from(result.bytes));
  } catch (err) {
    return fail(`无法写入 ${out}：${err instanceof Error ? err.message : String(err)}`);
  }
  io.stderr(`已导出：${out}\n`);
  return EXIT_OK;
}
