/**
 * The grids as rows of classified cells: each cell's text looked at once (empty, a figure, or
 * the dictionary labels it carries), and an index of which rows carry which label.
 */
import { formats } from '../../formats/registry';
import type { FormatDef } from '../../formats/types';
import { BoundedMap } from '../../memo';
import { a1 } from '../../template/a1';
import { parseCell, rawToText } from '../../values/parse';
import type { Grid, GridRow, RawValue } from '../grid';
import { LabelDictionary, normaliseLabel, type LabelHit } from '../labels';

export interface RowCell {
  raw: RawValue;
  /** Blank, or white space only. */
  empty: boolean;
  /** Position in the original row, merged cells included (a column index for sheets and HTML). */
  pos: number;
  /** A figure (`12`, `12件`, `增3`, `1,234`). */
  valueLike: boolean;
  /** The dictionary labels the text matches (none for figures and empty cells). */
  hits: readonly LabelHit[];
}

export interface Row {
  /** The row's cells, merged positions left out. */
  cells: RowCell[];
  source: string;
  gridName: string;
  /** Rows of a rectangular grid (sheet, HTML table) share column positions. */
  positional: boolean;
  origin?: GridRow['origin'];
  /** Positions in the original row, merged cells included. */
  width: number;
}

export interface Occurrence {
  row: number;
  /** The best score of the label among the row's cells. */
  score: number;
}

/** The rows, and for each dictionary label the rows that carry it, in order. */
export interface Rows {
  rows: Row[];
  byLabel: Occurrence[][];
}

/** A format's printed labels: block titles, row labels at each level, column labels. */
export function printedLabels(format: FormatDef): string[] {
  return format.blocks.flatMap((b) => [...(b.title ? [b.title] : []), ...b.rows.flatMap((r) => r.labels), ...b.columns.map((c) => c.label)]);
}

/** Every label recognition looks for: each format's printed labels and its column group headers. */
export const DICTIONARY = new LabelDictionary(
  formats.flatMap((f) => [
    ...printedLabels(f),
    ...f.blocks.flatMap((b) => b.columns.flatMap((c) => (c.group ? [c.group] : []))),
    ...f.layouts.flatMap((l) => (l.groups ?? []).map((g) => g.label)),
  ]),
);

/** What recognition needs of a cell's text. */
interface TextInfo extends Pick<RowCell, 'empty' | 'valueLike' | 'hits'> {
  /** The labels the text is cut into when it is several written together (see `labelRun`). */
  labelRun?: readonly string[];
}

const FIGURE: TextInfo = { empty: false, valueLike: true, hits: [] };
const EMPTY: TextInfo = { empty: true, valueLike: false, hits: [] };
const DIGITS = /^\d+$/;

/** Reports repeat the same few hundred texts: each is classified once, within a bound. */
const textInfos = new BoundedMap<string, TextInfo>(50_000);

function classify(text: string): TextInfo {
  const parsed = parseCell(text, 'change');
  if (parsed.value !== null && !parsed.issues.some((i) => i.code === 'cell.blank')) return FIGURE;
  const label = normaliseLabel(text);
  if (label === '') return EMPTY;
  const hits = DICTIONARY.hitsOf(label);
  return { empty: false, valueLike: false, hits, labelRun: hits.some((h) => h.score >= 0.9) ? undefined : labelRun(label) };
}

function textInfo(raw: RawValue): TextInfo {
  // Empty cells (most of a sheet's used range) and figures (most of a table) need no lookup.
  if (raw === null || raw === '') return EMPTY;
  if (typeof raw === 'number' || (typeof raw === 'string' && DIGITS.test(raw))) return FIGURE;
  const text = rawToText(raw);
  let info = textInfos.get(text);
  if (!info) {
    info = classify(text);
    textInfos.set(text, info);
  }
  return info;
}

/** Labels a longer text may be cut into: the dictionary's by their first character, longest first. */
const BY_FIRST = new Map<string, string[]>();
for (const label of [...DICTIONARY.labels].sort((a, b) => b.length - a.length)) {
  const list = BY_FIRST.get(label[0]) ?? [];
  list.push(label);
  BY_FIRST.set(label[0], list);
}
/** Text between labels that the cut leaves over, at most this share of the whole. */
const MAX_LEFT_OVER = 1 / 3;

/**
 * A text cell that is several labels written together (a page scraped without its cell breaks:
 * `行政复议行政诉讼结果维持结果纠正…`), cut at the labels it is made of, longest first from the
 * left; undefined for any other text, sentences (`。`) included. Takes the normalised text.
 */
function labelRun(label: string): string[] | undefined {
  if (label.length < 6 || label.includes('。')) return undefined;
  const parts: string[] = [];
  let leftOver = '';
  let labels = 0;
  for (let i = 0; i < label.length; ) {
    if (leftOver.length > label.length * MAX_LEFT_OVER) return undefined;
    const found = BY_FIRST.get(label[i])?.find((l) => label.startsWith(l, i));
    if (found) {
      if (leftOver !== '') parts.push(leftOver);
      parts.push(found);
      leftOver = '';
      labels++;
      i += found.length;
    } else {
      leftOver += label[i];
      i++;
    }
  }
  if (leftOver !== '') parts.push(leftOver);
  const left = parts.reduce((n, p) => n + (DICTIONARY.labels.includes(p) ? 0 : p.length), 0);
  return labels >= 2 && left <= label.length * MAX_LEFT_OVER ? parts : undefined;
}

/** Flattens the grids into rows of classified cells and indexes the rows by label. */
export function indexRows(grids: readonly Grid[]): Rows {
  const rows: Row[] = [];
  const byLabel = DICTIONARY.labels.map((): Occurrence[] => []);
  for (const grid of grids) {
    const width = grid.rows[0]?.cells.length;
    const positional = grid.rows.length > 1 && grid.rows.every((r) => r.cells.length === width);
    for (const row of grid.rows) {
      const rowIndex = rows.length;
      const cells: RowCell[] = [];
      const add = (raw: RawValue, pos: number, { empty, valueLike, hits }: TextInfo): void => {
        cells.push({ raw, pos, empty, valueLike, hits });
        for (const hit of hits) {
          const list = byLabel[hit.id];
          const last = list.at(-1);
          if (last?.row === rowIndex) last.score = Math.max(last.score, hit.score);
          else list.push({ row: rowIndex, score: hit.score });
        }
      };
      row.cells.forEach((cell, pos) => {
        if (cell.merged) return;
        const info = textInfo(cell.value);
        // A rectangular grid has its cell breaks: only a ragged one (a scraped page) runs labels together.
        const parts = positional ? undefined : info.labelRun;
        if (parts) for (const part of parts) add(part, pos, textInfo(part));
        else add(cell.value, pos, info);
      });
      rows.push({ cells, source: row.source, gridName: grid.name, positional, origin: row.origin, width: row.cells.length });
    }
  }
  return { rows, byLabel };
}

/** Finds the first row index in [from, to) one of whose cells matches `label` well enough. */
export function findRow(index: Rows, label: string, from = 0, to = index.rows.length, min = 0.9): number {
  for (const o of index.byLabel[DICTIONARY.idOf(label)]) {
    if (o.row >= to) break;
    if (o.row >= from && o.score >= min) return o.row;
  }
  return -1;
}

/** Where a cell was read from: its address on a sheet (`Sheet1!D12`), else its row's place. */
export function sourceOf(row: Row, cell: RowCell): string {
  return row.origin ? `${row.gridName}!${a1(row.origin.row, row.origin.col + cell.pos)}` : row.source;
}
