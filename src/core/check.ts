/**
 * Checking a report from what a reader produced: recognise the tables (or take the cell map of a
 * JSON file), detect format and year, run every rule, add whole-report checks. Used by the CLI
 * and, through the same functions, by the add-in.
 */
import { detectYear, findSections, isWholeReport, missingSections } from './document';
import type { Finding } from './engine/findings';
import { validate, type ParsedCells, type ReportInput } from './engine/validate';
import { cellsOf, formatForYear, getFormat, missingCells, DEFAULT_FORMAT_ID } from './formats/registry';
import type { FormatDef, TableId } from './formats/types';
import type { RawValue, ReadResult } from './import/grid';
import { recognise } from './import/recognise';
import { checkNarrative } from './narrative/check';
import { sameAsLastYear } from './narrative/similarity';
import { severityOf } from './rules/codes';

export interface CheckOptions {
  /** A format id to use instead of detecting it. */
  format?: string;
  year?: number;
  /** Last year's report, already read, for the cross-year rules. */
  lastYear?: ReadResult;
  /**
   * Instead of `lastYear`: last year's report chosen once this one's tables and year are read (a
   * report pasted into a sheet says its year only in its own text). Undefined: no cross-year rules.
   */
  lastYearFor?: (report: Extracted) => ReadResult | undefined;
  /** Narrative text to check against the tables (default: the document's own running text). */
  narrative?: readonly string[];
}

export interface CheckedReport {
  format: FormatDef;
  formatDetected: boolean;
  year?: number;
  tables: Record<TableId, boolean>;
  /** Raw cell contents found, by cell id. */
  raw: Record<string, RawValue>;
  /** The found cells as parsed (what the rules, the narrative and the exports read). */
  parsed: ParsedCells;
  /** The number each found cell holds, or null where it holds none (blank, `/`, text). */
  values: Record<string, number | null>;
  /** Where each cell was read from (`Sheet1!D12`, `表格2 第5行`), by cell id. */
  sources: Record<string, string>;
  /** Last year's cells as parsed, when last year's report was given. */
  lastYear?: ParsedCells;
  findings: Finding[];
}

/** The tables of a report read into cells, before the rules run. */
export interface Extracted extends Omit<CheckedReport, 'parsed' | 'values' | 'lastYear' | 'findings'> {
  importFindings: Finding[];
}

export class UnknownFormatError extends Error {}

/** Reads the tables of a report into cells, without running the rules. */
export function extract(read: ReadResult, options: { format?: string; year?: number } = {}): Extracted {
  const requested = options.format ? getFormat(options.format) : undefined;
  if (options.format && !requested) throw new UnknownFormatError(options.format);
  const year = options.year ?? read.meta?.year ?? detectYear(read.text ?? gridLines(read));

  if (read.cells) {
    const format = requested ?? (read.meta?.format ? getFormat(read.meta.format) : undefined) ?? (year ? formatForYear(year) : undefined) ?? (getFormat(DEFAULT_FORMAT_ID) as FormatDef);
    const known = cellsOf(format);
    const raw = Object.fromEntries(Object.entries(read.cells).filter(([id]) => known.has(id)));
    const tables = { t2: false, t3: false, t4: false };
    for (const id of Object.keys(raw)) tables[id.split('.')[0] as TableId] = true;
    return { format, formatDetected: Boolean(requested ?? read.meta?.format), year, tables, raw, sources: {}, importFindings: missingFromCellMap(format, raw, tables) };
  }

  const recognition = recognise(read.grids, { format: requested, year });
  const importFindings = [...recognition.findings];
  const sections = read.text ? findSections(read.text) : [];
  if (isWholeReport(sections)) {
    const missing = missingSections(sections);
    for (const section of missing) {
      importFindings.push({ code: 'doc.missingSection', severity: severityOf('doc.missingSection'), cells: [], expected: section.heading, actual: null, difference: null, params: { section: section.heading } });
    }
    // A heading with no table under it is the report's fault, not the reader's.
    for (const f of importFindings) {
      if (f.code === 'import.tableNotFound' && !missing.some((s) => s.table === f.params?.table)) {
        Object.assign(f, { code: 'doc.missingTable', severity: severityOf('doc.missingTable') });
      }
    }
  }
  return {
    format: recognition.format,
    formatDetected: recognition.formatDetected,
    year,
    tables: recognition.tables,
    raw: recognition.raw,
    sources: recognition.sources,
    importFindings,
  };
}

