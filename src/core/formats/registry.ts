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

const cellIndex = new WeakMap<FormatDef, Map<string, CellDef>>();

/** Every value cell of a format, by id, in table order (t2 blocks, t3 rows, t4 groups). */
export function cellsOf(format: FormatDef): Map<string, CellDef> {
  let index = cellIndex.get(format);
  if (!index) {
    index = new Map();
    for (const block of format.blocks) {
      for (const row of block.rows) {
        for (const column of block.columns) {
          const id = `${block.prefix}.${row.id}.${column.id}`;
          index.set(id, { id, block, row, column });
        }
      }
    }
    cellIndex.set(format, index);
  }
  return index;
}

export function blockOf(format: FormatDef, prefix: string): BlockDef | undefined {
  return format.blocks.find((b) => b.prefix === prefix);
}
