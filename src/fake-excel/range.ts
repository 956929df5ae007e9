/**
 * Range and everything hanging off it: format (fill, font, borders, alignment, sizes), data
 * validation, conditional formats, RangeAreas.
 */
import {
  MAX_COLS,
  MAX_ROWS,
  cellsOf,
  colCount,
  formatRect,
  intersect,
  isEntireColumns,
  isEntireRows,
  parseA1,
  qualify,
  rect,
  rowCount,
  splitSheet,
  type Rect,
} from './address';
import { FakeClientObject, FakeCollection, type Execution, type ProxyLike } from './base';
import type { FakeRequestContext } from './context';
import type { FakeWorksheet } from './workbook';
import {
  BorderIndex,
  BorderLineStyle,
  BorderWeight,
  ConditionalFormatType,
  DataValidationOperator,
  HorizontalAlignment,
  VerticalAlignment,
  isOneOf,
  type BorderIndexValue,
} from './enums';
import { ErrorCodes, FakeExcelUnsupported, FakeOfficeError, invalidArgument, itemNotFound } from './errors';
import {
  checkCellLimit,
  checkPayload,
  defaultValidation,
  normaliseColor,
  validationType,
  valueType,
  type BorderState,
  type CellFormat,
  type CellValue,
  type ConditionalFormatState,
  type Edge,
  type SheetState,
  type ValidationRule,
  type ValidationState,
} from './state';

export interface RangeTarget {
  sheet: SheetState;
  rect: Rect;
}

type Locate = (ex: Execution) => RangeTarget | null;

function inSheet(r: Rect): boolean {
  return r.r0 >= 0 && r.c0 >= 0 && r.r1 < MAX_ROWS && r.c1 < MAX_COLS && r.r0 <= r.r1 && r.c0 <= r.c1;
}

function checkInSheet(r: Rect, where: string): Rect {
  if (!inSheet(r)) throw invalidArgument(`${where}: the resulting range is outside the sheet`, where);
  return r;
}

export class FakeRange extends FakeClientObject<RangeTarget> {
  private _children: {
    format?: FakeRangeFormat;
    worksheet?: FakeWorksheet;
    dataValidation?: FakeDataValidation;
    conditionalFormats?: FakeConditionalFormatCollection;
  } = {};

  constructor(
    context: FakeRequestContext,
    private readonly _locate: Locate,
    options: { nullable?: boolean } = {},
  ) {
    super(context, 'Range', options);
  }

  _resolve(ex: Execution): RangeTarget | null {
    return this._locate(ex);
  }

  protected _scalars() {
    type T = RangeTarget;
    return {
      address: (t: T) => qualify(t.sheet.name, t.rect),
      addressLocal: (t: T) => qualify(t.sheet.name, t.rect),
      rowIndex: (t: T) => t.rect.r0,
      columnIndex: (t: T) => t.rect.c0,
      rowCount: (t: T) => rowCount(t.rect),
      columnCount: (t: T) => colCount(t.rect),
      cellCount: (t: T) => rowCount(t.rect) * colCount(t.rect),
      isEntireRow: (t: T) => isEntireRows(t.rect),
      isEntireColumn: (t: T) => isEntireColumns(t.rect),
      values: (t: T) => checkPayload(t.sheet.grid(t.rect, (c) => t.sheet.readValue(c), 'Range.values'), 'Range.values'),
      formulas: (t: T) => checkPayload(t.sheet.grid(t.rect, (c) => t.sheet.readFormula(c), 'Range.formulas'), 'Range.formulas'),
      formulasLocal: (t: T) => t.sheet.grid(t.rect, (c) => t.sheet.readFormula(c), 'Range.formulasLocal'),
      numberFormat: (t: T) => t.sheet.grid(t.rect, (c) => c?.numberFormat ?? 'General', 'Range.numberFormat'),
      numberFormatLocal: (t: T) => t.sheet.grid(t.rect, (c) => c?.numberFormat ?? 'General', 'Range.numberFormatLocal'),
      valueTypes: (t: T) => t.sheet.grid(t.rect, (c) => valueType(t.sheet.readValue(c)), 'Range.valueTypes'),
    };
  }

  protected _navigations(): Record<string, ProxyLike> {
    return {
      format: this.format,
      worksheet: this.worksheet,
      dataValidation: this.dataValidation,
      conditionalFormats: this.conditionalFormats,
    };
  }

  // ---- properties ----

  get address(): string {
    return this._get('address');
  }
  get addressLocal(): string {
    return this._get('addressLocal');
  }
  get rowIndex(): number {
    return this._get('rowIndex');
  }
  get columnIndex(): number {
    return this._get('columnIndex');
  }
  get rowCount(): number {
    return this._get('rowCount');
  }
  get columnCount(): number {
    return this._get('columnCount');
  }
  get cellCount(): number {
    return this._get('cellCount');
  }
  get isEntireRow(): boolean {
    return this._get('isEntireRow');
  }
  get isEntireColumn(): boolean {
    return this._get('isEntireColumn');
  }
  get valueTypes(): string[][] {
    return this._get('valueTypes');
  }

  get values(): unknown[][] {
    return this._get('values');
  }
  /** A 2-D array of the range's shape (null entries leave cells alone) or one value for every cell. */
  set values(v: unknown) {
    this._set('values', v, (t, ex, where) => this._writeContents(t, v, ex, where));
  }

  get formulas(): unknown[][] {
    return this._get('formulas');
  }
  set formulas(v: unknown) {
    this._set('formulas', v, (t, ex, where) => this._writeContents(t, v, ex, where));
  }

  get formulasLocal(): unknown[][] {
    return this._get('formulasLocal');
  }
  set formulasLocal(v: unknown) {
    this._set('formulasLocal', v, (t, ex, where) => this._writeContents(t, v, ex, where));
  }

  get numberFormat(): unknown[][] {
    return this._get('numberFormat');
  }
  set numberFormat(v: unknown) {
    this._set('numberFormat', v, (t, _ex, where) => t.sheet.writeNumberFormat(t.rect, v, where));
  }

  get numberFormatLocal(): unknown[][] {
    return this._get('numberFormatLocal');
  }
  set numberFormatLocal(v: unknown) {
    this._set('numberFormatLocal', v, (t, _ex, where) => t.sheet.writeNumberFormat(t.rect, v, where));
  }

  private _writeContents(t: RangeTarget, v: unknown, ex: Execution, where: string): void {
    const details = t.sheet.writeContents(t.rect, v, where);
    ex.change({ sheetId: t.sheet.id, address: formatRect(t.rect), changeType: 'RangeEdited', ...(details ? { details } : {}) });
  }

  // ---- navigation ----

  get format(): FakeRangeFormat {
    return (this._children.format ??= new FakeRangeFormat(this.context, this));
  }

  get worksheet(): FakeWorksheet {
    return (this._children.worksheet ??= this.context._worksheet((ex) => this._target(ex, 'Range.worksheet').sheet));
  }

  get dataValidation(): FakeDataValidation {
    return (this._children.dataValidation ??= new FakeDataValidation(this.context, this));
  }

