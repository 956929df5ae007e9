/**
 * Figures that ran together (`…申请数量230 000023`, a PDF column too narrow for its numbers):
 * a row with fewer figures than columns is cut into exactly as many whole numbers as the block
 * has columns, every way that writes each number plainly (no leading zero), and the block's own
 * relations (row totals, the balance identity, （七）总计, the t4 group totals) decide. Read only
 * when exactly one way makes every relation it touches hold; never a guess.
 */
import { cellsOf } from '../../formats/registry';
import type { BlockDef, FormatDef } from '../../formats/types';
import { rulesOf, type Relation } from '../../rules/expand';
import { parseCell } from '../../values/parse';
import { readCell, type Reading } from './reading';
import type { Row, RowCell } from './rows';

/** A row whose figures ran together: the cells it must fill, and the figure cells it holds. */
export interface RunTogether {
  row: Row;
  /** The block's row ids the figures belong to (several for t4's one value row). */
  rowIds: readonly string[];
  /** The block's cell ids the figures belong to, in order. */
  ids: readonly string[];
  figures: readonly RowCell[];
}

/** Past this many ways to cut one row, or to combine the rows of a block, nothing is read. */
const MAX_WAYS = 20_000;

const PLAIN_DIGITS = /^\d+$/;

/**
 * Every way to cut the digit runs, in order, into exactly `n` whole numbers written plainly
 * (`0`, or digits not starting with 0), each number within one run; undefined past `MAX_WAYS`.
 */
export function cuts(runs: readonly string[], n: number): string[][] | undefined {
  const ways: string[][] = [];
  const cut = (run: number, at: number, parts: string[]): boolean => {
    if (run === runs.length) {
      if (parts.length === n) ways.push([...parts]);
      return ways.length <= MAX_WAYS;
    }
    const text = runs[run];
    // Numbers still to place must fit: at most one per remaining digit.
    let remainingDigits = text.length - at;
    for (let k = run + 1; k < runs.length; k++) remainingDigits += runs[k].length;
    if (parts.length + remainingDigits < n) return true;
    if (parts.length >= n) return true;
    const maxEnd = text[at] === '0' ? at + 1 : text.length;
    for (let end = at + 1; end <= maxEnd; end++) {
      parts.push(text.slice(at, end));
      const next = end === text.length ? cut(run + 1, 0, parts) : cut(run, end, parts);
      parts.pop();
      if (!next) return false;
    }
    return true;
  };
  return cut(0, 0, []) ? ways : undefined;
}

/** The figures of a row that can be cut: every filled cell after the label plain digits. */
export function digitRuns(figures: readonly RowCell[]): string[] | undefined {
  const runs = figures.map((c) => String(c.raw ?? '').trim());
  return runs.length > 0 && runs.every((r) => PLAIN_DIGITS.test(r)) ? runs : undefined;
}

/** The block's own relations of this year, with the cells they name. */
function relationsOf(format: FormatDef, block: BlockDef): Relation[] {
  return rulesOf(format).relations.filter((r) => !r.crossYear && [...r.lhs, ...r.rhs].every((t) => t.cell.startsWith(`${block.prefix}.`)));
}

/** Whether a relation holds over `value` (undefined where a cell has no whole-number value: not evaluable). */
function holds(relation: Relation, value: (id: string) => bigint | undefined): boolean | undefined {
  let difference = 0n;
  for (const [terms, side] of [[relation.lhs, 1n], [relation.rhs, -1n]] as const) {
    for (const t of terms) {
      const v = value(t.cell);
      if (v === undefined) return undefined;
      difference += side * BigInt(t.sign) * v;
    }
  }
  return relation.op === 'eq' ? difference === 0n : difference <= 0n;
}

/**
 * Decides the rows of one block whose figures ran together. Each fit is read with an
 * `import.reconstructed` problem naming the rows; several fits are `import.ambiguous`; none,
 * or too many ways to try, leave each row's `cellCount` problem as it is.
 */
export function reconstruct(reading: Reading, block: BlockDef, rows: readonly RunTogether[], cellCount: (r: RunTogether) => void): void {
  const kinds = cellsOf(reading.format);
  const known = (id: string): bigint | undefined => {
    if (!(id in reading.raw)) return undefined;
    const kind = kinds.get(id)?.column.kind ?? 'count';
    const n = parseCell(reading.raw[id], kind).value?.safeInteger;
    return n === undefined ? undefined : BigInt(n);
  };
  const relations = relationsOf(reading.format, block);
  const touching = (ids: ReadonlySet<string>): Relation[] => relations.filter((r) => [...r.lhs, ...r.rhs].some((t) => ids.has(t.cell)));

  // Each row's ways, first narrowed by the relations it decides alone (its row total).
  const options: string[][][] = [];
  for (const r of rows) {
    const runs = digitRuns(r.figures);
    const ways = runs ? cuts(runs, r.ids.length) : undefined;
    if (!ways) return rows.forEach(cellCount);
    const own = new Set(r.ids);
    const alone = touching(own);
    options.push(ways.filter((way) => alone.every((rel) => holds(rel, (id) => (own.has(id) ? BigInt(way[r.ids.indexOf(id)]) : known(id))) !== false)));
  }
  const combinations = options.reduce((n, o) => n * o.length, 1);
  if (combinations === 0 || combinations > MAX_WAYS) return rows.forEach(cellCount);

  // Then every combination of the rows' remaining ways against every relation they touch.
  const all = new Set(rows.flatMap((r) => r.ids));
  const relationsTouched = touching(all);
  const fits: string[][][] = [];
  const choose = (k: number, chosen: string[][]): void => {
    if (k === rows.length) {
      const candidate = new Map<string, bigint>();
      rows.forEach((r, j) => r.ids.forEach((id, c) => candidate.set(id, BigInt(chosen[j][c]))));
      if (relationsTouched.every((rel) => holds(rel, (id) => candidate.get(id) ?? known(id)) !== false)) fits.push([...chosen]);
      return;
    }
    for (const way of options[k]) choose(k + 1, [...chosen, way]);
  };
  choose(0, []);

  const rowIds = rows.flatMap((r) => r.rowIds);
  if (fits.length === 0) return rows.forEach(cellCount);
  if (fits.length > 1) {
    reading.problems.push({ code: 'import.ambiguous', table: block.table, params: { reason: 'runTogether', block: block.prefix, rows: rowIds, fits: fits.length, sources: rows.map((r) => r.row.source) } });
    return;
  }
  rows.forEach((r, j) => {
    // Each number is read as coming from the figure cell its digits were in.
    let run = 0;
    let used = 0;
    r.ids.forEach((id, c) => {
      const text = fits[0][j][c];
      const cell = r.figures[run];
      readCell(reading, block.table, id, r.row, { ...cell, raw: text });
      used += text.length;
      if (used === String(cell.raw).trim().length) {
        run++;
        used = 0;
      }
    });
  });
  reading.problems.push({ code: 'import.reconstructed', table: block.table, params: { block: block.prefix, rows: rowIds, sources: rows.map((r) => r.row.source) } });
}
