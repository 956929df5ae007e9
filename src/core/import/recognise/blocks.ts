/**
 * Reading one block of a table (t3, one 第二十条 block of t2, or t4's single value row) from a
 * span of rows: rows found by their labels, values picked under their headers or counted from
 * the label on, rows whose label did not survive (PDF text) placed between the rows found.
 */
import { formats, rowCells } from '../../formats/registry';
import type { BlockDef } from '../../formats/types';
import { scoreOf, type LabelHit } from '../labels';
import { readCell, type Reading } from './reading';
import { reconstruct, type RunTogether } from './reconstruct';
import { DICTIONARY, type Row, type RowCell } from './rows';

/** What reading a block looks up: its cell ids and the dictionary ids of its labels. */
interface BlockLabels {
  /** The cell ids of the block, by row and column index. */
  ids: readonly (readonly string[])[];
  /** The first row of the block whose own (innermost) label has each dictionary id. */
  rowOf: ReadonlyMap<number, number>;
  /** Dictionary ids of the column labels, in order. */
  columns: readonly number[];
}

function blockLabels(block: BlockDef): BlockLabels {
  const rowOf = new Map<number, number>();
  block.rows.forEach((r, k) => {
    const id = DICTIONARY.idOf(r.labels[r.labels.length - 1]);
    if (!rowOf.has(id)) rowOf.set(id, k);
  });
  return { ids: block.rows.map((r) => rowCells(block, [r.id])), rowOf, columns: block.columns.map((c) => DICTIONARY.idOf(c.label)) };
}

const LABELS = new Map(formats.flatMap((f) => f.blocks).map((b) => [b, blockLabels(b)]));

const labelsOf = (block: BlockDef): BlockLabels => LABELS.get(block) ?? blockLabels(block);

/** The row of `block` a cell's label names best (ties: the earlier row), or undefined. */
function bestRow(hits: readonly LabelHit[], labels: BlockLabels): { defIndex: number; score: number } | undefined {
  let best: { defIndex: number; score: number } | undefined;
  for (const hit of hits) {
    const defIndex = labels.rowOf.get(hit.id);
    if (defIndex === undefined) continue;
    if (!best || hit.score > best.score || (hit.score === best.score && defIndex < best.defIndex)) best = { defIndex, score: hit.score };
  }
  return best;
}

/**
 * Column positions of a block's values from its header labels, for rectangular grids where
 * value cells sit under their headers. Undefined when the headers are not all found in order.
 */
function headerPositions(rows: readonly Row[], from: number, to: number, labels: readonly number[]): number[] | undefined {
  if (!rows[from]?.positional) return undefined;
  const found: { pos: number; label: number }[] = [];
  for (let i = from; i < to; i++) {
    for (const c of rows[i].cells) {
      // The first of the labels (in their order) that the cell carries well enough.
      let first = -1;
      for (const hit of c.hits) {
        const k = hit.score >= 0.9 ? labels.indexOf(hit.id) : -1;
        if (k >= 0 && (first < 0 || k < first)) first = k;
      }
      if (first >= 0) found.push({ pos: c.pos, label: labels[first] });
    }
  }
  found.sort((a, b) => a.pos - b.pos);
  const positions = found.map((f) => f.pos);
  const inOrder = found.length === labels.length && found.every((f, i) => f.label === labels[i]) && new Set(positions).size === positions.length;
  return inOrder ? positions : undefined;
}

/**
 * Picks exactly `n` value cells from a row's cells at index `first` and after, or says how many
 * filled cells it found instead. With header positions, each value sits under its header (a
 * filled cell elsewhere before the last header is a stray); without, every position from
 * `from` on counts, empty label columns before the values and empty padding after them aside.
 */
