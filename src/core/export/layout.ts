/**
 * The printed layout of a format's tables as a grid of texts with merged ranges: the basis of
 * every export in the official layout (HTML, xlsx, docx) and of generated test reports.
 * Derived from the format data only.
 */
import type { BlockDef, FormatDef, TableId } from '../formats/types';
import { MERGED_CELL, type Grid, type RawValue } from '../import/grid';

export interface Merge {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface LaidOutTable {
  table: TableId;
  heading: string;
  rows: RawValue[][];
  merges: Merge[];
  /** Cell id at each value position, `row:col` → id. */
  ids: Map<string, string>;
}

type Values = Readonly<Record<string, RawValue>>;

const at = (values: Values, id: string): RawValue => (Object.prototype.hasOwnProperty.call(values, id) ? values[id] : null);

/** t2: per block a title row, a header row starting with 信息内容, then its rows. */
function layoutT2(blocks: readonly BlockDef[], values: Values): Omit<LaidOutTable, 'table' | 'heading'> {
  const width = 1 + Math.max(...blocks.map((b) => b.columns.length));
  const rows: RawValue[][] = [];
  const merges: Merge[] = [];
  const ids = new Map<string, string>();
  for (const block of blocks) {
    merges.push({ row: rows.length, col: 0, rows: 1, cols: width });
    rows.push([block.title ?? '', ...Array<RawValue>(width - 1).fill(null)]);
    // Fewer columns than the table is wide: each spans the rest evenly, the last takes the remainder.
    const span = Math.floor((width - 1) / block.columns.length);
    const spanOf = (k: number): number => (k === block.columns.length - 1 ? width - 1 - span * k : span);
    const line = (first: RawValue, cells: RawValue[], rowIndex: number): RawValue[] => {
      const out: RawValue[] = [first];
      cells.forEach((c, k) => {
        if (spanOf(k) > 1) merges.push({ row: rowIndex, col: out.length, rows: 1, cols: spanOf(k) });
        out.push(c, ...Array<RawValue>(spanOf(k) - 1).fill(null));
      });
      return out;
    };
    rows.push(line('信息内容', block.columns.map((c) => c.label), rows.length));
    for (const row of block.rows) {
      const r = rows.length;
      const cells = block.columns.map((c) => at(values, `${block.prefix}.${row.id}.${c.id}`));
      rows.push(line(row.labels[0], cells, r));
      block.columns.forEach((c, k) => ids.set(`${r}:${1 + span * k}`, `${block.prefix}.${row.id}.${c.id}`));
    }
  }
  return { rows, merges, ids };
}

/** t3: 3 label columns, 3 header rows, label cells merged as printed. */
function layoutT3(block: BlockDef, note: string, values: Values): Omit<LaidOutTable, 'table' | 'heading'> {
  const rows: RawValue[][] = [];
  const merges: Merge[] = [{ row: 0, col: 0, rows: 3, cols: 3 }, { row: 0, col: 3, rows: 1, cols: 7 }, { row: 1, col: 3, rows: 2, cols: 1 }, { row: 1, col: 4, rows: 1, cols: 5 }, { row: 1, col: 9, rows: 2, cols: 1 }];
  rows.push([note, null, null, '申请人情况', null, null, null, null, null, null]);
  rows.push([null, null, null, block.columns[0].label, block.columns[1].group ?? '', null, null, null, null, block.columns[6].label]);
  rows.push([null, null, null, null, ...block.columns.slice(1, 6).map((c) => c.label), null]);
  const ids = new Map<string, string>();
  const runs = new Map<string, { start: number; length: number; depth: number }>();
  block.rows.forEach((row) => {
    const r = rows.length;
    const labels = [...row.labels];
    const line: RawValue[] = [null, null, null];
    labels.forEach((label, depth) => {
      const key = `${depth}:${labels.slice(0, depth + 1).join('|')}`;
      const run = runs.get(key);
      if (run && run.start + run.length === r) run.length += 1;
      else {
        runs.set(key, { start: r, length: 1, depth });
        line[depth] = label;
      }
    });
    // The row's own label fills the label columns to its right.
    const own = labels.length - 1;
    merges.push({ row: r, col: own, rows: 1, cols: 3 - own });
    line.push(...block.columns.map((c) => at(values, `t3.${row.id}.${c.id}`)));
    block.columns.forEach((c, k) => ids.set(`${r}:${3 + k}`, `t3.${row.id}.${c.id}`));
    rows.push(line);
  });
  // Group labels shared by consecutive rows (三、本年度办理结果, （三）不予公开 …) merge downwards.
  for (const run of runs.values()) if (run.length > 1) merges.push({ row: run.start, col: run.depth, rows: run.length, cols: 1 });
  return { rows, merges: merges.filter((m) => m.rows > 1 || m.cols > 1), ids };
}

/** t4: group header, sub-group header, column header, one value row of 15. */
function layoutT4(block: BlockDef, values: Values): Omit<LaidOutTable, 'table' | 'heading'> {
  const n = block.columns.length;
  const rows: RawValue[][] = [
    ['行政复议', ...Array<RawValue>(n - 1).fill(null), '行政诉讼', ...Array<RawValue>(2 * n - 1).fill(null)],
    [...block.columns.map((c) => c.label), block.rows[1].labels[1], ...Array<RawValue>(n - 1).fill(null), block.rows[2].labels[1], ...Array<RawValue>(n - 1).fill(null)],
    [...Array<RawValue>(n).fill(null), ...block.columns.map((c) => c.label), ...block.columns.map((c) => c.label)],
    block.rows.flatMap((g) => block.columns.map((c) => at(values, `t4.${g.id}.${c.id}`))),
  ];
  const merges: Merge[] = [
    { row: 0, col: 0, rows: 1, cols: n },
    { row: 0, col: n, rows: 1, cols: 2 * n },
    { row: 1, col: n, rows: 1, cols: n },
    { row: 1, col: 2 * n, rows: 1, cols: n },
    ...block.columns.map((_, k) => ({ row: 1, col: k, rows: 2, cols: 1 })),
  ];
  const ids = new Map<string, string>();
  block.rows.forEach((g, gi) => block.columns.forEach((c, k) => ids.set(`3:${gi * n + k}`, `t4.${g.id}.${c.id}`)));
  return { rows, merges, ids };
}

export function layoutReport(format: FormatDef, values: Values): LaidOutTable[] {
  const heading = (t: TableId): string => format.layouts.find((l) => l.table === t)?.heading ?? t;
  const t3 = format.blocks.find((b) => b.table === 't3') as BlockDef;
  const t4 = format.blocks.find((b) => b.table === 't4') as BlockDef;
  const note = format.layouts.find((l) => l.table === 't3')?.note ?? '';
  return [
    { table: 't2', heading: heading('t2'), ...layoutT2(format.blocks.filter((b) => b.table === 't2'), values) },
    { table: 't3', heading: heading('t3'), ...layoutT3(t3, note, values) },
    { table: 't4', heading: heading('t4'), ...layoutT4(t4, values) },
  ];
}

/** The laid-out tables as reader grids (merged positions marked), as if read back from a sheet. */
export function toGrids(tables: readonly LaidOutTable[]): Grid[] {
  return tables.map((t, k) => {
    const covered = new Set<string>();
    for (const m of t.merges) for (let r = m.row; r < m.row + m.rows; r++) for (let c = m.col; c < m.col + m.cols; c++) if (r !== m.row || c !== m.col) covered.add(`${r}:${c}`);
    const width = Math.max(...t.rows.map((r) => r.length));
    return {
      name: `表格${k + 1}`,
      rows: t.rows.map((row, r) => ({
        source: `表格${k + 1} 第${r + 1}行`,
        cells: Array.from({ length: width }, (_, c) => (covered.has(`${r}:${c}`) ? MERGED_CELL : { value: row[c] ?? null })),
      })),
    };
  });
}
