/**
 * Reading the report on a worksheet in ONE sync: the add-in's own sheets by their names (which
 * survive rows inserted above), any other sheet by recognising the tables in its used range.
 */
import type { Grid, RawValue } from '../core/import/grid';
import { a1, parseA1 } from '../core/template/a1';
import { NAME_PREFIX } from '../core/template/plan';
import { timed } from './run';

export interface SheetRead {
  sheetName: string;
  worksheetId: string;
  /** Set for sheets the add-in inserted (worksheet custom properties). */
  template?: { format: string; year: number; checks?: string; totals?: string };
  /** Cell id → raw content, for template sheets. */
  cells?: Record<string, RawValue>;
  /** Cell id → address (`D8`), for selecting and for filtering change events. */
  addresses: Record<string, string>;
  /** The used range as a grid, for sheets without the template. */
  grid?: Grid;
  /** The used range's address, for filtering change events. */
  usedAddress?: string;
}

export async function readActiveSheet(context: Excel.RequestContext): Promise<SheetRead> {
  const worksheets = context.workbook.worksheets;
  const properties = worksheets.getActiveWorksheet().customProperties;
  const names = worksheets.getActiveWorksheet().names;
  const used = worksheets.getActiveWorksheet().getUsedRangeOrNullObject();
  // A separate proxy for the scalars keeps navigation and loading apart (the linter's reading of Office.js).
  const sheet = worksheets.getActiveWorksheet();
  sheet.load('name,id');
  properties.load('items/key,items/value');
  names.load('items/name,items/formula');
  used.load('values,address,rowIndex,columnIndex');
  await timed(context.sync());

  const property = (key: string): string | undefined => properties.items.find((p) => p.key === key)?.value as string | undefined;
  const values: RawValue[][] = used.isNullObject ? [] : (used.values as RawValue[][]);
  const origin = used.isNullObject ? { row: 0, col: 0 } : { row: used.rowIndex, col: used.columnIndex };
  const at = (row: number, col: number): RawValue => values[row - origin.row]?.[col - origin.col] ?? null;

  const base = { sheetName: sheet.name, worksheetId: sheet.id, usedAddress: used.isNullObject ? undefined : used.address };
  const format = property('nianbao.format');
  if (format) {
    const cells: Record<string, RawValue> = {};
    const addresses: Record<string, string> = {};
    for (const item of names.items) {
      if (!item.name.startsWith(NAME_PREFIX)) continue;
      const id = item.name.slice(NAME_PREFIX.length);
      // A deleted row leaves #REF! in the name: the cell is gone, not zero.
      if (/#REF!/.test(item.formula)) continue;
      const position = parseA1(item.formula);
      if (!position) continue;
      cells[id] = excelValue(at(position.row, position.col));
      addresses[id] = a1(position.row, position.col);
    }
    return { ...base, template: { format, year: Number(property('nianbao.year')), checks: property('nianbao.checks'), totals: property('nianbao.totals') }, cells, addresses };
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

/** Excel hands back '' for an empty cell; error values (`#REF!`) stay text, which parsing reads as errors. */
function excelValue(value: RawValue): RawValue {
  return value === '' ? null : value;
}