function pickValues(row: Row, first: number, n: number, positions: number[] | undefined, from: number): RowCell[] | { found: number } {
  const after = row.cells.slice(first);
  if (positions) {
    const picked: RowCell[] = [];
    for (const p of positions) {
      const cell = after.find((c) => c.pos === p);
      if (!cell || after.some((c) => c.pos < p && c.pos > (picked.at(-1)?.pos ?? -1) && !c.empty)) break;
      picked.push(cell);
    }
    if (picked.length === positions.length) return picked;
  }
  const found = after.filter((c) => c.pos >= from);
  let start = 0;
  while (found.length - start > n && found[start].empty) start++;
  let end = found.length;
  while (end - start > n && found[end - 1].empty) end--;
  if (end - start === n) return found.slice(start, end);
  return { found: found.slice(start, end).filter((c) => !c.empty).length };
}

interface LabelledRow {
  rowIndex: number;
  defIndex: number;
  cellIndex: number;
  score: number;
}

/** How many figures a row's filled cells end in, when no other figure precedes them (else 0). */
function figuresAtEnd(cells: readonly RowCell[]): number {
  let figures = 0;
  let k = cells.length - 1;
  for (; k >= 0 && (cells[k].empty || cells[k].valueLike); k--) if (cells[k].valueLike) figures++;
  for (; k >= 0; k--) if (cells[k].valueLike) return 0;
  return figures;
}

function range(from: number, to: number): number[] {
  const numbers: number[] = [];
  for (let i = from; i < to; i++) numbers.push(i);
  return numbers;
}

/**
 * Reads one block (t3, or one 第二十条 block of t2) from rows[from, to): rows found by their
 * labels, rows whose label is scattered over neighbouring lines (PDF text) by their place
 * between found rows.
 */
