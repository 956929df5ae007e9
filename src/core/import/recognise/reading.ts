/** What reading one format's tables from the rows produces: cells, their sources, and the problems met. */
import type { FormatDef, TableId } from '../../formats/types';
import type { RuleCode } from '../../rules/codes';
import type { RawValue } from '../grid';
import { sourceOf, type Row, type RowCell } from './rows';

/** Something that kept a table from being read as it is; becomes an `import.*` finding. */
export interface Problem {
  code: Extract<RuleCode, 'import.tableNotFound' | 'import.partialTable' | 'import.ambiguous' | 'import.reconstructed'>;
  table: TableId;
  params: Record<string, unknown>;
}

export interface Reading {
  format: FormatDef;
  /** Raw content of every value cell read, by cell id. */
  raw: Record<string, RawValue>;
  /** Where each cell was read from, by cell id. */
  sources: Record<string, string>;
  problems: Problem[];
  tables: Record<TableId, boolean>;
}

export function newReading(format: FormatDef): Reading {
  return { format, raw: {}, sources: {}, problems: [], tables: { t2: false, t3: false, t4: false } };
}

/** Records that cell `id` of `table` holds what `cell` of `row` holds. */
export function readCell(reading: Reading, table: TableId, id: string, row: Row, cell: RowCell): void {
  reading.tables[table] = true;
  reading.raw[id] = cell.raw;
  reading.sources[id] = sourceOf(row, cell);
}
