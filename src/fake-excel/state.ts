/**
 * The workbook the fake holds: sheets of sparse cells, merges, conditional formats, data
 * validation, names and worksheet custom properties. Everything here is plain synchronous
 * state; the Office.js proxies (proxies/) queue operations that call into it at `sync()`, and
 * `fake.user` calls into it directly, as a person at the keyboard would.
 *
 * Values follow Excel: an empty cell reads as `""`; writing a string that looks like a number
 * stores a number (unless the cell is formatted as text `@`); `'123` stores the text `123`; a
 * string starting with `=` is a formula. There is no formula engine: a formula cell's value is
 * whatever the test set with `setFormulaResults` (null until then).
 */
import {
  MAX_COLS,
  MAX_ROWS,
  cellsOf,
  colCount,
  contains,
  containsCell,
  formatRect,
  intersect,
  isEntireColumns,
  isEntireRows,
  parseA1,
  qualify,
  rect,
  rowCount,
  shiftSpanForDelete,
  shiftSpanForInsert,
  span,
  splitSheet,
  subtract,
  withSpan,
  type Axis,
  type Rect,
} from './address';
import type {
  BorderStyleValue,
  BorderWeightValue,
  ChangeTypeValue,
  HorizontalAlignmentValue,
  VerticalAlignmentValue,
} from './enums';
import { ErrorCodes, FakeExcelUnsupported, FakeOfficeError, invalidArgument } from './errors';
import { adjustFormula, singleReference, type ReferenceChange } from './references';

export type CellValue = string | number | boolean;

export type Edge = 'top' | 'bottom' | 'left' | 'right' | 'diagonalDown' | 'diagonalUp';

export interface BorderState {
  style: BorderStyleValue;
  color: string;
  weight: BorderWeightValue;
}

export interface CellFormat {
  /** null: no fill (Excel reads it back as `#FFFFFF` with pattern `None`). */
  fill: string | null;
  bold: boolean;
  italic: boolean;
  underline: string;
  strikethrough: boolean;
  fontColor: string;
  fontName: string;
  fontSize: number;
  horizontalAlignment: HorizontalAlignmentValue;
  verticalAlignment: VerticalAlignmentValue;
  wrapText: boolean;
  borders: Partial<Record<Edge, BorderState>>;
}

/** One criterion of a data validation rule, as Office.js's `BasicDataValidation`. */
export interface BasicCriterion {
  formula1: string | number;
  formula2?: string | number;
  operator: string;
}

/** Office.js `DataValidationRule`: exactly one member is set. */
export interface ValidationRule {
  wholeNumber?: BasicCriterion;
  decimal?: BasicCriterion;
  textLength?: BasicCriterion;
  date?: BasicCriterion;
  time?: BasicCriterion;
  list?: { inCellDropDown: boolean; source: string };
  custom?: { formula: string };
}

export interface ValidationState {
  rule: ValidationRule | null;
  errorAlert: { message: string; showAlert: boolean; style: string; title: string };
  prompt: { message: string; showPrompt: boolean; title: string };
  ignoreBlanks: boolean;
}

export interface Cell {
  /** null: empty. For a formula cell, the cached result a test supplied (null until then). */
  value: CellValue | null;
  formula: string | null;
  numberFormat: string;
  format: CellFormat;
  validation: ValidationState | null;
}

export interface ConditionalFormatState {
  id: string;
  type: string;
  ranges: Rect[];
  /** `custom`: formula; `cellValue`: formula1/formula2/operator. */
  rule: { formula?: string; formula1?: string; formula2?: string; operator?: string };
  format: {
    fill: string | null;
    fontColor: string | null;
    bold: boolean | null;
    italic: boolean | null;
    strikethrough: boolean | null;
    underline: string | null;
    numberFormat: string | null;
  };
  stopIfTrue: boolean;
  /**
   * Excel's open bugs with rules that share one range (office-js #5222, #6827, #6835): reading
   * anything but its type, or deleting it, fails with ItemNotFound. Set by `control.breakConditionalFormats`.
   */
  broken?: boolean;
}

export interface NameState {
  name: string;
  /** null: workbook scope; otherwise the id of the sheet the name belongs to. */
  scopeSheetId: string | null;
  /** Always starts with `=`, e.g. `=Sheet1!$B$2:$D$5`. */
  formula: string;
  comment: string;
  visible: boolean;
}

/** A change to report to onChanged handlers. */
export interface ChangeRecord {
  sheetId: string;
  address: string;
  changeType: ChangeTypeValue;
  details?: { valueBefore: unknown; valueAfter: unknown; valueTypeBefore: string; valueTypeAfter: string };
}

export interface StateDefaults {
  fontName: string;
  fontSize: number;
  rowHeight: number;
  columnWidth: number;
  /**
   * Width in points of one character of the default font, as column widths count characters,
   * and a column's padding: a column n characters wide is n × characterWidth + columnPadding
   * points. About 6 and 3.75 for 11-point 等线/Calibri (office-js #187, #3036: not 7.5 per character).
   */
  characterWidth: number;
  columnPadding: number;
}

/** Excel refuses reads and writes above this many cells in one request (Excel on the web's limit). */
export const CELL_LIMIT = 5_000_000;

const KEY_COLS = MAX_COLS;
const key = (row: number, col: number): number => row * KEY_COLS + col;
const unkey = (k: number): [number, number] => [Math.floor(k / KEY_COLS), k % KEY_COLS];