/** A workbook has no running text; its rows' text cells, tab-separated as copied from a sheet, carry the title and year instead. */
function gridLines(read: ReadResult): string[] {
  const lines: string[] = [];
  for (const grid of read.grids) {
    for (const row of grid.rows) {
      const texts: string[] = [];
      for (const { value } of row.cells) if (typeof value === 'string' && value !== '') texts.push(value);
      lines.push(texts.join('\t'));
    }
  }
  return lines;
}

/** A cell map with part of a table (a deleted row in a sheet, an incomplete JSON file): import.partialTable. */
function missingFromCellMap(format: FormatDef, raw: Record<string, RawValue>, tables: Record<TableId, boolean>): Finding[] {
  return missingCells(format, (id) => id in raw)
    .filter(({ block }) => tables[block.table])
    .map(({ block, rows, cells }) => ({ code: 'import.partialTable', severity: severityOf('import.partialTable'), cells, expected: null, actual: null, difference: null, params: { table: block.table, block: block.prefix, missingRows: rows } }));
}

export function checkReport(read: ReadResult, options: CheckOptions = {}): CheckedReport {
  const extracted = extract(read, options);
  const report: ReportInput = { format: extracted.format, year: extracted.year, raw: extracted.raw };
  const lastYearRead = options.lastYear ?? options.lastYearFor?.(extracted);
  let lastYear: ReportInput | undefined;
  if (lastYearRead) {
    const last = extract(lastYearRead, { year: extracted.year !== undefined ? extracted.year - 1 : undefined });
    lastYear = { format: last.format, year: last.year, raw: last.raw };
  }
  const validation = validate(report, { lastYear });
  // Text that restates the figures is checked against them (whole reports carry running text).
  const narrative = options.narrative ?? read.text;
  const narrativeFindings = narrative ? checkNarrative(narrative, extracted.format, validation.parsed) : [];
  // 内容雷同: both years' whole texts are needed.
  if (read.text && lastYearRead?.text) narrativeFindings.push(...sameAsLastYear(read.text, lastYearRead.text));
  return {
    format: extracted.format,
    formatDetected: extracted.formatDetected,
    year: extracted.year,
    tables: extracted.tables,
    raw: extracted.raw,
    parsed: validation.parsed,
    values: numbersOf(validation.parsed),
    sources: extracted.sources,
    lastYear: validation.lastYear,
    findings: [...extracted.importFindings, ...validation.findings, ...narrativeFindings],
  };
}

/** The number each cell holds, or null where it holds none (blank, `/`, text). */
function numbersOf(parsed: ParsedCells): Record<string, number | null> {
  const values: Record<string, number | null> = {};
  for (const [id, p] of parsed) {
    const written = p.value !== null && !p.issues.some((i) => i.code === 'cell.blank' || i.code === 'cell.placeholder');
    values[id] = written && p.value ? p.value.toNumber() : null;
  }
  return values;
}

/** True when none of the three tables was read. Tables that are there but ambiguous (two copies) are findings, not "none found". */
export function foundNoTables(report: Pick<CheckedReport, 'tables' | 'findings'>): boolean {
  return !report.tables.t2 && !report.tables.t3 && !report.tables.t4 && !report.findings.some((f) => f.code === 'import.ambiguous');
}

/** True when any finding is an error. */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
