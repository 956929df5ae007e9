/**
 * What the template's formula cells show for given input values, saved in the file beside each
 * formula: `nianbao check` never calculates, and a program that opens the file without
 * recalculating would otherwise show blank totals. Computed exactly, as Excel would: `SUM` of a
 * reference and `N()` both count text and empty cells as 0.
 */
import type { RawValue } from '../import/grid';
import { Decimal } from '../values/decimal';
import type { Term } from '../formats/types';
import type { TemplatePlan } from './plan';

/** `row:col` of each formula cell → its value; cells whose inputs hold anything but numbers, text or nothing are left out. */
export function formulaResults(plan: TemplatePlan, values: Readonly<Record<string, RawValue>>): Map<string, number> {
  const sums = new Map(plan.cells.filter((c) => c.id && c.sum).map((c) => [c.id as string, c.sum as readonly string[]]));
  const known = new Map<string, Decimal | undefined>();
  // undefined: a value Excel would treat otherwise (an error, a date, TRUE): left to the spreadsheet.
  const valueOf = (id: string): Decimal | undefined => {
    if (known.has(id)) return known.get(id);
    const parts = sums.get(id);
    let value: Decimal | undefined;
    if (parts) value = total(parts.map(valueOf));
    else {
      const raw = Object.prototype.hasOwnProperty.call(values, id) ? values[id] : null;
      value = typeof raw === 'number' ? Decimal.fromNumber(raw) : raw === null || typeof raw === 'string' ? Decimal.ZERO : undefined;
    }
    known.set(id, value);
    return value;
  };
  const side = (terms: readonly Term[]): Decimal | undefined => total(terms.map((t) => valueOf(t.cell)?.times(t.sign)));

  const results = new Map<string, number>();
  for (const cell of plan.cells) {
    const value = cell.id && cell.sum ? valueOf(cell.id) : undefined;
    if (value) results.set(`${cell.row}:${cell.col}`, value.toNumber());
  }
  for (const check of plan.checks) {
    const lhs = side(check.relation.lhs);
    const rhs = side(check.relation.rhs);
    if (!lhs || !rhs) continue;
    const difference = lhs.sub(rhs);
    results.set(`${check.row}:${check.col}`, check.relation.op === 'le' && difference.isNegative() ? 0 : difference.toNumber());
  }
  return results;
}

function total(values: readonly (Decimal | undefined)[]): Decimal | undefined {
  return values.every((v): v is Decimal => v !== undefined) ? Decimal.sum(values) : undefined;
}
