/** All format versions the product knows. Adding a version = adding a data file here. */
import { format2019 } from './f2019';
import { format2021 } from './f2021';
import type { BlockDef, ColumnDef, FormatDef, RowDef } from './types';

export const formats: readonly FormatDef[] = [format2019, format2021];

export const DEFAULT_FORMAT_ID = '2021';

export function getFormat(id: string): FormatDef | undefined {
  return formats.find((f) => f.id === id);
}

/** The format a report of `year` must use, per the notices' effective dates. */
export function formatForYear(year: number): FormatDef | undefined {
  const covering = formats.find((f) => year >= f.years.from && (f.years.to === undefined || year <= f.years.to));
  // The spec: "year ≤ 2020 uses format 2019" — years before the first format take the first.
  return covering ?? (year < formats[0].years.from ? formats[0] : undefined);
}

/** One value cell of a format, with everything needed to read, check and name it. */
export interface CellDef {
  id: string;
  block: BlockDef;
  row: RowDef;
  column: ColumnDef;
}

function buildCells(format: FormatDef): Map<string, CellDef> {
  const cells = new Map<string, CellDef>();
  for (const block of format.blocks) {
    for (const row of block.rows) {
      for (const column of block.columns) {
        const id = `${block.prefix}.${row.id}.${column.id}`;
        cells.set(id, { id, block, row, column });
      }
    }
  }
  return cells;
}

const CELLS = new Map(formats.map((f) => [f, buildCells(f)]));

/** Every value cell of a format, by id, in table order (t2 blocks, t3 rows, t4 groups). */
export function cellsOf(format: FormatDef): ReadonlyMap<string, CellDef> {
  // A format outside the registry (a test's broken copy) is worked out when asked.
  return CELLS.get(format) ?? buildCells(format);
}

export function blockOf(format: FormatDef, prefix: string): BlockDef | undefined {
  return format.blocks.find((b) => b.prefix === prefix);
}

/** The value cells of some rows of a block (every row when none are named), row by row. */
export function rowCells(block: BlockDef, rowIds?: readonly string[]): string[] {
  const rows = rowIds ? block.rows.filter((r) => rowIds.includes(r.id)) : block.rows;
  return rows.flatMap((r) => block.columns.map((c) => `${block.prefix}.${r.id}.${c.id}`));
}

/** Each block's rows that lack a cell `found` has, with those cells (blocks with nothing missing left out). */
export function missingCells(format: FormatDef, found: (id: string) => boolean): { block: BlockDef; rows: string[]; cells: string[] }[] {
  const result: { block: BlockDef; rows: string[]; cells: string[] }[] = [];
  for (const block of format.blocks) {
    const cells = rowCells(block).filter((id) => !found(id));
    if (cells.length === 0) continue;
    const rows = block.rows.filter((r) => cells.some((id) => id.startsWith(`${block.prefix}.${r.id}.`))).map((r) => r.id);
    result.push({ block, rows, cells });
  }
  return result;
}
