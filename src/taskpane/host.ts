/**
 * What the task pane needs from Excel, as one interface: the real adapter (src/excel) behind
 * Excel.run, or anything else with the same shape. The pane never touches `Excel` itself.
 */
import { runExcel } from '../excel/run';
import { insertTemplate, type InsertOptions, type Inserted } from '../excel/template';
import { readActiveSheet, type SheetRead } from '../excel/read';
import { clearMarks, selectCells, type ClearResult } from '../excel/marks';
import { watchChanges, type Watcher } from '../excel/events';

export interface Host {
  insertTemplate(options: InsertOptions): Promise<Inserted>;
  readActiveSheet(): Promise<SheetRead>;
  clearMarks(): Promise<ClearResult>;
  selectCells(addresses: readonly string[]): Promise<void>;
  watchChanges(onChange: () => void): Promise<Watcher>;
}

export interface HostOptions {
  /** How long a whole Excel batch may take before it is abandoned (and reads retried once). */
  timeoutMs?: number;
  /** Quiet period that coalesces bursts of changes into one check. */
  coalesceMs?: number;
}

/** The host over real Excel (or whatever `Excel` global is installed). Writes are never retried. */
export function createExcelHost(options: HostOptions = {}): Host {
  const read = { timeoutMs: options.timeoutMs };
  const write = { timeoutMs: options.timeoutMs, retries: 0 };
  return {
    insertTemplate: (insert) => runExcel((context) => insertTemplate(context, insert), write),
    readActiveSheet: () => runExcel((context) => readActiveSheet(context), read),
    clearMarks: () => runExcel((context) => clearMarks(context), write),
    selectCells: (addresses) => runExcel((context) => selectCells(context, addresses), read),
    watchChanges: (onChange) => watchChanges(onChange, options.coalesceMs),
  };
}

export const excelHost: Host = createExcelHost();