  get conditionalFormats(): FakeConditionalFormatCollection {
    return (this._children.conditionalFormats ??= new FakeConditionalFormatCollection(this.context, this));
  }

  /** A range computed from this one at sync time. */
  private _derive(where: string, f: (t: RangeTarget, ex: Execution) => Rect | null, nullable = false): FakeRange {
    return new FakeRange(
      this.context,
      (ex) => {
        const t = this._nullable || nullable ? this._resolve(ex) : this._target(ex, where);
        if (!t) return null;
        const r = f(t, ex);
        return r ? { sheet: t.sheet, rect: checkInSheet(r, where) } : null;
      },
      { nullable: this._nullable || nullable },
    );
  }

  getCell(row: number, column: number): FakeRange {
    return this._derive('Range.getCell', (t) => rect(t.rect.r0 + row, t.rect.c0 + column));
  }

  getOffsetRange(rowOffset: number, columnOffset: number): FakeRange {
    return this._derive('Range.getOffsetRange', (t) => ({
      r0: t.rect.r0 + rowOffset,
      c0: t.rect.c0 + columnOffset,
      r1: t.rect.r1 + rowOffset,
      c1: t.rect.c1 + columnOffset,
    }));
  }

  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return this._derive('Range.getResizedRange', (t, ex) => {
      ex.requireApi('1.7', 'Range.getResizedRange');
      return { ...t.rect, r1: t.rect.r1 + deltaRows, c1: t.rect.c1 + deltaColumns };
    });
  }

  getRow(row: number): FakeRange {
    return this._derive('Range.getRow', (t) => {
      if (row < 0 || row >= rowCount(t.rect)) throw invalidArgument('Range.getRow: outside the range', 'Range.getRow');
      return { ...t.rect, r0: t.rect.r0 + row, r1: t.rect.r0 + row };
    });
  }

  getColumn(column: number): FakeRange {
    return this._derive('Range.getColumn', (t) => {
      if (column < 0 || column >= colCount(t.rect)) throw invalidArgument('Range.getColumn: outside the range', 'Range.getColumn');
      return { ...t.rect, c0: t.rect.c0 + column, c1: t.rect.c0 + column };
    });
  }

  getEntireRow(): FakeRange {
    return this._derive('Range.getEntireRow', (t) => ({ r0: t.rect.r0, r1: t.rect.r1, c0: 0, c1: MAX_COLS - 1 }));
  }

  getEntireColumn(): FakeRange {
    return this._derive('Range.getEntireColumn', (t) => ({ r0: 0, r1: MAX_ROWS - 1, c0: t.rect.c0, c1: t.rect.c1 }));
  }

  getLastCell(): FakeRange {
    return this._derive('Range.getLastCell', (t) => rect(t.rect.r1, t.rect.c1));
  }

  getLastRow(): FakeRange {
    return this._derive('Range.getLastRow', (t) => ({ ...t.rect, r0: t.rect.r1 }));
  }

  getLastColumn(): FakeRange {
    return this._derive('Range.getLastColumn', (t) => ({ ...t.rect, c0: t.rect.c1 }));
  }

  private _otherRect(other: FakeRange | string, t: RangeTarget, ex: Execution, where: string): Rect {
    if (other instanceof FakeRange) {
      const o = other._resolve(ex);
      if (!o) throw invalidArgument(`${where}: the other range is a null object`, where);
      if (o.sheet !== t.sheet) throw invalidArgument(`${where}: the ranges are on different sheets`, where);
      return o.rect;
    }
    const { local } = splitSheet(other);
    const r = parseA1(local);
    if (!r) throw invalidArgument(`${where}: "${other}" is not an address`, where);
    return r;
  }

  getIntersection(other: FakeRange | string): FakeRange {
    return this._derive('Range.getIntersection', (t, ex) => {
      const r = intersect(t.rect, this._otherRect(other, t, ex, 'Range.getIntersection'));
      if (!r) throw new FakeOfficeError(ErrorCodes.itemNotFound, 'Range.getIntersection: the ranges do not intersect', 'Range.getIntersection');
      return r;
    });
  }

  getIntersectionOrNullObject(other: FakeRange | string): FakeRange {
    return this._derive('Range.getIntersectionOrNullObject', (t, ex) => intersect(t.rect, this._otherRect(other, t, ex, 'Range.getIntersectionOrNullObject')), true);
  }

  getBoundingRect(other: FakeRange | string): FakeRange {
    return this._derive('Range.getBoundingRect', (t, ex) => {
      const o = this._otherRect(other, t, ex, 'Range.getBoundingRect');
      return { r0: Math.min(t.rect.r0, o.r0), c0: Math.min(t.rect.c0, o.c0), r1: Math.max(t.rect.r1, o.r1), c1: Math.max(t.rect.c1, o.c1) };
    });
  }

  getUsedRange(valuesOnly = false): FakeRange {
    return this._derive('Range.getUsedRange', (t) => {
      const used = t.sheet.usedRect(valuesOnly);
      const r = used && intersect(used, t.rect);
      if (!r) throw new FakeOfficeError(ErrorCodes.itemNotFound, 'Range.getUsedRange: the range has no used cells', 'Range.getUsedRange');
      return r;
    });
  }

  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return this._derive(
      'Range.getUsedRangeOrNullObject',
      (t) => {
        const used = t.sheet.usedRect(valuesOnly);
        return used && intersect(used, t.rect);
      },
      true,
    );
  }

  // ---- methods that change the sheet ----

  /** Whole rows with `Down`, whole columns with `Right`; returns the inserted range. */
  insert(shift: string): FakeRange {
    let inserted: RangeTarget | null = null;
    this._call('insert', (t, ex, where) => {
      if (shift === 'Down' && isEntireRows(t.rect)) {
        ex.change(ex.state.insertBand(t.sheet, 'row', t.rect.r0, rowCount(t.rect), where));
      } else if (shift === 'Right' && isEntireColumns(t.rect)) {
        ex.change(ex.state.insertBand(t.sheet, 'col', t.rect.c0, colCount(t.rect), where));
      } else if (shift === 'Down' || shift === 'Right') {
        throw new FakeExcelUnsupported(`Range.insert("${shift}") on ${formatRect(t.rect)}: only whole rows (Down) or whole columns (Right) are modelled`);
      } else {
        throw invalidArgument(`${where}: shift must be "Down" or "Right"`, where);
      }
      inserted = { sheet: t.sheet, rect: t.rect };
    });
    return new FakeRange(this.context, () => inserted);
  }

  /** Whole rows with `Up`, whole columns with `Left`. */
  delete(shift: string): void {
    this._call('delete', (t, ex, where) => {
      if (shift === 'Up' && isEntireRows(t.rect)) {
        ex.change(ex.state.deleteBand(t.sheet, 'row', t.rect.r0, rowCount(t.rect), where));
      } else if (shift === 'Left' && isEntireColumns(t.rect)) {
        ex.change(ex.state.deleteBand(t.sheet, 'col', t.rect.c0, colCount(t.rect), where));
      } else if (shift === 'Up' || shift === 'Left') {
        throw new FakeExcelUnsupported(`Range.delete("${shift}") on ${formatRect(t.rect)}: only whole rows (Up) or whole columns (Left) are modelled`);
      } else {
        throw invalidArgument(`${where}: shift must be "Up" or "Left"`, where);
      }
    });
  }

  /** `All` (default), `Formats` or `Contents`. Formats include merges and conditional formats; data validation stays. */
  clear(applyTo = 'All'): void {
    this._call('clear', (t, ex, where) => {
      t.sheet.clear(t.rect, applyTo, where);
      if (applyTo === 'All' || applyTo === 'Contents' || applyTo === 'ResetContents')
        ex.change({ sheetId: t.sheet.id, address: formatRect(t.rect), changeType: 'RangeEdited' });
    });
  }

  merge(across = false): void {
    this._call('merge', (t, _ex, where) => t.sheet.merge(t.rect, across, where));
  }

  unmerge(): void {
    this._call('unmerge', (t) => t.sheet.unmerge(t.rect));
  }

  /**
   * Excel selects reliably only on the active sheet (office-js #5118): the fake refuses a range
   * on another sheet rather than guess, so code must `activate()` the sheet first.
   */
  select(): void {
    this._call('select', (t, ex, where) => {
      if (ex.state.activeSheet().id !== t.sheet.id)
        throw new FakeOfficeError(ErrorCodes.invalidOperation, `${where}: the range is not on the active sheet; activate its sheet first (office-js #5118)`, where);
      ex.state.activeSheetId = t.sheet.id;
      ex.state.selection = { sheetId: t.sheet.id, rect: t.rect };
    });
  }

  /** ExcelApi 1.9: per-cell formats. Supported: fill, font, alignment, wrapText, borders. */
  setCellProperties(cellPropertiesData: unknown): void {
    this._call('setCellProperties', (t, ex, where) => {
      ex.requireApi('1.9', where);
      checkCellLimit(t.rect, where);
      const data = cellPropertiesData;
      if (!Array.isArray(data) || data.length !== rowCount(t.rect) || data.some((r) => !Array.isArray(r) || r.length !== colCount(t.rect)))
        throw invalidArgument(`${where}: the array doesn't match the size of the range`, where);
      for (const [row, col] of cellsOf(t.rect)) {
        const props = (data as unknown[][])[row - t.rect.r0][col - t.rect.c0];
        if (props === null || props === undefined) continue;
        applyCellProperties(t.sheet, rect(row, col), props as Record<string, unknown>, where);
      }
    });
  }
}

