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
