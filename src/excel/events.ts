import { parseA1 } from '../core/template/a1';
import { SYNC_TIMEOUT_MS, withTimeout } from './run';

/**
 * Live validation trigger: listens to workbook changes, drops the add-in's own writes and
 * changes outside the watched sheet WITHOUT a sync, and coalesces bursts (a paste of thousands
 * of cells, typing fast) into one call.
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
  const handler = async (event: Excel.WorksheetChangedEventArgs): Promise<void> => {
    // Our own writes (template, marks) fire onChanged too; they are not the user's edits.
    if (event.triggerSource === 'ThisLocalAddin') return;
    if (!filter || event.worksheetId !== filter.worksheetId) return;
    if (filter.bounds && !touches(event.address, filter.bounds)) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      onChange();
    }, delayMs);
  };
  let registration: OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs> | undefined;
  await Excel.run(async (context) => {
    registration = context.workbook.worksheets.onChanged.add(handler);
    await context.sync();
  });
  return {
    watch(next) {
      filter = next;
    },
    async stop() {
      if (timer !== undefined) clearTimeout(timer);
      if (!registration) return;
      const r = registration;
      registration = undefined;
      // A hung Excel must not hang the pane's shutdown: the handler dies with the runtime anyway.
      await withTimeout(
        Excel.run(r.context, async (context) => {
          r.remove();
          await context.sync();
        }),
        SYNC_TIMEOUT_MS,
      ).catch(() => undefined);
    },
  };
}
