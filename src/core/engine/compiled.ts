/**
 * A format compiled for checking: what checking a report needs that does not depend on its values, built once
 * per format when the module loads: the value cells in order, and each relation with its terms as positions in that
 * order, so checking a report looks values up by position instead of by cell id.
 */
import { cellsOf, formats } from '../formats/registry';
import type { FormatDef, Term, ValueKind } from '../formats/types';
import { rulesOf, signedTerms, type Relation } from '../rules/expand';

export interface CompiledTerm extends Term {
  /** Position of the cell in `CompiledFormat.cells`. */
  index: number;
}

export interface CompiledRelation {
  relation: Relation;
  /** Position in `CompiledFormat.relations`. */
  position: number;
  lhs: readonly CompiledTerm[];
  rhs: readonly CompiledTerm[];
  /** signedTerms(relation): Σ sign × value = lhs − rhs, 0 when an `eq` holds. */
  terms: readonly CompiledTerm[];
}

export interface CompiledFormat {
  /** The value cells, in cellsOf order. */
  cells: readonly { id: string; kind: ValueKind }[];
  /** Each cell id's position in `cells`. */
  positions: ReadonlyMap<string, number>;
  relations: readonly CompiledRelation[];
  /** For the culprit search: the positions of this year's equalities each cell is a term of, in rule order. */
  equalitiesByCell: ReadonlyMap<string, readonly number[]>;
}

function compile(format: FormatDef): CompiledFormat {
  const cells = [...cellsOf(format).values()].map((def) => ({ id: def.id, kind: def.column.kind }));
  const positions = new Map(cells.map((c, k) => [c.id, k]));
  // rulesOf has checked that every term names a cell of the format.
  const positioned = (terms: readonly Term[]): CompiledTerm[] => terms.map((t) => ({ cell: t.cell, sign: t.sign, year: t.year, index: positions.get(t.cell) as number }));
  const relations = rulesOf(format).relations.map((relation, position) => ({
    relation,
    position,
    lhs: positioned(relation.lhs),
    rhs: positioned(relation.rhs),
    terms: positioned(signedTerms(relation)),
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

const COMPILED = new Map(formats.map((f) => [f, compile(f)]));

export function compiledOf(format: FormatDef): CompiledFormat {
  return COMPILED.get(format) ?? compile(format);
}