export function readBlock(rows: readonly Row[], from: number, to: number, block: BlockDef, reading: Reading): void {
  const labels = labelsOf(block);
  const n = block.columns.length;
  const labelled: LabelledRow[] = [];
  for (let i = from; i < to; i++) {
    let best: LabelledRow | undefined;
    rows[i].cells.forEach((cell, cellIndex) => {
      const match = bestRow(cell.hits, labels);
      if (match && (!best || match.score > best.score || (match.score === best.score && cellIndex > best.cellIndex))) best = { rowIndex: i, defIndex: match.defIndex, cellIndex, score: match.score };
    });
    if (best) labelled.push(best);
  }

  // One grid row per row id; two equally good rows for one id means two tables, or a copy.
  const byDef = new Map<number, LabelledRow>();
  const duplicated = new Set<number>();
  for (const l of labelled) {
    const seen = byDef.get(l.defIndex);
    if (!seen || l.score > seen.score) byDef.set(l.defIndex, l);
    else if (l.score === seen.score) duplicated.add(l.defIndex);
  }
  for (const d of duplicated) {
    reading.problems.push({ code: 'import.ambiguous', table: block.table, params: { reason: 'duplicateRow', block: block.prefix, row: block.rows[d].id, sources: labelled.filter((l) => l.defIndex === d).map((l) => rows[l.rowIndex].source) } });
    byDef.delete(d);
  }

  const firstData = Math.min(to, ...[...byDef.values()].map((l) => l.rowIndex));
  const positions = headerPositions(rows, from, firstData, labels.columns);

  const { ids } = labels;
  const assign = (defIndex: number, row: Row, values: RowCell[]): void => {
    ids[defIndex].forEach((id, k) => readCell(reading, block.table, id, row, values[k]));
  };

  const taken = new Set<number>();
  const runTogether: RunTogether[] = [];
  const cellCount = (defIndex: number, row: Row, found: number): void => {
    reading.problems.push({ code: 'import.ambiguous', table: block.table, params: { reason: 'cellCount', block: block.prefix, row: block.rows[defIndex].id, expected: n, found, source: row.source } });
  };
  const anchors = [...byDef.values()].sort((a, b) => a.defIndex - b.defIndex);
  if (anchors.some((a, k) => k > 0 && a.rowIndex < anchors[k - 1].rowIndex)) {
    reading.problems.push({ code: 'import.ambiguous', table: block.table, params: { reason: 'rowOrder', block: block.prefix, rows: block.rows.map((r) => r.id) } });
    return;
  }
  for (const l of anchors) taken.add(l.rowIndex);
  const { claims, contested } = claimFigureLines(rows, from, to, block, anchors, new Set(labelled.map((l) => l.rowIndex)));
  for (const lines of claims.values()) for (const i of lines) taken.add(i);
  for (const i of contested) taken.add(i);

  for (const l of anchors) {
    const row = rows[l.rowIndex];
    const from = row.cells[l.cellIndex].pos + 1;
    const more = claims.get(l);
    if (more) {
      const joined = joinRows([row, ...more.map((i) => rows[i])], [filledAfter(row, l.cellIndex + 1, from), ...more.map((i) => figuresOf(rows[i]))]);
      runTogether.push({ row: joined.row, rowIds: [block.rows[l.defIndex].id], ids: ids[l.defIndex], figures: joined.figures });
      continue;
    }
    const picked = pickValues(row, l.cellIndex + 1, n, positions, from);
    if (Array.isArray(picked)) assign(l.defIndex, row, picked);
    // Fewer figures than columns: numbers may have run together.
    else if (picked.found > 0 && picked.found < n) runTogether.push({ row, rowIds: [block.rows[l.defIndex].id], ids: ids[l.defIndex], figures: filledAfter(row, l.cellIndex + 1, from) });
    else cellCount(l.defIndex, row, picked.found);
  }
  const unresolved = (r: RunTogether): void => cellCount(block.rows.findIndex((d) => d.id === r.rowIds[0]), r.row, r.figures.length);

  // Rows whose label did not survive (PDF text breaks labels over lines): exactly n value
  // cells, preceded by nothing but unrecognised text.
  const untaken = range(from, to).filter((i) => !taken.has(i));
  const figures = new Map(untaken.map((i) => [i, figuresAtEnd(rows[i].cells)]));
  const unlabelled = untaken.filter((i) => figures.get(i) === n);
  // Rows with fewer figures may have had figures run together; considered only where the rows with n do not fill a gap.
  const short = untaken.filter((i) => (figures.get(i) as number) > 0);

  // Fill each gap between found rows (in table order) with the unlabelled rows lying between them.
  const bounds = [{ defIndex: -1, rowIndex: from - 1 }, ...anchors, { defIndex: block.rows.length, rowIndex: to }];
  const missing: string[] = [];
  for (let k = 1; k < bounds.length; k++) {
    const gapDefs = range(bounds[k - 1].defIndex + 1, bounds[k].defIndex);
    if (gapDefs.length === 0) continue;
    const inGap = (i: number): boolean => i > bounds[k - 1].rowIndex && i < bounds[k].rowIndex;
    const ambiguousGap = (found: number, sources: string[]): void => {
      reading.problems.push({ code: 'import.ambiguous', table: block.table, params: { reason: 'unlabelledRows', block: block.prefix, rows: gapDefs.map((d) => block.rows[d].id), found, sources } });
    };
    if ([...contested].some(inGap)) {
      ambiguousGap(short.filter(inGap).length, [...contested].filter(inGap).map((i) => rows[i].source));
      continue;
    }
    let gapRows = unlabelled.filter(inGap).map((i) => [i]);
    if (gapRows.length !== gapDefs.length && short.filter(inGap).length === gapDefs.length) gapRows = short.filter(inGap).map((i) => [i]);
    // A row's figures split over lines (PDF text): adjacent lines whose figures add up to a row.
    if (gapRows.length !== gapDefs.length && !rows[from].positional) gapRows = groupLines(rows, short.filter(inGap), n) ?? gapRows;
    if (gapRows.length === gapDefs.length && anchors.length > 0) {
      gapDefs.forEach((d, j) => {
        const joined = joinRows(
          gapRows[j].map((i) => rows[i]),
          gapRows[j].map((i) => figuresOf(rows[i])),
        );
        if (gapRows[j].length === 1 && joined.figures.length === n) assign(d, joined.row, joined.figures);
        else runTogether.push({ row: joined.row, rowIds: [block.rows[d].id], ids: ids[d], figures: joined.figures });
      });
    } else if (gapRows.length === 0 || anchors.length === 0) {
      missing.push(...gapDefs.map((d) => block.rows[d].id));
    } else {
      ambiguousGap(gapRows.length, gapRows.flat().map((i) => rows[i].source));
    }
  }
  if (missing.length > 0) {
    reading.problems.push({ code: 'import.partialTable', table: block.table, params: { block: block.prefix, missingRows: missing } });
  }
  if (runTogether.length > 0) reconstruct(reading, block, runTogether, unresolved);
}

