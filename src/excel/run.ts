/**
 * Running Excel batches safely: wait while the user edits a cell, time out a read that hangs
 * (Excel on the web can hang forever: office-js #4805, #6150, #6678) and retry it once, and
 * translate failures into Chinese.
 *
 * Writes are different (`runWrite`). With `delayForCellEdit` a batch waits while the user edits
 * a cell, and on desktop clicking the task pane does not end cell edit (#806): a write that
 * "timed out" was still queued, ran once the user pressed Enter, and a retry inserted a second
 * sheet. So a write is never abandoned nor retried: after the timeout the pane is told it is
 * waiting; after a much longer wait the result is looked for before anything is reported.
 */

export class ExcelTimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`Excel 在 ${Math.round(ms / 1000)} 秒内没有响应`);
    this.name = 'ExcelTimeoutError';
  }
}

export const SYNC_TIMEOUT_MS = 15_000;

/** Rejects when `promise` has not settled within `ms`; the hung promise is left behind. */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new ExcelTimeoutError(ms)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** A sync with a timeout: `await timed(context.sync())` (written out so the linter sees the sync). */
export function timed(sync: Promise<void>, ms = SYNC_TIMEOUT_MS): Promise<void> {
  return withTimeout(sync, ms);
}

export interface RunOptions {
  /** Attempts after a timeout (default 1). */
  retries?: number;
  timeoutMs?: number;
}

/** Excel.run waiting for cell edit mode to end, with the whole batch timed out and retried. */
export async function runExcel<T>(batch: (context: Excel.RequestContext) => Promise<T>, options: RunOptions = {}): Promise<T> {
  const retries = options.retries ?? 1;
  const timeoutMs = options.timeoutMs ?? SYNC_TIMEOUT_MS * 2;
  for (let attempt = 0; ; attempt++) {
    try {
      return await withTimeout(Excel.run({ delayForCellEdit: true }, batch), timeoutMs);
    } catch (error) {
      if (!(error instanceof ExcelTimeoutError) || attempt >= retries) throw error;
    }
  }
}

/** A write that neither finished nor left a result to be found within the long wait. */
export class ExcelWriteUnconfirmedError extends Error {
  constructor(readonly ms: number) {
    super(`Excel 在 ${Math.round(ms / 1000)} 秒内没有完成这项操作，也没有找到它的结果`);
    this.name = 'ExcelWriteUnconfirmedError';
  }
}

/** How long a write is waited for, after the pane said it is waiting, before its result is looked for. */
export const WRITE_GIVE_UP_MS = 120_000;

export interface WriteOptions<T> {
  /** When the pane says the write is waiting (default SYNC_TIMEOUT_MS × 2). */
  timeoutMs?: number;
  /** How long to wait in all before looking for the result (default WRITE_GIVE_UP_MS). */
  giveUpMs?: number;
  /** Told once the write has taken longer than `timeoutMs`; the write is still awaited. */
  onWaiting?: () => void;
  /** Looks in the workbook for what the write would have made; undefined when it is not there. */
  verify?: () => Promise<T | undefined>;
}

/** Excel.run for a write: waits for cell edit to end, is never abandoned early nor retried. */
export async function runWrite<T>(batch: (context: Excel.RequestContext) => Promise<T>, options: WriteOptions<T> = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? SYNC_TIMEOUT_MS * 2;
  const giveUpMs = Math.max(options.giveUpMs ?? WRITE_GIVE_UP_MS, timeoutMs);
  const write = Excel.run({ delayForCellEdit: true }, batch);
  try {
    return await withTimeout(write, timeoutMs);
  } catch (error) {
    if (!(error instanceof ExcelTimeoutError)) throw error;
  }
  options.onWaiting?.();
  try {
    return await withTimeout(write, giveUpMs - timeoutMs);
  } catch (error) {
    if (!(error instanceof ExcelTimeoutError)) throw error;
  }
  const found = await options.verify?.().catch(() => undefined);
  if (found !== undefined) return found;
  throw new ExcelWriteUnconfirmedError(giveUpMs);
}

/** A user-facing Chinese explanation of an Excel or adapter failure. */
export function describeExcelError(error: unknown): string {
  if (error instanceof ExcelWriteUnconfirmedError) return `${error.message}。请先查看工作簿中是否已有这项操作的结果（如新的工作表），再决定是否重试；如在网页版 Excel 中，可刷新页面后重新打开年报助手。`;
  if (error instanceof ExcelTimeoutError) return `${error.message}，已重试仍未成功。请稍后再试；如在网页版 Excel 中，可刷新页面后重新打开年报助手。`;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  const known: Record<string, string> = {
    InvalidOperationInCellEditMode: '您正在编辑单元格，请先按回车或 Esc 结束编辑，再重试。',
    ItemNotFound: '找不到所需的工作表或区域，可能已被删除或重命名。',
    AccessDenied: 'Excel 拒绝了此操作（工作表可能受保护）。请取消保护后重试。',
    InvalidArgument: '写入 Excel 的内容不符合要求。',
    GeneralException: 'Excel 处理请求时出错，请稍后重试。',
    ApiNotFound: '当前 Excel 版本不支持此功能，请升级到 Office 2021 或更新版本。',
    // Excel on the web's limits: 5 MB and 5,000,000 cells per request or response.
    ResponsePayloadSizeLimitExceeded: '工作表内容超出了 Excel 一次能传送的数据量（网页版 Excel 每次最多 5 MB）。请把年报表格复制到一个新的工作表后再检查。',
    RequestPayloadSizeLimitExceeded: '要写入的内容超出了 Excel 一次能传送的数据量（网页版 Excel 每次最多 5 MB）。',
  };
  const message = error instanceof Error ? error.message : String(error);
  return known[code] ?? `Excel 返回错误：${message}`;
}
