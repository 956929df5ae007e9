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
import { parseCell, parseWritten, smallWholeNumber, type ParsedValue } from '../values/parse';
import { findCulprits } from './culprit';
import type { Finding } from './findings';
import { planOf, type Plan, type PlannedTerm } from './plan';
import { integerSum, signedSum, signOfSum } from './sum';

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

/**
 * Parsed values of one report, by cell id, in the format's cell order: a view of the values by
 * position, so that a report's parsing builds no map of its own (two hundred inserts a report).
 */
export class ParsedCells implements ReadonlyMap<string, ParsedValue> {
  constructor(
    private readonly plan: Plan,
    /** By position in the plan (`Plan.cells`); undefined where the cell was not found. */
    readonly byPosition: readonly (ParsedValue | undefined)[],
  ) {}

  get(id: string): ParsedValue | undefined {
    const k = this.plan.positions.get(id);
    return k === undefined ? undefined : this.byPosition[k];
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  get size(): number {
    let n = 0;
    for (const p of this.byPosition) if (p !== undefined) n++;
    return n;
  }

  *entries(): MapIterator<[string, ParsedValue]> {
    const { cells } = this.plan;
    for (let k = 0; k < cells.length; k++) {
      const p = this.byPosition[k];
      if (p !== undefined) yield [cells[k].id, p];
    }
  }

  *keys(): MapIterator<string> {
    for (const [id] of this.entries()) yield id;
  }

  *values(): MapIterator<ParsedValue> {
    for (const [, p] of this.entries()) yield p;
  }

  [Symbol.iterator](): MapIterator<[string, ParsedValue]> {
    return this.entries();
  }

  forEach(callback: (value: ParsedValue, id: string, map: ReadonlyMap<string, ParsedValue>) => void, thisArg?: unknown): void {
    for (const [id, p] of this.entries()) callback.call(thisArg, p, id, this);
  }
}

/** A report's parsed cells, with what the rules read of them by position in the plan. */
export interface ParsedReport {
  format: FormatDef;
  parsed: ParsedCells;
  /** The value of each cell as a safe integer (Decimal.safeInteger), NaN where it is none. */
  integers: readonly number[];
  /** True where the cell holds a plainly written small whole number (`smallWholeNumber`): no issues. */
  plain: readonly boolean[];
}

const parsedReports = new WeakMap<object, ParsedReport>();

/** Parses every value cell of a report (memoised per cells object, which is not to be mutated). */
export function parseReport(report: ReportInput): ParsedCells {
  return parsedReport(report).parsed;
}

function parsedReport(report: ReportInput): ParsedReport {
  const seen = parsedReports.get(report.cells);
  if (seen && seen.format === report.format) return seen;
  const entry = parsePlanned(report);
  parsedReports.set(report.cells, entry);
  return entry;
}

/** Every value cell of a report parsed, by its position in the format's plan. */
function parsePlanned(report: ReportInput): ParsedReport {
  const plan = planOf(report.format);
  const { cells } = plan;
  // Plain arrays: typed arrays of this size get a backing store outside the heap, slow to make.
  const byPosition = new Array<ParsedValue | undefined>(cells.length).fill(undefined);
  const integers = new Array<number>(cells.length).fill(Number.NaN);
  const plain = new Array<boolean>(cells.length).fill(false);
  for (let k = 0; k < cells.length; k++) {
    const { id, kind } = cells[k];
    const raw = report.cells[id];
    // The own-property test is only needed for a cell set to undefined (ids name no inherited property).
    if (raw === undefined && !Object.prototype.hasOwnProperty.call(report.cells, id)) continue;
    const written = typeof raw === 'number' || typeof raw === 'string';
    const n = written ? smallWholeNumber(raw) : undefined;
    const p = written ? parseWritten(raw, kind, n) : parseCell(raw, kind);
    byPosition[k] = p;
    // Most cells hold a plain whole number, which is its own integer: its shared reading (cold
    // in the cache after a workbook is read) is not looked into.
    if (n !== undefined) {
      integers[k] = n;
      plain[k] = true;
    } else {
      integers[k] = p.value?.safeInteger ?? Number.NaN;
    }
  }
  return { format: report.format, parsed: new ParsedCells(plan, byPosition), integers, plain };
}

/** Whether last year's report can supply `cell` for a cross-year rule of `format`. */
export function comparable(format: FormatDef, last: FormatDef, cell: string): boolean {
  if (last.id === format.id) return true;
  const table = cell.split('.')[0];
  return (format.comparableWith ?? []).some((c) => c.format === last.id && c.tables.some((t) => t === table));
}

export function validate(report: ReportInput, options: ValidateOptions = {}): Finding[] {
  return findingsOf(report, parsedReport(report), options);
}

/**
 * Parses and validates a report that is checked once (the CLI's files): the same as
 * `parseReport` and `validate`, without remembering the parse for later calls.
 */
export function parseAndValidate(report: ReportInput, options: ValidateOptions = {}): { parsed: ParsedCells; findings: Finding[] } {
  const parsedThisYear = parsePlanned(report);
  return { parsed: parsedThisYear.parsed, findings: findingsOf(report, parsedThisYear, options) };
}

function findingsOf(report: ReportInput, parsedThisYear: ParsedReport, options: ValidateOptions): Finding[] {
  const { format } = report;
  const findings: Finding[] = [];
  const { parsed: thisYear, integers } = parsedThisYear;
  const cells = thisYear.byPosition;
  const last = options.lastYear;
  const lastYear = last ? parseReport(last) : undefined;
  const plan = planOf(format);

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
  const valueOf = (t: PlannedTerm): Decimal | null | undefined => (t.year === 'this' ? cells[t.index] : lastYear?.get(t.cell))?.value;
  // For relations whose every term is known to be readable.
  const readable = valueOf as (t: PlannedTerm) => Decimal;
  const integerAt = (t: PlannedTerm): number => integers[t.index];
  // By relation position: whether it holds, undefined where it was not evaluated.
  const holds = new Array<boolean | undefined>(plan.relations.length);
  for (const { relation, position, terms } of plan.relations) {
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
    const parsed = thisYear.get(m.cell);
    if (parsed?.value === null) block(m.cell, `${m.code}:${m.cell}`);
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

  const culprits = findCulprits(plan, holds, parsedThisYear);
  for (const { relation, position, lhs, rhs, terms } of plan.relations) {
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

  const { plain } = parsedThisYear;
  plan.cells.forEach(({ id }, k) => {
    const parsed = cells[k];
    if (plain[k] || !parsed) return;
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
  });
  return findings;
}
