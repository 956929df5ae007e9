/**
 * Reading one cell's raw content into a number, exactly as the spec's "Reading cell values"
 * table prescribes, and saying what was done (findings such as `cell.placeholder`).
 */
import type { ValueKind } from '../formats/types';
import type { RawValue } from '../import/grid';
import { BoundedMap } from '../memo';
import { Decimal } from './decimal';

export type CellIssueCode =
  | 'cell.blank'
  | 'cell.placeholder'
  | 'cell.unitInCell'
  | 'cell.negative'
  | 'cell.notInteger'
  | 'cell.notNumber';

export interface CellIssue {
  code: CellIssueCode;
  /** The unit that was found in the cell, for `cell.unitInCell`. */
  unit?: string;
}

export interface ParsedValue {
  /** The number used in arithmetic, or null when the cell cannot be read as a number. */
  value: Decimal | null;
  /** The raw content as text, for messages. */
  raw: string;
  issues: CellIssue[];
}

/** Dashes include U+2015 (―), which code page 936 uses for GBK's 破折号 `——`. */
const PLACEHOLDER = /^(?:\/+|-+|—+|―+|–+|－+|无|N\/?A|NA)$/i;
const EXCEL_ERROR = /^#(?:REF!|VALUE!|DIV\/0!|N\/A|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$/i;
/** Units that real reports type into cells; 万元 before 元 so the longer one wins. */
const UNIT = /(万元|元|件|项|个|次|条|家|人|宗|起)$/;
const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
const PLAIN_INTEGER = /^ *\d{1,15} *$/;
const CHANGE_WORD = /^(增加|减少|增|减)/;

/** Text as it would be typed: full-width forms folded, all white space removed. */
function compact(text: string): string {
  return text.normalize('NFKC').replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, '');
}

export function rawToText(raw: RawValue | undefined): string {
  if (raw === null || raw === undefined) return '';
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number') return String(raw);
  if (typeof raw === 'boolean') return raw ? 'TRUE' : 'FALSE';
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? 'Invalid Date' : raw.toISOString().slice(0, 10);
  return raw.error;
}

function checkRange(value: Decimal, kind: ValueKind, issues: CellIssue[]): void {
  if (kind !== 'change' && value.isNegative()) issues.push({ code: 'cell.negative' });
  if ((kind === 'count' || kind === 'change') && !value.isInteger()) issues.push({ code: 'cell.notInteger' });
}

const MEMO_LIMIT = 20000;
const memo: Record<ValueKind, BoundedMap<string | number, ParsedValue>> = {
  count: new BoundedMap(MEMO_LIMIT),
  change: new BoundedMap(MEMO_LIMIT),
  amountWan: new BoundedMap(MEMO_LIMIT),
  amount: new BoundedMap(MEMO_LIMIT),
};

/** Most cells hold a small whole number: its reading is shared by value, found without hashing. */
const SMALL_LIMIT = 65536;
const small = new Array<ParsedValue | undefined>(SMALL_LIMIT);

/**
 * `raw` as a whole number 0 … SMALL_LIMIT − 1 when it is written plainly — a number, or digits
 * with no sign, space or leading zero, so that the number's text is `raw` — else undefined.
 * Such a cell reads the same in every kind of column (there is nothing to flag).
 */
export function smallWholeNumber(raw: string | number): number | undefined {
  if (typeof raw === 'number') return Number.isInteger(raw) && raw >= 0 && raw < SMALL_LIMIT ? raw : undefined;
  if (raw.length === 0 || raw.length > 5 || (raw.length > 1 && raw.charCodeAt(0) === 0x30)) return undefined;
  let n = 0;
  for (let i = 0; i < raw.length; i++) {
    const digit = raw.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return undefined;
    n = n * 10 + digit;
  }
  return n < SMALL_LIMIT ? n : undefined;
}

/**
 * Parses one cell's content for a column of `kind`. Results for text and numbers are shared
 * between calls (reports repeat `0` and a few labels hundreds of times): treat them as read-only.
 */
export function parseCell(raw: RawValue | undefined, kind: ValueKind): ParsedValue {
  if (typeof raw !== 'string' && typeof raw !== 'number') return parseUncached(raw, kind);
  return parseWritten(raw, kind, smallWholeNumber(raw));
}

/** `parseCell` for text or a number whose `smallWholeNumber` the caller has already worked out. */
export function parseWritten(raw: string | number, kind: ValueKind, whole: number | undefined): ParsedValue {
  if (whole !== undefined) return (small[whole] ??= parseUncached(raw, kind));
  const byContent = memo[kind];
  let parsed = byContent.get(raw);
  if (parsed === undefined) {
    parsed = parseUncached(raw, kind);
    byContent.set(raw, parsed);
  }
  return parsed;
}

function parseUncached(raw: RawValue | undefined, kind: ValueKind): ParsedValue {
  const text = rawToText(raw);
  const notNumber = (): ParsedValue => ({ value: null, raw: text, issues: [{ code: 'cell.notNumber' }] });

  if (typeof raw === 'number') {
    const value = Decimal.fromNumber(raw);
    if (!value) return notNumber();
    const issues: CellIssue[] = [];
    checkRange(value, kind, issues);
    return { value, raw: text, issues };
  }
  // The common case, a plain whole number typed as text, needs none of the folding below.
  if (typeof raw === 'string' && PLAIN_INTEGER.test(raw)) {
    const value = Decimal.parse(raw.trim()) as Decimal;
    return { value, raw: text, issues: [] };
  }
  if (typeof raw === 'boolean' || raw instanceof Date || (raw !== null && typeof raw === 'object')) return notNumber();

  // Digits separated by spaces (`3 5`) are two numbers run together or a stray space: not guessed.
  if (/\d[\s\u00a0\u3000]+\d/.test(text.normalize('NFKC'))) return notNumber();
  let s = compact(text);
  if (s === '') return { value: Decimal.ZERO, raw: text, issues: [{ code: 'cell.blank' }] };
  if (EXCEL_ERROR.test(s)) return notNumber();
  if (PLACEHOLDER.test(s)) return { value: Decimal.ZERO, raw: text, issues: [{ code: 'cell.placeholder' }] };

  const issues: CellIssue[] = [];
  let sign: 1 | -1 = 1;
  if (kind === 'change') {
    const word = CHANGE_WORD.exec(s);
    if (word) {
      sign = word[1].startsWith('减') ? -1 : 1;
      s = s.slice(word[1].length);
    }
  }
  const unit = UNIT.exec(s);
  if (unit) {
    s = s.slice(0, unit.index);
    issues.push({ code: 'cell.unitInCell', unit: unit[1] });
  }
  if (!NUMBER.test(s)) return notNumber();
  let value = Decimal.parse(s.replace(/,/g, ''));
  if (!value) return notNumber();
  value = value.times(sign);
  // A 万元 column holding 元 is converted; 万元 written into a column without a unit is taken as written.
  if (kind === 'amountWan' && unit?.[1] === '元') value = value.shiftLeft(4);
  checkRange(value, kind, issues);
  return { value, raw: text, issues };
}
