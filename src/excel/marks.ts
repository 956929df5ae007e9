/**
 * The add-in's own marks in a sheet: conditional formats whose formula carries the marker, and
 * the check cells beside the tables. Removing them never touches the user's own rules or data.
 *
 * Real Excel's behaviours that shape this file (src/fake-excel models each; the tests in
 * test/excel/adapter.test.ts failed against the earlier code):
 * - Loading `items/custom/rule/formula` on a collection fails as a whole ("This operation is not
 *   permitted for the current object") as soon as one item is not a custom rule — a colour
 *   scale, a data bar, a cell-value rule (office-js #2180). So the types are loaded first, then
 *   the custom items' formulas only.
 * - Rules that share one range — ours do: the red and the amber rule of a block — can fail with
 *   ItemNotFound when read or deleted (#5222, #6827, #6835). A batch that fails is redone one rule
 *   per batch, so a bad rule costs only itself, and the pane says how many were left.
 * - The check cells are found by the sheet-scoped name SHEET_NAMES.checks, which Excel moves when
 *   rows or columns are inserted. Their address kept as worksheet custom property text did not
 *   move, and clearing after an insert cleared the wrong cells, possibly the user's.
 * - `range.select()` needs the range's sheet active (#5118): activate first, then select.
 */
import { MARKER, SHEET_NAMES } from '../core/template/plan';
import { SYNC_TIMEOUT_MS, timed, withTimeout } from './run';

export interface ClearResult {
  /** Our rules deleted. */
  rules: number;
  /** Rules Excel would not read or delete (ours or not: they could not be read). */
  failed: number;
  checkCells: boolean;
}

/**
 * Deletes every conditional format of ours on the active sheet and clears the check cells.
 * Three syncs; when Excel refuses part of the batch, one small batch per rule as well. A write:
 * its syncs are not timed one by one, `runWrite` waits for it (see run.ts).
 */
export async function clearMarks(context: Excel.RequestContext): Promise<ClearResult> {
  const sheet = context.workbook.worksheets.getActiveWorksheet();
  const formats = sheet.getRange().conditionalFormats.load('items/id,items/type');
  const checks = sheet.names.getItemOrNullObject(SHEET_NAMES.checks);
  // A separate proxy for the scalar keeps navigation and loading apart (the linter's reading of Office.js).
  const identity = context.workbook.worksheets.getActiveWorksheet();
  identity.load('id');
  checks.load('name');
  await context.sync();

  const customIds = formats.items.filter((r) => r.type === 'Custom').map((r) => r.id);
  let outcome: { deleted: number; failed: number };
  try {
    outcome = { deleted: await deleteOurRules(context, formats, customIds), failed: 0 };
  } catch {
    outcome = await deleteOurRulesApart(identity.id);
  }
  if (!checks.isNullObject) {
    // The name stays: it is one of the names that say the sheet is ours.
    checks.getRange().clear('Contents');
    await context.sync();
  }
  return { rules: outcome.deleted, failed: outcome.failed, checkCells: !checks.isNullObject };
}

/** Reads the custom rules' formulas and deletes those with the marker: two syncs. */
async function deleteOurRules(context: Excel.RequestContext, formats: Excel.ConditionalFormatCollection, ids: readonly string[]): Promise<number> {
  const rules = ids.map((id) => formats.getItem(id).custom.rule.load('formula'));
  await context.sync();
  const ours = ids.filter((_, k) => rules[k].formula.includes(MARKER));
  for (const id of ours) formats.getItem(id).delete();
  await context.sync();
  return ours.length;
}

/** One batch per custom rule still there, so the rules Excel refuses are only themselves left over. */
async function deleteOurRulesApart(worksheetId: string): Promise<{ deleted: number; failed: number }> {
  const formatsOf = (context: Excel.RequestContext) => context.workbook.worksheets.getItem(worksheetId).getRange().conditionalFormats;
  const remaining = await withTimeout(
    Excel.run({ delayForCellEdit: true }, async (context) => {
      const formats = formatsOf(context).load('items/id,items/type');
      await context.sync();
      return formats.items.filter((r) => r.type === 'Custom').map((r) => r.id);
    }),
    SYNC_TIMEOUT_MS,
  );
  const deleteIfOurs = (id: string): Promise<boolean> =>
    withTimeout(
      Excel.run({ delayForCellEdit: true }, async (context) => {
        const rule = formatsOf(context).getItem(id).custom.rule.load('formula');
        await context.sync();
        if (!rule.formula.includes(MARKER)) return false;
        formatsOf(context).getItem(id).delete();
        await context.sync();
        return true;
      }),
      SYNC_TIMEOUT_MS,
    );
  const outcomes = await Promise.allSettled(remaining.map(deleteIfOurs));
  return {
    deleted: outcomes.filter((o) => o.status === 'fulfilled' && o.value).length,
    failed: outcomes.filter((o) => o.status === 'rejected').length,
  };
}

/**
 * Selects a report cell so the user sees it — the first address (the likely culprit first) — on
 * the sheet that was checked, which need not be the active one any more: that sheet is
 * activated first, as `select()` acts reliably only on the active sheet (#5118).
 */
export async function selectCells(context: Excel.RequestContext, worksheetId: string, addresses: readonly string[]): Promise<void> {
  if (addresses.length === 0) return;
  const sheet = context.workbook.worksheets.getItem(worksheetId);
  sheet.activate();
  sheet.getRange(addresses[0]).select();
  await timed(context.sync());
}
