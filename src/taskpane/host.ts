/**
 * What the task pane needs from Excel, as one interface: the real adapter (src/excel) behind
 * Excel.run, or anything else with the same shape. The pane never touches `Excel` itself.
 */
import { runExcel } from '../excel/run';
import { insertTemplate, restoreTemplateProperties, type InsertOptions, type Inserted } from '../excel/template';
import { readActiveSheet, type SheetRead } from '../excel/read';
import { clearMarks, selectCells, type ClearResult } from '../excel/marks';
import { watchChanges, type Watcher } from '../excel/events';
import { openAsWorkbook, readSheetText, writeNarrativeSheet } from '../excel/deliver';

export interface Host {
  insertTemplate(options: InsertOptions): Promise<Inserted>;
  readActiveSheet(): Promise<SheetRead>;
  clearMarks(): Promise<ClearResult>;
  /** Marks a copy of a template sheet as ours again (its custom properties were not copied). */
  restoreTemplateProperties(worksheetId: string, template: { format: string; year: number }): Promise<void>;
  /** Activates the checked sheet (by id) and selects the first address there. */
  selectCells(worksheetId: string, addresses: readonly string[]): Promise<void>;
  watchChanges(onChange: () => void): Promise<Watcher>;
  /** Writes the generated text into a new 「报告正文」 sheet; returns its name. */
  writeNarrative(title: string, paragraphs: readonly { heading: string; text: string }[]): Promise<string>;
  /** Opens an exported .xlsx as a new workbook; false where the host cannot. */
  openWorkbook(bytes: Uint8Array): Promise<boolean>;
  /** The text cells of a sheet in reading order; null when the workbook has no such sheet. */
  readSheetText(name: string): Promise<string[] | null>;
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
    restoreTemplateProperties: (worksheetId, template) => runExcel((context) => restoreTemplateProperties(context, worksheetId, template), write),
    selectCells: (worksheetId, addresses) => runExcel((context) => selectCells(context, worksheetId, addresses), read),
    watchChanges: (onChange) => watchChanges(onChange, options.coalesceMs),
    writeNarrative: (title, paragraphs) => runExcel((context) => writeNarrativeSheet(context, title, paragraphs), write),
    openWorkbook: (bytes) => openAsWorkbook(bytes),
    readSheetText: (name) => runExcel((context) => readSheetText(context, name), read),
  };
}

export const excelHost: Host = createExcelHost();