const NAMED_COLORS: Record<string, string> = {
  black: '#000000',
  white: '#FFFFFF',
  red: '#FF0000',
  green: '#008000',
  lime: '#00FF00',
  blue: '#0000FF',
  yellow: '#FFFF00',
  orange: '#FFA500',
  gray: '#808080',
  grey: '#808080',
  silver: '#C0C0C0',
  purple: '#800080',
  pink: '#FFC0CB',
};

/** `#rgb`, `#rrggbb` or a basic HTML colour name to Excel's `#RRGGBB`. */
export function normaliseColor(input: unknown, where: string): string {
  if (typeof input !== 'string') throw invalidArgument(`${where}: a colour must be a string`, where);
  const text = input.trim();
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(text);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`.toUpperCase();
  if (/^#[0-9a-f]{6}$/i.test(text)) return text.toUpperCase();
  const named = NAMED_COLORS[text.toLowerCase()];
  if (named) return named;
  if (/^[a-z]+$/i.test(text)) throw new FakeExcelUnsupported(`the colour name "${text}" (use #RRGGBB)`);
  throw invalidArgument(`${where}: "${text}" is not a colour`, where);
}

export function valueType(value: CellValue | null): string {
  if (value === null || value === '') return 'Empty';
  if (typeof value === 'boolean') return 'Boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'Integer' : 'Double';
  return 'String';
}

const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * What Excel stores for one input: `""` empties the cell, `=…` is a formula, `'…` is text,
 * numeric text becomes a number and TRUE/FALSE a boolean unless the cell's format is text (`@`).
 * Dates, percentages, currency and thousands separators are not parsed (they stay text).
 */
export function parseInput(input: CellValue, numberFormat: string, where: string): { value: CellValue | null; formula: string | null } {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw invalidArgument(`${where}: ${input} is not a number Excel can store`, where);
    return { value: input, formula: null };
  }
  if (typeof input === 'boolean') return { value: input, formula: null };
  if (typeof input !== 'string') throw invalidArgument(`${where}: cells hold strings, numbers or booleans, not ${typeof input}`, where);
  if (input === '') return { value: null, formula: null };
  if (numberFormat === '@') return { value: input, formula: null };
  if (input.startsWith('=') && input.length > 1) return { value: null, formula: input };
  if (input.startsWith("'")) return { value: input.slice(1) === '' ? null : input.slice(1), formula: null };
  const trimmed = input.trim();
  if (NUMERIC.test(trimmed)) return { value: Number(trimmed), formula: null };
  if (/^(true|false)$/i.test(trimmed)) return { value: trimmed.toLowerCase() === 'true', formula: null };
  return { value: input, formula: null };
}

function isRectArray(v: unknown): v is unknown[][] {
  return Array.isArray(v) && v.every((row) => Array.isArray(row));
}

/**
 * The per-cell inputs of a write: a 2-D array of exactly the range's shape (null entries leave
 * the cell alone), or a single non-array value applied to every cell. Anything else is Excel's
 * InvalidArgument.
 */
export function cellInputs<T>(target: Rect, input: unknown, where: string): (row: number, col: number) => T | null {
  const rows = rowCount(target);
  const cols = colCount(target);
  if (input === null || input === undefined) throw invalidArgument(`${where}: null is not a valid value for the whole property`, where);
  if (Array.isArray(input)) {
    if (!isRectArray(input) || input.length !== rows || input.some((r) => r.length !== cols)) {
      const shape = isRectArray(input) ? `${input.length}×${input[0]?.length ?? 0}` : 'not a 2-D array';
      throw invalidArgument(
        `${where}: The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rows}×${cols}; got ${shape}).`,
        where,
      );
    }
    return (row, col) => input[row - target.r0][col - target.c0] as T | null;
  }
  return () => input as T;
}

function cellCountOf(r: Rect): number {
  return rowCount(r) * colCount(r);
}

export function checkCellLimit(r: Rect, where: string): void {
  if (cellCountOf(r) > CELL_LIMIT)
    throw new FakeOfficeError(
      'ResponsePayloadSizeLimitExceeded',
      `${where}: ${cellCountOf(r)} cells is over the ${CELL_LIMIT} a request may carry`,
      where,
    );
}

/** Excel on the web carries at most 5 MB in one request or response (its resource-limits page). */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

/** UTF-8 length of a text, without TextEncoder (the fake runs with no DOM or Node types). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code >= 0xd800 && code < 0xdc00 ? (i++, 4) : 3;
  }
  return bytes;
}

/** A loaded grid as it travels back: over the limit, the whole sync fails as on Excel on the web. */
export function checkPayload<T>(grid: T[][], where: string): T[][] {
  const bytes = utf8Length(JSON.stringify(grid));
  if (bytes > PAYLOAD_LIMIT_BYTES)
    throw new FakeOfficeError('ResponsePayloadSizeLimitExceeded', `${where}: the response would carry ${bytes} bytes, over the ${PAYLOAD_LIMIT_BYTES} Excel on the web allows`, where);
  return grid;
}

export class SheetState {
  readonly cells = new Map<number, Cell>();
  merges: Rect[] = [];
  conditionalFormats: ConditionalFormatState[] = [];
  customProperties: Array<{ key: string; value: string }> = [];
  readonly columnWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();
  /** Set by pageLayout.setPrintArea; not shifted by row inserts (not modelled). */
  printArea: string | null = null;
  frozenRows = 0;
  frozenColumns = 0;
  visibility = 'Visible';

