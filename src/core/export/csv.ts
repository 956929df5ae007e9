/**
 * The cells as CSV for spreadsheets and databases: UTF-8 with a BOM (so Excel reads the Chinese),
 * CRLF line ends, one row per cell id of the format in table order:
 *
 *   id, 表格, 位置 (the cell as printed), 数值, 原文
 *
 * 数值 is the number the checker reads from the cell (empty for a blank, `/`, or text): a plain
 * decimal, negative where a 本年增/减 cell is, never altered. 原文 is the content as written.
 * Text that a spreadsheet program would take for a formula — starting with `=`, `+`, `-`, `@`, a
 * tab or a carriage return — is neutralised with a leading `'`, in every text field; numbers
 * are numbers, not text, and are written as they are (so `-4` in 数值 stays −4, while a cell
 * whose text is `-4` reads `'-4` under 原文).
 */
import { cellsOf } from '../formats/registry';
import type { FormatDef, TableId } from '../formats/types';
import type { RawValue } from '../import/grid';
import { namer } from '../messages';
import { parseCell, rawToText } from '../values/parse';

export const CSV_HEADER = ['id', '表格', '位置', '数值', '原文'] as const;

/** A text field a spreadsheet would evaluate: `=`, `+`, `-`, `@`, tab, CR at the start. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes `'` to text a spreadsheet program would run as a formula. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** RFC 4180 quoting: fields with a comma, quote or line break are quoted, quotes doubled. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A number as plain decimal digits (no exponent), as the checker read it. */
function plainNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const text = String(n);
  return /e/i.test(text) ? n.toFixed(20).replace(/\.?0+$/, '') : text;
}

export function cellsCsv(format: FormatDef, raw: Readonly<Record<string, RawValue>>): string {
  const names = namer(format);
  const lines = [CSV_HEADER.join(',')];
  for (const [id, def] of cellsOf(format)) {
    const has = Object.prototype.hasOwnProperty.call(raw, id);
    const value = has ? raw[id] : null;
    const parsed = has ? parseCell(value, def.column.kind) : undefined;
    // As `checkReport` reports values: a blank or a placeholder holds no number of its own.
    const holds = parsed?.value && !parsed.issues.some((i) => i.code === 'cell.blank' || i.code === 'cell.placeholder');
    const number = holds && parsed?.value ? parsed.value.toString() : '';
    const written = typeof value === 'number' ? plainNumber(value) : neutralise(rawToText(value));
    lines.push([neutralise(id), neutralise(names.table(def.block.table as TableId)), neutralise(names.cell(id)), number, written].map(csvField).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
