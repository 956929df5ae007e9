import { parseA1 } from '../core/template/a1';
import { SYNC_TIMEOUT_MS, withTimeout } from './run';

/**
 * Live validation trigger: listens to workbook changes, drops the add-in's own writes and
 * changes outside the watched sheet WITHOUT a sync, and coalesces bursts (a paste of thousands
 * of cells, typing fast) into one call. A switch to another sheet (`onActivated`, ExcelApi 1.7)
 * calls it too, so the pane shows the sheet the user is on.
 *
 * Registering is a request like any other: while the user is editing a cell it fails with
 * InvalidOperationInCellEditMode (and on desktop, clicking the task pane does not end cell edit,
 * office-js #806). `watchChanges` then rejects; the pane retries and shows that live checking
 * is off meanwhile. Registration does not wait for the edit to end (no delayForCellEdit), so
 * the pane learns at once that it is off.
 */

export interface ChangeFilter {
  /** The worksheet being checked. */
  worksheetId: string;
  /** Zero-based rows and columns of the tables; changes wholly outside are ignored. */
  bounds?: { top: number; left: number; bottom: number; right: number };
}

/** Whether an event's address (`D8`, `D8:F20`, `Sheet1!A:A`) touches the bounds. */
export function touches(address: string, bounds: NonNullable<ChangeFilter['bounds']>): boolean {
  const local = address.slice(address.lastIndexOf('!') + 1);
  const [first, last = first] = local.split(':');
  const a = parseA1(first);
  const b = parseA1(last);
  // Whole rows or columns (`A:A`, `3:5`) do not parse as cells: treat them as touching.
  if (!a || !b) return true;
  return !(b.row < bounds.top || a.row > bounds.bottom || b.col < bounds.left || a.col > bounds.right);
}

export interface Watcher {
  /** Changes the sheet being watched (after the user switches sheets). */
  watch(filter: ChangeFilter | undefined): void;
  /** Stops listening. */
  stop(): Promise<void>;
}

export const COALESCE_MS = 400;

/**
 * Calls `onChange` at most once per quiet period of `delayMs` after relevant changes. Returns
 * once the handler is registered.
 */
export async function watchChanges(onChange: () => void, delayMs = COALESCE_MS): Promise<Watcher> {
  let filter: ChangeFilter | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let edited = false;
  let activatedId: string | undefined;
  const schedule = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      // A switch back to the sheet already shown — the add-in's own activate() after inserting
      // or selecting — needs no check; onActivated does not tell whose switch it was.
      const needed = edited || (activatedId !== undefined && activatedId !== filter?.worksheetId);
      edited = false;
      activatedId = undefined;
      if (needed) onChange();
    }, delayMs);
  };
  const changed = async (event: Excel.WorksheetChangedEventArgs): Promise<void> => {
    // Our own writes (template, marks) fire onChanged too; they are not the user's edits.
    if (event.triggerSource === 'ThisLocalAddin') return;
    if (!filter || event.worksheetId !== filter.worksheetId) return;
    if (filter.bounds && !touches(event.address, filter.bounds)) return;
    edited = true;
    schedule();
  };
  const activated = async (event: Excel.WorksheetActivatedEventArgs): Promise<void> => {
    activatedId = event.worksheetId;
    schedule();
  };
  let registrations: { context: Excel.RequestContext; results: { remove(): void }[] } | undefined;
  await withTimeout(
    Excel.run(async (context) => {
      const results = [context.workbook.worksheets.onChanged.add(changed), context.workbook.worksheets.onActivated.add(activated)];
      await context.sync();
      registrations = { context, results };
    }),
    SYNC_TIMEOUT_MS,
  );
  return {
    watch(next) {
      filter = next;
    },
    async stop() {
      if (timer !== undefined) clearTimeout(timer);
      if (!registrations) return;
      const r = registrations;
      registrations = undefined;
      // A hung Excel must not hang the pane's shutdown: the handlers die with the runtime anyway.
      await withTimeout(
        Excel.run(r.context, async (context) => {
          for (const result of r.results) result.remove();
          await context.sync();
        }),
        SYNC_TIMEOUT_MS,
      ).catch(() => undefined);
    },
  };
}