  constructor(
    readonly workbook: WorkbookState,
    readonly id: string,
    public name: string,
  ) {}

  get position(): number {
    return this.workbook.sheets.indexOf(this);
  }

  // ---- cells ----

  peek(row: number, col: number): Cell | undefined {
    return this.cells.get(key(row, col));
  }

  cell(row: number, col: number): Cell {
    let c = this.cells.get(key(row, col));
    if (!c) {
      c = this.workbook.emptyCell();
      this.cells.set(key(row, col), c);
    }
    return c;
  }

  private prune(row: number, col: number): void {
    const c = this.peek(row, col);
    if (c && this.workbook.isDefaultCell(c)) this.cells.delete(key(row, col));
  }

  /** The cells of `r` that exist (hold anything), in no particular order. */
  *cellsIn(r: Rect): Generator<[number, number, Cell]> {
    if (cellCountOf(r) <= this.cells.size * 4) {
      for (const [row, col] of cellsOf(r)) {
        const c = this.peek(row, col);
        if (c) yield [row, col, c];
      }
      return;
    }
    for (const [k, c] of [...this.cells]) {
      const [row, col] = unkey(k);
      if (containsCell(r, row, col)) yield [row, col, c];
    }
  }

  /** The one value of `get` over every cell of `r` (empty cells included), or null when they differ. */
  uniform<T>(r: Rect, get: (cell: Cell) => T, same: (a: T, b: T) => boolean = (a, b) => a === b): T | null {
    let seen = 0;
    let first: T | undefined;
    for (const [, , c] of this.cellsIn(r)) {
      const v = get(c);
      if (seen === 0) first = v;
      else if (!same(first as T, v)) return null;
      seen += 1;
    }
    if (seen < cellCountOf(r)) {
      const d = get(this.workbook.emptyCell());
      return seen > 0 && !same(first as T, d) ? null : d;
    }
    return first as T;
  }

  /** The value Excel reports: `""` for empty, the cached result (default null) for formulas. */
  readValue(c: Cell | undefined): CellValue | null {
    if (!c) return '';
    if (c.formula !== null) return c.value;
    return c.value ?? '';
  }

  readFormula(c: Cell | undefined): CellValue {
    if (!c) return '';
    if (c.formula !== null) return c.formula;
    return c.value ?? '';
  }

  grid<T>(r: Rect, get: (c: Cell | undefined, row: number, col: number) => T, where: string): T[][] {
    checkCellLimit(r, where);
    const out: T[][] = [];
    for (let row = r.r0; row <= r.r1; row++) {
      const line: T[] = [];
      for (let col = r.c0; col <= r.c1; col++) line.push(get(this.peek(row, col), row, col));
      out.push(line);
    }
    return out;
  }

  /** Write values or formulas (both parse the same way); returns the single-cell change detail. */
  writeContents(r: Rect, input: unknown, where: string): ChangeRecord['details'] {
    checkCellLimit(r, where);
    const at = cellInputs<CellValue>(r, input, where);
    const single = r.r0 === r.r1 && r.c0 === r.c1;
    const before = single ? this.readValue(this.peek(r.r0, r.c0)) : null;
    // Parse everything first: a bad entry fails the whole write, as in Excel.
    const parsed: Array<[number, number, ReturnType<typeof parseInput>]> = [];
    for (const [row, col] of cellsOf(r)) {
      const v = at(row, col);
      if (v === null) continue;
      parsed.push([row, col, parseInput(v, this.peek(row, col)?.numberFormat ?? 'General', where)]);
    }
    for (const [row, col, p] of parsed) {
      const c = this.cell(row, col);
      c.value = p.value;
      c.formula = p.formula;
      this.prune(row, col);
    }
    if (!single) return undefined;
    const after = this.readValue(this.peek(r.r0, r.c0));
    return { valueBefore: before, valueAfter: after, valueTypeBefore: valueType(before), valueTypeAfter: valueType(after) };
  }

  writeNumberFormat(r: Rect, input: unknown, where: string): void {
    checkCellLimit(r, where);
    const at = cellInputs<string>(r, input, where);
    for (const [row, col] of cellsOf(r)) {
      const v = at(row, col);
      if (v === null) continue;
      if (typeof v !== 'string') throw invalidArgument(`${where}: number formats are strings`, where);
      this.cell(row, col).numberFormat = v === '' ? 'General' : v;
      this.prune(row, col);
    }
  }

  /** Change the format of every cell in `r` (copy-on-write of the shared default). */
  updateFormat(r: Rect, where: string, patch: (f: CellFormat) => CellFormat): void {
    if (cellCountOf(r) > CELL_LIMIT) throw new FakeExcelUnsupported(`formatting more than ${CELL_LIMIT} cells at once (${where})`);
    for (const [row, col] of cellsOf(r)) {
      const c = this.cell(row, col);
      c.format = patch(c.format);
      this.prune(row, col);
    }
  }

  setValidation(r: Rect, where: string, patch: (v: ValidationState) => ValidationState | null): void {
    if (cellCountOf(r) > CELL_LIMIT) throw new FakeExcelUnsupported(`data validation on more than ${CELL_LIMIT} cells (${where})`);
    for (const [row, col] of cellsOf(r)) {
      const c = this.cell(row, col);
      c.validation = patch(c.validation ?? defaultValidation());
      this.prune(row, col);
    }
  }

