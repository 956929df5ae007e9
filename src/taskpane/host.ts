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

export const excelHost: Host = {
  insertTemplate: (options) => runExcel((context) => insertTemplate(context, options), { retries: 0 }),
  readActiveSheet: () => runExcel((context) => readActiveSheet(context)),
  clearMarks: () => runExcel((context) => clearMarks(context), { retries: 0 }),
  selectCells: (addresses) => runExcel((context) => selectCells(context, addresses)),
  watchChanges: (onChange) => watchChanges(onChange),
};
