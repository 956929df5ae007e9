/**
 * The "Excel process" behind the fake: the workbook state, the request pipeline that every
 * `context.sync()` goes through (with fault injection: hang, fail, cell-edit mode), the
 * registered change handlers and their asynchronous delivery.
 */
import { Execution, type Operation, type ProxyLike } from './base';
import type { FakeRequestContext } from './context';
import { ErrorCodes, FakeOfficeError } from './errors';
import type { ChangeRecord, WorkbookState } from './state';

export interface FakeExcelStats {
  /** Every `context.sync()` the code made, plus Excel.run's own final flush when it had work. */
  syncs: number;
  /** Excel.run's implicit final syncs (also counted in `syncs`). */
  implicitSyncs: number;
  failedSyncs: number;
  hungSyncs: number;
  runs: number;
  /** Queued operations executed, over all syncs. */
  operations: number;
  /** Change events delivered to handlers. */
  eventsDelivered: number;
}

export type WorksheetChangedHandler = (args: FakeWorksheetChangedEventArgs) => unknown;

export interface FakeWorksheetChangedEventArgs {
  type: 'WorksheetChanged';
  address: string;
  changeType: string;
  source: 'Local';
  worksheetId: string;
  /** Present from ExcelApi 1.14: `ThisLocalAddin` for the add-in's own writes. */
  triggerSource?: 'ThisLocalAddin' | 'Unknown';
  details?: ChangeRecord['details'];
  getRange(ctx: unknown): unknown;
  getRangeOrNullObject(ctx: unknown): unknown;
}

export interface FakeWorksheetActivatedEventArgs {
  type: 'WorksheetActivated';
  worksheetId: string;
}

export type WorksheetActivatedHandler = (args: FakeWorksheetActivatedEventArgs) => unknown;

export type FakeEventKind = 'changed' | 'activated';

interface Listener {
  id: number;
  /** 'workbook' for worksheets.onChanged / onActivated, else the sheet id for worksheet.onChanged. */
  scope: string;
  event: FakeEventKind;
  handler: (args: never) => unknown;
}

type TimerFn = (callback: () => void, ms: number) => unknown;

