/**
 * Finding the statutory tables in grids of cell texts — a worksheet's used range, a web
 * page's tables, text copied from Word or a PDF — by their labels, detecting the format
 * version, and mapping every value cell to its spec id. What cannot be read unambiguously is
 * reported (`import.*` findings), never guessed.
 *
 * rows.ts classifies the cells and indexes rows by label; blocks.ts reads one block; tables.ts
 * finds the tables and reads them as one format prints them; format.ts tells the formats apart.
 */
import type { Finding } from '../../engine/findings';
import { blockOf, formatForYear, formats, getFormat, rowCells, DEFAULT_FORMAT_ID } from '../../formats/registry';
import type { FormatDef, TableId } from '../../formats/types';
import { severityOf } from '../../rules/codes';
import type { Grid, RawValue } from '../grid';
import { detectFormat } from './format';
import type { Problem, Reading } from './reading';
import { indexRows } from './rows';
import { readTables } from './tables';

export interface Recognition {
  format: FormatDef;
  /** False when the tables did not tell the formats apart (then the year or the default decided). */
  formatDetected: boolean;
  tables: Record<TableId, boolean>;
  /** Raw content of every value cell found, by cell id. */
  raw: Record<string, RawValue>;
  /** Where each cell was read from (`Sheet1!D12`, `表格2 第5行`, `第130行`), by cell id. */
  sources: Record<string, string>;
  /** `import.*` findings. */
  findings: Finding[];
}

export interface RecogniseOptions {
  /** Use this format instead of detecting it. */
  format?: FormatDef;
  /** The report year, used only to break a tie between formats. */
  year?: number;
}

/** A problem as a finding: the cells of the rows it concerns named. */
function toFinding(p: Problem, format: FormatDef): Finding {
  const block = typeof p.params.block === 'string' ? blockOf(format, p.params.block) : undefined;
  const rowIds = (p.params.missingRows ?? (p.params.row ? [p.params.row] : p.params.rows)) as string[] | undefined;
  const cells = block && rowIds ? rowCells(block, rowIds) : [];
  return { code: p.code, severity: severityOf(p.code), cells, expected: null, actual: null, difference: null, params: { table: p.table, ...p.params } };
}

export function recognise(grids: readonly Grid[], options: RecogniseOptions = {}): Recognition {
  const index = indexRows(grids);
  // Decide the format from the labels only one format prints, then read the tables once.
  let detected = options.format ? undefined : detectFormat(index.rows);
  const preferred = options.format ?? detected ?? (options.year !== undefined ? formatForYear(options.year) : undefined) ?? (getFormat(DEFAULT_FORMAT_ID) as FormatDef);
  let reading = readTables(index, preferred);
  if (!options.format && !detected) {
    // No format-only label (e.g. t3 alone): the format whose rows read without problems wins.
    const others = formats.filter((f) => f !== preferred).map((f) => readTables(index, f));
    const faults = (r: Reading): number => r.problems.filter((p) => p.code !== 'import.reconstructed').length;
    const better = others.filter((r) => faults(r) < faults(reading)).sort((a, b) => faults(a) - faults(b))[0];
    if (better) {
      reading = better;
      detected = better.format;
    }
  }
  const { format } = reading;
  return {
    format,
    formatDetected: options.format !== undefined || detected !== undefined,
    tables: reading.tables,
    raw: reading.raw,
    sources: reading.sources,
    findings: reading.problems.map((p) => toFinding(p, format)),
  };
}
