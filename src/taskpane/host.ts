/**
 * What the task pane needs from Excel, as one interface: the real adapter (src/excel) behind
 * Excel.run, or anything else with the same shape. The pane never touches `Excel` itself.
 */
import { runExcel, runWrite } from '../excel/run';
import { findInserted, insertTemplate, restoreTemplateProperties, type InsertOptions, type Inserted } from '../excel/template';
import { readActiveSheet, readNamedSheet, type SheetRead } from '../excel/read';
import { forgetRemembered, listOtherSheets, prefillAndRemember, readRemembered, remember, type Prefilled } from '../excel/last-year';
import type { RememberedLastYear } from '../core/template/last-year';
import { clearMarks, selectCells, type ClearResult } from '../excel/marks';
import { watchChanges, type Watcher } from '../excel/events';
import { downloadsWork, openAsWorkbook, readSheetText, writeNarrativeSheet } from '../excel/deliver';

/** Told when a write takes longer than usual; the write is still awaited, never retried. */
export type OnWaiting = () => void;

export interface Host {
  insertTemplate(options: InsertOptions, onWaiting?: OnWaiting): Promise<Inserted>;
  readActiveSheet(): Promise<SheetRead>;
  clearMarks(onWaiting?: OnWaiting): Promise<ClearResult>;
  /** Marks a copy of a template sheet as ours again (its custom properties were not copied). */
  restoreTemplateProperties(worksheetId: string, template: { format: string; year: number; totals?: string }): Promise<void>;
  /** Activates the checked sheet (by id) and selects the first address there. */
  selectCells(worksheetId: string, addresses: readonly string[]): Promise<void>;
  watchChanges(onChange: () => void): Promise<Watcher>;
  /** Writes the generated text into a new 「报告正文」 sheet; returns its name. */
  writeNarrative(title: string, paragraphs: readonly { heading: string; text: string }[], onWaiting?: OnWaiting): Promise<string>;
  /** Opens an exported .xlsx as a new workbook; false where the host cannot. */
  openWorkbook(bytes: Uint8Array): Promise<boolean>;
  /** False in Excel on Mac, whose web view drops downloads (office-js #2700, #3385). */
  downloadsWork(): boolean;
  /** The text cells of a sheet in reading order; null when the workbook has no such sheet. */
  readSheetText(name: string): Promise<string[] | null>;
  /** A worksheet by name, read as the active one is (last year's report on a sheet of this workbook). */
  readSheet(name: string): Promise<SheetRead>;
  /** The visible worksheets other than the active one. */
  listOtherSheets(): Promise<string[]>;
  /** Last year's report as the workbook remembers it. */
  readRemembered(): Promise<RememberedLastYear | undefined>;
  /** Remembers last year's report; with `prefill`, writes its values into the blank ones of its cells. */
  remember(record: RememberedLastYear, prefill?: { worksheetId: string; addresses: Record<string, string>; values: Record<string, number> }, onWaiting?: OnWaiting): Promise<Prefilled>;
  forgetRemembered(): Promise<void>;
}

export interface HostOptions {
  /** How long a read may take before it is abandoned and retried once; a write, before the pane says it is waiting. */
  timeoutMs?: number;
  /** How long a write is waited for in all before its result is looked for. */
  writeGiveUpMs?: number;
  /** Quiet period that coalesces bursts of changes into one check. */
  coalesceMs?: number;
}

/**
 * The host over real Excel (or whatever `Excel` global is installed). Reads time out and are
 * retried once; writes are never abandoned nor retried (run.ts says why).
 */
export function createExcelHost(options: HostOptions = {}): Host {
  const read = { timeoutMs: options.timeoutMs };
  const write = { timeoutMs: options.timeoutMs, giveUpMs: options.writeGiveUpMs };
  return {
    insertTemplate: (insert, onWaiting) => {
      const attempt: Partial<Inserted> = {};
      return runWrite((context) => insertTemplate(context, insert, attempt), { ...write, onWaiting, verify: () => runExcel((context) => findInserted(context, attempt), read) });
    },
    readActiveSheet: () => runExcel((context) => readActiveSheet(context), read),
    clearMarks: (onWaiting) => runWrite((context) => clearMarks(context), { ...write, onWaiting }),
    restoreTemplateProperties: (worksheetId, template) => runWrite((context) => restoreTemplateProperties(context, worksheetId, template), write),
    selectCells: (worksheetId, addresses) => runExcel((context) => selectCells(context, worksheetId, addresses), read),
    watchChanges: (onChange) => watchChanges(onChange, options.coalesceMs),
    writeNarrative: (title, paragraphs, onWaiting) => runWrite((context) => writeNarrativeSheet(context, title, paragraphs), { ...write, onWaiting }),
    openWorkbook: (bytes) => openAsWorkbook(bytes),
    downloadsWork: () => downloadsWork(),
    readSheetText: (name) => runExcel((context) => readSheetText(context, name), read),
    readSheet: (name) => runExcel((context) => readNamedSheet(context, name), read),
    listOtherSheets: () => runExcel((context) => listOtherSheets(context), read),
    readRemembered: () => runExcel((context) => readRemembered(context), read),
    remember: (record, prefill, onWaiting) =>
      runWrite(
        async (context) => {
          if (prefill) return prefillAndRemember(context, prefill.worksheetId, prefill.addresses, prefill.values, record);
          await remember(context, record);
          return { filled: [], kept: [] };
        },
        { ...write, onWaiting },
      ),
    forgetRemembered: () => runWrite((context) => forgetRemembered(context), write),
  };
}

export const excelHost: Host = createExcelHost();