/** A macrotask where the platform has timers (browsers, Node), else a microtask. Pure ES otherwise. */
function nextTask(): Promise<void> {
  const timer = (globalThis as unknown as { setTimeout?: TimerFn }).setTimeout;
  return new Promise((resolve) => {
    if (timer) timer(resolve, 0);
    else void Promise.resolve().then(resolve);
  });
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export class FakeExcelHost {
  readonly stats: FakeExcelStats = {
    syncs: 0,
    implicitSyncs: 0,
    failedSyncs: 0,
    hungSyncs: 0,
    runs: 0,
    operations: 0,
    eventsDelivered: 0,
  };
  /** Errors thrown by change handlers; `flushEvents()` rethrows the first. */
  readonly handlerErrors: unknown[] = [];
  readonly requirementSets: Record<string, string>;
  workbookName = 'Book1.xlsx';
  private listeners: Listener[] = [];
  private nextListener = 1;
  private failures: Array<{ code: string; message: string }> = [];
  private hangs = 0;
  private lost = { after: 0, count: 0 };
  private cellEdit = false;
  private cellEditWaiters: Array<() => void> = [];
  private pending = new Set<Promise<void>>();

  constructor(
    readonly state: WorkbookState,
    requirementSets: Record<string, string>,
  ) {
    this.requirementSets = { ...requirementSets };
  }

  get apiVersion(): string {
    return this.requirementSets.ExcelApi ?? '1.1';
  }

  supports(set: string, version?: string | number): boolean {
    const max = Object.entries(this.requirementSets).find(([k]) => k.toLowerCase() === set.toLowerCase())?.[1];
    if (max === undefined) return false;
    if (version === undefined || version === null || version === '') return true;
    return compareVersions(max, String(version)) >= 0;
  }

  // ---- fault injection ----

  failNextSyncs(count: number, code: string = ErrorCodes.generalException, message = 'An internal error has occurred.'): void {
    for (let i = 0; i < count; i++) this.failures.push({ code, message });
  }

  hangNextSyncs(count: number): void {
    this.hangs += count;
  }

  /** After `after` more syncs, the next `count` apply their operations but never answer. */
  loseNextResponses(count: number, after: number): void {
    this.lost = { after, count };
  }

  get inCellEditMode(): boolean {
    return this.cellEdit;
  }

  setCellEditMode(on: boolean): void {
    this.cellEdit = on;
    if (!on) {
      const waiters = this.cellEditWaiters;
      this.cellEditWaiters = [];
      for (const w of waiters) w();
    }
  }

  // ---- the request pipeline ----

  /** Send one request: count it, apply fault injection, run the operations in order. */
  async roundTrip(ctx: FakeRequestContext, ops: Operation[], created: ProxyLike[], implicit: boolean): Promise<void> {
    this.stats.syncs += 1;
    if (implicit) this.stats.implicitSyncs += 1;
    await Promise.resolve();
    if (this.hangs > 0) {
      this.hangs -= 1;
      this.stats.hungSyncs += 1;
      return new Promise<void>(() => undefined);
    }
    const failure = this.failures.shift();
    if (failure) {
      this.stats.failedSyncs += 1;
      throw new FakeOfficeError(failure.code, failure.message);
    }
    while (this.cellEdit) {
      if (!ctx._delayForCellEdit) {
        this.stats.failedSyncs += 1;
        throw new FakeOfficeError(
          ErrorCodes.invalidOperationInCellEditMode,
          'Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.',
        );
      }
      await new Promise<void>((resolve) => this.cellEditWaiters.push(resolve));
    }
    const ex = new Execution(this);
    let failed: unknown = null;
    for (const op of ops) {
      try {
        this.stats.operations += 1;
        op.run(ex);
      } catch (e) {
        if (e instanceof FakeOfficeError && !e.debugInfo.statement) e.debugInfo.statement = op.statement;
        failed = e;
        break;
      }
    }
    // What was applied stays applied, and fires its events, even when a later operation failed.
    this.dispatch(ex.changes, 'ThisLocalAddin');
    if (this.lost.count > 0 && this.lost.after-- <= 0) {
      this.lost.count -= 1;
      this.stats.hungSyncs += 1;
      return new Promise<void>(() => undefined);
    }
    if (failed !== null) {
      this.stats.failedSyncs += 1;
      throw failed;
    }
    for (const commit of ex.commits) commit();
    for (const obj of created) obj._markExists();
  }

  // ---- events ----

  addListener(scope: string, handler: (args: never) => unknown, event: FakeEventKind = 'changed'): number {
    const id = this.nextListener++;
    this.listeners.push({ id, scope, event, handler });
    return id;
  }

  removeListener(id: number): void {
    this.listeners = this.listeners.filter((l) => l.id !== id);
  }

  removeHandler(scope: string, handler: (args: never) => unknown): void {
    this.listeners = this.listeners.filter((l) => !(l.scope === scope && l.handler === handler));
  }

  listenerCount(scope?: string): number {
    return this.listeners.filter((l) => l.event === 'changed' && (scope === undefined || l.scope === scope)).length;
  }

  /** The add-in's runtime was reloaded: every registered handler is gone. */
  dropListeners(): void {
    this.listeners = [];
  }

  /** Deliver change events to the handlers registered now, each on a later task. */
  dispatch(changes: ChangeRecord[], triggerSource: 'ThisLocalAddin' | 'Unknown'): void {
    for (const change of changes) {
      const targets = this.listeners.filter((l) => l.event === 'changed' && (l.scope === change.sheetId || l.scope === 'workbook'));
      if (!targets.length) continue;
      for (const listener of targets) {
        const args: FakeWorksheetChangedEventArgs = {
          type: 'WorksheetChanged',
          address: change.address,
          changeType: change.changeType,
          source: 'Local',
          worksheetId: change.sheetId,
          ...(this.supports('ExcelApi', '1.14') ? { triggerSource } : {}),
          ...(change.details ? { details: change.details } : {}),
          getRange: (ctx: unknown) => (ctx as FakeRequestContext)._eventRange(change.sheetId, change.address, false),
          getRangeOrNullObject: (ctx: unknown) => (ctx as FakeRequestContext)._eventRange(change.sheetId, change.address, true),
        };
        this.deliver(() => (listener.handler as WorksheetChangedHandler)(args));
      }
    }
  }

  /** `worksheets.onActivated`: the user (or an add-in) switched to another sheet. */
  dispatchActivated(worksheetId: string): void {
    const args: FakeWorksheetActivatedEventArgs = { type: 'WorksheetActivated', worksheetId };
    for (const listener of this.listeners.filter((l) => l.event === 'activated')) this.deliver(() => (listener.handler as WorksheetActivatedHandler)(args));
  }

  /** Runs a handler on a later task, as Excel delivers events; its error is kept for flushEvents. */
  private deliver(call: () => unknown): void {
    const delivery = nextTask()
      .then(async () => {
        this.stats.eventsDelivered += 1;
        await call();
      })
      .catch((e: unknown) => {
        this.handlerErrors.push(e);
      })
      .finally(() => {
        this.pending.delete(delivery);
      });
    this.pending.add(delivery);
  }

  /** Wait until every event delivered so far (and any its handlers caused) has been handled. */
  async flushEvents(): Promise<void> {
    for (let round = 0; round < 1000; round++) {
      await nextTask();
      if (this.pending.size === 0) break;
      await Promise.all([...this.pending]);
    }
    if (this.handlerErrors.length) {
      const [first] = this.handlerErrors.splice(0);
      throw first;
    }
  }
}