  clear(r: Rect, applyTo: string, where: string): void {
    const contents = applyTo === 'All' || applyTo === 'Contents' || applyTo === 'ResetContents';
    const formats = applyTo === 'All' || applyTo === 'Formats';
    if (!contents && !formats) {
      if (applyTo === 'Hyperlinks' || applyTo === 'RemoveHyperlinks') return; // no hyperlinks are modelled
      throw invalidArgument(`${where}: unknown applyTo "${applyTo}"`, where);
    }
    for (const [row, col, c] of [...this.cellsIn(r)]) {
      if (contents) {
        c.value = null;
        c.formula = null;
      }
      if (formats) {
        c.numberFormat = 'General';
        c.format = this.workbook.defaultFormat;
      }
      this.prune(row, col);
    }
    if (formats) {
      // Clearing formats also unmerges and removes the conditional formats over the range.
      this.merges = this.merges.filter((m) => !intersect(m, r));
      this.removeConditionalFormatsIn(r);
    }
  }

  // ---- merges ----

  merge(r: Rect, across: boolean, where: string): void {
    const areas: Rect[] = across ? Array.from({ length: rowCount(r) }, (_v, i) => rect(r.r0 + i, r.c0, r.r0 + i, r.c1)) : [r];
    for (const m of this.merges) {
      if (intersect(m, r) && !contains(r, m))
        throw new FakeOfficeError(ErrorCodes.mergedRangeConflict, `${where}: the range overlaps part of the merged area ${formatRect(m)}`, where);
    }
    this.merges = this.merges.filter((m) => !contains(r, m));
    for (const a of areas) {
      if (rowCount(a) === 1 && colCount(a) === 1) continue;
      // Excel keeps the upper-left value only.
      for (const [row, col] of cellsOf(a)) {
        if (row === a.r0 && col === a.c0) continue;
        const c = this.peek(row, col);
        if (c) {
          c.value = null;
          c.formula = null;
          this.prune(row, col);
        }
      }
      this.merges.push(a);
    }
  }

  unmerge(r: Rect): void {
    this.merges = this.merges.filter((m) => !intersect(m, r));
  }

  mergedAreas(): string[] {
    return this.merges.map((m) => formatRect(m)).sort();
  }

  /** A column's width as Excel shows it in its width dialog: characters of the default font. */
  columnCharacters(col: number): number {
    const { characterWidth, columnPadding, columnWidth } = this.workbook.defaults;
    return ((this.columnWidths.get(col) ?? columnWidth) - columnPadding) / characterWidth;
  }

  /**
   * Merged areas whose wrapped text does not fit their rows. Excel auto-fits the height of a row
   * to wrapped text, except in rows with merged cells: there the text is clipped unless the row
   * heights were set. `measure(text, widthInCharacters)` gives the lines the text needs.
   */
  clippedMergedText(measure: (text: string, width: number) => number): string[] {
    const { rowHeight } = this.workbook.defaults;
    return this.merges
      .filter((m) => {
        const c = this.peek(m.r0, m.c0);
        if (!c || typeof c.value !== 'string' || !c.format.wrapText) return false;
        let width = 0;
        for (let col = m.c0; col <= m.c1; col++) width += this.columnCharacters(col);
        let height = 0;
        for (let row = m.r0; row <= m.r1; row++) height += this.rowHeights.get(row) ?? rowHeight;
        // One line of 11-point text needs the default row height.
        return measure(c.value, width) * rowHeight > height + 0.01;
      })
      .map((m) => formatRect(m));
  }

  // ---- conditional formats ----

  conditionalFormatsIn(r: Rect): ConditionalFormatState[] {
    return this.conditionalFormats.filter((cf) => cf.ranges.some((x) => intersect(x, r)));
  }

  removeConditionalFormatsIn(r: Rect): void {
    for (const cf of this.conditionalFormats) cf.ranges = cf.ranges.flatMap((x) => subtract(x, r));
    this.conditionalFormats = this.conditionalFormats.filter((cf) => cf.ranges.length > 0);
  }

  // ---- used range ----

  usedRect(valuesOnly: boolean): Rect | null {
    let r0 = Infinity;
    let c0 = Infinity;
    let r1 = -1;
    let c1 = -1;
    for (const [k, c] of this.cells) {
      if (valuesOnly ? c.value === null && c.formula === null : this.workbook.isDefaultCell(c)) continue;
      const [row, col] = unkey(k);
      r0 = Math.min(r0, row);
      c0 = Math.min(c0, col);
      r1 = Math.max(r1, row);
      c1 = Math.max(c1, col);
    }
    return r1 < 0 ? null : { r0, c0, r1, c1 };
  }

  // ---- A1 helpers for tests ----

  rectOf(address: string): Rect {
    const { sheet, local } = splitSheet(address);
    if (sheet !== null && sheet.toLowerCase() !== this.name.toLowerCase())
      throw new Error(`${address} is not on sheet ${this.name}`);
    const r = parseA1(local);
    if (!r) throw new Error(`not an A1 address: ${address}`);
    return r;
  }

  /** Values as the add-in would read them (`""` for empty cells). */
  getValues(address: string): Array<Array<CellValue | null>> {
    return this.grid(this.rectOf(address), (c) => this.readValue(c), 'getValues');
  }

