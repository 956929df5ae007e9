/**
 * The validation engine: parses every value cell, evaluates every relation of the format with
 * exact arithmetic, and returns findings. Unreadable cells block the relations that need them
 * (one finding for the cell, none for the rules), so one typo does not light up a column.
 */
import { formatForYear } from '../formats/registry';
import type { FormatDef } from '../formats/types';
import type { RawValue } from '../import/grid';
import { rulesOf } from '../rules/expand';
import { severityOf } from '../rules/codes';
import { Decimal } from '../values/decimal';
import { parseCell, type ParsedValue } from '../values/parse';
import { findCulprits } from './culprit';
import type { Finding } from './findings';
import { compiledOf, type CompiledTerm } from './compiled';
import { integerSum, signedSum, signOfSum } from './sum';

export interface ReportInput {
  format: FormatDef;
  /** The report year, when known (enables `format.yearMismatch`). */
  year?: number;
  /** Raw contents of the value cells that were found, by cell id. Absent ids are "not found". */
  raw: Readonly<Record<string, RawValue>>;
}

export interface ValidateOptions {
  /** Last year's report, for the cross-year rules. */
  lastYear?: ReportInput;
}

/** A report's parsed value cells, by cell id in the format's cell order; absent where not found. */
export type ParsedCells = ReadonlyMap<string, ParsedValue>;

/** What validating a report gives: its cells as parsed, and every finding. */
export interface Validation {
  parsed: ParsedCells;
  /** Last year's cells as parsed, when last year's report was given. */
  lastYear?: ParsedCells;
  findings: Finding[];
}

/** Parses every value cell found in a report. */
export function parseReport(report: ReportInput): ParsedCells {
  const parsed = new Map<string, ParsedValue>();
  for (const { id, kind } of compiledOf(report.format).cells) {
    const raw = report.raw[id];
    // A cell set to undefined was found all the same (cell ids name no inherited property).
    if (raw !== undefined || Object.hasOwn(report.raw, id)) parsed.set(id, parseCell(raw, kind));
  }
  return parsed;
}

/** Whether last year's report can supply `cell` for a cross-year rule of `format`. */
export function comparable(format: FormatDef, last: FormatDef, cell: string): boolean {
  if (last.id === format.id) return true;
  const table = cell.split('.')[0];
  return (format.comparableWith ?? []).some((c) => c.format === last.id && c.tables.some((t) => t === table));
}

/** Parses a report and runs every rule of its format (and the cross-year rules, given last year's report). */
export function validate(report: ReportInput, options: ValidateOptions = {}): Validation {
  const { format } = report;
  const compiled = compiledOf(format);
  const parsed = parseReport(report);
  const last = options.lastYear;
  const lastYear = last ? parseReport(last) : undefined;
  const findings: Finding[] = [];
  // The rules read values by position in the compiled.
  const cells = compiled.cells.map(({ id }) => parsed.get(id));
  const integers = cells.map((p) => p?.value?.safeInteger ?? Number.NaN);

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
  const block = (cell: string, key: string): void => {
    const keys = blockedBy.get(cell);
    if (keys) keys.push(key);
    else blockedBy.set(cell, [key]);
  };
  // undefined: not found; null: unreadable.
  const valueOf = (t: CompiledTerm): Decimal | null | undefined => (t.year === 'this' ? cells[t.index] : lastYear?.get(t.cell))?.value;
  // For relations whose every term is known to be readable.
  const readable = valueOf as (t: CompiledTerm) => Decimal;
  const integerAt = (t: CompiledTerm): number => integers[t.index];
  // By relation position: whether it holds, undefined where it was not evaluated.
  const holds = new Array<boolean | undefined>(compiled.relations.length);
  for (const { relation, position, terms } of compiled.relations) {
    // lhs − rhs, or only its sign. The common case is this year's cells all holding safe integers.
    let difference = relation.crossYear ? undefined : integerSum(terms, integerAt);
    if (difference === undefined) {
      if (relation.crossYear && (!last || !lastYear || terms.some((t) => t.year === 'last' && !comparable(format, last.format, t.cell)))) continue;
      // A cell the importer did not find was already reported as a partial table.
      if (terms.some((t) => valueOf(t) === undefined)) continue;
      if (terms.some((t) => valueOf(t) === null)) {
        for (const t of terms) if (t.year === 'this' && cells[t.index]?.value === null) block(t.cell, relation.key);
        continue;
      }
      difference = signOfSum(terms, readable);
    }
    holds[position] = relation.op === 'eq' ? difference === 0 : difference <= 0;
  }

  for (const m of rulesOf(format).magnitudes) {
    const value = parsed.get(m.cell)?.value;
    if (value === null) block(m.cell, `${m.code}:${m.cell}`);
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

  const culprits = findCulprits(compiled, holds, cells, integers);
  for (const { relation, position, lhs, rhs, terms } of compiled.relations) {
    if (holds[position] !== false) continue;
    const actual = signedSum(lhs, readable);
    const expected = signedSum(rhs, readable);
    const finding: Finding = {
      code: relation.code,
      severity: relation.severity,
      cells: terms.filter((t) => t.year === 'this').map((t) => t.cell),
      expected: expected.toNumber(),
      actual: actual.toNumber(),
      difference: actual.sub(expected).toNumber(),
      where: relation.where,
    };
    if (relation.crossYear) finding.params = { lastYearCells: relation.rhs.filter((t) => t.year === 'last').map((t) => t.cell) };
    const culprit = culprits.get(relation.key);
    if (culprit) finding.likelyCulprit = culprit;
    findings.push(finding);
  }

  for (const [id, cell] of parsed) {
    for (const issue of cell.issues) {
      const params: Record<string, unknown> = {};
      if (cell.value !== null) params.value = cell.value.toNumber();
      if (issue.unit) params.unit = issue.unit;
      if (issue.code === 'cell.notNumber') params.blocks = blockedBy.get(id) ?? [];
      findings.push({
        code: issue.code,
        severity: severityOf(issue.code),
        cells: [id],
        expected: null,
        actual: cell.raw,
        difference: null,
        params,
      });
    }
  }
  return { parsed, lastYear, findings };
}