function applyCellProperties(sheet: SheetState, cell: Rect, props: Record<string, unknown>, where: string): void {
  for (const [k, v] of Object.entries(props)) {
    if (k !== 'format') throw new FakeExcelUnsupported(`setCellProperties "${k}"`);
    for (const [fk, fv] of Object.entries(v as Record<string, unknown>)) {
      if (fk === 'fill') {
        const color = (fv as { color?: string }).color;
        if (color !== undefined) sheet.updateFormat(cell, where, (f) => ({ ...f, fill: color === '' ? null : normaliseColor(color, where) }));
      } else if (fk === 'font') {
        sheet.updateFormat(cell, where, (f) => fontPatch(f, fv as Record<string, unknown>, where));
      } else if (fk === 'horizontalAlignment' || fk === 'verticalAlignment' || fk === 'wrapText') {
        sheet.updateFormat(cell, where, (f) => alignmentPatch(f, fk, fv, where));
      } else if (fk === 'borders') {
        const sides: Record<string, Edge> = { top: 'top', bottom: 'bottom', left: 'left', right: 'right', diagonalDown: 'diagonalDown', diagonalUp: 'diagonalUp' };
        for (const [side, b] of Object.entries(fv as Record<string, unknown>)) {
          const edge = sides[side];
          if (!edge) throw new FakeExcelUnsupported(`setCellProperties borders.${side}`);
          sheet.updateFormat(cell, where, (f) => borderPatch(f, edge, b as Partial<BorderState>, where));
        }
      } else {
        throw new FakeExcelUnsupported(`setCellProperties format.${fk}`);
      }
    }
  }
}

function fontPatch(f: CellFormat, patch: Record<string, unknown>, where: string): CellFormat {
  const out = { ...f };
  for (const [k, v] of Object.entries(patch)) {
    if (k === 'bold') out.bold = Boolean(v);
    else if (k === 'italic') out.italic = Boolean(v);
    else if (k === 'strikethrough') out.strikethrough = Boolean(v);
    else if (k === 'color') out.fontColor = normaliseColor(v, where);
    else if (k === 'name') out.fontName = String(v);
    else if (k === 'size') out.fontSize = Number(v);
    else if (k === 'underline') out.underline = String(v);
    else throw new FakeExcelUnsupported(`font.${k}`);
  }
  return out;
}

function alignmentPatch(f: CellFormat, k: string, v: unknown, where: string): CellFormat {
  if (k === 'horizontalAlignment') {
    if (!isOneOf(HorizontalAlignment, v)) throw invalidArgument(`${where}: "${String(v)}" is not a horizontal alignment`, where);
    return { ...f, horizontalAlignment: v };
  }
  if (k === 'verticalAlignment') {
    if (!isOneOf(VerticalAlignment, v)) throw invalidArgument(`${where}: "${String(v)}" is not a vertical alignment`, where);
    return { ...f, verticalAlignment: v };
  }
  return { ...f, wrapText: Boolean(v) };
}

function borderPatch(f: CellFormat, edge: Edge, patch: Partial<BorderState>, where: string): CellFormat {
  const current = f.borders[edge] ?? { style: 'None', color: '#000000', weight: 'Thin' };
  const next: BorderState = { ...current };
  if (patch.style !== undefined) {
    if (!isOneOf(BorderLineStyle, patch.style)) throw invalidArgument(`${where}: "${String(patch.style)}" is not a border style`, where);
    next.style = patch.style;
  }
  if (patch.color !== undefined) next.color = normaliseColor(patch.color, where);
  if (patch.weight !== undefined) {
    if (!isOneOf(BorderWeight, patch.weight)) throw invalidArgument(`${where}: "${String(patch.weight)}" is not a border weight`, where);
    next.weight = patch.weight;
  }
  const borders = { ...f.borders };
  if (next.style === 'None') delete borders[edge];
  else borders[edge] = next;
  return { ...f, borders };
}

// ---- format ----

/** Objects whose target is the range's (format, fill, font …): they resolve through it. */
abstract class RangePart extends FakeClientObject<RangeTarget> {
  constructor(
    context: FakeRequestContext,
    typeName: string,
    protected readonly range: FakeRange,
  ) {
    super(context, typeName, { nullable: range._nullable });
  }

  _resolve(ex: Execution): RangeTarget | null {
    return this.range._resolve(ex);
  }
}

export class FakeRangeFormat extends RangePart {
  private _fill?: FakeRangeFill;
  private _font?: FakeRangeFont;
  private _borders?: FakeRangeBorderCollection;

  constructor(context: FakeRequestContext, range: FakeRange) {
    super(context, 'RangeFormat', range);
  }

