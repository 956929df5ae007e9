/**
 * What checking a report of a format needs that does not depend on its values, worked out once
 * per format: the value cells in order, and each relation with its terms as positions in that
 * order, so checking a report looks values up by position instead of by cell id.
 */
import { cellsOf, formats } from '../formats/registry';
import type { FormatDef, Term, ValueKind } from '../formats/types';
import { rulesOf, signedTerms, type Relation } from '../rules/expand';

export interface PlannedTerm extends Term {
  /** Position of the cell in `Plan.cells`. */
  index: number;
}

export interface PlannedRelation {
  relation: Relation;
  /** Position in `Plan.relations`. */
  position: number;
  lhs: readonly PlannedTerm[];
  rhs: readonly PlannedTerm[];
  /** signedTerms(relation): Σ sign × value = lhs − rhs, 0 when an `eq` holds. */
  terms: readonly PlannedTerm[];
}

export interface Plan {
  /** The value cells, in cellsOf order. */
  cells: readonly { id: string; kind: ValueKind }[];
  /** Each cell id's position in `cells`. */
  positions: ReadonlyMap<string, number>;
  relations: readonly PlannedRelation[];
  /** For the culprit search: the positions of this year's equalities each cell is a term of, in rule order. */
  equalitiesByCell: ReadonlyMap<string, readonly number[]>;
}

function makePlan(format: FormatDef): Plan {
  const cells = [...cellsOf(format).values()].map((def) => ({ id: def.id, kind: def.column.kind }));
  const positions = new Map(cells.map((c, k) => [c.id, k]));
  // rulesOf has checked that every term names a cell of the format.
  const planned = (terms: readonly Term[]): PlannedTerm[] => terms.map((t) => ({ cell: t.cell, sign: t.sign, year: t.year, index: positions.get(t.cell) as number }));
  const relations = rulesOf(format).relations.map((relation, position) => ({
    relation,
    position,
    lhs: planned(relation.lhs),
    rhs: planned(relation.rhs),
    terms: planned(signedTerms(relation)),
  }));
  const equalitiesByCell = new Map<string, number[]>();
  for (const { relation, position, terms } of relations) {
    if (relation.op !== 'eq' || relation.crossYear) continue;
    for (const t of terms) {
      const list = equalitiesByCell.get(t.cell);
      if (list) list.push(position);
      else equalitiesByCell.set(t.cell, [position]);
    }
  }
  return { cells, positions, relations, equalitiesByCell };
}

const PLANS = new Map(formats.map((f) => [f, makePlan(f)]));

export function planOf(format: FormatDef): Plan {
  return PLANS.get(format) ?? makePlan(format);
}
