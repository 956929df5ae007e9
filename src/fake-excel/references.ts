/**
 * Reference adjustment in formula text, as Excel does when rows or columns are inserted or
 * deleted, or a sheet is renamed or deleted: `=$B$5>0` becomes `=$B$8>0` after three rows are
 * inserted above row 5. The fake has no formula engine; this only rewrites A1 references
 * (optionally sheet-qualified, `$` or not) and leaves string literals, function names and
 * defined names alone. Not handled: R1C1 text, structured table references, 3-D references
 * (`Sheet1:Sheet3!A1`), references to other workbooks.
 */
import {
  MAX_COLS,
  MAX_ROWS,
  lettersToCol,
  quoteSheetName,
  shiftSpanForDelete,
  shiftSpanForInsert,
  type Axis,
} from './address';
import { columnName } from '../core/template/a1';

/** A change that moves cells, as seen by formula references. */
export type ReferenceChange =
  | { kind: 'insert'; sheet: string; axis: Axis; at: number; count: number }
  | { kind: 'delete'; sheet: string; axis: Axis; at: number; count: number }
  | { kind: 'rename'; from: string; to: string }
  | { kind: 'deleteSheet'; sheet: string };

// One alternation, scanned left to right: a string literal (copied as is), or a reference with an
// optional sheet prefix. The look-behind and look-ahead keep `LOG10(`, `T3_total`, `A1B` whole.
const REF =
  /("(?:[^"]|"")*")|(?<![\p{L}\p{N}_.$'])((?:'(?:[^']|'')+'|[\p{L}_][\p{L}\p{N}_.]*)!)?(\$?[A-Za-z]{1,3}\$?\d{1,7}(?::\$?[A-Za-z]{1,3}\$?\d{1,7})?|\$?[A-Za-z]{1,3}:\$?[A-Za-z]{1,3}|\$?\d{1,7}:\$?\d{1,7})(?![\p{L}\p{N}_.(!])/gu;

interface Bound {
  index: number; // 0-based row or column; -1 when the part has no such bound (whole rows/columns)
  absolute: boolean;
}

interface ParsedRef {
  rows: [Bound, Bound];
  cols: [Bound, Bound];
  kind: 'cells' | 'rows' | 'cols';
  single: boolean;
}

function parseRefText(text: string): ParsedRef | null {
  const parts = text.split(':');
  const cell = /^(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})$/;
  const col = /^(\$?)([A-Za-z]{1,3})$/;
  const row = /^(\$?)(\d{1,7})$/;
  const none: Bound = { index: -1, absolute: false };
  const a = cell.exec(parts[0]);
  if (a) {
    const b = parts.length === 2 ? cell.exec(parts[1]) : a;
    if (!b) return null;
    const c0 = lettersToCol(a[2]);
    const c1 = lettersToCol(b[2]);
    const r0 = Number(a[4]) - 1;
    const r1 = Number(b[4]) - 1;
    if (c0 < 0 || c1 < 0 || r0 < 0 || r1 < 0 || r0 >= MAX_ROWS || r1 >= MAX_ROWS) return null;
    return {
      kind: 'cells',
      single: parts.length === 1,
      rows: [
        { index: r0, absolute: a[3] === '$' },
        { index: r1, absolute: b[3] === '$' },
      ],
      cols: [
        { index: c0, absolute: a[1] === '$' },
        { index: c1, absolute: b[1] === '$' },
      ],
    };
  }
  const ca = col.exec(parts[0]);
  const cb = parts[1] !== undefined ? col.exec(parts[1]) : null;
  if (ca && cb) {
    const c0 = lettersToCol(ca[2]);
    const c1 = lettersToCol(cb[2]);
    if (c0 < 0 || c1 < 0) return null;
    return {
      kind: 'cols',
      single: false,
      rows: [none, none],
      cols: [
        { index: c0, absolute: ca[1] === '$' },
        { index: c1, absolute: cb[1] === '$' },
      ],
    };
  }
  const ra = row.exec(parts[0]);
  const rb = parts[1] !== undefined ? row.exec(parts[1]) : null;
  if (ra && rb) {
    const r0 = Number(ra[2]) - 1;
    const r1 = Number(rb[2]) - 1;
    if (r0 < 0 || r1 < 0 || r0 >= MAX_ROWS || r1 >= MAX_ROWS) return null;
    return {
      kind: 'rows',
      single: false,
      rows: [
        { index: r0, absolute: ra[1] === '$' },
        { index: r1, absolute: rb[1] === '$' },
      ],
      cols: [none, none],
    };
  }
  return null;
}

