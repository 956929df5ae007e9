/**
 * Finding the statutory tables in grids of cell texts — a worksheet's used range, a web
 * page's tables, text copied from Word or a PDF — by their labels, detecting the format
 * version, and mapping every value cell to its spec id. What cannot be read unambiguously is
 * reported (`import.*` findings), never guessed.
 */
import { cellsOf, formatForYear, formats, getFormat, DEFAULT_FORMAT_ID } from '../formats/registry';
import type { BlockDef, FormatDef, TableId } from '../formats/types';
import type { Finding } from '../engine/findings';
import { severityOf, type RuleCode } from '../rules/codes';
import { parseCell, rawToText } from '../values/parse';
import type { Grid, GridCell, GridRow, RawValue } from './grid';
import { a1 } from '../template/a1';
import { BoundedMap } from '../memo';
import { LabelDictionary, normaliseLabel, scoreOf, type LabelHit } from './labels';

export interface Recognition {
  format: FormatDef;
  /** False when the tables did not tell the formats apart (then the year or the default decided). */
  formatDetected: boolean;
  tables: Record<TableId, boolean>;
  /** Raw content of every value cell found, by cell id. */
  cells: Record<string, RawValue>;
  /**
   * Where each cell was read from (`Sheet1!D12`, `表格2 第5行`, `第130行`), by cell id. Worked
   * out when first asked for: only the add-in's selection needs it, a check of many files not.
   */
  readonly sources: Record<string, string>;
  /** `import.*` findings. */
  findings: Finding[];
}

export interface RecogniseOptions {
  /** Use this format instead of detecting it. */
  format?: FormatDef;
  /** The report year, used only to break a tie between formats. */
  year?: number;
}

interface FlatCell {
  raw: RawValue;
  /** Blank, or white space only. */
  empty: boolean;
  /** Position in the original row, merged cells included (a column index for sheets and HTML). */
  pos: number;
  valueLike: boolean;
  /** The dictionary labels the text matches (none for figures and empty cells). */
  hits: readonly LabelHit[];
}

interface FlatRow {
  cells: FlatCell[];
  source: string;
  gridName: string;
  /** Rows of a rectangular grid (sheet, HTML table) share column positions. */
  positional: boolean;
  /**
   * The original cells, for rectangular grids only: their empty cells are left out of `cells`
   * (a sheet's used range is mostly empty) and `blankAt` gives them back when a value position
   * needs one.
   */
  original?: readonly GridCell[];
  origin?: GridRow['origin'];
  /** Positions in the original row, merged and empty cells included. */
  width: number;
}

/** The empty cell at `pos` of a rectangular row, when it was left out as empty. */
function blankAt(row: FlatRow, pos: number): FlatCell | undefined {
  const cell = row.original?.[pos];
  return cell && !cell.merged && isBlank(cell.value) ? { raw: null, empty: true, pos, valueLike: false, hits: NO_HITS } : undefined;
}

function isBlank(value: RawValue): boolean {
  return value === null || value === '';
}

