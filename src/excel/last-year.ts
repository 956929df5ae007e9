/**
 * 「从上年报告开始」 in the workbook: the remembered last-year report, and this year's cells
 * prefilled from it without overwriting anything the user typed.
 *
 * Where the figures are kept: cell A1 of a very hidden worksheet, as JSON text. It is saved with
 * the workbook and read the same way in Excel on the web, Windows and Mac (and kept by WPS);
 * the user cannot stumble on it in the sheet tabs. The alternatives lose it: worksheet custom
 * properties are not copied with a sheet (office-js #5486), a name's text constant holds at most
 * 255 characters (a report's cells need some 5,000), and custom XML parts are not kept by WPS.
 * It is the workbook's, not a sheet's: a template sheet copied within the workbook (what staff do
 * every January) still finds it.
 */
import { parseLastYear, serialiseLastYear, type RememberedLastYear } from '../core/template/last-year';
import { timed } from './run';

export const LAST_YEAR_SHEET = '年报助手_上年数据';

/** The remembered report, or undefined. Two syncs when there is one, one when not. */
export async function readRemembered(context: Excel.RequestContext): Promise<RememberedLastYear | undefined> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(LAST_YEAR_SHEET);
  await timed(context.sync());
  if (sheet.isNullObject) return undefined;
  const cell = sheet.getRange('A1');
  cell.load('values');
  await timed(context.sync());
  return parseLastYear(cell.values[0]?.[0]);
}

export interface Prefilled {
  /** Cell ids written. */
  filled: string[];
  /** Cell ids that already held something (a figure, text or a formula): left as the user had them. */
  kept: string[];
}

/**
 * Remembers `record` and writes `values` (cell id → number) into the blank ones of `addresses`
 * on the worksheet: two syncs — one to read what the cells hold now, one to write.
 */
export async function prefillAndRemember(
  context: Excel.RequestContext,
  worksheetId: string,
  addresses: Readonly<Record<string, string>>,
  values: Readonly<Record<string, number>>,
  record: RememberedLastYear,
): Promise<Prefilled> {
  const sheet = context.workbook.worksheets.getItem(worksheetId);
  const ids = Object.keys(values).filter((id) => addresses[id] !== undefined);
  const ranges = ids.map((id) => {
    const range = sheet.getRange(addresses[id]);
    // Formulas, not values: a formula of the user's that shows "" is not a blank cell.
    range.load('formulas');
    return range;
  });
  const store = context.workbook.worksheets.getItemOrNullObject(LAST_YEAR_SHEET);
  await context.sync();

  const result: Prefilled = { filled: [], kept: [] };
  ids.forEach((id, k) => {
    const current: unknown = ranges[k].formulas[0]?.[0];
    if (current === '' || current === null || current === undefined) {
      ranges[k].values = [[values[id]]];
      result.filled.push(id);
    } else result.kept.push(id);
  });
  writeRecord(context, store, record);
  await context.sync();
  return result;
}

/** Remembers `record` without touching any sheet of the user's (the current sheet has no template). */
export async function remember(context: Excel.RequestContext, record: RememberedLastYear): Promise<void> {
  const store = context.workbook.worksheets.getItemOrNullObject(LAST_YEAR_SHEET);
  await context.sync();
  writeRecord(context, store, record);
  await context.sync();
}

/** Forgets the remembered report: its sheet is deleted. Two syncs; nothing else changes. */
export async function forgetRemembered(context: Excel.RequestContext): Promise<void> {
  const store = context.workbook.worksheets.getItemOrNullObject(LAST_YEAR_SHEET);
  await context.sync();
  if (store.isNullObject) return;
  store.delete();
  await context.sync();
}

/** Queues the record's write (no sync); `store` has been synced. */
function writeRecord(context: Excel.RequestContext, store: Excel.Worksheet, record: RememberedLastYear): void {
  let sheet = store;
  if (store.isNullObject) {
    sheet = context.workbook.worksheets.add(LAST_YEAR_SHEET);
    sheet.visibility = 'VeryHidden';
  }
  const cell = sheet.getRange('A1');
  // Text format first: the JSON is stored as text, never read as a formula or a number.
  cell.numberFormat = [['@']];
  cell.values = [[serialiseLastYear(record)]];
}

/** The visible worksheets, other than the active one: where last year's report may be. One sync. */
export async function listOtherSheets(context: Excel.RequestContext): Promise<string[]> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name,items/visibility');
  const active = sheets.getActiveWorksheet();
  active.load('name');
  await timed(context.sync());
  return sheets.items.filter((s) => s.visibility === 'Visible' && s.name !== active.name).map((s) => s.name);
}
