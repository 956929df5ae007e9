/**
 * The add-in's own marks in a sheet: conditional formats whose formula carries the marker, and
 * the check cells beside the tables. Removing them never touches the user's own rules or data.
 */
import { MARKER } from '../core/template/plan';
import { timed } from './run';

export interface ClearResult {
  rules: number;
  checkCells: boolean;
}

/** Deletes every conditional format of ours on the active sheet and clears the check cells. Two syncs. */
export async function clearMarks(context: Excel.RequestContext): Promise<ClearResult> {
  const sheet = context.workbook.worksheets.getActiveWorksheet();
  const checks = sheet.customProperties.getItemOrNullObject('nianbao.checks');
  // The whole sheet's range: every rule on the sheet, whatever cells it covers.
  const rules = sheet.getRange().conditionalFormats.load('items/type,items/custom/rule/formula');
  checks.load('value');
  await timed(context.sync());

  // Rules have no name or tag: ours are the custom rules whose formula holds the marker.
  const ours = rules.items.filter((r) => r.type === 'Custom' && r.custom.rule.formula.includes(MARKER));
  for (const rule of ours) rule.delete();
  if (!checks.isNullObject) {
    sheet.getRange(String(checks.value)).clear('Contents');
    checks.delete();
  }
  await timed(context.sync());
  return { rules: ours.length, checkCells: !checks.isNullObject };
}

/** Selects a report cell on the active sheet so the user sees it: the first address (the likely culprit first). */
export async function selectCells(context: Excel.RequestContext, addresses: readonly string[]): Promise<void> {
  if (addresses.length === 0) return;
  context.workbook.worksheets.getActiveWorksheet().getRange(addresses[0]).select();
  await timed(context.sync());
}
