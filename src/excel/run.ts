/**
 * Running Excel batches safely: wait while the user edits a cell, time out a sync that hangs
 * (Excel on the web can hang forever), retry once, and translate failures into Chinese.
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

/** A user-facing Chinese explanation of an Excel or adapter failure. */
export function describeExcelError(error: unknown): string {
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