  protected _scalars() {
    type T = RangeTarget;
    return {
      columnWidth: (t: T) => uniformSize(t.rect.c0, t.rect.c1, (c) => t.sheet.columnWidth(c)),
      rowHeight: (t: T) => uniformSize(t.rect.r0, t.rect.r1, (r) => t.sheet.rowHeight(r)),
      horizontalAlignment: (t: T) => t.sheet.uniform(t.rect, (c) => c.format.horizontalAlignment),
      verticalAlignment: (t: T) => t.sheet.uniform(t.rect, (c) => c.format.verticalAlignment),
      wrapText: (t: T) => t.sheet.uniform(t.rect, (c) => c.format.wrapText),
    };
  }

  protected _navigations(): Record<string, ProxyLike> {
    return { fill: this.fill, font: this.font, borders: this.borders };
  }

  get fill(): FakeRangeFill {
    return (this._fill ??= new FakeRangeFill(this.context, this.range));
  }
  get font(): FakeRangeFont {
    return (this._font ??= new FakeRangeFont(this.context, this.range));
  }
  get borders(): FakeRangeBorderCollection {
    return (this._borders ??= new FakeRangeBorderCollection(this.context, this.range));
  }

  get columnWidth(): number | null {
    return this._get('columnWidth');
  }
  set columnWidth(v: number | null) {
    this._set('columnWidth', v, (t, _ex, where) => {
      if (typeof v !== 'number' || !(v >= 0)) throw invalidArgument(`${where}: ${String(v)}`, where);
      for (let c = t.rect.c0; c <= t.rect.c1; c++) t.sheet.columnWidths.set(c, v);
    });
  }

  get rowHeight(): number | null {
    return this._get('rowHeight');
  }
  set rowHeight(v: number | null) {
    this._set('rowHeight', v, (t, _ex, where) => {
      if (typeof v !== 'number' || !(v >= 0)) throw invalidArgument(`${where}: ${String(v)}`, where);
      for (let r = t.rect.r0; r <= t.rect.r1; r++) t.sheet.rowHeights.set(r, v);
    });
  }

  get horizontalAlignment(): string | null {
    return this._get('horizontalAlignment');
  }
  set horizontalAlignment(v: string | null) {
    this._set('horizontalAlignment', v, (t, _ex, where) => t.sheet.updateFormat(t.rect, where, (f) => alignmentPatch(f, 'horizontalAlignment', v, where)));
  }

  get verticalAlignment(): string | null {
    return this._get('verticalAlignment');
  }
  set verticalAlignment(v: string | null) {
    this._set('verticalAlignment', v, (t, _ex, where) => t.sheet.updateFormat(t.rect, where, (f) => alignmentPatch(f, 'verticalAlignment', v, where)));
  }

  get wrapText(): boolean | null {
    return this._get('wrapText');
  }
  set wrapText(v: boolean | null) {
    this._set('wrapText', v, (t, _ex, where) => t.sheet.updateFormat(t.rect, where, (f) => alignmentPatch(f, 'wrapText', v, where)));
  }

  /** Accepted and recorded as an operation; the fake measures no text, so sizes do not change. */
  autofitColumns(): void {
    this._call('autofitColumns', () => undefined);
  }

  autofitRows(): void {
    this._call('autofitRows', () => undefined);
  }
}

function uniformSize(from: number, to: number, size: (i: number) => number): number | null {
  const first = size(from);
  for (let i = from + 1; i <= Math.min(to, from + 20000); i++) if (size(i) !== first) return null;
  return first;
}

export class FakeRangeFill extends RangePart {
  constructor(context: FakeRequestContext, range: FakeRange) {
    super(context, 'RangeFill', range);
  }

  protected _scalars() {
    return {
      // No fill reads as white, as in Excel; `pattern` tells the two apart.
      color: (t: RangeTarget) => t.sheet.uniform(t.rect, (c) => c.format.fill ?? '#FFFFFF'),
      pattern: (t: RangeTarget) => t.sheet.uniform(t.rect, (c) => (c.format.fill === null ? 'None' : 'Solid')),
    };
  }

  get color(): string | null {
    return this._get('color');
  }
  set color(v: string | null) {
    this._set('color', v, (t, _ex, where) => {
      const fill = v === '' ? null : normaliseColor(v, where);
      t.sheet.updateFormat(t.rect, where, (f) => ({ ...f, fill }));
    });
  }

  get pattern(): string | null {
    return this._get('pattern');
  }

  clear(): void {
    this._call('clear', (t, _ex, where) => t.sheet.updateFormat(t.rect, where, (f) => ({ ...f, fill: null })));
  }
}

export class FakeRangeFont extends RangePart {
  constructor(context: FakeRequestContext, range: FakeRange) {
    super(context, 'RangeFont', range);
  }

  protected _scalars() {
    type T = RangeTarget;
    return {
      bold: (t: T) => t.sheet.uniform(t.rect, (c) => c.format.bold),
      italic: (t: T) => t.sheet.uniform(t.rect, (c) => c.format.italic),
      strikethrough: (t: T) => t.sheet.uniform(t.rect, (c) => c.format.strikethrough),
      underline: (t: T) => t.sheet.uniform(t.rect, (c) => c.format.underline),
      color: (t: T) => t.sheet.uniform(t.rect, (c) => c.format.fontColor),
      name: (t: T) => t.sheet.uniform(t.rect, (c) => c.format.fontName),
      size: (t: T) => t.sheet.uniform(t.rect, (c) => c.format.fontSize),
    };
  }

  private _font(prop: string, v: unknown): void {
    this._set(prop, v, (t, _ex, where) => t.sheet.updateFormat(t.rect, where, (f) => fontPatch(f, { [prop]: v }, where)));
  }

  get bold(): boolean | null {
    return this._get('bold');
  }
  set bold(v: boolean | null) {
    this._font('bold', v);
  }
  get italic(): boolean | null {
    return this._get('italic');
  }
  set italic(v: boolean | null) {
    this._font('italic', v);
  }
  get strikethrough(): boolean | null {
    return this._get('strikethrough');
  }
  set strikethrough(v: boolean | null) {
    this._font('strikethrough', v);
  }
  get underline(): string | null {
    return this._get('underline');
  }
  set underline(v: string | null) {
    this._font('underline', v);
  }
  get color(): string | null {
    return this._get('color');
  }
  set color(v: string | null) {
    this._font('color', v);
  }
  get name(): string | null {
    return this._get('name');
  }
  set name(v: string | null) {
    this._font('name', v);
  }
  get size(): number | null {
    return this._get('size');
  }
  set size(v: number | null) {
    this._font('size', v);
  }
}

// ---- borders ----

/**
 * The cells and sides a border index covers. Edges belong to the range's outer cells; an inside
 * line is written on both cells that share it and read from the upper (left) one.
 */
