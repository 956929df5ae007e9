/**
 * Reading one cell's raw content into a number, exactly as the spec's "Reading cell values"
 * table prescribes, and saying what was done (findings such as `cell.placeholder`).
 */
import type { ValueKind } from '../formats/types';
import type { RawValue } from '../import/grid';
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
  issues: readonly CellIssue[];
}

/** The issues of a plainly written figure: none, shared by every such cell. */
const NO_ISSUES: readonly CellIssue[] = Object.freeze([]);

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

/** What the column's kind forbids in a number: a negative count, a fraction of a count. */
function rangeIssues(value: Decimal, kind: ValueKind): readonly CellIssue[] {
  const negative = kind !== 'change' && value.isNegative();
  const fraction = (kind === 'count' || kind === 'change') && !value.isInteger();
  if (!negative && !fraction) return NO_ISSUES;
  const issues: CellIssue[] = [];
  if (negative) issues.push({ code: 'cell.negative' });
  if (fraction) issues.push({ code: 'cell.notInteger' });
  return issues;
}

const notNumber = (text: string): ParsedValue => ({ value: null, raw: text, issues: [{ code: 'cell.notNumber' }] });

/** Parses one cell's content for a column of `kind`. */
export function parseCell(raw: RawValue | undefined, kind: ValueKind): ParsedValue {
  const text = rawToText(raw);
  if (typeof raw === 'number') {
    const value = Decimal.fromNumber(raw);
    return value ? { value, raw: text, issues: rangeIssues(value, kind) } : notNumber(text);
  }
  // The common case, a plain whole number typed as text, needs none of the folding below.
  if (typeof raw === 'string' && PLAIN_INTEGER.test(raw)) {
    // At most 15 digits: Number() reads them exactly (spaces around them ignored).
    return { value: Decimal.fromInt(Number(raw)), raw: text, issues: NO_ISSUES };
  }
  if (typeof raw === 'boolean' || raw instanceof Date || (raw !== null && typeof raw === 'object')) return notNumber(text);

  // Digits separated by spaces (`3 5`) are two numbers run together or a stray space: not guessed.
  if (/\d[\s\u00a0\u3000]+\d/.test(text.normalize('NFKC'))) return notNumber(text);
  let s = compact(text);
  if (s === '') return { value: Decimal.ZERO, raw: text, issues: [{ code: 'cell.blank' }] };
  if (EXCEL_ERROR.test(s)) return notNumber(text);
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
  if (!NUMBER.test(s)) return notNumber(text);
  let value = Decimal.parse(s.replace(/,/g, ''));
  if (!value) return notNumber(text);
  value = value.times(sign);
  // A 万元 column holding 元 is converted; 万元 written into a column without a unit is taken as written.
  if (kind === 'amountWan' && unit?.[1] === '元') value = value.shiftLeft(4);
  return { value, raw: text, issues: [...issues, ...rangeIssues(value, kind)] };
}
