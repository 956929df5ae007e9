/**
 * Expands a format's rule templates into concrete relations between cell ids. The same
 * relations drive the TypeScript checks, the culprit search, and (in the add-in) the
 * in-workbook check formulas, so every consumer sees exactly one rule set.
 */
import { blockOf, cellsOf, formats } from '../formats/registry';
import type { BlockDef, FormatDef, RuleTemplate, Severity, Term, Year } from '../formats/types';
import { severityOf, type RuleCode } from './codes';

/** `Σ lhs (op) Σ rhs`, each side a signed sum of cells from this or last year's report. */
export interface Relation {
  code: RuleCode;
  severity: Severity;
  /** The row, column or group the relation is repeated for (e.g. `total`, `denied1`, `review`). */
  where: string;
  /** Id of the template instance: `code:where`. */
  key: string;
  op: 'eq' | 'le';
  lhs: Term[];
  rhs: Term[];
  /** True when a term comes from last year's report. */
  crossYear: boolean;
}

/** A non-linear rule (fee magnitude), evaluated on its own. */
export interface MagnitudeCheck {
  code: RuleCode;
  severity: Severity;
  cell: string;
  ratio: number;
  absolute: number;
}

export interface RuleSet {
  relations: Relation[];
  magnitudes: MagnitudeCheck[];
}

export class RuleDataError extends Error {}

type LinearTemplate = Exclude<RuleTemplate, { kind: 'magnitude' }>;

function cellId(block: BlockDef, along: 'row' | 'column', at: string, index: string): string {
  // Along a column the template names rows; along a row it names columns.
  return along === 'column' ? `${block.prefix}.${at}.${index}` : `${block.prefix}.${index}.${at}`;
}

function term(cell: string, sign: 1 | -1 = 1, year: Year = 'this'): Term {
  return { cell, sign, year };
}

function expandLinear(format: FormatDef, t: LinearTemplate): Relation[] {
  const block = blockOf(format, t.block);
  if (!block) throw new RuleDataError(`${format.id}: rule ${t.code} names unknown block ${t.block}`);
  const indices = (t.along === 'column' ? block.columns : block.rows).map((x) => x.id);
  const only = 'only' in t && t.only ? t.only : indices;
  const severity = severityOf(t.code as RuleCode);
  return only.map((index) => {
    const id = (at: string): string => cellId(block, t.along, at, index);
    let op: 'eq' | 'le' = 'eq';
    let lhs: Term[];
    let rhs: Term[];
    switch (t.kind) {
      case 'sum':
        lhs = [term(id(t.total))];
        rhs = t.parts.map((p) => term(id(p)));
        break;
      case 'identity':
        lhs = t.lhs.map((p) => term(id(p)));
        rhs = t.rhs.map((p) => term(id(p)));
        break;
      case 'bound':
        op = 'le';
        lhs = [term(id(t.lhs))];
        rhs = [term(id(t.rhs))];
        break;
      case 'crossYear':
        lhs = [term(id(t.lhs))];
        rhs = t.rhs.map((r) => term(id(r.at), r.sign ?? 1, r.year));
        break;
    }
    const crossYear = [...lhs, ...rhs].some((x) => x.year === 'last');
    return { code: t.code as RuleCode, severity, where: index, key: `${t.code}:${index}`, op, lhs, rhs, crossYear };
  });
}

/** The concrete rule set of a format. Throws RuleDataError when the format data is inconsistent. */
function expandRules(format: FormatDef): RuleSet {
  const cells = cellsOf(format);
  const relations: Relation[] = [];
  const magnitudes: MagnitudeCheck[] = [];
  for (const t of format.rules) {
    if (t.kind === 'magnitude') {
      for (const cell of t.cells) {
        magnitudes.push({ code: t.code as RuleCode, severity: severityOf(t.code as RuleCode), cell, ratio: t.ratio, absolute: t.absolute });
      }
    } else {
      relations.push(...expandLinear(format, t));
    }
  }
  const named = [...relations.flatMap((r) => [...r.lhs, ...r.rhs].map((x) => x.cell)), ...magnitudes.map((m) => m.cell)];
  const unknown = named.filter((c) => !cells.has(c));
  if (unknown.length > 0) throw new RuleDataError(`${format.id}: rules name cells that do not exist: ${[...new Set(unknown)].join(', ')}`);
  return { relations, magnitudes };
}

const RULES = new Map(formats.map((f) => [f, expandRules(f)]));

/** The concrete rule set of a format. Throws RuleDataError when the format data is inconsistent. */
export function rulesOf(format: FormatDef): RuleSet {
  return RULES.get(format) ?? expandRules(format);
}

/** All terms of a relation as one signed list: Σ coefficient × value = 0 when an `eq` holds. */
export function signedTerms(r: Relation): Term[] {
  return [...r.lhs, ...r.rhs.map((t) => ({ ...t, sign: (t.sign * -1) as 1 | -1 }))];
}