/**
 * The lines each labelled row of text takes its missing figures from: a label wrapped over
 * lines carries its figures on any one of them (PDF text), so the rest of a row's figures are
 * on the lines just below or just above it, never past another label. Lines that more than one
 * row could own — both sides fit, two rows claim them, or a side borders rows whose labels were
 * lost — are contested: given to none.
 */
function claimFigureLines(rows: readonly Row[], from: number, to: number, block: BlockDef, anchors: readonly LabelledRow[], labelled: ReadonlySet<number>): { claims: Map<LabelledRow, number[]>; contested: Set<number> } {
  const n = block.columns.length;
  const contested = new Set<number>();
  const claims = new Map<LabelledRow, number[]>();
  anchors.forEach((l, k) => {
    const row = rows[l.rowIndex];
    if (row.positional) return;
    const own = filledAfter(row, l.cellIndex + 1, row.cells[l.cellIndex].pos + 1).length;
    if (own >= n) return;
    const sides = [figureLines(rows, l.rowIndex, 1, to, n - own, labelled), figureLines(rows, l.rowIndex, -1, from, n - own, labelled)];
    const safe = [anchors[k + 1] ? anchors[k + 1].defIndex === l.defIndex + 1 : l.defIndex === block.rows.length - 1, anchors[k - 1] ? anchors[k - 1].defIndex === l.defIndex - 1 : l.defIndex === 0];
    const found = sides.flatMap((lines, side) => (lines ? [{ lines, safe: safe[side] }] : []));
    if (found.length === 1 && found[0].safe) claims.set(l, found[0].lines);
    else for (const f of found) for (const i of f.lines) contested.add(i);
  });
  const claimedBy = new Map<number, number>();
  for (const lines of claims.values()) for (const i of lines) claimedBy.set(i, (claimedBy.get(i) ?? 0) + 1);
  for (const [l, lines] of claims) {
    if (lines.some((i) => (claimedBy.get(i) ?? 0) > 1 || contested.has(i))) {
      claims.delete(l);
      for (const i of lines) contested.add(i);
    }
  }
  return { claims, contested };
}

/** The figures a row ends in. */
function figuresOf(row: Row): RowCell[] {
  const n = figuresAtEnd(row.cells);
  return n === 0 ? [] : row.cells.filter((c) => !c.empty).slice(-n);
}

/**
 * The lines next to row `at` (below for `step` 1, above for −1, up to `bound`) holding exactly
 * `need` more figures: lines with figures, and lines of label text between them, never a
 * labelled row. Undefined when they do not add up.
 */
function figureLines(rows: readonly Row[], at: number, step: 1 | -1, bound: number, need: number, labelled: ReadonlySet<number>): number[] | undefined {
  const lines: number[] = [];
  let sum = 0;
  for (let i = at + step, seen = 0; step > 0 ? i < bound : i > bound; i += step, seen++) {
    if (labelled.has(i) || seen >= 3 || rows[i].positional) return undefined;
    const filled = rows[i].cells.filter((c) => !c.empty);
    const figures = figuresAtEnd(rows[i].cells);
    // Anything but label text before the figures (a stray figure, text after them) ends the search.
    if (filled.some((c, k) => c.valueLike && k < filled.length - figures)) return undefined;
    if (figures === 0) {
      if (lines.length > 0) return undefined;
      continue;
    }
    lines.push(i);
    sum += figures;
    if (sum === need) return step > 0 ? lines : lines.reverse();
    if (sum > need) return undefined;
  }
  return undefined;
}