  getValue(address: string): CellValue | null {
    return this.getValues(address)[0][0];
  }

  getFormulas(address: string): CellValue[][] {
    return this.grid(this.rectOf(address), (c) => this.readFormula(c), 'getFormulas');
  }

  /** Set contents directly: no event, no sync. For arranging a test. */
  setValues(address: string, values: unknown): this {
    this.writeContents(this.rectOf(address), values, 'setValues');
    return this;
  }

  /** Supply the results of formula cells (there is no formula engine). Non-formula cells are refused. */
  setFormulaResults(address: string, values: CellValue | Array<Array<CellValue | null>>): this {
    const r = this.rectOf(address);
    const at = cellInputs<CellValue>(r, values, 'setFormulaResults');
    for (const [row, col] of cellsOf(r)) {
      const v = at(row, col);
      if (v === null) continue;
      const c = this.peek(row, col);
      if (!c || c.formula === null) throw new Error(`setFormulaResults: ${formatRect(rect(row, col))} holds no formula`);
      c.value = v;
    }
    return this;
  }

  cellAt(address: string): Cell | undefined {
    const r = this.rectOf(address);
    return this.peek(r.r0, r.c0);
  }

  // ---- sizes ----

  columnWidth(col: number): number {
    return this.columnWidths.get(col) ?? this.workbook.defaults.columnWidth;
  }

  rowHeight(row: number): number {
    return this.rowHeights.get(row) ?? this.workbook.defaults.rowHeight;
  }
}

export function defaultValidation(): ValidationState {
  return {
    rule: null,
    errorAlert: { message: '', showAlert: true, style: 'Stop', title: '' },
    prompt: { message: '', showPrompt: false, title: '' },
    ignoreBlanks: true,
  };
}

export function validationType(rule: ValidationRule | null): string {
  if (!rule) return 'None';
  const kinds: Array<[keyof ValidationRule, string]> = [
    ['wholeNumber', 'WholeNumber'],
    ['decimal', 'Decimal'],
    ['textLength', 'TextLength'],
    ['date', 'Date'],
    ['time', 'Time'],
    ['list', 'List'],
    ['custom', 'Custom'],
  ];
  for (const [k, name] of kinds) if (rule[k]) return name;
  return 'None';
}

const SHEET_NAME_FORBIDDEN = /[:\\/?*[\]]/;

export function checkSheetName(name: unknown, where: string): string {
  if (typeof name !== 'string' || name.length === 0 || name.length > 31)
    throw invalidArgument(`${where}: a sheet name has 1 to 31 characters`, where);
  if (SHEET_NAME_FORBIDDEN.test(name) || name.startsWith("'") || name.endsWith("'"))
    throw invalidArgument(`${where}: "${name}" contains a character Excel does not allow in sheet names`, where);
  if (name.toLowerCase() === 'history') throw invalidArgument(`${where}: "History" is reserved`, where);
  return name;
}

/** Excel's rules for a defined name: a letter, `_` or `\` first; no spaces; not a cell reference. */
export function checkDefinedName(name: unknown, where: string): string {
  if (typeof name !== 'string' || name.length === 0 || name.length > 255) throw invalidArgument(`${where}: a name has 1 to 255 characters`, where);
  if (!/^[\p{L}_\\][\p{L}\p{N}_.\\?]*$/u.test(name)) throw invalidArgument(`${where}: "${name}" is not a valid name`, where);
  if (parseA1(name) || /^[RrCc]$/.test(name) || /^[Rr]\d*[Cc]\d*$/.test(name))
    throw invalidArgument(`${where}: "${name}" reads as a cell reference`, where);
  return name;
}

export class WorkbookState {
  readonly sheets: SheetState[] = [];
  names: NameState[] = [];
  activeSheetId: string | null = null;
  selection: { sheetId: string; rect: Rect } | null = null;
  readonly defaults: StateDefaults;
  readonly defaultFormat: CellFormat;
  private nextSheet = 1;
  private nextSheetId = 1;
  private nextCf = 1;

  constructor(defaults: Partial<StateDefaults> = {}) {
    this.defaults = { fontName: '等线', fontSize: 11, rowHeight: 14.25, columnWidth: 54, characterWidth: 6, columnPadding: 3.75, ...defaults };
    this.defaultFormat = Object.freeze({
      fill: null,
      bold: false,
      italic: false,
      underline: 'None',
      strikethrough: false,
      fontColor: '#000000',
      fontName: this.defaults.fontName,
      fontSize: this.defaults.fontSize,
      horizontalAlignment: 'General',
      verticalAlignment: 'Bottom',
      wrapText: false,
      borders: Object.freeze({}),
    }) as CellFormat;
  }

  emptyCell(): Cell {
    return { value: null, formula: null, numberFormat: 'General', format: this.defaultFormat, validation: null };
  }

  isDefaultCell(c: Cell): boolean {
    return c.value === null && c.formula === null && c.numberFormat === 'General' && c.format === this.defaultFormat && c.validation === null;
  }

  newConditionalFormatId(): string {
    return `{CF-${String(this.nextCf++).padStart(4, '0')}}`;
  }

  // ---- sheets ----

  sheetById(id: string): SheetState | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  sheetByName(name: string): SheetState | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  /** By name (case-insensitive) or id, as `worksheets.getItem(key)` looks up. */
  findSheet(key: string): SheetState | undefined {
    return this.sheetByName(key) ?? this.sheetById(key);
  }

