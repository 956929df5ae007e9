/**
 * Reading the report on a worksheet in ONE sync: the add-in's own sheets by their names (which
 * survive rows inserted above), any other sheet by recognising the tables in what was read.
 *
 * Real Excel's behaviours that shape this file (modelled in src/fake-excel, tested in
 * test/excel/adapter.test.ts):
 * - Excel on the web answers at most 5 MB and 5,000,000 cells per request (the "resource limits"
 *   page of the Office Add-ins docs). Reading a whole used range failed on every edit of a big
 *   sheet. So no more than READ_LIMIT is read — the top-left rows and columns of the used
 *   range, where the tables of a template sheet sit — and the pane says when a sheet was cut.
 * - Worksheet custom properties are not copied with a sheet (office-js #5486, by design): a copy
 *   of last year's template, which staff make every January, lost them. A template sheet is
 *   recognised by its names (copied with it): the format from SHEET_NAMES.format or from which
 *   cells are named, the year from the title the user sees, the totals setting from
 *   SHEET_NAMES.totals. `propertiesMissing` asks the pane to write them back.
 */
import { cellsOf, formats } from '../core/formats/registry';
import type { Grid, RawValue } from '../core/import/grid';
import { a1, parseA1 } from '../core/template/a1';
import { NAME_PREFIX, SHEET_NAMES } from '../core/template/plan';
import { timed } from './run';
import { LAST_YEAR_SHEET } from './last-year';

/** The most of a sheet one pass reads: a report's tables fit many times over (about 60 × 15). */
export const READ_LIMIT = { rows: 2000, columns: 50 } as const;

export interface SheetRead {
  sheetName: string;
  worksheetId: string;
  /** Set for sheets the add-in inserted (or copies of them). */
  template?: { format: string; year: number; propertiesMissing?: boolean; totals?: string };
  /** Cell id → raw content, for template sheets. */
  cells?: Record<string, RawValue>;
  /** Cell id → address (`D8`), for selecting and for filtering change events. */
  addresses: Record<string, string>;
  /** The used range as a grid, for sheets without the template. */
  grid?: Grid;
  /** The used range's address, for filtering change events. */
  usedAddress?: string;
  /** Set when the used range was larger than READ_LIMIT: how much of it there is. */
  truncated?: { rows: number; columns: number };
  /** Whether the workbook remembers last year's report (read by last-year.ts only when it does). */
  lastYearStored?: boolean;
}

export function readActiveSheet(context: Excel.RequestContext): Promise<SheetRead> {
  return readSheet(context, (worksheets) => worksheets.getActiveWorksheet());
}

/** A worksheet by name (「从上年报告开始」 from a sheet of this workbook): read as the active one is. */
export function readNamedSheet(context: Excel.RequestContext, name: string): Promise<SheetRead> {
  return readSheet(context, (worksheets) => worksheets.getItem(name));
}