function borderSides(r: Rect, index: BorderIndexValue, forWrite: boolean): Array<{ rect: Rect; edge: Edge }> {
  switch (index) {
    case 'EdgeTop':
      return [{ rect: { ...r, r1: r.r0 }, edge: 'top' }];
    case 'EdgeBottom':
      return [{ rect: { ...r, r0: r.r1 }, edge: 'bottom' }];
    case 'EdgeLeft':
      return [{ rect: { ...r, c1: r.c0 }, edge: 'left' }];
    case 'EdgeRight':
      return [{ rect: { ...r, c0: r.c1 }, edge: 'right' }];
    case 'InsideHorizontal': {
      if (r.r0 === r.r1) return [];
      const out = [{ rect: { ...r, r1: r.r1 - 1 }, edge: 'bottom' as Edge }];
      if (forWrite) out.push({ rect: { ...r, r0: r.r0 + 1 }, edge: 'top' });
      return out;
    }
    case 'InsideVertical': {
      if (r.c0 === r.c1) return [];
      const out = [{ rect: { ...r, c1: r.c1 - 1 }, edge: 'right' as Edge }];
      if (forWrite) out.push({ rect: { ...r, c0: r.c0 + 1 }, edge: 'left' });
      return out;
    }
    case 'DiagonalDown':
      return [{ rect: r, edge: 'diagonalDown' }];
    case 'DiagonalUp':
      return [{ rect: r, edge: 'diagonalUp' }];
  }
}

const NO_BORDER: BorderState = { style: 'None', color: '#000000', weight: 'Thin' };

export class FakeRangeBorderCollection extends FakeCollection<RangeTarget, FakeRangeBorder> {
  constructor(
    context: FakeRequestContext,
    private readonly range: FakeRange,
  ) {
    super(context, 'RangeBorderCollection', { nullable: range._nullable });
  }

  _resolve(ex: Execution): RangeTarget | null {
    return this.range._resolve(ex);
  }

  protected _enumerate(): FakeRangeBorder[] {
    return Object.values(BorderIndex).map((i) => new FakeRangeBorder(this.context, this.range, i));
  }

  protected _prototypeItem(): FakeRangeBorder {
    return new FakeRangeBorder(this.context, this.range, 'EdgeTop');
  }

  getItem(index: string): FakeRangeBorder {
    if (!isOneOf(BorderIndex, index)) throw invalidArgument(`RangeBorderCollection.getItem: "${index}" is not a border index`);
    return new FakeRangeBorder(this.context, this.range, index);
  }
}

export class FakeRangeBorder extends RangePart {
  constructor(
    context: FakeRequestContext,
    range: FakeRange,
    private readonly index: BorderIndexValue,
  ) {
    super(context, 'RangeBorder', range);
  }

  private _read<K extends keyof BorderState>(t: RangeTarget, k: K): BorderState[K] | null {
    const sides = borderSides(t.rect, this.index, false);
    if (!sides.length) return NO_BORDER[k];
    let value: BorderState[K] | null | undefined;
    for (const side of sides) {
      const v = t.sheet.uniform(side.rect, (c) => (c.format.borders[side.edge] ?? NO_BORDER)[k]);
      if (v === null || (value !== undefined && v !== value)) return null;
      value = v;
    }
    return value ?? null;
  }

  protected _scalars() {
    return {
      sideIndex: () => this.index,
      style: (t: RangeTarget) => this._read(t, 'style'),
      color: (t: RangeTarget) => this._read(t, 'color'),
      weight: (t: RangeTarget) => this._read(t, 'weight'),
    };
  }

  private _write(prop: keyof BorderState, v: unknown): void {
    this._set(prop, v, (t, _ex, where) => {
      for (const side of borderSides(t.rect, this.index, true))
        t.sheet.updateFormat(side.rect, where, (f) => {
          // A colour or weight on a side with no line gives it a continuous line, as in Excel.
          const base = f.borders[side.edge] ?? (prop === 'style' ? NO_BORDER : { ...NO_BORDER, style: 'Continuous' as const });
          return borderPatch({ ...f, borders: { ...f.borders, [side.edge]: base } }, side.edge, { [prop]: v }, where);
        });
    });
  }

  get sideIndex(): string {
    return this._get('sideIndex');
  }
  get style(): string | null {
    return this._get('style');
  }
  set style(v: string | null) {
    this._write('style', v);
  }
  get color(): string | null {
    return this._get('color');
  }
  set color(v: string | null) {
    this._write('color', v);
  }
  get weight(): string | null {
    return this._get('weight');
  }
  set weight(v: string | null) {
    this._write('weight', v);
  }
}

// ---- data validation (ExcelApi 1.8) ----

function numericOperand(v: string | number | undefined, where: string): number {
  if (typeof v === 'number') return v;
  const text = String(v ?? '').replace(/^=/, '').trim();
  if (text !== '' && Number.isFinite(Number(text))) return Number(text);
  throw new FakeExcelUnsupported(`evaluating the validation operand "${String(v)}" (${where}): there is no formula engine`);
}

function compare(op: string, x: number, a: number, b: number | undefined): boolean {
  switch (op) {
    case 'Between':
      return x >= a && x <= (b ?? a);
    case 'NotBetween':
      return x < a || x > (b ?? a);
    case 'EqualTo':
      return x === a;
    case 'NotEqualTo':
      return x !== a;
    case 'GreaterThan':
      return x > a;
    case 'LessThan':
      return x < a;
    case 'GreaterThanOrEqualTo':
      return x >= a;
    case 'LessThanOrEqualTo':
      return x <= a;
    default:
      throw invalidArgument(`"${op}" is not a data validation operator`);
  }
}

/** Does one cell's value satisfy its rule? Formula operands and date, time and custom rules are not evaluated. */
export function satisfies(v: ValidationState | null, value: CellValue | null, where: string): boolean {
  const rule = v?.rule;
  if (!v || !rule) return true;
  if (value === null || value === '') return v.ignoreBlanks;
  const basic = (c: NonNullable<ValidationRule['wholeNumber']>, x: number) =>
    compare(c.operator, x, numericOperand(c.formula1, where), c.formula2 === undefined ? undefined : numericOperand(c.formula2, where));
  if (rule.wholeNumber) return typeof value === 'number' && Number.isInteger(value) && basic(rule.wholeNumber, value);
  if (rule.decimal) return typeof value === 'number' && basic(rule.decimal, value);
  if (rule.textLength) return basic(rule.textLength, String(value).length);
  if (rule.list) {
    if (rule.list.source.startsWith('=')) throw new FakeExcelUnsupported(`evaluating a list validation from ${rule.list.source}`);
    const items = rule.list.source.split(/[,，]/).map((s) => s.trim().toLowerCase());
    return items.includes(String(value).trim().toLowerCase());
  }
  throw new FakeExcelUnsupported(`evaluating ${validationType(rule)} data validation`);
}

