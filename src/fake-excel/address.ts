/**
 * A1 addresses and rectangles for the in-memory Excel fake. Rows and columns are 0-based inside
 * the fake and inclusive at both ends; A1 text is 1-based like Excel's. Column letters and cell
 * addresses come from the core's A1 module, which the template plan writes with.
 */
import { a1, columnIndex, columnName } from '../core/template/a1';

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

/** A rectangle of cells, 0-based, inclusive at both ends. */
export interface Rect {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

export function rect(r0: number, c0: number, r1 = r0, c1 = c0): Rect {
  return { r0, c0, r1, c1 };
}

/** Column letters to a 0-based index, or -1 when they are not a column inside the sheet. */
export function lettersToCol(letters: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return -1;
  const col = columnIndex(letters.toUpperCase());
  return col < MAX_COLS ? col : -1;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const COLS = /^\$?([A-Za-z]{1,3})$/;
const ROWS = /^\$?(\d{1,7})$/;

function parseRow(text: string): number {
  const n = Number(text);
  return n >= 1 && n <= MAX_ROWS ? n - 1 : -1;
}

/**
 * Parse a local A1 address (no sheet part): `B2`, `B2:D5`, `$B$2`, whole columns `A:C`, whole
 * rows `5:7`. Corners given in any order are normalised. Null when the text is not an address.
 */
export function parseA1(address: string): Rect | null {
  const parts = address.trim().split(':');
  if (parts.length === 1) {
    const m = CELL.exec(parts[0]);
    if (!m) return null;
    const c = lettersToCol(m[1]);
    const r = parseRow(m[2]);
    return c < 0 || r < 0 ? null : rect(r, c);
  }
  if (parts.length !== 2) return null;
  const [a, b] = parts;
  const ca = CELL.exec(a);
  const cb = CELL.exec(b);
  if (ca && cb) {
    const c0 = lettersToCol(ca[1]);
    const c1 = lettersToCol(cb[1]);
    const r0 = parseRow(ca[2]);
    const r1 = parseRow(cb[2]);
    if (c0 < 0 || c1 < 0 || r0 < 0 || r1 < 0) return null;
    return normalise({ r0, c0, r1, c1 });
  }
  const colA = COLS.exec(a);
  const colB = COLS.exec(b);
  if (colA && colB) {
    const c0 = lettersToCol(colA[1]);
    const c1 = lettersToCol(colB[1]);
    if (c0 < 0 || c1 < 0) return null;
    return normalise({ r0: 0, c0, r1: MAX_ROWS - 1, c1 });
  }
  const rowA = ROWS.exec(a);
  const rowB = ROWS.exec(b);
  if (rowA && rowB) {
    const r0 = parseRow(rowA[1]);
    const r1 = parseRow(rowB[1]);
    if (r0 < 0 || r1 < 0) return null;
    return normalise({ r0, c0: 0, r1, c1: MAX_COLS - 1 });
  }
  return null;
}

export function normalise(r: Rect): Rect {
  return {
    r0: Math.min(r.r0, r.r1),
    r1: Math.max(r.r0, r.r1),
    c0: Math.min(r.c0, r.c1),
    c1: Math.max(r.c0, r.c1),
  };
}

export function isEntireRows(r: Rect): boolean {
  return r.c0 === 0 && r.c1 === MAX_COLS - 1;
}

export function isEntireColumns(r: Rect): boolean {
  return r.r0 === 0 && r.r1 === MAX_ROWS - 1;
}

/** `B2`, `B2:D5`, `5:7` (whole rows), `A:C` (whole columns); `$` on every part when absolute. */
export function formatRect(r: Rect, absolute = false): string {
  const d = absolute ? '$' : '';
  if (isEntireRows(r) && !isEntireColumns(r)) return `${d}${r.r0 + 1}:${d}${r.r1 + 1}`;
  if (isEntireColumns(r) && !isEntireRows(r)) return `${d}${columnName(r.c0)}:${d}${columnName(r.c1)}`;
  const topLeft = a1(r.r0, r.c0, absolute);
  if (r.r0 === r.r1 && r.c0 === r.c1) return topLeft;
  return `${topLeft}:${a1(r.r1, r.c1, absolute)}`;
}

/** Does a sheet name need quotes in a reference (`'Sheet 1'!A1`)? Letters of any script do not. */
export function sheetNeedsQuotes(name: string): boolean {
  if (!/^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name)) return true;
  // A name that reads as a cell (`A1`, `XFD100`) or an R1C1 reference must be quoted.
  return /^[A-Za-z]{1,3}\d+$/.test(name) || /^[Rr]\d*[Cc]?\d*$/.test(name);
}

export function quoteSheetName(name: string): string {
  return sheetNeedsQuotes(name) ? `'${name.replace(/'/g, "''")}'` : name;
}

export function qualify(sheetName: string, r: Rect, absolute = false): string {
  return `${quoteSheetName(sheetName)}!${formatRect(r, absolute)}`;
}

/**
 * Split `'Sheet 1'!B2:D5` into the sheet name (unquoted) and the local part. A text with no
 * `!` outside quotes has sheet null.
 */
export function splitSheet(address: string): { sheet: string | null; local: string } {
  const text = address.trim();
  if (text.startsWith("'")) {
    let i = 1;
    let name = '';
    while (i < text.length) {
      if (text[i] === "'") {
        if (text[i + 1] === "'") {
          name += "'";
          i += 2;
          continue;
        }
        break;
      }
      name += text[i];
      i += 1;
    }
    if (text[i] === "'" && text[i + 1] === '!') return { sheet: name, local: text.slice(i + 2) };
    return { sheet: null, local: text };
  }
  const bang = text.lastIndexOf('!');
  if (bang < 0) return { sheet: null, local: text };
  return { sheet: text.slice(0, bang), local: text.slice(bang + 1) };
}

export function rowCount(r: Rect): number {
  return r.r1 - r.r0 + 1;
}

export function colCount(r: Rect): number {
  return r.c1 - r.c0 + 1;
}

export function sameRect(a: Rect, b: Rect): boolean {
  return a.r0 === b.r0 && a.c0 === b.c0 && a.r1 === b.r1 && a.c1 === b.c1;
}

export function intersect(a: Rect, b: Rect): Rect | null {
  const r0 = Math.max(a.r0, b.r0);
  const r1 = Math.min(a.r1, b.r1);
  const c0 = Math.max(a.c0, b.c0);
  const c1 = Math.min(a.c1, b.c1);
  return r0 <= r1 && c0 <= c1 ? { r0, c0, r1, c1 } : null;
}

export function contains(outer: Rect, inner: Rect): boolean {
  return outer.r0 <= inner.r0 && outer.c0 <= inner.c0 && outer.r1 >= inner.r1 && outer.c1 >= inner.c1;
}

export function containsCell(r: Rect, row: number, col: number): boolean {
  return row >= r.r0 && row <= r.r1 && col >= r.c0 && col <= r.c1;
}

/** `a` minus `b`, as up to four rectangles (above, below, left, right of the overlap). */
export function subtract(a: Rect, b: Rect): Rect[] {
  const x = intersect(a, b);
  if (!x) return [a];
  const out: Rect[] = [];
  if (a.r0 < x.r0) out.push({ r0: a.r0, c0: a.c0, r1: x.r0 - 1, c1: a.c1 });
  if (x.r1 < a.r1) out.push({ r0: x.r1 + 1, c0: a.c0, r1: a.r1, c1: a.c1 });
  if (a.c0 < x.c0) out.push({ r0: x.r0, c0: a.c0, r1: x.r1, c1: x.c0 - 1 });
  if (x.c1 < a.c1) out.push({ r0: x.r0, c0: x.c1 + 1, r1: x.r1, c1: a.c1 });
  return out;
}

/** Iterate the cells of a rectangle row by row. */
export function* cellsOf(r: Rect): Generator<[number, number]> {
  for (let row = r.r0; row <= r.r1; row++) for (let col = r.c0; col <= r.c1; col++) yield [row, col];
}

export type Axis = 'row' | 'col';

/** The span of a rectangle along an axis. */
export function span(r: Rect, axis: Axis): [number, number] {
  return axis === 'row' ? [r.r0, r.r1] : [r.c0, r.c1];
}

export function withSpan(r: Rect, axis: Axis, lo: number, hi: number): Rect {
  return axis === 'row' ? { ...r, r0: lo, r1: hi } : { ...r, c0: lo, c1: hi };
}

/**
 * Where a span goes when `count` rows (columns) are inserted before index `at`: parts at or
 * after `at` move; a span that straddles `at` grows, like Excel's reference adjustment.
 */
export function shiftSpanForInsert(lo: number, hi: number, at: number, count: number): [number, number] {
  return [lo >= at ? lo + count : lo, hi >= at ? hi + count : hi];
}

/**
 * Where a span goes when rows (columns) `at … at+count-1` are deleted: null when the span lay
 * wholly inside the deleted band (Excel's #REF!), otherwise shrunk and moved up.
 */
export function shiftSpanForDelete(lo: number, hi: number, at: number, count: number): [number, number] | null {
  const end = at + count - 1;
  const nlo = lo < at ? lo : lo > end ? lo - count : at;
  const nhi = hi < at ? hi : hi > end ? hi - count : at - 1;
  return nhi < nlo ? null : [nlo, nhi];
}