function formatRef(ref: ParsedRef): string {
  const c = (b: Bound) => `${b.absolute ? '$' : ''}${columnName(b.index)}`;
  const r = (b: Bound) => `${b.absolute ? '$' : ''}${b.index + 1}`;
  if (ref.kind === 'rows') return `${r(ref.rows[0])}:${r(ref.rows[1])}`;
  if (ref.kind === 'cols') return `${c(ref.cols[0])}:${c(ref.cols[1])}`;
  const first = `${c(ref.cols[0])}${r(ref.rows[0])}`;
  return ref.single ? first : `${first}:${c(ref.cols[1])}${r(ref.rows[1])}`;
}

export function unquoteSheet(prefix: string): string {
  const name = prefix.endsWith('!') ? prefix.slice(0, -1) : prefix;
  return name.startsWith("'") ? name.slice(1, -1).replace(/''/g, "'") : name;
}

function sameSheet(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Move one reference; null when it pointed only at deleted cells (#REF!). */
function moveRef(ref: ParsedRef, change: Extract<ReferenceChange, { kind: 'insert' | 'delete' }>): ParsedRef | null {
  const key = change.axis === 'row' ? 'rows' : 'cols';
  const bounds = ref[key];
  if (bounds[0].index < 0) return ref; // whole columns are not moved by a row change, and vice versa
  const limit = change.axis === 'row' ? MAX_ROWS : MAX_COLS;
  let lo: number;
  let hi: number;
  if (change.kind === 'insert') {
    [lo, hi] = shiftSpanForInsert(bounds[0].index, bounds[1].index, change.at, change.count);
    lo = Math.min(lo, limit - 1);
    hi = Math.min(hi, limit - 1);
  } else {
    const moved = shiftSpanForDelete(bounds[0].index, bounds[1].index, change.at, change.count);
    if (!moved) return null;
    [lo, hi] = moved;
  }
  return {
    ...ref,
    [key]: [
      { ...bounds[0], index: lo },
      { ...bounds[1], index: hi },
    ],
  };
}

/**
 * Rewrite the references in `formula` for `change`. `homeSheet` is the sheet unqualified
 * references belong to (the formula's own sheet; null for workbook-scoped names, whose
 * unqualified references are left alone).
 */
export function adjustFormula(formula: string, homeSheet: string | null, change: ReferenceChange): string {
  return formula.replace(REF, (whole: string, literal: string | undefined, prefix: string | undefined, body: string) => {
    if (literal !== undefined) return whole;
    const sheet = prefix ? unquoteSheet(prefix) : homeSheet;
    if (sheet === null) return whole;
    if (change.kind === 'rename') {
      if (!prefix || !sameSheet(sheet, change.from)) return whole;
      return `${quoteSheetName(change.to)}!${body}`;
    }
    if (!sameSheet(sheet, change.sheet)) return whole;
    if (change.kind === 'deleteSheet') return prefix ? `#REF!${body}` : whole;
    const ref = parseRefText(body);
    if (!ref) return whole;
    const moved = moveRef(ref, change);
    return `${prefix ?? ''}${moved ? formatRef(moved) : '#REF!'}`;
  });
}

/** A formula that is exactly one reference, e.g. a name's `=Sheet1!$B$2:$D$5`. */
export function singleReference(formula: string): { sheet: string | null; local: string } | null {
  const text = formula.trim().replace(/^=/, '').trim();
  const m = new RegExp(`^(?:${REF.source})$`, 'u').exec(text);
  if (!m || m[1] !== undefined) return null;
  return { sheet: m[2] ? unquoteSheet(m[2]) : null, local: m[3] };
}
