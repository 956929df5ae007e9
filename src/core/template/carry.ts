/**
 * Starting this year's tables from last year's report: the cells that follow from last year's
 * figures alone, by the format's own cross-year rules — a rule whose left side is one of this
 * year's cells and whose right side is last year's only (二、上年结转 = last year's
 * 四、结转下年度继续办理, `t3.carryOver`; in format 2019 上一年项目数量 = last year's 上一年项目数量 +
 * 本年增/减, `t2.itemsRollForward`). Across the 2020→2021 boundary only the tables the format
 * declares comparable carry over. Whatever cannot be carried is said, never guessed or zeroed.
 */
import { comparable, parseReport, type ReportInput } from '../engine/validate';
import type { FormatDef, TableId } from '../formats/types';
import { rulesOf } from '../rules/expand';
import type { RuleCode } from '../rules/codes';
import { Decimal } from '../values/decimal';

export interface CarriedCell {
  /** This year's cell. */
  cell: string;
  value: number;
  /** The rule that carries it. */
  code: RuleCode;
  /** Last year's cells it comes from. */
  from: readonly string[];
}

export interface UncarriedCell {
  cell: string;
  code: RuleCode;
  from: readonly string[];
  /**
   * `notFound`: last year's report lacks a cell it needs; `blank`: that cell is empty;
   * `notNumber`: it holds no number (`/`, text, a negative count…); `negative`: the figures give
   * a count below zero.
   */
  reason: 'notFound' | 'blank' | 'notNumber' | 'negative';
}

export interface CarryOver {
  /** Cell id → value to fill in. */
  values: Record<string, number>;
  carried: CarriedCell[];
  notCarried: UncarriedCell[];
  /** Last year's tables that do not map onto this format (t2 across 2020→2021): nothing of them carried. */
  incomparableTables: TableId[];
}

/**
 * What of this year's cells follows from `lastYear`. Cells in `computed` (the template's total
 * formulas) are skipped: the spreadsheet works them out from the cells carried.
 */
export function carryOver(format: FormatDef, lastYear: ReportInput, computed: ReadonlySet<string> = new Set()): CarryOver {
  const parsed = parseReport(lastYear);
  const result: CarryOver = { values: {}, carried: [], notCarried: [], incomparableTables: [] };
  // The format declares which tables of another format map onto its own.
  if (lastYear.format.id !== format.id) {
    const tables: TableId[] = ['t2', 't3', 't4'];
    result.incomparableTables = tables.filter((table) => !comparable(format, lastYear.format, `${table}.`));
  }
  for (const r of rulesOf(format).relations) {
    const fromLastYearOnly = r.crossYear && r.op === 'eq' && r.lhs.length === 1 && r.lhs[0].year === 'this' && r.rhs.every((t) => t.year === 'last');
    const cell = r.lhs[0].cell;
    if (!fromLastYearOnly || computed.has(cell)) continue;
    const from = r.rhs.map((t) => t.cell);
    if (r.rhs.some((t) => !comparable(format, lastYear.format, t.cell))) continue;
    const terms: Decimal[] = [];
    let reason: UncarriedCell['reason'] | undefined;
    for (const t of r.rhs) {
      const p = parsed.get(t.cell);
      if (!p) reason ??= 'notFound';
      else if (p.issues.some((i) => i.code === 'cell.blank')) reason ??= 'blank';
      // Only a plainly readable figure is carried; a unit typed in (`12件`) still is.
      else if (!p.value || p.issues.some((i) => i.code !== 'cell.unitInCell')) reason ??= 'notNumber';
      else terms.push(p.value.times(t.sign));
    }
    if (reason) {
      result.notCarried.push({ cell, code: r.code, from, reason });
      continue;
    }
    const sum = Decimal.sum(terms);
    if (sum.isNegative()) {
      result.notCarried.push({ cell, code: r.code, from, reason: 'negative' });
      continue;
    }
    const value = sum.toNumber();
    result.values[cell] = value;
    result.carried.push({ cell, value, code: r.code, from });
  }
  return result;
}
