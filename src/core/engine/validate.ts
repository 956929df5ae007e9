/**
 * The validation engine: parses every value cell, evaluates every relation of the format with
 * exact arithmetic, and returns findings. Unreadable cells block the relations that need them
 * (one finding for the cell, none for the rules), so one typo does not light up a column.
 */
import { cellsOf, formatForYear } from '../formats/registry';
import type { FormatDef, Term } from '../formats/types';
import type { RawValue } from '../import/grid';
import { rulesOf, type Relation } from '../rules/expand';
import { severityOf } from '../rules/codes';
import { Decimal } from '../values/decimal';
import { parseCell, type ParsedValue } from '../values/parse';
import { findCulprits } from './culprit';
import type { Finding } from './findings';

export interface ReportInput {
  format: FormatDef;
  /** The report year, when known (enables `format.yearMismatch`). */
  year?: number;
  /** Raw contents of the value cells that were found, by cell id. Absent ids are "not found". */
  cells: Readonly<Record<string, RawValue>>;
}

export interface ValidateOptions {
  /** Last year's report, for the cross-year rules. */
  lastYear?: ReportInput;
}

/** Parsed values of one report, by cell id. */
export type ParsedCells = Map<string, ParsedValue>;

const parsedReports = new WeakMap<object, { format: FormatDef; parsed: ParsedCells }>();

/** Parses every value cell of a report (memoised per cells object, which is not to be mutated). */
export function parseReport(report: ReportInput): ParsedCells {
  const seen = parsedReports.get(report.cells);
  if (seen && seen.format === report.format) return seen.parsed;
  const parsed: ParsedCells = new Map();
  for (const [id, def] of cellsOf(report.format)) {
    if (Object.prototype.hasOwnProperty.call(report.cells, id)) parsed.set(id, parseCell(report.cells[id], def.column.kind));
  }
  parsedReports.set(report.cells, { format: report.format, parsed });
  return parsed;
}

/** Whether last year's report can supply `cell` for a cross-year rule of `format`. */
function comparable(format: FormatDef, last: FormatDef, cell: string): boolean {
  if (last.id === format.id) return true;
  const table = cell.split('.')[0];
  return (format.comparableWith ?? []).some((c) => c.format === last.id && c.tables.some((t) => t === table));
}

export interface Evaluation {
  relation: Relation;
  actual: Decimal;
  expected: Decimal;
  holds: boolean;
}

export function evaluate(relation: Relation, value: (t: Term) => Decimal): Evaluation {
  const side = (terms: Term[]): Decimal => Decimal.sum(terms.map((t) => value(t).times(t.sign)));
  const actual = side(relation.lhs);
  const expected = side(relation.rhs);
  const holds = relation.op === 'eq' ? actual.equals(expected) : actual.compare(expected) <= 0;
  return { relation, actual, expected, holds };
}

export function validate(report: ReportInput, options: ValidateOptions = {}): Finding[] {
  const { format } = report;
  const findings: Finding[] = [];
  const thisYear = parseReport(report);
  const last = options.lastYear;
  const lastYear = last ? parseReport(last) : undefined;

  if (report.year !== undefined) {
    const required = formatForYear(report.year);
    if (required && required.id !== format.id) {
      findings.push({
        code: 'format.yearMismatch',
        severity: severityOf('format.yearMismatch'),
        cells: [],
        expected: required.id,
        actual: format.id,
        difference: null,
        params: { year: report.year },
      });
    }
  }

  const blockedBy = new Map<string, string[]>();
  const evaluations: Evaluation[] = [];
  for (const relation of rulesOf(format).relations) {
    const terms = [...relation.lhs, ...relation.rhs];
    if (relation.crossYear && (!last || !lastYear || terms.some((t) => t.year === 'last' && !comparable(format, last.format, t.cell)))) continue;
    const source = (t: Term): ParsedCells => (t.year === 'this' ? thisYear : (lastYear as ParsedCells));
    // A cell the importer did not find was already reported as a partial table.
    if (terms.some((t) => !source(t).has(t.cell))) continue;
    const unreadable = terms.filter((t) => source(t).get(t.cell)?.value === null);
    if (unreadable.length > 0) {
      for (const t of unreadable) if (t.year === 'this') blockedBy.set(t.cell, [...(blockedBy.get(t.cell) ?? []), relation.key]);
      continue;
    }
    evaluations.push(evaluate(relation, (t) => source(t).get(t.cell)?.value as Decimal));
  }

  for (const m of rulesOf(format).magnitudes) {
    const parsed = thisYear.get(m.cell);
    if (parsed?.value === null) blockedBy.set(m.cell, [...(blockedBy.get(m.cell) ?? []), `${m.code}:${m.cell}`]);
    const value = parsed?.value;
    if (!value) continue;
    const previous = last && last.format.id === format.id ? lastYear?.get(m.cell)?.value : undefined;
    // "Looks like 元": a thousandfold jump on last year, or an implausible absolute figure without one.
    const threshold = previous && !previous.isZero() ? previous : undefined;
    const limit = threshold ? threshold.multiply(m.ratio) : Decimal.fromInt(m.absolute);
    if (value.compare(limit) >= 0) {
      findings.push({
        code: m.code,
        severity: m.severity,
        cells: [m.cell],
        expected: limit.toNumber(),
        actual: value.toNumber(),
        difference: null,
        params: { lastYear: threshold ? threshold.toNumber() : null, ratio: m.ratio, absolute: m.absolute },
      });
    }
  }

  const culprits = findCulprits(evaluations, thisYear, format);
  for (const e of evaluations) {
    if (e.holds) continue;
    const { relation } = e;
    const finding: Finding = {
      code: relation.code,
      severity: relation.severity,
      cells: [...relation.lhs, ...relation.rhs].filter((t) => t.year === 'this').map((t) => t.cell),
      expected: e.expected.toNumber(),
      actual: e.actual.toNumber(),
      difference: e.actual.sub(e.expected).toNumber(),
      where: relation.where,
    };
    if (relation.crossYear) finding.params = { lastYearCells: relation.rhs.filter((t) => t.year === 'last').map((t) => t.cell) };
    const culprit = culprits.get(relation.key);
    if (culprit) finding.likelyCulprit = culprit;
    findings.push(finding);
  }

  for (const [id, parsed] of thisYear) {
    for (const issue of parsed.issues) {
      const params: Record<string, unknown> = {};
      if (parsed.value !== null) params.value = parsed.value.toNumber();
      if (issue.unit) params.unit = issue.unit;
      if (issue.code === 'cell.notNumber') params.blocks = blockedBy.get(id) ?? [];
      findings.push({
        code: issue.code,
        severity: severityOf(issue.code),
        cells: [id],
        expected: null,
        actual: parsed.raw,
        difference: null,
        params,
      });
    }
  }
  return findings;
}
