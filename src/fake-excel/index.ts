/// <reference types="office-js" />
/**
 * An in-memory Excel for testing the Office.js adapter without Excel. See README.md beside this
 * file for what it models and what it does not.
 *
 *   const fake = createFakeExcel({ sheets: ['表一'] });
 *   fake.workbook.sheet('表一').setValues('A1:B1', [['收到申请', 12]]);
 *   await fake.Excel.run(async (context) => { … await context.sync(); });
 *   expect(fake.stats.syncs).toBe(1);
 *
 * Pure ES2022: no DOM and no Node API, so it also runs in a browser bundle (a preview page).
 */
import { parseA1, sameRect } from './address';
import { FakeClientObject } from './base';
import { FakeRequestContext } from './context';
import * as enums from './enums';
import { ErrorCodes, FakeExcelUnsupported, FakeOfficeError } from './errors';
import { FakeExcelHost, type FakeExcelStats } from './host';
import { createOffice } from './office';
import { sheetSnapshot, workbookSnapshot, type SheetSnapshot, type WorkbookSnapshot } from './snapshot';
import { WorkbookState, type StateDefaults } from './state';
import { FakeUser } from './user';
import { FakeEventHandlerResult } from './workbook';

export interface FakeExcelOptions {
  /** Sheets the workbook starts with (default `['Sheet1']`); the first is active. */
  sheets?: string[];
  /** The highest ExcelApi set this Excel supports (default `'1.14'`, the project's baseline). */
  maxApiVersion?: string;
  /** Other requirement sets, e.g. `{ SharedRuntime: '1.1' }`. */
  requirementSets?: Record<string, string>;
  /** `Office.context.displayLanguage` (default `'zh-CN'`). */
  displayLanguage?: string;
  /** `Office.context.platform` (default `'PC'`; `'OfficeOnline'` for Excel on the web). */
  platform?: string;
  workbookName?: string;
  /** Default font and sizes of empty cells (default 等线 11, row 14.25 pt, column 54 pt). */
  defaults?: Partial<StateDefaults>;
  /** Start with this many failing syncs (GeneralException). */
  failSyncs?: number;
  /** Start with every sync hanging forever. */
  hangSyncs?: boolean;
  /** Start with the user editing a cell. */
  cellEditMode?: boolean;
}

export interface FakeExcelControl {
  /** The next `count` syncs reject with `code` (default GeneralException) and apply nothing. */
  failNextSyncs(count: number, code?: string, message?: string): void;
  /** The next `count` syncs never settle (Excel on the web's hang), default: all of them from now on. */
  hangNextSyncs(count?: number): void;
  /**
   * After `after` more syncs (default 0), the next `count` apply their operations — and fire
   * their events — but never answer: a write Excel did while the add-in heard nothing back.
   */
  loseNextResponses(count: number, options?: { after?: number }): void;
  /** Cell-edit mode: runs without `delayForCellEdit` fail with InvalidOperationInCellEditMode. */
  setCellEditMode(on: boolean): void;
  /** The task pane was reloaded: every registered event handler is gone. */
  reloadAddin(): void;
  /**
   * Excel's bugs with conditional formats that share one range (office-js #5222, #6827, #6835):
   * the formats on `sheet` applying exactly to `address` fail with ItemNotFound when anything
   * but their type is read, or when they are deleted. Returns how many were affected.
   */
  breakConditionalFormats(sheet: string, address: string): number;
}

export interface FakeExcel {
  /** Use as the global `Excel` (or inject it). */
  Excel: typeof Excel;
  Office: typeof Office;
  OfficeExtension: typeof OfficeExtension;
  /** The workbook state: arrange and inspect it directly (no sync, no events). */
  workbook: WorkbookState;
  stats: FakeExcelStats;
  control: FakeExcelControl;
  /** The person at the keyboard: edits that fire onChanged with triggerSource `Unknown`. */
  user: FakeUser;
  snapshot(sheetName: string): SheetSnapshot;
  workbookSnapshot(): WorkbookSnapshot;
  /** Wait until every change event so far has been handled; rethrows a handler's error. */
  flushEvents(): Promise<void>;
  /** Registered onChanged handlers (`'workbook'` for worksheets.onChanged, or a sheet id). */
  listenerCount(scope?: string): number;
  /** Set the globals `Excel`, `Office` and `OfficeExtension`; returns a function that restores them. */
  install(): () => void;
}

type Batch = (context: FakeRequestContext) => unknown;

