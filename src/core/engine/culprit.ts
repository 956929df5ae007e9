/**
 * Locating the likely wrong cell. t3 has row totals and column totals like a parity check:
 * a single mistyped cell makes the relations through it fail by the same amount. For every
 * typed cell in a failing relation we try the value that would make that relation hold and
 * count which failing relations it repairs and which holding ones it would break. A cell is
 * named only when it is the unique best repair for a failure and breaks nothing — otherwise
 * we say nothing rather than guess. A cell gets one suggested value: the one repairing the most.
 */
import type { Decimal } from '../values/decimal';
import type { CompiledFormat, CompiledRelation, CompiledTerm } from './compiled';
import { signedSum, signOfSum } from './sum';
import type { ParsedValue } from '../values/parse';

interface Candidate {
  cell: string;
  value: Decimal;
  repairs: string[];
}

/**
 * `holds` is by relation position, as validate found it: undefined where a relation was not
 * evaluated (a cell missing or unreadable). `cells` and `integers` are this year's parsed cells
 * and their values as safe integers (NaN where none), by position in the compiled.
 */
export function findCulprits(
  compiled: CompiledFormat,
  holds: readonly (boolean | undefined)[],
  cells: readonly (ParsedValue | undefined)[],
  integers: readonly number[],
): Map<string, { cell: string; value: number }> {
  // Only this year's equalities take part: bounds and cross-year rules are not parity checks.
  const isEquality = (r: CompiledRelation): boolean => r.relation.op === 'eq' && !r.relation.crossYear;
  const failing = compiled.relations.filter((r) => holds[r.position] === false && isEquality(r));
  const result = new Map<string, { cell: string; value: number }>();
  if (failing.length === 0) return result;

  // Every term of an evaluated relation is readable.
  const valueOf = (t: CompiledTerm): Decimal => cells[t.index]?.value as Decimal;
  const evaluatedWith = (cell: string): CompiledRelation[] =>
    (compiled.equalitiesByCell.get(cell) ?? []).filter((p) => holds[p] !== undefined).map((p) => compiled.relations[p]);

  const candidates = new Map<string, Candidate>();
  for (const e of failing) {
    const d = signedSum(e.terms, valueOf);
    for (const t of e.terms) {
      const parsed = cells[t.index];
      // A blank cell is already reported as blank; it is not a mistyped figure.
      if (!parsed?.value || parsed.issues.some((i) => i.code === 'cell.blank')) continue;
      const value = parsed.value.sub(d.times(t.sign));
      if (compiled.cells[t.index].kind !== 'change' && value.isNegative()) continue;
      const key = `${t.cell}=${value.toString()}`;
      if (candidates.has(key)) continue;
      const repairs: string[] = [];
      let breaks = false;
      const integer = value.safeInteger ?? Number.NaN;
      const repaired = (u: CompiledTerm): Decimal => (u.index === t.index ? value : valueOf(u));
      const repairedInteger = (u: CompiledTerm): number => (u.index === t.index ? integer : integers[u.index]);
      for (const other of evaluatedWith(t.cell)) {
        const holdsAfter = signOfSum(other.terms, repaired, repairedInteger) === 0;
        const held = holds[other.position] as boolean;
        if (holdsAfter && !held) repairs.push(other.relation.key);
        if (!holdsAfter && held) breaks = true;
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