  /** The sheet called `name`, or an Error naming the sheets there are. For tests. */
  sheet(name: string): SheetState {
    const s = this.sheetByName(name);
    if (!s) throw new Error(`no sheet "${name}" (sheets: ${this.sheets.map((x) => x.name).join(', ')})`);
    return s;
  }

  activeSheet(): SheetState {
    const s = (this.activeSheetId && this.sheetById(this.activeSheetId)) || this.sheets[0];
    if (!s) throw new Error('the workbook has no sheets');
    return s;
  }

  unusedSheetName(): string {
    for (;;) {
      const name = `Sheet${this.nextSheet++}`;
      if (!this.sheetByName(name)) return name;
    }
  }

  addSheet(name?: string, where = 'worksheets.add'): SheetState {
    const n = name === undefined || name === null ? this.unusedSheetName() : checkSheetName(name, where);
    if (this.sheetByName(n)) throw new FakeOfficeError(ErrorCodes.itemAlreadyExists, `${where}: a sheet called "${n}" already exists`, where);
    const id = `{00000000-${(this.nextSheetId++).toString(16).padStart(4, '0').toUpperCase()}-0000-0000-000000000000}`;
    const s = new SheetState(this, id, n);
    this.sheets.push(s);
    if (!this.activeSheetId) this.activeSheetId = s.id;
    return s;
  }

  renameSheet(s: SheetState, newName: string, where = 'Worksheet.name'): void {
    checkSheetName(newName, where);
    const other = this.sheetByName(newName);
    if (other && other !== s) throw new FakeOfficeError(ErrorCodes.itemAlreadyExists, `${where}: a sheet called "${newName}" already exists`, where);
    const from = s.name;
    if (from === newName) return;
    s.name = newName;
    this.adjustAllFormulas({ kind: 'rename', from, to: newName });
  }

  deleteSheet(s: SheetState, where = 'Worksheet.delete'): void {
    if (this.sheets.filter((x) => x.visibility === 'Visible').length <= 1 && s.visibility === 'Visible')
      throw new FakeOfficeError(ErrorCodes.invalidOperation, `${where}: a workbook must keep at least one visible sheet`, where);
    const index = this.sheets.indexOf(s);
    this.sheets.splice(index, 1);
    this.names = this.names.filter((n) => n.scopeSheetId !== s.id);
    this.adjustAllFormulas({ kind: 'deleteSheet', sheet: s.name });
    if (this.activeSheetId === s.id) this.activeSheetId = this.sheets[Math.max(0, index - 1)].id;
    if (this.selection?.sheetId === s.id) this.selection = null;
  }

  /**
   * A copy of `s` at the end of the workbook (Excel's 移动或复制 → 建立副本, what staff do with last
   * year's sheet): cells, merges, sizes, conditional formats, data validation, the print area and
   * the sheet-scoped names come along, the names now scoped to the copy and referring to it.
   * Worksheet custom properties do not (office-js #5486, by design).
   */
  copySheet(s: SheetState, name = this.copyName(s.name), where = 'Worksheet.copy'): SheetState {
    const copy = this.addSheet(name, where);
    const validations = new Map<ValidationState, ValidationState>();
    for (const [k, c] of s.cells) {
      const validation = c.validation && (validations.get(c.validation) ?? { ...c.validation });
      if (c.validation && validation) validations.set(c.validation, validation);
      copy.cells.set(k, { ...c, validation });
    }
    copy.merges = s.merges.map((m) => ({ ...m }));
    copy.conditionalFormats = s.conditionalFormats.map((cf) => ({ ...cf, id: this.newConditionalFormatId(), ranges: cf.ranges.map((r) => ({ ...r })), rule: { ...cf.rule }, format: { ...cf.format } }));
    for (const [k, v] of s.columnWidths) copy.columnWidths.set(k, v);
    for (const [k, v] of s.rowHeights) copy.rowHeights.set(k, v);
    copy.printArea = s.printArea;
    for (const n of this.names.filter((x) => x.scopeSheetId === s.id))
      this.names.push({ ...n, scopeSheetId: copy.id, formula: adjustFormula(n.formula, s.name, { kind: 'rename', from: s.name, to: copy.name }) });
    return copy;
  }

  /** Excel's name for a copy: `表一 (2)`, `表一 (3)` … */
  private copyName(base: string): string {
    for (let k = 2; ; k++) if (!this.sheetByName(`${base} (${k})`)) return `${base} (${k})`;
  }

  moveSheet(s: SheetState, position: number, where = 'Worksheet.position'): void {
    if (!Number.isInteger(position) || position < 0 || position >= this.sheets.length)
      throw invalidArgument(`${where}: position ${position} is outside 0…${this.sheets.length - 1}`, where);
    this.sheets.splice(this.sheets.indexOf(s), 1);
    this.sheets.splice(position, 0, s);
  }

  // ---- names ----

  findName(name: string, scopeSheetId: string | null): NameState | undefined {
    return this.names.find((n) => n.scopeSheetId === scopeSheetId && n.name.toLowerCase() === name.toLowerCase());
  }

  addName(name: string, formula: string, comment: string, scopeSheetId: string | null, where: string): NameState {
    checkDefinedName(name, where);
    if (this.findName(name, scopeSheetId)) throw new FakeOfficeError(ErrorCodes.itemAlreadyExists, `${where}: the name "${name}" already exists`, where);
    const n: NameState = { name, scopeSheetId, formula: formula.startsWith('=') ? formula : `=${formula}`, comment, visible: true };
    this.names.push(n);
    return n;
  }