function normaliseRule(rule: unknown, where: string): ValidationRule {
  if (!rule || typeof rule !== 'object') throw invalidArgument(`${where}: a rule is an object`, where);
  const entries = Object.entries(rule as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== null);
  if (entries.length !== 1) throw invalidArgument(`${where}: a rule has exactly one criterion`, where);
  const [kind, body] = entries[0] as [string, Record<string, unknown>];
  const basic = () => {
    if (!isOneOf(DataValidationOperator, body.operator)) throw invalidArgument(`${where}: "${String(body.operator)}" is not an operator`, where);
    if (body.formula1 === undefined) throw invalidArgument(`${where}: formula1 is required`, where);
    const needsTwo = body.operator === 'Between' || body.operator === 'NotBetween';
    if (needsTwo && body.formula2 === undefined) throw invalidArgument(`${where}: ${body.operator} needs formula2`, where);
    return {
      formula1: body.formula1 as string | number,
      operator: body.operator,
      ...(body.formula2 !== undefined ? { formula2: body.formula2 as string | number } : {}),
    };
  };
  switch (kind) {
    case 'wholeNumber':
    case 'decimal':
    case 'textLength':
    case 'date':
    case 'time':
      return { [kind]: basic() };
    case 'list':
      return { list: { inCellDropDown: body.inCellDropDown !== false, source: String(body.source) } };
    case 'custom':
      return { custom: { formula: String(body.formula) } };
    default:
      throw invalidArgument(`${where}: "${kind}" is not a validation criterion`, where);
  }
}

