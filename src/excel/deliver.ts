/**
 * Putting generated text and exports into Excel: the narrative into a new 「报告正文」 sheet (never
 * over an existing one), an exported .xlsx opened as a new workbook where the host allows.
 * The writing batch's syncs are not timed one by one: it runs under `runWrite` (see run.ts).
 */
import { timed } from './run';
import { freeSheetName } from './template';

/** Writes a title and heading/paragraph pairs into a new sheet; returns its name. Two syncs. */
export async function writeNarrativeSheet(context: Excel.RequestContext, title: string, paragraphs: readonly { heading: string; text: string }[]): Promise<string> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  await context.sync();
  const name = freeSheetName('报告正文', sheets.items.map((s) => s.name));
  const sheet = sheets.add(name);
  const rows: string[][] = [[title], ['']];
  const headingRows: number[] = [0];
  for (const p of paragraphs) {
    headingRows.push(rows.length);
    rows.push([p.heading], [p.text], ['']);
  }
  const column = sheet.getRangeByIndexes(0, 0, rows.length, 1);
  // Text, not formulas: a paragraph may start with characters Excel would read as a formula.
  column.numberFormat = rows.map(() => ['@']);
  column.values = rows;
  column.format.wrapText = true;
  column.format.columnWidth = 520;
  for (const r of headingRows) sheet.getRangeByIndexes(r, 0, 1, 1).format.font.bold = true;
  // Not activated: the user stays on the tables the pane checked (a switch would make the pane
  // check 报告正文, which holds none, and 导出 would find no tables); the pane names the sheet.
  await context.sync();
  return name;
}

/**
 * Whether a file can be downloaded from the task pane. Not in Excel on Mac: its web view drops
 * `<a download>` and blob URLs without a word (office-js #2700, #3385), so the pane offers what
 * works there instead of pointing at a download that never came.
 */
export function downloadsWork(): boolean {
  return Office.context.platform !== Office.PlatformType.Mac;
}

/** Opens .xlsx bytes as a new workbook (ExcelApi 1.8); false where the host cannot. */
export async function openAsWorkbook(bytes: Uint8Array): Promise<boolean> {
  if (!Office.context.requirements.isSetSupported('ExcelApi', '1.8') || typeof Excel.createWorkbook !== 'function') return false;
  await Excel.createWorkbook(toBase64(bytes));
  return true;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** The text of a sheet's cells in reading order, one line per non-empty text cell; null when there is no such sheet. Two syncs. */
export async function readSheetText(context: Excel.RequestContext, name: string): Promise<string[] | null> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(name);
  await timed(context.sync());
  // A null object takes no further requests: ask for its cells only once it is known to exist.
  if (sheet.isNullObject) return null;
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load('values');
  await timed(context.sync());
  if (used.isNullObject) return [];
  return (used.values as unknown[][]).flatMap((row) => row.filter((v): v is string => typeof v === 'string' && v.trim() !== ''));
}