function isDigits(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** Text that reads as a figure (`12件`, `增3`, `1,234`); plain digits are told apart before. */
function isValueLike(raw: string): boolean {
  const parsed = parseCell(raw, 'change');
  return parsed.value !== null && !parsed.issues.some((i) => i.code === 'cell.blank');
}

const NO_HITS: readonly LabelHit[] = [];

let dictionary: LabelDictionary | undefined;

/** A format's printed labels: block titles, row labels at each level, column labels. */
function printedLabels(format: FormatDef): string[] {
  return format.blocks.flatMap((b) => [...(b.title ? [b.title] : []), ...b.rows.flatMap((r) => r.labels), ...b.columns.map((c) => c.label)]);
}

/** Every label recognition looks for: each format's printed labels and its column group headers. */
function labelDictionary(): LabelDictionary {
  if (!dictionary) {
    dictionary = new LabelDictionary(
      formats.flatMap((f) => [
        ...printedLabels(f),
        ...f.blocks.flatMap((b) => b.columns.flatMap((c) => (c.group ? [c.group] : []))),
        ...f.layouts.flatMap((l) => (l.groups ?? []).map((g) => g.label)),
      ]),
    );
  }
  return dictionary;
}

/** What recognition needs of a cell's content: whether it is empty or a figure, its label hits. */
interface TextInfo {
  empty: boolean;
  valueLike: boolean;
  hits: readonly LabelHit[];
}

/** Reports repeat the same few hundred texts: each is looked at once, within a bound. */
const textInfos = new BoundedMap<string, TextInfo>(50000);

const FIGURE: TextInfo = { empty: false, valueLike: true, hits: NO_HITS };

function textInfo(raw: RawValue): TextInfo {
  // Figures (numbers, or plain digits as text) are most of a table: told apart without a lookup.
  if (typeof raw === 'number') return FIGURE;
  if (typeof raw !== 'string') {
    const text = rawToText(raw);
    return { empty: text === '', valueLike: false, hits: labelDictionary().hitsOf(text) };
  }
  if (isDigits(raw)) return FIGURE;
  let info = textInfos.get(raw);
  if (!info) {
    const valueLike = isValueLike(raw);
    // Figures are never compared with labels: only text cells need the label form.
    const norm = valueLike ? raw : normaliseLabel(raw);
    info = { empty: norm === '', valueLike, hits: valueLike || norm === '' ? NO_HITS : labelDictionary().hitsOf(norm) };
    textInfos.set(raw, info);
  }
  return info;
}

interface Occurrence {
  row: number;
  /** The best score of the label among the row's cells. */
  score: number;
}

/** The rows, and for each dictionary label the rows that carry it, in order. */
interface Rows {
  rows: FlatRow[];
  byLabel: (Occurrence[] | undefined)[];
}

function flatten(grids: readonly Grid[]): Rows {
  const rows: FlatRow[] = [];
  // Filled, not holey: an array with gaps may turn into a slow dictionary.
  const byLabel = new Array<Occurrence[] | undefined>(labelDictionary().labels.length).fill(undefined);
  for (const grid of grids) {
    const width = grid.rows[0]?.cells.length;
    const positional = grid.rows.length > 1 && grid.rows.every((r) => r.cells.length === width);
    for (const row of grid.rows) {
      const rowIndex = rows.length;
      const cells: FlatCell[] = [];
      for (let pos = 0; pos < row.cells.length; pos++) {
        const cell = row.cells[pos];
        if (cell.merged || (positional && isBlank(cell.value))) continue;
        const { empty, valueLike, hits } = textInfo(cell.value);
        cells.push({ raw: cell.value, empty, pos, valueLike, hits });
        for (const hit of hits) {
          const list = byLabel[hit.id];
          if (list === undefined) {
            byLabel[hit.id] = [{ row: rowIndex, score: hit.score }];
            continue;
          }
          // Made with their first occurrence, lists are never read at index −1 (which V8 looks up
          // as a named property, slowly).
          const last = list[list.length - 1];
          if (last.row === rowIndex) last.score = Math.max(last.score, hit.score);
          else list.push({ row: rowIndex, score: hit.score });
        }
      }
      rows.push({ cells, source: row.source, gridName: grid.name, positional, original: positional ? row.cells : undefined, origin: row.origin, width: row.cells.length });
    }
  }
  return { rows, byLabel };
}

interface Problem {
  code: Extract<RuleCode, 'import.tableNotFound' | 'import.partialTable' | 'import.ambiguous'>;
  table: TableId;
  params: Record<string, unknown>;
  cells?: string[];
}

/** The outcome of reading one format's tables from the rows. */
interface Attempt {
  format: FormatDef;
  cells: Record<string, RawValue>;
  /** Each cell read, and the row and cell it came from, in the order read (for `sources`). */
  placed: { ids: string[]; rows: FlatRow[]; cells: FlatCell[] };
  problems: Problem[];
  tables: Record<TableId, boolean>;
}

function sourceOf(row: FlatRow, cell: FlatCell): string {
  return row.origin ? `${row.gridName}!${a1(row.origin.row, row.origin.col + cell.pos)}` : row.source;
}

function place(attempt: Attempt, id: string, row: FlatRow, cell: FlatCell): void {
  attempt.placed.ids.push(id);
  attempt.placed.rows.push(row);
  attempt.placed.cells.push(cell);
}

function sourcesOf({ ids, rows, cells }: Attempt['placed']): Record<string, string> {
  const sources: Record<string, string> = {};
  for (let k = 0; k < ids.length; k++) sources[ids[k]] = sourceOf(rows[k], cells[k]);
  return sources;
}

interface BlockLabels {
  /** The first row of the block whose own (innermost) label has each dictionary id. */
  rowOf: ReadonlyMap<number, number>;
  /** Dictionary ids of the column labels, in order. */
  columns: readonly number[];
}

const blockLabels = new WeakMap<BlockDef, BlockLabels>();

function labelsOf(block: BlockDef): BlockLabels {
  let labels = blockLabels.get(block);
  if (!labels) {
    const dict = labelDictionary();
    const rowOf = new Map<number, number>();
    block.rows.forEach((r, k) => {
      const id = dict.idOf(r.labels[r.labels.length - 1]);
      if (!rowOf.has(id)) rowOf.set(id, k);
    });
    labels = { rowOf, columns: block.columns.map((c) => dict.idOf(c.label)) };
    blockLabels.set(block, labels);
  }
  return labels;
}

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

const blockIds = new WeakMap<BlockDef, string[][]>();

/** Cell ids of a block by row and column index. */
function cellIds(block: BlockDef): string[][] {
  let ids = blockIds.get(block);
  if (!ids) {
    ids = block.rows.map((r) => block.columns.map((c) => `${block.prefix}.${r.id}.${c.id}`));
    blockIds.set(block, ids);
  }
  return ids;
}

/** Finds the first row index in [from, to) one of whose cells matches `label` well enough. */
function findRow(index: Rows, label: string, from = 0, to = index.rows.length, min = 0.9): number {
  for (const o of index.byLabel[labelDictionary().idOf(label)] ?? []) {
    if (o.row >= to) break;
    if (o.row >= from && o.score >= min) return o.row;
  }
  return -1;
}

/**
 * Column positions of a block's values from its header labels, for rectangular grids where
 * value cells sit under their headers. Undefined when the headers are not all found in order.
 */
function headerPositions(rows: readonly FlatRow[], from: number, to: number, labels: readonly number[]): number[] | undefined {
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
 * Picks exactly `n` value cells from a row's cells at `first` and after (in position order), or
 * says why it can't. Walks the row once, allocating only the cells picked: this runs for every
 * row of every table.
 */
function pickValues(row: FlatRow, first: number, n: number, positions: number[] | undefined, from: number): FlatCell[] | { found: number } {
  const { cells } = row;
  if (positions) {
    // Each value under its header; a filled cell elsewhere before the last header is a stray.
    const picked: FlatCell[] = [];
    let i = first;
    for (const p of positions) {
      while (i < cells.length && cells[i].pos < p && cells[i].empty) i++;
      if (i < cells.length && cells[i].pos < p) break;
      const cell = i < cells.length && cells[i].pos === p ? cells[i++] : blankAt(row, p);
      if (!cell) break;
      picked.push(cell);
    }
    if (picked.length === positions.length) return picked;
  }
  // Without header positions, every position from the label on counts, the empty ones included.
  const found: FlatCell[] = [];
  let i = first;
  for (let p = from; p < row.width; p++) {
    while (i < cells.length && cells[i].pos < p) i++;
    const cell = i < cells.length && cells[i].pos === p ? cells[i] : blankAt(row, p);
    if (cell) found.push(cell);
  }
  // Label columns merged in the original often arrive as empty cells before the values …
  let start = 0;
  while (found.length - start > n && found[start].empty) start++;
  // … and a sheet's used range may pad rows with empty cells after them.
  let end = found.length;
  while (end - start > n && found[end - 1].empty) end--;
  if (end - start === n) return start === 0 && end === found.length ? found : found.slice(start, end);
  let filled = 0;
  for (let k = start; k < end; k++) if (!found[k].empty) filled++;
  return { found: filled };
}

interface LabelledRow {
  rowIndex: number;
  defIndex: number;
  cellIndex: number;
  score: number;
}

/**
 * Reads one block (t3, or one 第二十条 block of t2) from rows[from, to): rows found by their
 * labels, rows whose label is scattered over neighbouring lines (PDF text) by their place
 * between found rows.
 */
function readBlock(rows: readonly FlatRow[], from: number, to: number, block: BlockDef, attempt: Attempt): void {
  const labels = labelsOf(block);
  const n = block.columns.length;
  const labelled: LabelledRow[] = [];
  for (let i = from; i < to; i++) {
    let best: LabelledRow | undefined;
    const cells = rows[i].cells;
    for (let cellIndex = 0; cellIndex < cells.length; cellIndex++) {
      if (cells[cellIndex].hits.length === 0) continue;
      const match = bestRow(cells[cellIndex].hits, labels);
      if (match && (!best || match.score > best.score || (match.score === best.score && cellIndex > best.cellIndex))) best = { rowIndex: i, defIndex: match.defIndex, cellIndex, score: match.score };
    }
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
    attempt.problems.push({ code: 'import.ambiguous', table: block.table, params: { reason: 'duplicateRow', block: block.prefix, row: block.rows[d].id, sources: labelled.filter((l) => l.defIndex === d).map((l) => rows[l.rowIndex].source) } });
    byDef.delete(d);
  }

  let firstData = to;
  for (const l of byDef.values()) firstData = Math.min(firstData, l.rowIndex);
  const positions = headerPositions(rows, from, firstData, labels.columns);

  const ids = cellIds(block);
  const assign = (defIndex: number, rowIndex: number, values: FlatCell[]): void => {
    attempt.tables[block.table] = true;
    const row = ids[defIndex];
    for (let k = 0; k < row.length; k++) {
      attempt.cells[row[k]] = values[k].raw;
      place(attempt, row[k], rows[rowIndex], values[k]);
    }
  };

  const taken = new Set<number>();
  for (const l of byDef.values()) {
    const row = rows[l.rowIndex];
    const picked = pickValues(row, l.cellIndex + 1, n, positions, row.cells[l.cellIndex].pos + 1);
    taken.add(l.rowIndex);
    if (Array.isArray(picked)) assign(l.defIndex, l.rowIndex, picked);
    else attempt.problems.push({ code: 'import.ambiguous', table: block.table, params: { reason: 'cellCount', block: block.prefix, row: block.rows[l.defIndex].id, expected: n, found: picked.found, source: row.source } });
  }

  // Rows whose label did not survive (PDF text breaks labels over lines): exactly n value
  // cells, preceded by nothing but unrecognised text.
  const unlabelled: number[] = [];
  for (let i = from; i < to; i++) {
    if (!taken.has(i) && endsInFigures(rows[i].cells, n)) unlabelled.push(i);
  }

  // Fill each gap between found rows (in table order) with the unlabelled rows lying between them.
  const anchors = [...byDef.values()].sort((a, b) => a.defIndex - b.defIndex);
  const outOfOrder = anchors.some((a, k) => k > 0 && a.rowIndex < anchors[k - 1].rowIndex);
  if (outOfOrder) {
    attempt.problems.push({ code: 'import.ambiguous', table: block.table, params: { reason: 'rowOrder', block: block.prefix } });
    return;
  }
  const bounds = [{ defIndex: -1, rowIndex: from - 1 }, ...anchors, { defIndex: block.rows.length, rowIndex: to }];
  const missing: string[] = [];
  for (let k = 1; k < bounds.length; k++) {
    // Found rows are mostly consecutive: no gap to fill.
    if (bounds[k].defIndex === bounds[k - 1].defIndex + 1) continue;
    const gapDefs = range(bounds[k - 1].defIndex + 1, bounds[k].defIndex);
    const gapRows = unlabelled.filter((i) => i > bounds[k - 1].rowIndex && i < bounds[k].rowIndex);
    if (gapRows.length === gapDefs.length && anchors.length > 0) {
      gapDefs.forEach((d, j) => {
        const row = rows[gapRows[j]];
        const cells = row.cells.filter((c) => !c.empty);
        assign(d, gapRows[j], cells.slice(cells.length - n));
      });
    } else if (gapRows.length === 0 || anchors.length === 0) {
      missing.push(...gapDefs.map((d) => block.rows[d].id));
    } else {
      attempt.problems.push({ code: 'import.ambiguous', table: block.table, params: { reason: 'unlabelledRows', block: block.prefix, rows: gapDefs.map((d) => block.rows[d].id), found: gapRows.length, sources: gapRows.map((i) => rows[i].source) } });
    }
  }
  if (missing.length > 0 && missing.length < block.rows.length) {
    attempt.problems.push({ code: 'import.partialTable', table: block.table, params: { block: block.prefix, missingRows: missing } });
  }
}

/** Whether a row's filled cells hold exactly `n` figures, and those are its last `n` filled cells. */
function endsInFigures(cells: readonly FlatCell[], n: number): boolean {
  let figures = 0;
  for (const c of cells) if (c.valueLike) figures++;
  if (figures !== n) return false;
  // Figures are never empty: the row qualifies when its last n filled cells are all figures.
  let seen = 0;
  for (let k = cells.length - 1; k >= 0 && seen < n; k--) {
    if (cells[k].empty) continue;
    if (!cells[k].valueLike) return false;
    seen++;
  }
  return true;
}

function range(from: number, to: number): number[] {
  const list: number[] = [];
  for (let k = from; k < to; k++) list.push(k);
  return list;
}

/** t4: one value row of 15 cells under the 行政复议 / 行政诉讼 header (which PDF text scatters over lines). */
function readT4(rows: readonly FlatRow[], from: number, to: number, block: BlockDef, attempt: Attempt): void {
  const review = labelDictionary().idOf('行政复议');
  const left = rows[from].cells.find((c) => scoreOf(c.hits, review) >= 0.9)?.pos ?? 0;
  const n = block.rows.length * block.columns.length;
  // The value row is the first one holding any figure; everything before it is header.
  const last = Math.min(to, from + 30);
  let r = from + 1;
  while (r < last && !rows[r].cells.some((c) => c.valueLike && c.pos >= left)) r++;
  if (r >= last) {
    attempt.problems.push({ code: 'import.partialTable', table: 't4', params: { block: 't4', missingRows: block.rows.map((g) => g.id) } });
    return;
  }
  const row = rows[r];
  const columns = labelsOf(block).columns;
  const positions = headerPositions(rows, from, r, block.rows.flatMap(() => columns));
  const first = row.cells.findIndex((c) => c.pos >= left);
  const picked = pickValues(row, first < 0 ? row.cells.length : first, n, positions, left);
  if (!Array.isArray(picked)) {
    attempt.problems.push({ code: 'import.ambiguous', table: 't4', params: { reason: 'cellCount', block: 't4', expected: n, found: picked.found, source: row.source } });
    return;
  }
  attempt.tables.t4 = true;
  cellIds(block).forEach((group, g) =>
    group.forEach((id, k) => {
      const cell = picked[g * block.columns.length + k];
      attempt.cells[id] = cell.raw;
      place(attempt, id, row, cell);
    }),
  );
}

/** Where each table starts: the first of its distinctive labels. */
function tableAnchors(index: Rows, format: FormatDef): Record<TableId, number> {
  const t2Titles = format.blocks.filter((b) => b.table === 't2').map((b) => b.title ?? '');
  const t2 = Math.min(...t2Titles.map((t) => findRow(index, t)).filter((i) => i >= 0), Infinity);
  const t3Block = format.blocks.find((b) => b.table === 't3') as BlockDef;
  const t3Candidates = [findRow(index, '申请人情况'), findRow(index, t3Block.rows[0].labels[0]), findRow(index, t3Block.rows[1].labels[0])].filter((i) => i >= 0);
  const t3 = t3Candidates.length > 0 ? Math.min(...t3Candidates) : Infinity;
  const t4 = t4Headers(index, 0.95)[0] ?? -1;
  return { t2: Number.isFinite(t2) ? t2 : -1, t3: Number.isFinite(t3) ? t3 : -1, t4 };
}

/** Rows carrying 行政复议 (at least `min`) with 行政诉讼 on them or the two rows below: t4's header. */
function t4Headers(index: Rows, min: number): number[] {
  const review = index.byLabel[labelDictionary().idOf('行政复议')] ?? [];
  return review.filter((o) => o.score >= min && findRow(index, '行政诉讼', o.row, Math.min(index.rows.length, o.row + 3)) >= 0).map((o) => o.row);
}

/** Rows carrying a table's signature label; more than one means two copies of the table. */
function signatureRows(index: Rows, format: FormatDef, table: TableId): number[] {
  if (table === 't4') return t4Headers(index, 0.9);
  const label = table === 't2' ? (format.blocks.find((b) => b.table === 't2')?.title ?? '') : '一、本年新收政府信息公开申请数量';
  return (index.byLabel[labelDictionary().idOf(label)] ?? []).filter((o) => o.score >= 0.9).map((o) => o.row);
}

function attemptFormat(index: Rows, format: FormatDef): Attempt {
  const { rows } = index;
  const attempt: Attempt = { format, cells: {}, placed: { ids: [], rows: [], cells: [] }, problems: [], tables: { t2: false, t3: false, t4: false } };
  const anchors = tableAnchors(index, format);
  const starts = (Object.values(anchors) as number[]).filter((i) => i >= 0).sort((a, b) => a - b);
  const endOf = (start: number): number => starts.find((s) => s > start) ?? rows.length;
  for (const table of ['t2', 't3', 't4'] as TableId[]) {
    const start = anchors[table];
    if (start < 0) {
      attempt.problems.push({ code: 'import.tableNotFound', table, params: {} });
      continue;
    }
    const copies = signatureRows(index, format, table);
    if (copies.length > 1) {
      attempt.problems.push({ code: 'import.ambiguous', table, params: { reason: 'duplicateTable', sources: copies.map((i) => rows[i].source) } });
      continue;
    }
    const end = endOf(start);
    const blocks = format.blocks.filter((b) => b.table === table);
    if (table === 't4') readT4(rows, start, end, blocks[0], attempt);
    else if (table === 't3') readBlock(rows, start, end, blocks[0], attempt);
    else {
      const titleRows = blocks.map((b) => findRow(index, b.title ?? '', start, end));
      blocks.forEach((b, k) => {
        if (titleRows[k] < 0) {
          attempt.problems.push({ code: 'import.partialTable', table, params: { block: b.prefix, missingRows: b.rows.map((r) => r.id) } });
          return;
        }
        const next = titleRows.filter((r) => r > titleRows[k]);
        readBlock(rows, titleRows[k], next.length > 0 ? Math.min(...next) : end, b, attempt);
      });
    }
  }
  // A table whose anchor was seen but none of whose rows could be read is not found.
  for (const table of ['t2', 't3', 't4'] as TableId[]) {
    if (anchors[table] >= 0 && !attempt.tables[table] && !attempt.problems.some((p) => p.table === table && p.code === 'import.ambiguous')) {
      attempt.problems = attempt.problems.filter((p) => p.table !== table);
      attempt.problems.push({ code: 'import.tableNotFound', table, params: { anchor: rows[anchors[table]].source } });
    }
  }
  return attempt;
}

function toFinding(p: Problem, format: FormatDef): Finding {
  const cells = p.cells ?? (typeof p.params.block === 'string' ? missingCells(format, p) : []);
  return { code: p.code, severity: severityOf(p.code), cells, expected: null, actual: null, difference: null, params: { table: p.table, ...p.params } };
}

function missingCells(format: FormatDef, p: Problem): string[] {
  const rowsOf = (p.params.missingRows ?? (p.params.row ? [p.params.row] : p.params.rows)) as string[] | undefined;
  if (!rowsOf) return [];
  const prefix = `${p.params.block as string}.`;
  return [...cellsOf(format).keys()].filter((id) => id.startsWith(prefix) && rowsOf.includes(id.slice(prefix.length).split('.')[0]));
}

/** Labels printed by exactly one format (t2 columns and rows, 2021's 其他处理 items): dictionary id → owner. */
let distinguishing: ReadonlyMap<number, FormatDef> | undefined;

function distinguishingLabels(): ReadonlyMap<number, FormatDef> {
  if (!distinguishing) {
    const dict = labelDictionary();
    const sets = formats.map((f) => new Set(printedLabels(f).map((l) => dict.idOf(l))));
    const owners = new Map<number, FormatDef>();
    sets.forEach((set, k) => {
      for (const id of set) if (!sets.some((other, j) => j !== k && other.has(id))) owners.set(id, formats[k]);
    });
    distinguishing = owners;
  }
  return distinguishing;
}

/** The format whose own labels the grids carry most, or undefined when they do not tell. */
function detectFormat(rows: readonly FlatRow[]): FormatDef | undefined {
  const owners = distinguishingLabels();
  const votes = new Map<FormatDef, number>();
  for (const row of rows) {
    for (const c of row.cells) {
      // A cell votes for the owner of the distinguishing label it matches best (ties: the first).
      let best: LabelHit | undefined;
      for (const hit of c.hits) if (owners.has(hit.id) && (!best || hit.score > best.score)) best = hit;
      if (!best || best.score < 0.9) continue;
      const owner = owners.get(best.id) as FormatDef;
      votes.set(owner, (votes.get(owner) ?? 0) + 1);
    }
  }
  const ranked = [...votes.entries()].sort((a, b) => b[1] - a[1]);
  return ranked.length > 0 && (ranked.length === 1 || ranked[0][1] > ranked[1][1]) ? ranked[0][0] : undefined;
}

export function recognise(grids: readonly Grid[], options: RecogniseOptions = {}): Recognition {
  const index = flatten(grids);
  // Decide the format from the labels only one format prints, then read the tables once.
  let detected = options.format ? undefined : detectFormat(index.rows);
  const preferred = options.format ?? detected ?? (options.year !== undefined ? formatForYear(options.year) : undefined) ?? (getFormat(DEFAULT_FORMAT_ID) as FormatDef);
  let attempt = attemptFormat(index, preferred);
  if (!options.format && !detected) {
    // No format-only label (e.g. t3 alone): the format whose rows read without problems wins.
    const others = formats.filter((f) => f !== preferred).map((f) => attemptFormat(index, f));
    const better = others.filter((a) => a.problems.length < attempt.problems.length).sort((a, b) => a.problems.length - b.problems.length)[0];
    if (better) {
      attempt = better;
      detected = better.format;
    }
  }
  const format = attempt.format;
  return new RecognitionResult(
    format,
    options.format !== undefined || detected !== undefined,
    attempt.tables,
    attempt.cells,
    attempt.placed,
    attempt.problems.map((p) => toFinding(p, format)),
  );
}

/**
 * A recognition whose sources are worked out on first use. A class, because a getter in an
 * object literal gives every result its own hidden class, which cost more than recognition.
 */
class RecognitionResult implements Recognition {
  private located?: Record<string, string>;

  constructor(
    readonly format: FormatDef,
    readonly formatDetected: boolean,
    readonly tables: Record<TableId, boolean>,
    readonly cells: Record<string, RawValue>,
    private readonly placed: Attempt['placed'],
    readonly findings: Finding[],
  ) {}

  get sources(): Record<string, string> {
    this.located ??= sourcesOf(this.placed);
    return this.located;
  }
}