/** Adjacent lines (at most one line of label text between them) whose figures add up to `n` each; undefined when they do not. */
function groupLines(rows: readonly Row[], lines: readonly number[], n: number): number[][] | undefined {
  const groups: number[][] = [];
  let open: number[] = [];
  let sum = 0;
  for (const i of lines) {
    if (open.length > 0 && i - open[open.length - 1] > 2) return undefined;
    open.push(i);
    sum += figuresAtEnd(rows[i].cells);
    if (sum > n) return undefined;
    if (sum === n) {
      groups.push(open);
      open = [];
      sum = 0;
    }
  }
  return open.length === 0 ? groups : undefined;
}

/** One row of several lines' figures, named by all their lines (`第12行、第13行`). */
function joinRows(lines: readonly Row[], figures: readonly (readonly RowCell[])[]): { row: Row; figures: RowCell[] } {
  if (lines.length === 1) return { row: lines[0], figures: [...figures[0]] };
  return { row: { ...lines[0], source: lines.map((r) => r.source).join('、') }, figures: figures.flat() };
}

/** The filled cells of a row from index `first` and position `from` on: the figures after its label. */
function filledAfter(row: Row, first: number, from: number): RowCell[] {
  return row.cells.slice(first).filter((c) => c.pos >= from && !c.empty);
}

/** t4: one value row of 15 cells under the 行政复议 / 行政诉讼 header (which PDF text scatters over lines). */
export function readT4(rows: readonly Row[], from: number, to: number, block: BlockDef, reading: Reading): void {
  const review = DICTIONARY.idOf('行政复议');
  const left = rows[from].cells.find((c) => scoreOf(c.hits, review) >= 0.9)?.pos ?? 0;
  const n = block.rows.length * block.columns.length;
  // The value row is the first one holding any figure; everything before it is header. Text
  // that lost its line breaks carries the figures on the header's own row, after its labels.
  const onHeader = figuresAtEnd(rows[from].cells) > 0;
  const last = Math.min(to, from + 30);
  let r = onHeader ? from : from + 1;
  while (r < last && !rows[r].cells.some((c) => c.valueLike && c.pos >= left)) r++;
  if (r >= last) {
    reading.problems.push({ code: 'import.partialTable', table: 't4', params: { block: 't4', missingRows: block.rows.map((g) => g.id) } });
    return;
  }
  const row = rows[r];
  const columns = labelsOf(block).columns;
  const positions = headerPositions(rows, from, r, block.rows.flatMap(() => columns));
  const first = onHeader ? row.cells.length - figuresAtEnd(row.cells) : row.cells.findIndex((c) => c.pos >= left);
  const picked = pickValues(row, first < 0 ? row.cells.length : first, n, positions, left);
  if (!Array.isArray(picked)) {
    const cellCount = (): void => {
      reading.problems.push({ code: 'import.ambiguous', table: 't4', params: { reason: 'cellCount', block: 't4', rows: block.rows.map((g) => g.id), expected: n, found: picked.found, source: row.source } });
    };
    if (picked.found < n) reconstruct(reading, block, [{ row, rowIds: block.rows.map((g) => g.id), ids: labelsOf(block).ids.flat(), figures: filledAfter(row, first < 0 ? row.cells.length : first, left) }], cellCount);
    else cellCount();
    return;
  }
  labelsOf(block).ids.flat().forEach((id, k) => readCell(reading, 't4', id, row, picked[k]));
}
