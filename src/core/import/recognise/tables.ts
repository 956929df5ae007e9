/**
 * Finding the three tables in the rows by their distinctive labels and reading each with the
 * blocks of one format. Two copies of a table (two reports in one file) are not read at all.
 */
import type { BlockDef, FormatDef, TableId } from '../../formats/types';
import { readBlock, readT4 } from './blocks';
import { newReading, type Reading } from './reading';
import { DICTIONARY, findRow, type Rows } from './rows';

const TABLES: readonly TableId[] = ['t2', 't3', 't4'];

/** Rows carrying 行政复议 (at least `min`) with 行政诉讼 on them or the two rows below: t4's header. */
function t4Headers(index: Rows, min: number): number[] {
  const review = index.byLabel[DICTIONARY.idOf('行政复议')];
  return review.filter((o) => o.score >= min && findRow(index, '行政诉讼', o.row, Math.min(index.rows.length, o.row + 3)) >= 0).map((o) => o.row);
}

/** Where each table starts: the first of its distinctive labels (−1 where none is found). */
function tableAnchors(index: Rows, format: FormatDef): Record<TableId, number> {
  const first = (rows: number[]): number => {
    const found = rows.filter((i) => i >= 0);
    return found.length > 0 ? Math.min(...found) : -1;
  };
  const t3Block = format.blocks.find((b) => b.table === 't3') as BlockDef;
  return {
    t2: first(format.blocks.filter((b) => b.table === 't2').map((b) => findRow(index, b.title ?? ''))),
    t3: first([findRow(index, '申请人情况'), findRow(index, t3Block.rows[0].labels[0]), findRow(index, t3Block.rows[1].labels[0])]),
    t4: t4Headers(index, 0.95)[0] ?? -1,
  };
}

/** Rows carrying a table's signature label; more than one means two copies of the table. */
function signatureRows(index: Rows, format: FormatDef, table: TableId): number[] {
  if (table === 't4') return t4Headers(index, 0.9);
  const label = table === 't2' ? (format.blocks.find((b) => b.table === 't2')?.title ?? '') : '一、本年新收政府信息公开申请数量';
  return index.byLabel[DICTIONARY.idOf(label)].filter((o) => o.score >= 0.9).map((o) => o.row);
}

/** t2: each 第二十条 block from its title row to the next title (or the table's end). */
function readT2(index: Rows, from: number, to: number, blocks: readonly BlockDef[], reading: Reading): void {
  const titleRows = blocks.map((b) => findRow(index, b.title ?? '', from, to));
  blocks.forEach((b, k) => {
    if (titleRows[k] < 0) {
      reading.problems.push({ code: 'import.partialTable', table: 't2', params: { block: b.prefix, missingRows: b.rows.map((r) => r.id) } });
      return;
    }
    const next = titleRows.filter((r) => r > titleRows[k]);
    readBlock(index.rows, titleRows[k], next.length > 0 ? Math.min(...next) : to, b, reading);
  });
}

/** Reads the tables as `format` prints them. */
export function readTables(index: Rows, format: FormatDef): Reading {
  const { rows } = index;
  const reading = newReading(format);
  const anchors = tableAnchors(index, format);
  const starts = Object.values(anchors).filter((i) => i >= 0);
  const endOf = (start: number): number => Math.min(rows.length, ...starts.filter((s) => s > start));
  for (const table of TABLES) {
    const start = anchors[table];
    if (start < 0) {
      reading.problems.push({ code: 'import.tableNotFound', table, params: {} });
      continue;
    }
    const copies = signatureRows(index, format, table);
    if (copies.length > 1) {
      reading.problems.push({ code: 'import.ambiguous', table, params: { reason: 'duplicateTable', sources: copies.map((i) => rows[i].source) } });
      continue;
    }
    const blocks = format.blocks.filter((b) => b.table === table);
    if (table === 't2') readT2(index, start, endOf(start), blocks, reading);
    else if (table === 't3') readBlock(rows, start, endOf(start), blocks[0], reading);
    else readT4(rows, start, endOf(start), blocks[0], reading);
  }
  // A table whose anchor was seen but none of whose rows could be read is not found.
  for (const table of TABLES) {
    if (anchors[table] >= 0 && !reading.tables[table] && !reading.problems.some((p) => p.table === table && p.code === 'import.ambiguous')) {
      reading.problems = reading.problems.filter((p) => p.table !== table);
      reading.problems.push({ code: 'import.tableNotFound', table, params: { anchor: rows[anchors[table]].source } });
    }
  }
  return reading;
}