function clone<T>(v: T): T {
  return v === null || v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

export class FakeDataValidation extends RangePart {
  constructor(context: FakeRequestContext, range: FakeRange) {
    super(context, 'DataValidation', range);
  }

  _resolve(ex: Execution): RangeTarget | null {
    ex.requireApi('1.8', 'Range.dataValidation');
    return this.range._resolve(ex);
  }

  private _uniform<V>(t: RangeTarget, get: (v: ValidationState) => V): V | null {
    const json = t.sheet.uniform(t.rect, (c) => JSON.stringify(get(c.validation ?? defaultValidation())));
    return json === null ? null : (JSON.parse(json) as V);
  }

  protected _scalars() {
    type T = RangeTarget;
    return {
      type: (t: T) => {
        const rule = t.sheet.uniform(t.rect, (c) => JSON.stringify(c.validation?.rule ?? null));
        if (rule !== null) return validationType(JSON.parse(rule) as ValidationRule | null);
        return t.sheet.uniform(t.rect, (c) => validationType(c.validation?.rule ?? null)) === null ? 'Inconsistent' : 'MixedCriteria';
      },
      rule: (t: T) => this._uniform(t, (v) => v.rule ?? {}),
      errorAlert: (t: T) => this._uniform(t, (v) => v.errorAlert),
      prompt: (t: T) => this._uniform(t, (v) => v.prompt),
      ignoreBlanks: (t: T) => this._uniform(t, (v) => v.ignoreBlanks),
      valid: (t: T) => {
        let valid = 0;
        let invalid = 0;
        for (const [row, col] of cellsOf(t.rect)) {
          const c = t.sheet.peek(row, col);
          if (satisfies(c?.validation ?? null, t.sheet.readValue(c), 'DataValidation.valid')) valid++;
          else invalid++;
        }
        return invalid === 0 ? true : valid === 0 ? false : null;
      },
    };
  }

  private _patch(prop: string, v: unknown, patch: (s: ValidationState, where: string) => ValidationState): void {
    this._set(prop, v, (t, _ex, where) => {
      patch(defaultValidation(), where); // validate once, before touching any cell
      t.sheet.setValidation(t.rect, where, (s) => patch(s, where));
    });
  }

  get type(): string {
    return this._get('type');
  }
  get valid(): boolean | null {
    return this._get('valid');
  }

  get rule(): unknown {
    return this._get('rule');
  }
  /** Replaces any rule the cells had. */
  set rule(v: unknown) {
    this._patch('rule', v, (s, where) => ({ ...s, rule: normaliseRule(v, where) }));
  }

  get errorAlert(): unknown {
    return this._get('errorAlert');
  }
  set errorAlert(v: unknown) {
    this._patch('errorAlert', v, (s) => ({ ...s, errorAlert: { ...s.errorAlert, ...clone(v as object) } }));
  }

  get prompt(): unknown {
    return this._get('prompt');
  }
  set prompt(v: unknown) {
    this._patch('prompt', v, (s) => ({ ...s, prompt: { ...s.prompt, ...clone(v as object) } }));
  }

  get ignoreBlanks(): boolean | null {
    return this._get('ignoreBlanks');
  }
  set ignoreBlanks(v: boolean | null) {
    this._patch('ignoreBlanks', v, (s) => ({ ...s, ignoreBlanks: Boolean(v) }));
  }

  clear(): void {
    this._call('clear', (t, _ex, where) => t.sheet.setValidation(t.rect, where, () => null));
  }

  /** ExcelApi 1.9: the cells whose values break their rule, or a null object when all are valid. */
  getInvalidCellsOrNullObject(): FakeRangeAreas {
    return new FakeRangeAreas(
      this.context,
      (ex) => {
        ex.requireApi('1.9', 'DataValidation.getInvalidCellsOrNullObject');
        const t = this._target(ex, 'DataValidation.getInvalidCellsOrNullObject');
        checkCellLimit(t.rect, 'DataValidation.getInvalidCellsOrNullObject');
        const bad: Rect[] = [];
        for (const [row, col] of cellsOf(t.rect)) {
          const c = t.sheet.peek(row, col);
          if (!satisfies(c?.validation ?? null, t.sheet.readValue(c), 'getInvalidCellsOrNullObject')) bad.push(rect(row, col));
        }
        return bad.length ? { sheet: t.sheet, rects: mergeCells(bad) } : null;
      },
      { nullable: true },
    );
  }
}

/** Join single cells into row runs, then stack equal runs: a compact, deterministic area list. */
function mergeCells(cells: Rect[]): Rect[] {
  const runs: Rect[] = [];
  for (const c of cells) {
    const last = runs[runs.length - 1];
    if (last && last.r0 === c.r0 && last.c1 + 1 === c.c0) last.c1 = c.c0;
    else runs.push({ ...c });
  }
  const out: Rect[] = [];
  for (const run of runs) {
    const above = out.find((o) => o.c0 === run.c0 && o.c1 === run.c1 && o.r1 + 1 === run.r0);
    if (above) above.r1 = run.r1;
    else out.push(run);
  }
  return out;
}

// ---- RangeAreas (minimal) ----

export interface AreasTarget {
  sheet: SheetState;
  rects: Rect[];
}

export class FakeRangeAreas extends FakeClientObject<AreasTarget> {
  constructor(
    context: FakeRequestContext,
    private readonly _locate: (ex: Execution) => AreasTarget | null,
    options: { nullable?: boolean } = {},
  ) {
    super(context, 'RangeAreas', options);
  }

  _resolve(ex: Execution): AreasTarget | null {
    return this._locate(ex);
  }

  protected _scalars() {
    type T = AreasTarget;
    return {
      address: (t: T) => t.rects.map((r) => qualify(t.sheet.name, r)).join(','),
      addressLocal: (t: T) => t.rects.map((r) => qualify(t.sheet.name, r)).join(','),
      areaCount: (t: T) => t.rects.length,
      cellCount: (t: T) => t.rects.reduce((n, r) => n + rowCount(r) * colCount(r), 0),
    };
  }

  get address(): string {
    return this._get('address');
  }
  get addressLocal(): string {
    return this._get('addressLocal');
  }
  get areaCount(): number {
    return this._get('areaCount');
  }
  get cellCount(): number {
    return this._get('cellCount');
  }
}

// ---- conditional formats (ExcelApi 1.6) ----

export class FakeConditionalFormatCollection extends FakeCollection<RangeTarget, FakeConditionalFormat> {
  constructor(
    context: FakeRequestContext,
    private readonly range: FakeRange,
  ) {
    super(context, 'ConditionalFormatCollection', { nullable: range._nullable });
  }

  _resolve(ex: Execution): RangeTarget | null {
    ex.requireApi('1.6', 'Range.conditionalFormats');
    return this.range._resolve(ex);
  }

  protected _enumerate(t: RangeTarget): FakeConditionalFormat[] {
    return t.sheet.conditionalFormatsIn(t.rect).map((cf) => FakeConditionalFormat.byId(this.context, cf.id));
  }

  protected _prototypeItem(): FakeConditionalFormat {
    return FakeConditionalFormat.byId(this.context, '');
  }

  /** A new format over the range, at the top of the priority list (priority 0), as Excel adds it. */
  add(type: string): FakeConditionalFormat {
    let id: string | null = null;
    this._call('add', (t, ex, where) => {
      if (!isOneOf(ConditionalFormatType, type)) throw invalidArgument(`${where}: "${type}" is not a conditional format type`, where);
      // Other types (colour scales, data bars …) are kept with their type and range only: enough to
      // stand in the way as Excel's do (office-js #2180); their own settings are not modelled.
      const cf: ConditionalFormatState = {
        id: ex.state.newConditionalFormatId(),
        type,
        ranges: [{ ...t.rect }],
        rule: {},
        format: { fill: null, fontColor: null, bold: null, italic: null, strikethrough: null, underline: null, numberFormat: null },
        stopIfTrue: false,
      };
      t.sheet.conditionalFormats.unshift(cf);
      id = cf.id;
    });
    return new FakeConditionalFormat(this.context, (ex) => (id ? findConditionalFormat(ex, id) : null));
  }

  getItem(id: string): FakeConditionalFormat {
    return FakeConditionalFormat.byId(this.context, id);
  }

  getItemAt(index: number): FakeConditionalFormat {
    return new FakeConditionalFormat(this.context, (ex) => {
      const t = this._target(ex, 'ConditionalFormatCollection.getItemAt');
      const cf = t.sheet.conditionalFormatsIn(t.rect)[index];
      if (!cf) throw new FakeOfficeError(ErrorCodes.itemNotFound, `ConditionalFormatCollection.getItemAt(${index}): no such item`);
      return { sheet: t.sheet, cf };
    });
  }

  /** Removes every conditional format from the range's cells (formats reaching outside it keep the rest). */
  clearAll(): void {
    this._call('clearAll', (t) => t.sheet.removeConditionalFormatsIn(t.rect));
  }
}

interface CfTarget {
  sheet: SheetState;
  cf: ConditionalFormatState;
}

function findConditionalFormat(ex: Execution, id: string): CfTarget | null {
  for (const sheet of ex.state.sheets) {
    const cf = sheet.conditionalFormats.find((x) => x.id === id);
    if (cf) return { sheet, cf };
  }
  return null;
}

export class FakeConditionalFormat extends FakeClientObject<CfTarget> {
  private _custom?: FakeCustomConditionalFormat;
  private _cellValue?: FakeCellValueConditionalFormat;

  constructor(
    context: FakeRequestContext,
    private readonly _locate: (ex: Execution) => CfTarget | null,
    options: { nullable?: boolean } = {},
  ) {
    super(context, 'ConditionalFormat', options);
  }

  static byId(context: FakeRequestContext, id: string): FakeConditionalFormat {
    return new FakeConditionalFormat(context, (ex) => findConditionalFormat(ex, id));
  }

  _resolve(ex: Execution): CfTarget | null {
    return this._locate(ex);
  }

  protected _scalars() {
    return {
      id: (t: CfTarget) => t.cf.id,
      type: (t: CfTarget) => t.cf.type,
      priority: (t: CfTarget) => t.sheet.conditionalFormats.indexOf(t.cf),
      stopIfTrue: (t: CfTarget) => t.cf.stopIfTrue,
    };
  }

  protected _navigations(): Record<string, ProxyLike> {
    return { custom: this.custom, cellValue: this.cellValue };
  }

  get id(): string {
    return this._get('id');
  }
  get type(): string {
    return this._get('type');
  }
  get priority(): number {
    return this._get('priority');
  }
  set priority(v: number) {
    this._set('priority', v, (t, _ex, where) => {
      if (!Number.isInteger(v) || v < 0) throw invalidArgument(`${where}: ${v}`, where);
      const list = t.sheet.conditionalFormats;
      list.splice(list.indexOf(t.cf), 1);
      list.splice(Math.min(v, list.length), 0, t.cf);
    });
  }
  get stopIfTrue(): boolean {
    return this._get('stopIfTrue');
  }
  set stopIfTrue(v: boolean) {
    this._set('stopIfTrue', v, (t) => {
      t.cf.stopIfTrue = Boolean(v);
    });
  }

  get custom(): FakeCustomConditionalFormat {
    return (this._custom ??= new FakeCustomConditionalFormat(this.context, this));
  }

  get cellValue(): FakeCellValueConditionalFormat {
    return (this._cellValue ??= new FakeCellValueConditionalFormat(this.context, this));
  }

  /** The range it applies to; InvalidOperation at sync when it applies to several areas. */
  getRange(): FakeRange {
    return new FakeRange(this.context, (ex) => {
      const t = this._target(ex, 'ConditionalFormat.getRange');
      if (t.cf.ranges.length !== 1)
        throw new FakeOfficeError(ErrorCodes.invalidOperation, 'ConditionalFormat.getRange: the format applies to several areas; use getRanges()', 'ConditionalFormat.getRange');
      return { sheet: t.sheet, rect: t.cf.ranges[0] };
    });
  }

  getRangeOrNullObject(): FakeRange {
    return new FakeRange(
      this.context,
      (ex) => {
        const t = this._resolve(ex);
        return t && t.cf.ranges.length === 1 ? { sheet: t.sheet, rect: t.cf.ranges[0] } : null;
      },
      { nullable: true },
    );
  }

  getRanges(): FakeRangeAreas {
    return new FakeRangeAreas(this.context, (ex) => {
      ex.requireApi('1.9', 'ConditionalFormat.getRanges');
      const t = this._target(ex, 'ConditionalFormat.getRanges');
      return { sheet: t.sheet, rects: t.cf.ranges };
    });
  }

  delete(): void {
    this._call('delete', (t, _ex, where) => {
      if (t.cf.broken) throw itemNotFound(where);
      t.sheet.conditionalFormats = t.sheet.conditionalFormats.filter((x) => x !== t.cf);
    });
  }
}

/** Parts of a conditional format (custom, rule, format, fill, font): they resolve through it. */
abstract class CfPart extends FakeClientObject<CfTarget> {
  constructor(
    context: FakeRequestContext,
    typeName: string,
    protected readonly parent: { _resolve(ex: Execution): CfTarget | null },
    private readonly requiredType?: string,
  ) {
    super(context, typeName);
  }

  _resolve(ex: Execution): CfTarget | null {
    const t = this.parent._resolve(ex);
    // Excel fails the whole request, loads of the other items included (office-js #2180): loading
    // `items/custom/rule/formula` fails as soon as one item is a colour scale or a cell-value rule.
    if (t && this.requiredType && t.cf.type !== this.requiredType)
      throw new FakeOfficeError(ErrorCodes.invalidOperation, 'This operation is not permitted for the current object.', `${this._typeName} (a ${t.cf.type} format)`);
    if (t?.cf.broken) throw itemNotFound(this._typeName);
    return t;
  }
}

export class FakeCustomConditionalFormat extends CfPart {
  private _rule?: FakeConditionalFormatRule;
  private _format?: FakeConditionalRangeFormat;

  constructor(context: FakeRequestContext, parent: FakeConditionalFormat) {
    super(context, 'CustomConditionalFormat', parent, 'Custom');
  }

  protected _scalars() {
    return {};
  }

  protected _navigations(): Record<string, ProxyLike> {
    return { rule: this.rule, format: this.format };
  }

  get rule(): FakeConditionalFormatRule {
    return (this._rule ??= new FakeConditionalFormatRule(this.context, this));
  }

  get format(): FakeConditionalRangeFormat {
    return (this._format ??= new FakeConditionalRangeFormat(this.context, this));
  }
}

/** The rule of a custom format: the formula text is stored as given (English, A1, relative to the range's top-left cell). */
export class FakeConditionalFormatRule extends CfPart {
  constructor(context: FakeRequestContext, parent: CfPart) {
    super(context, 'ConditionalFormatRule', parent);
  }

  protected _scalars() {
    return {
      formula: (t: CfTarget) => t.cf.rule.formula ?? '',
      formulaLocal: (t: CfTarget) => t.cf.rule.formula ?? '',
    };
  }

  private _write(prop: string, v: string): void {
    this._set(prop, v, (t, _ex, where) => {
      if (typeof v !== 'string' || v === '') throw invalidArgument(`${where}: the formula must be a non-empty string`, where);
      t.cf.rule.formula = v;
    });
  }

  get formula(): string {
    return this._get('formula');
  }
  set formula(v: string) {
    this._write('formula', v);
  }
  get formulaLocal(): string {
    return this._get('formulaLocal');
  }
  set formulaLocal(v: string) {
    this._write('formulaLocal', v);
  }
}

export class FakeCellValueConditionalFormat extends CfPart {
  private _format?: FakeConditionalRangeFormat;

  constructor(context: FakeRequestContext, parent: FakeConditionalFormat) {
    super(context, 'CellValueConditionalFormat', parent, 'CellValue');
  }

  protected _scalars() {
    return {
      rule: (t: CfTarget) => ({
        formula1: t.cf.rule.formula1 ?? '',
        ...(t.cf.rule.formula2 !== undefined ? { formula2: t.cf.rule.formula2 } : {}),
        operator: t.cf.rule.operator ?? 'Invalid',
      }),
    };
  }

  protected _navigations(): Record<string, ProxyLike> {
    return { format: this.format };
  }

  get format(): FakeConditionalRangeFormat {
    return (this._format ??= new FakeConditionalRangeFormat(this.context, this));
  }

  get rule(): { formula1: string; formula2?: string; operator: string } {
    return this._get('rule');
  }
  set rule(v: { formula1: string; formula2?: string; operator: string }) {
    this._set('rule', v, (t, _ex, where) => {
      if (!v || typeof v.formula1 !== 'string' || typeof v.operator !== 'string') throw invalidArgument(`${where}: formula1 and operator are required`, where);
      t.cf.rule = { formula1: v.formula1, operator: v.operator, ...(v.formula2 !== undefined ? { formula2: v.formula2 } : {}) };
    });
  }
}

export class FakeConditionalRangeFormat extends CfPart {
  private _fill?: FakeConditionalRangeFill;
  private _font?: FakeConditionalRangeFont;

  constructor(context: FakeRequestContext, parent: CfPart) {
    super(context, 'ConditionalRangeFormat', parent);
  }

  protected _scalars() {
    return { numberFormat: (t: CfTarget) => t.cf.format.numberFormat };
  }

  protected _navigations(): Record<string, ProxyLike> {
    return { fill: this.fill, font: this.font };
  }

  get fill(): FakeConditionalRangeFill {
    return (this._fill ??= new FakeConditionalRangeFill(this.context, this));
  }
  get font(): FakeConditionalRangeFont {
    return (this._font ??= new FakeConditionalRangeFont(this.context, this));
  }

  get numberFormat(): string | null {
    return this._get('numberFormat');
  }
  set numberFormat(v: string | null) {
    this._set('numberFormat', v, (t) => {
      t.cf.format.numberFormat = v;
    });
  }
}

export class FakeConditionalRangeFill extends CfPart {
  constructor(context: FakeRequestContext, parent: CfPart) {
    super(context, 'ConditionalRangeFill', parent);
  }

  protected _scalars() {
    return { color: (t: CfTarget) => t.cf.format.fill };
  }

  get color(): string | null {
    return this._get('color');
  }
  set color(v: string | null) {
    this._set('color', v, (t, _ex, where) => {
      t.cf.format.fill = v === '' || v === null ? null : normaliseColor(v, where);
    });
  }

  clear(): void {
    this._call('clear', (t) => {
      t.cf.format.fill = null;
    });
  }
}

export class FakeConditionalRangeFont extends CfPart {
  constructor(context: FakeRequestContext, parent: CfPart) {
    super(context, 'ConditionalRangeFont', parent);
  }

  protected _scalars() {
    return {
      bold: (t: CfTarget) => t.cf.format.bold,
      italic: (t: CfTarget) => t.cf.format.italic,
      strikethrough: (t: CfTarget) => t.cf.format.strikethrough,
      underline: (t: CfTarget) => t.cf.format.underline,
      color: (t: CfTarget) => t.cf.format.fontColor,
    };
  }

  get bold(): boolean | null {
    return this._get('bold');
  }
  set bold(v: boolean | null) {
    this._set('bold', v, (t) => {
      t.cf.format.bold = v;
    });
  }
  get italic(): boolean | null {
    return this._get('italic');
  }
  set italic(v: boolean | null) {
    this._set('italic', v, (t) => {
      t.cf.format.italic = v;
    });
  }
  get strikethrough(): boolean | null {
    return this._get('strikethrough');
  }
  set strikethrough(v: boolean | null) {
    this._set('strikethrough', v, (t) => {
      t.cf.format.strikethrough = v;
    });
  }
  get underline(): string | null {
    return this._get('underline');
  }
  set underline(v: string | null) {
    this._set('underline', v, (t) => {
      t.cf.format.underline = v;
    });
  }
  get color(): string | null {
    return this._get('color');
  }
  set color(v: string | null) {
    this._set('color', v, (t, _ex, where) => {
      t.cf.format.fontColor = v === '' || v === null ? null : normaliseColor(v, where);
    });
  }

  clear(): void {
    this._call('clear', (t) => {
      Object.assign(t.cf.format, { fontColor: null, bold: null, italic: null, strikethrough: null, underline: null });
    });
  }
}
