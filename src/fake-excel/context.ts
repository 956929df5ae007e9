/** The fake's Excel.RequestContext: a queue of operations and the `sync()` that sends it. */
import { parseA1 } from './address';
import type { Execution, Operation, ProxyLike } from './base';
import { ErrorCodes, FakeOfficeError } from './errors';
import type { FakeExcelHost } from './host';
import { FakeRange } from './range';
import type { SheetState } from './state';
import { FakeWorkbook, FakeWorksheet } from './workbook';

export class FakeRequestContext {
  readonly workbook: FakeWorkbook;
  /** Objects live as long as the fake does; tracking is accepted and changes nothing. */
  readonly trackedObjects = {
    add: (_objects: unknown): void => undefined,
    remove: (_objects: unknown): void => undefined,
  };
  readonly requestHeaders: Record<string, string> = {};
  private _queue: Operation[] = [];
  private _createdObjects: ProxyLike[] = [];
  private _ended = false;

  constructor(
    readonly _host: FakeExcelHost,
    readonly _delayForCellEdit = false,
  ) {
    this.workbook = new FakeWorkbook(this);
  }

  /** Office.js's `context.debugInfo.pendingStatements`: what the next sync would send. */
  get debugInfo(): { pendingStatements: string[] } {
    return { pendingStatements: this._queue.map((op) => op.statement) };
  }

  _enqueue(statement: string, run: (ex: Execution) => void): void {
    if (this._ended)
      throw new FakeOfficeError(
        ErrorCodes.invalidRequestContext,
        `${statement}: this object belongs to an Excel.run that has finished; do the work inside a new Excel.run.`,
      );
    this._queue.push({ statement, run });
  }

  _created(obj: ProxyLike): void {
    this._createdObjects.push(obj);
  }

  /** A worksheet proxy found at sync time (for `range.worksheet`). */
  _worksheet(lookup: (ex: Execution) => SheetState | null): FakeWorksheet {
    return new FakeWorksheet(this, lookup);
  }

  /** The range of a change event, for `args.getRange(ctx)` / `getRangeOrNullObject(ctx)`. */
  _eventRange(sheetId: string, address: string, nullable: boolean): FakeRange {
    return new FakeRange(
      this,
      (ex) => {
        const sheet = ex.state.sheetById(sheetId);
        const r = parseA1(address);
        if (!sheet || !r) {
          if (nullable) return null;
          throw new FakeOfficeError(ErrorCodes.itemNotFound, `the changed range ${address} no longer exists`);
        }
        return { sheet, rect: r };
      },
      { nullable },
    );
  }

  _hasPending(): boolean {
    return this._queue.length > 0;
  }

  _end(): void {
    this._ended = true;
  }

  /** Excel.run(objectOrContext, batch) works on the same context again. */
  _reopen(): void {
    this._ended = false;
  }

  /** Send the queued operations; resolves once Excel has applied them (or rejects with its error). */
  sync<T>(passThroughValue?: T): Promise<T> {
    return this._send(false).then(() => passThroughValue as T);
  }

  /** Excel.run's flush of whatever the batch left queued. */
  _flush(): Promise<void> {
    return this._send(true);
  }

  private async _send(implicit: boolean): Promise<void> {
    if (this._ended)
      throw new FakeOfficeError(ErrorCodes.invalidRequestContext, 'context.sync() was called after its Excel.run finished.');
    const ops = this._queue;
    const created = this._createdObjects;
    this._queue = [];
    this._createdObjects = [];
    await this._host.roundTrip(this, ops, created, implicit);
  }
}
