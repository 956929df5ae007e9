/**
 * Locating the likely wrong cell. t3 has row totals and column totals like a parity check:
 * a single mistyped cell makes the relations through it fail by the same amount. For every
 * typed cell in a failing relation we try the value that would make that relation hold and
 * count which failing relations it repairs and which holding ones it would break. A cell is
 * named only when it is the unique best repair for a failure and breaks nothing — otherwise
 * we say nothing rather than guess. A cell gets one suggested value: the one repairing the most.
 */
import { cellsOf } from '../formats/registry';
import type { FormatDef } from '../formats/types';
import { signedTerms } from '../rules/expand';
import { Decimal } from '../values/decimal';
import type { Evaluation, ParsedCells } from './validate';

interface Candidate {
  cell: string;
  value: Decimal;
  repairs: string[];
}

export function findCulprits(evaluations: readonly Evaluation[], values: ParsedCells, format: FormatDef): Map<string, { cell: string; value: number }> {
  // Only this year's equalities take part: bounds and cross-year rules are not parity checks.
  const pool = evaluations.filter((e) => e.relation.op === 'eq' && !e.relation.crossYear);
  const failing = pool.filter((e) => !e.holds);
  const result = new Map<string, { cell: string; value: number }>();
  if (failing.length === 0) return result;

  const byCell = new Map<string, Evaluation[]>();
  for (const e of pool) for (const t of signedTerms(e.relation)) byCell.set(t.cell, [...(byCell.get(t.cell) ?? []), e]);
  const kinds = cellsOf(format);

  const residual = (e: Evaluation, cell?: string, value?: Decimal): Decimal =>
    Decimal.sum(
      signedTerms(e.relation).map((t) => {
        const v = t.cell === cell && value ? value : (values.get(t.cell)?.value as Decimal);
        return v.times(t.sign);
      }),
    );

  const candidates = new Map<string, Candidate>();
  for (const e of failing) {
    const d = residual(e);
    for (const t of signedTerms(e.relation)) {
      const parsed = values.get(t.cell);
      // A blank cell is already reported as blank; it is not a mistyped figure.
      if (!parsed?.value || parsed.issues.some((i) => i.code === 'cell.blank')) continue;
      const value = parsed.value.sub(d.times(t.sign));
      const kind = kinds.get(t.cell)?.column.kind;
      if (kind !== 'change' && value.isNegative()) continue;
      const key = `${t.cell}=${value.toString()}`;
      if (candidates.has(key)) continue;
      const repairs: string[] = [];
      let breaks = false;
      for (const other of byCell.get(t.cell) ?? []) {
        const holdsAfter = residual(other, t.cell, value).isZero();
        if (holdsAfter && !other.holds) repairs.push(other.relation.key);
        if (!holdsAfter && other.holds) breaks = true;
      }
      if (!breaks && repairs.length > 0) candidates.set(key, { cell: t.cell, value, repairs });
    }
  }

  // One suggestion per cell: the value that repairs the most (a cell cannot be two typos at once).
  const byCellCandidates = new Map<string, Candidate[]>();
  for (const c of candidates.values()) byCellCandidates.set(c.cell, [...(byCellCandidates.get(c.cell) ?? []), c]);
  const suggestions = [...byCellCandidates.values()].flatMap((list) => uniqueBest(list));

  for (const e of failing) {
    const [top] = uniqueBest(suggestions.filter((c) => c.repairs.includes(e.relation.key)));
    if (top) result.set(e.relation.key, { cell: top.cell, value: top.value.toNumber() });
  }
  return result;
}

/** The candidate repairing the most failures, if exactly one does; otherwise none. */
function uniqueBest(list: readonly Candidate[]): Candidate[] {
  const best = Math.max(0, ...list.map((c) => c.repairs.length));
  const top = list.filter((c) => c.repairs.length === best);
  return top.length === 1 ? top : [];
}
