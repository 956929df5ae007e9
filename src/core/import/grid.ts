/**
 * The common shape every reader produces: rows of cell texts as they appear on the page or
 * sheet. Recognition (`recognise.ts`) finds the statutory tables in it by their labels, so a
 * reader only has to preserve reading order and cell boundaries.
 */

/** A cell's raw content: text, or a typed value read from a workbook. */
export type RawValue = string | number | boolean | Date | null | { error: string };

export interface GridCell {
  value: RawValue;
  /**
   * True for the covered positions of a merged cell (HTML rowspan/colspan, a merged range in a
   * workbook): they repeat no content of their own and are skipped when counting cells in a row.
   */
  merged?: boolean;
}

/**
 * The cell of every empty position, and of every covered position of a merged cell: shared, so
 * a reader allocates nothing for them, and frozen, as nothing writes to a grid once it is read.
 */
export const EMPTY_CELL: GridCell = Object.freeze({ value: null });
export const MERGED_CELL: GridCell = Object.freeze({ value: null, merged: true });

export interface GridRow {
  cells: GridCell[];
  /** Where the row came from, for messages: e.g. `Sheet1!第12行`, `表格2 第5行`, `第130行`. */
  source: string;
  /**
   * Where the row sits in a sheet (zero-based row and column of its first cell), so each cell
   * has an address (e.g. `D12`) for messages; absent for pages and text.
   */
  origin?: { row: number; col: number };
}

/** A table row as a line of text: its cells' text, tab-separated, line breaks as spaces. */
export function rowLine(row: GridRow): string {
  // Joined in one go: a flat string, where `+=` would leave a rope for `includes` to flatten.
  const texts: string[] = [];
  for (const { value, merged } of row.cells) if (!merged) texts.push(typeof value === 'string' ? value : String(value ?? ''));
  const line = texts.join('\t');
  return line.includes('\n') ? line.replace(/\n/g, ' ') : line;
}

export interface Grid {
  /** Name of the sheet, HTML table or text block, for messages. */
  name: string;
  rows: GridRow[];
}

/**
 * What a reader returns: the grids in document order, plus the document's running text
 * (paragraphs outside tables) where the source has any, for whole-report checks.
 */
export interface ReadResult {
  grids: Grid[];
  /** Plain text lines of the whole document, in order, including table text; absent for workbooks. */
  text?: string[];
  /** For `.json` input: a direct map of cell ids to values, bypassing recognition. */
  cells?: Record<string, RawValue>;
  /** Optional report metadata the file states (JSON input). */
  meta?: { format?: string; year?: number; body?: string };
}