async function readSheet(context: Excel.RequestContext, pick: (worksheets: Excel.WorksheetCollection) => Excel.Worksheet): Promise<SheetRead> {
  const worksheets = context.workbook.worksheets;
  const properties = pick(worksheets).customProperties;
  const names = pick(worksheets).names;
  const used = pick(worksheets).getUsedRange();
  // Only the top-left of a big sheet: the whole of it could pass Excel on the web's limits.
  const readable = pick(worksheets).getRangeByIndexes(0, 0, READ_LIMIT.rows, READ_LIMIT.columns).getIntersectionOrNullObject(used);
  // A separate proxy for the scalars keeps navigation and loading apart (the linter's reading of Office.js).
  const sheet = pick(worksheets);
  // Whether last year's figures are remembered: known in this same sync, read only when they are.
  const store = worksheets.getItemOrNullObject(LAST_YEAR_SHEET);
  store.load('id');
  sheet.load('name,id');
  properties.load('items/key,items/value');
  names.load('items/name,items/formula');
  used.load('address,rowIndex,columnIndex,rowCount,columnCount');
  readable.load('values,rowIndex,columnIndex');
  await timed(context.sync());

  const values: RawValue[][] = readable.isNullObject ? [] : (readable.values as RawValue[][]);
  const origin = readable.isNullObject ? { row: 0, col: 0 } : { row: readable.rowIndex, col: readable.columnIndex };
  const at = (row: number, col: number): RawValue => values[row - origin.row]?.[col - origin.col] ?? null;
  const usedEnd = { rows: used.rowIndex + used.rowCount, columns: used.columnIndex + used.columnCount };
  const cut = usedEnd.rows > READ_LIMIT.rows || usedEnd.columns > READ_LIMIT.columns;

  const base = { sheetName: sheet.name, worksheetId: sheet.id, usedAddress: used.address, lastYearStored: !store.isNullObject, ...(cut ? { truncated: usedEnd } : {}) };
  const named = new Map(names.items.map((item) => [item.name, item.formula]));
  const template = recogniseTemplate(
    (key) => properties.items.find((p) => p.key === key)?.value as string | undefined,
    named,
    at,
  );
  if (template) {
    const cells: Record<string, RawValue> = {};
    const addresses: Record<string, string> = {};
    for (const [name, formula] of named) {
      if (!name.startsWith(NAME_PREFIX)) continue;
      const id = name.slice(NAME_PREFIX.length);
      // A deleted row leaves #REF! in the name: the cell is gone, not zero.
      if (/#REF!/.test(formula)) continue;
      const position = parseA1(formula);
      if (!position) continue;
      cells[id] = excelValue(at(position.row, position.col));
      addresses[id] = a1(position.row, position.col);
    }
    return { ...base, template, cells, addresses };
  }
  const grid: Grid = {
    name: sheet.name,
    rows: values.map((line, r) => ({
      source: `${sheet.name}!第${origin.row + r + 1}行`,
      cells: line.map((value) => ({ value: excelValue(value) })),
      origin: { row: origin.row + r, col: origin.col },
    })),
  };
  return { ...base, grid, addresses: {} };
}

/**
 * Is this one of our sheets, and which format and year? The custom properties say so on the
 * sheet the add-in inserted; a copy has only the names and what the sheet shows.
 */
function recogniseTemplate(
  property: (key: string) => string | undefined,
  named: ReadonlyMap<string, string>,
  at: (row: number, col: number) => RawValue,
): SheetRead['template'] | undefined {
  const constant = (name: string): string | undefined => /^="?([^"]*)"?$/.exec(named.get(name) ?? '')?.[1];
  const format = property('nianbao.format') ?? constant(SHEET_NAMES.format) ?? formatOfNames(named);
  if (!format) return undefined;
  // The title is what the user sees and edits (a copy of last year's sheet gets this year's).
  const title = parseA1(named.get(SHEET_NAMES.tables) ?? 'A1');
  const titleYear = title ? /((?:19|20)\d\d)\s*年/.exec(String(at(title.row, title.col) ?? ''))?.[1] : undefined;
  const year = Number(titleYear ?? property('nianbao.year') ?? constant(SHEET_NAMES.year));
  const totals = property('nianbao.totals') ?? constant(SHEET_NAMES.totals);
  return { format, year, ...(totals ? { totals } : {}), ...(property('nianbao.format') ? {} : { propertiesMissing: true }) };
}

/** The format whose cells are the sheet's `NB_` names (a sheet from before the format had a name of its own). */
function formatOfNames(named: ReadonlyMap<string, string>): string | undefined {
  const ids = [...named.keys()].filter((n) => n.startsWith(NAME_PREFIX)).map((n) => n.slice(NAME_PREFIX.length));
  if (ids.length === 0) return undefined;
  // The smallest format naming every cell: one format's cells may be a subset of another's.
  const fitting = formats.filter((f) => ids.every((id) => cellsOf(f).has(id)));
  return fitting.sort((x, y) => cellsOf(x).size - cellsOf(y).size)[0]?.id;
}

/** Excel hands back '' for an empty cell; error values (`#REF!`) stay text, which parsing reads as errors. */
function excelValue(value: RawValue): RawValue {
  return value === '' ? null : value;
}