  /** The range a name refers to, or null when it is not a single reference (or is #REF!). */
  nameTarget(n: NameState): { sheet: SheetState; rect: Rect } | null {
    const ref = singleReference(n.formula);
    if (!ref) return null;
    const home = n.scopeSheetId ? this.sheetById(n.scopeSheetId) : undefined;
    const sheet = ref.sheet !== null ? this.sheetByName(ref.sheet) : home;
    const r = parseA1(ref.local);
    return sheet && r ? { sheet, rect: r } : null;
  }

  /** Resolve `Sheet1!B2`, `B2` on `home`, or a defined name (sheet scope first). */
  resolveReference(text: string, home: SheetState | null): { sheet: SheetState; rect: Rect } | null {
    const { sheet, local } = splitSheet(text.replace(/^=/, ''));
    const target = sheet !== null ? this.sheetByName(sheet) : home;
    const r = parseA1(local);
    if (r) return target ? { sheet: target, rect: r } : null;
    if (sheet !== null && !target) return null;
    const scoped = target ? this.findName(local, target.id) : undefined;
    const n = scoped ?? (sheet === null ? this.findName(local, null) : undefined);
    return n ? this.nameTarget(n) : null;
  }

  // ---- insert and delete rows or columns ----

  /**
   * Insert `count` rows (columns) before 0-based index `at` of `s`: cells, sizes, merges,
   * conditional-format ranges, data validation and every formula, rule and name that refers to
   * the moved cells shift, as in Excel. The new rows take the formats of the row above (Excel's
   * default "format same as above"), and its data validation where the rows above and below
   * share one rule.
   */
  insertBand(s: SheetState, axis: Axis, at: number, count: number, where: string): ChangeRecord {
    const limit = axis === 'row' ? MAX_ROWS : MAX_COLS;
    if (!Number.isInteger(count) || count < 1 || at < 0 || at >= limit) throw invalidArgument(`${where}: nothing to insert`, where);
    for (const [k, c] of s.cells) {
      const [row, col] = unkey(k);
      const index = axis === 'row' ? row : col;
      if (index + count >= limit && (c.value !== null || c.formula !== null))
        throw new FakeOfficeError(
          ErrorCodes.nonBlankCellOffSheet,
          `${where}: To prevent possible loss of data, Excel cannot shift nonblank cells off of the worksheet.`,
          where,
        );
    }
    const moved = new Map<number, Cell>();
    for (const [k, c] of s.cells) {
      const [row, col] = unkey(k);
      const index = axis === 'row' ? row : col;
      const next = index >= at ? index + count : index;
      if (next >= limit) continue;
      moved.set(axis === 'row' ? key(next, col) : key(row, next), c);
    }
    // Format same as above (left): copy the line before the insertion into the new lines.
    if (at > 0) {
      for (const [k, c] of s.cells) {
        const [row, col] = unkey(k);
        if ((axis === 'row' ? row : col) !== at - 1) continue;
        const belowKey = axis === 'row' ? key(at, col) : key(row, at);
        const below = s.cells.get(belowKey);
        const keepRule = c.validation !== null && below !== undefined && sameJson(c.validation, below.validation);
        for (let i = 0; i < count; i++) {
          const copy: Cell = {
            value: null,
            formula: null,
            numberFormat: c.numberFormat,
            format: c.format,
            validation: keepRule ? c.validation : null,
          };
          if (this.isDefaultCell(copy)) continue;
          moved.set(axis === 'row' ? key(at + i, col) : key(row, at + i), copy);
        }
      }
    }
    s.cells.clear();
    for (const [k, c] of moved) s.cells.set(k, c);

    const sizes = axis === 'row' ? s.rowHeights : s.columnWidths;
    const shiftedSizes = new Map<number, number>();
    for (const [i, v] of sizes) if (i < at || i + count < limit) shiftedSizes.set(i >= at ? i + count : i, v);
    const above = sizes.get(at - 1);
    if (above !== undefined) for (let i = 0; i < count; i++) shiftedSizes.set(at + i, above);
    sizes.clear();
    for (const [i, v] of shiftedSizes) sizes.set(i, v);

    const move = (r: Rect): Rect => shiftRectForInsert(r, axis, at, count);
    s.merges = s.merges.map(move);
    for (const cf of s.conditionalFormats) cf.ranges = cf.ranges.map(move);
    if (this.selection?.sheetId === s.id) this.selection = { ...this.selection, rect: move(this.selection.rect) };
    this.adjustAllFormulas({ kind: 'insert', sheet: s.name, axis, at, count });
    const band = axis === 'row' ? rect(at, 0, at + count - 1, MAX_COLS - 1) : rect(0, at, MAX_ROWS - 1, at + count - 1);
    return { sheetId: s.id, address: formatRect(band), changeType: axis === 'row' ? 'RowInserted' : 'ColumnInserted' };
  }