export function createFakeExcel(options: FakeExcelOptions = {}): FakeExcel {
  const state = new WorkbookState(options.defaults);
  for (const name of options.sheets ?? ['Sheet1']) state.addSheet(name, 'createFakeExcel');
  const host = new FakeExcelHost(state, { ExcelApi: options.maxApiVersion ?? '1.14', ...(options.requirementSets ?? {}) });
  if (options.workbookName) host.workbookName = options.workbookName;
  if (options.failSyncs) host.failNextSyncs(options.failSyncs);
  if (options.hangSyncs) host.hangNextSyncs(Number.MAX_SAFE_INTEGER);
  if (options.cellEditMode) host.setCellEditMode(true);

  /** The context an `Excel.run(object | objects | context, batch)` reuses, or null for a new one. */
  function reusedContext(first: unknown): FakeRequestContext | null {
    const candidate = Array.isArray(first) ? (first[0] as unknown) : first;
    if (candidate instanceof FakeRequestContext) return candidate;
    if (candidate instanceof FakeClientObject || candidate instanceof FakeEventHandlerResult) return candidate.context;
    return null;
  }

  /**
   * Excel.run(batch), Excel.run({ delayForCellEdit }, batch), and Excel.run(objectOrContext, batch),
   * which reuses that object's context (how an EventHandlerResult is removed later).
   */
  function run(...args: unknown[]): Promise<unknown> {
    let delayForCellEdit = false;
    let batch: unknown = args[0];
    let context: FakeRequestContext | null = null;
    if (args.length >= 2) {
      batch = args[1];
      context = reusedContext(args[0]);
      if (!context) {
        const runOptions = (args[0] ?? {}) as { delayForCellEdit?: boolean; previousObjects?: unknown };
        if (runOptions.previousObjects) return Promise.reject(new FakeExcelUnsupported('Excel.run({ previousObjects })'));
        delayForCellEdit = Boolean(runOptions.delayForCellEdit);
      } else if (context._host !== host) {
        return Promise.reject(new FakeExcelUnsupported('Excel.run with an object of another fake'));
      }
    }
    if (typeof batch !== 'function') return Promise.reject(new FakeOfficeError(ErrorCodes.invalidArgument, 'Excel.run needs a batch function'));
    host.stats.runs += 1;
    const ctx = context ?? new FakeRequestContext(host, delayForCellEdit);
    ctx._reopen();
    return (async () => {
      try {
        const promise = (batch as Batch)(ctx);
        if (!promise || typeof (promise as Promise<unknown>).then !== 'function')
          throw new FakeOfficeError(
            ErrorCodes.runMustReturnPromise,
            'The batch function passed to the ".run" method didn\'t return a promise. The function must return a promise, so that any automatically-tracked objects can be released at the completion of the batch operation.',
          );
        const result = await promise;
        if (ctx._hasPending()) await ctx._flush();
        return result;
      } finally {
        ctx._end();
      }
    })();
  }

  class RequestContext extends FakeRequestContext {
    constructor() {
      super(host, false);
    }
  }

  const excel = { run, RequestContext, ErrorCodes, ...enums };
  const officeExtension = {
    Error: FakeOfficeError,
    ErrorCodes: {
      accessDenied: ErrorCodes.accessDenied,
      generalException: ErrorCodes.generalException,
      invalidObjectPath: ErrorCodes.invalidObjectPath,
      propertyNotLoaded: ErrorCodes.propertyNotLoaded,
      valueNotLoaded: ErrorCodes.valueNotLoaded,
      invalidRequestContext: ErrorCodes.invalidRequestContext,
      invalidArgument: ErrorCodes.invalidArgument,
      runMustReturnPromise: ErrorCodes.runMustReturnPromise,
      apiNotFound: ErrorCodes.apiNotFound,
      connectionFailure: ErrorCodes.connectionFailure,
    },
  };
  const office = createOffice(host, { displayLanguage: options.displayLanguage ?? 'zh-CN', platform: options.platform ?? 'PC' });

  // The one boundary where the fake is typed as Office.js: adapter code compiled against
  // @types/office-js runs against these objects.
  const typed = {
    Excel: excel as unknown as typeof Excel,
    Office: office as unknown as typeof Office,
    OfficeExtension: officeExtension as unknown as typeof OfficeExtension,
  };

  return {
    ...typed,
    workbook: state,
    stats: host.stats,
    control: {
      failNextSyncs: (count, code, message) => host.failNextSyncs(count, code, message),
      hangNextSyncs: (count = Number.MAX_SAFE_INTEGER) => host.hangNextSyncs(count),
      loseNextResponses: (count, lose = {}) => host.loseNextResponses(count, lose.after ?? 0),
      setCellEditMode: (on) => host.setCellEditMode(on),
      reloadAddin: () => host.dropListeners(),
      breakConditionalFormats(sheet, address) {
        const target = parseA1(address);
        if (!target) throw new Error(`breakConditionalFormats: "${address}" is not an address`);
        const affected = state.sheet(sheet).conditionalFormats.filter((cf) => cf.ranges.length === 1 && sameRect(cf.ranges[0], target));
        for (const cf of affected) cf.broken = true;
        return affected.length;
      },
    },
    user: new FakeUser(host),
    snapshot: (sheetName) => sheetSnapshot(state, sheetName),
    workbookSnapshot: () => workbookSnapshot(state),
    flushEvents: () => host.flushEvents(),
    listenerCount: (scope) => host.listenerCount(scope),
    install() {
      const g = globalThis as unknown as Record<string, unknown>;
      const names = ['Excel', 'Office', 'OfficeExtension'] as const;
      const previous = names.map((n) => [n, n in g, g[n]] as const);
      g.Excel = typed.Excel;
      g.Office = typed.Office;
      g.OfficeExtension = typed.OfficeExtension;
      return () => {
        for (const [n, had, value] of previous) {
          if (had) g[n] = value;
          else delete g[n];
        }
      };
    },
  };
}

export { FakeExcelMisuse, FakeExcelUnsupported, FakeOfficeError, ErrorCodes } from './errors';
export type { FakeExcelStats } from './host';
export type { SheetSnapshot, WorkbookSnapshot, CellSnapshot } from './snapshot';
export type { CellValue, SheetState, WorkbookState } from './state';
export type { FakeUser } from './user';
