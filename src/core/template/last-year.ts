/**
 * Last year's report as the workbook remembers it (「从上年报告开始」): the cells read from it, its
 * format and year, and where it came from, so that the cross-year rules (`t3.carryOver`,
 * `t2.stockFlow`, `t2.itemsRollForward`) run on every later check. Stored as JSON text by the
 * Excel adapter; what comes back is treated as hostile (the user can unhide and edit it).
 */
import { getFormat } from '../formats/registry';
import type { RawValue, ReadResult } from '../import/grid';

export interface RememberedLastYear {
  /** Format id of last year's report. */
  format: string;
  year?: number;
  /** What the user picked: a file name or a sheet name. */
  source: string;
  /** Whether `source` is a file or a sheet of this workbook. */
  sourceKind: 'file' | 'sheet';
  /** Cell id → last year's content (numbers, text such as `/`; dates and errors as text). */
  cells: Record<string, string | number | boolean | null>;
}

const VERSION = 1;
/** Far above any format's cell count: a bigger record is not ours. */
const MAX_CELLS = 1000;

export function rememberLastYear(format: string, year: number | undefined, source: { name: string; kind: 'file' | 'sheet' }, raw: Readonly<Record<string, RawValue>>): RememberedLastYear {
  const cells: RememberedLastYear['cells'] = {};
  for (const [id, value] of Object.entries(raw)) {
    if (value instanceof Date) cells[id] = value.toISOString().slice(0, 10);
    else if (value !== null && typeof value === 'object') cells[id] = value.error;
    else cells[id] = value;
  }
  return { format, ...(year === undefined ? {} : { year }), source: source.name, sourceKind: source.kind, cells };
}

export function serialiseLastYear(record: RememberedLastYear): string {
  return JSON.stringify({ nianbaoLastYear: VERSION, ...record });
}

/** The record in `text`, or undefined when it is not one (edited by hand, another version). */
export function parseLastYear(text: unknown): RememberedLastYear | undefined {
  if (typeof text !== 'string' || !text.startsWith('{')) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const d = data as Record<string, unknown>;
  if (d.nianbaoLastYear !== VERSION || typeof d.format !== 'string' || !getFormat(d.format)) return undefined;
  if (typeof d.source !== 'string' || (d.sourceKind !== 'file' && d.sourceKind !== 'sheet')) return undefined;
  if (d.year !== undefined && !(Number.isInteger(d.year) && (d.year as number) >= 2000 && (d.year as number) <= 2100)) return undefined;
  if (typeof d.cells !== 'object' || d.cells === null || Array.isArray(d.cells)) return undefined;
  const entries = Object.entries(d.cells as Record<string, unknown>);
  if (entries.length > MAX_CELLS) return undefined;
  if (entries.some(([, value]) => value !== null && !['string', 'number', 'boolean'].includes(typeof value))) return undefined;
  // Own properties whatever the keys (`__proto__` included); ids that are no cell are ignored by the check.
  const cells = Object.fromEntries(entries) as RememberedLastYear['cells'];
  return { format: d.format, ...(d.year === undefined ? {} : { year: d.year as number }), source: d.source.slice(0, 200), sourceKind: d.sourceKind, cells };
}

/** Last year's report as the check reads it (`checkReport`'s `lastYear`). */
export function lastYearInput(record: RememberedLastYear): ReadResult {
  return { grids: [], cells: { ...record.cells }, meta: { format: record.format, year: record.year } };
}

/** Whether the remembered report is last year's for a report of `year` (unknown years: assumed so). */
export function isLastYearOf(record: RememberedLastYear, year: number | undefined): boolean {
  return record.year === undefined || year === undefined || record.year === year - 1;
}

/** 《…》 naming the remembered report in the pane. */
export function describeSource(record: RememberedLastYear): string {
  const year = record.year === undefined ? '' : `${record.year} 年度，`;
  return record.sourceKind === 'file' ? `文件《${record.source}》（${year}${getFormat(record.format)?.name ?? record.format}）` : `工作表「${record.source}」（${year}${getFormat(record.format)?.name ?? record.format}）`;
}