  /** Delete rows (columns) `at … at+count-1` of `s`; references into them become #REF!. */
  deleteBand(s: SheetState, axis: Axis, at: number, count: number, where: string): ChangeRecord {
    const limit = axis === 'row' ? MAX_ROWS : MAX_COLS;
    if (!Number.isInteger(count) || count < 1 || at < 0 || at + count > limit) throw invalidArgument(`${where}: nothing to delete`, where);
    const end = at + count - 1;
    const moved = new Map<number, Cell>();
    for (const [k, c] of s.cells) {
      const [row, col] = unkey(k);
      const index = axis === 'row' ? row : col;
      if (index >= at && index <= end) continue;
      const next = index > end ? index - count : index;
      moved.set(axis === 'row' ? key(next, col) : key(row, next), c);
    }
    s.cells.clear();
    for (const [k, c] of moved) s.cells.set(k, c);

    const sizes = axis === 'row' ? s.rowHeights : s.columnWidths;
    const shiftedSizes = new Map<number, number>();
    for (const [i, v] of sizes) if (i < at || i > end) shiftedSizes.set(i > end ? i - count : i, v);
    sizes.clear();
    for (const [i, v] of shiftedSizes) sizes.set(i, v);

    const move = (r: Rect): Rect | null => shiftRectForDelete(r, axis, at, count);
    s.merges = s.merges.map(move).filter((m): m is Rect => m !== null && (rowCount(m) > 1 || colCount(m) > 1));
    for (const cf of s.conditionalFormats) cf.ranges = cf.ranges.map(move).filter((m): m is Rect => m !== null);
    s.conditionalFormats = s.conditionalFormats.filter((cf) => cf.ranges.length > 0);
    if (this.selection?.sheetId === s.id) {
      const sel = move(this.selection.rect);
      this.selection = { sheetId: s.id, rect: sel ?? withSpan(this.selection.rect, axis, Math.min(at, limit - 1), Math.min(at, limit - 1)) };
    }
    this.adjustAllFormulas({ kind: 'delete', sheet: s.name, axis, at, count });
    const band = axis === 'row' ? rect(at, 0, end, MAX_COLS - 1) : rect(0, at, MAX_ROWS - 1, end);
    return { sheetId: s.id, address: formatRect(band), changeType: axis === 'row' ? 'RowDeleted' : 'ColumnDeleted' };
  }

  /** Rewrite every formula, rule and name for a move, rename or deletion. */
  adjustAllFormulas(change: ReferenceChange): void {
    for (const s of this.sheets) {
      const adjust = (f: string): string => adjustFormula(f, s.name, change);
      const seen = new Set<ValidationState>();
      for (const c of s.cells.values()) {
        if (c.formula !== null) c.formula = adjust(c.formula);
        if (c.validation?.rule && !seen.has(c.validation)) {
          seen.add(c.validation);
          c.validation.rule = adjustRule(c.validation.rule, adjust);
        }
      }
      for (const cf of s.conditionalFormats) {
        if (cf.rule.formula !== undefined) cf.rule.formula = adjust(cf.rule.formula);
        if (cf.rule.formula1 !== undefined) cf.rule.formula1 = adjust(cf.rule.formula1);
        if (cf.rule.formula2 !== undefined) cf.rule.formula2 = adjust(cf.rule.formula2);
      }
    }
    for (const n of this.names) {
      const scope = n.scopeSheetId ? this.sheetById(n.scopeSheetId) : undefined;
      n.formula = adjustFormula(n.formula, scope ? scope.name : null, change);
    }
  }

  /** A1 text of a rectangle on a sheet, sheet-qualified the way Range.address reports it. */
  address(s: SheetState, r: Rect): string {
    return qualify(s.name, r);
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function adjustRule(rule: ValidationRule, adjust: (f: string) => string): ValidationRule {
  const f = (v: string | number | undefined): string | number | undefined => (typeof v === 'string' && v.startsWith('=') ? adjust(v) : v);
  const basic = (c: BasicCriterion | undefined): BasicCriterion | undefined => {
    if (!c) return undefined;
    const out: BasicCriterion = { ...c, formula1: f(c.formula1) as string | number };
    if (c.formula2 !== undefined) out.formula2 = f(c.formula2);
    return out;
  };
  const out: ValidationRule = {};
  if (rule.wholeNumber) out.wholeNumber = basic(rule.wholeNumber);
  if (rule.decimal) out.decimal = basic(rule.decimal);
  if (rule.textLength) out.textLength = basic(rule.textLength);
  if (rule.date) out.date = basic(rule.date);
  if (rule.time) out.time = basic(rule.time);
  if (rule.list) out.list = { ...rule.list, source: f(rule.list.source) as string };
  if (rule.custom) out.custom = { formula: adjust(rule.custom.formula) };
  return out;
}

export function shiftRectForInsert(r: Rect, axis: Axis, at: number, count: number): Rect {
  if (axis === 'row' ? isEntireColumns(r) : isEntireRows(r)) return r;
  const limit = axis === 'row' ? MAX_ROWS : MAX_COLS;
  const [lo, hi] = span(r, axis);
  const [nlo, nhi] = shiftSpanForInsert(lo, hi, at, count);
  return withSpan(r, axis, Math.min(nlo, limit - 1), Math.min(nhi, limit - 1));
}

export function shiftRectForDelete(r: Rect, axis: Axis, at: number, count: number): Rect | null {
  if (axis === 'row' ? isEntireColumns(r) : isEntireRows(r)) return r;
  const [lo, hi] = span(r, axis);
  const moved = shiftSpanForDelete(lo, hi, at, count);
  return moved ? withSpan(r, axis, moved[0], moved[1]) : null;
}
