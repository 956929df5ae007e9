/**
 * Plain, JSON-comparable pictures of a sheet, so a test can prove that checking, highlighting
 * or clearing left the user's content alone: `expect(snapshot('表一')).toEqual(before)`.
 * Only what differs from an empty cell is listed; conditional-format ids are left out (Excel
 * makes new ones), their order is priority order.
 */
import { formatRect, type Rect } from './address';
import { a1 as cellAddress, columnName } from '../core/template/a1';
import type { BorderState, CellFormat, CellValue, ConditionalFormatState, Edge, ValidationState, WorkbookState } from './state';

export interface CellSnapshot {
  value?: CellValue | null;
  formula?: string;
  numberFormat?: string;
  format?: Partial<Omit<CellFormat, 'borders'>> & { borders?: Partial<Record<Edge, BorderState>> };
  validation?: ValidationState;
}

export interface ConditionalFormatSnapshot {
  type: string;
  ranges: string[];
  rule: ConditionalFormatState['rule'];
  format: Partial<ConditionalFormatState['format']>;
  stopIfTrue: boolean;
}

export interface SheetSnapshot {
  name: string;
  position: number;
  cells: Record<string, CellSnapshot>;
  merges: string[];
  conditionalFormats: ConditionalFormatSnapshot[];
  columnWidths: Record<string, number>;
  rowHeights: Record<string, number>;
  customProperties: Record<string, string>;
  /** Names scoped to this sheet. */
  names: Array<{ name: string; formula: string; comment: string }>;
  frozen: { rows: number; columns: number };
  printArea: string | null;
}

export interface WorkbookSnapshot {
  sheets: string[];
  activeSheet: string;
  selection: string | null;
  /** Workbook-scoped names. */
  names: Array<{ name: string; formula: string; comment: string }>;
}

function formatDiff(f: CellFormat, base: CellFormat): CellSnapshot['format'] | undefined {
  const out: NonNullable<CellSnapshot['format']> = {};
  for (const k of Object.keys(base) as Array<keyof CellFormat>) {
    if (k === 'borders') continue;
    if (f[k] !== base[k]) (out as Record<string, unknown>)[k] = f[k];
  }
  if (Object.keys(f.borders).length) out.borders = JSON.parse(JSON.stringify(f.borders)) as Partial<Record<Edge, BorderState>>;
  return Object.keys(out).length ? out : undefined;
}

const a1 = (r: Rect): string => formatRect(r);

export function sheetSnapshot(state: WorkbookState, sheetName: string): SheetSnapshot {
  const s = state.sheet(sheetName);
  const cells: Record<string, CellSnapshot> = {};
  const keys = [...s.cells.keys()].sort((x, y) => x - y);
  for (const k of keys) {
    const c = s.cells.get(k);
    if (!c) continue;
    const row = Math.floor(k / 16384);
    const col = k % 16384;
    const snap: CellSnapshot = {};
    if (c.formula !== null) {
      snap.formula = c.formula;
      snap.value = c.value;
    } else if (c.value !== null) snap.value = c.value;
    if (c.numberFormat !== 'General') snap.numberFormat = c.numberFormat;
    const f = formatDiff(c.format, state.defaultFormat);
    if (f) snap.format = f;
    if (c.validation) snap.validation = JSON.parse(JSON.stringify(c.validation)) as ValidationState;
    if (Object.keys(snap).length) cells[cellAddress(row, col)] = snap;
  }
  const sizes = (m: Map<number, number>, label: (i: number) => string) =>
    Object.fromEntries([...m.entries()].sort((x, y) => x[0] - y[0]).map(([i, v]) => [label(i), v]));
  return {
    name: s.name,
    position: s.position,
    cells,
    merges: s.mergedAreas(),
    conditionalFormats: s.conditionalFormats.map((cf) => ({
      type: cf.type,
      ranges: cf.ranges.map(a1),
      rule: { ...cf.rule },
      format: Object.fromEntries(Object.entries(cf.format).filter(([, v]) => v !== null)),
      stopIfTrue: cf.stopIfTrue,
    })),
    columnWidths: sizes(s.columnWidths, columnName),
    rowHeights: sizes(s.rowHeights, (i) => String(i + 1)),
    customProperties: Object.fromEntries(s.customProperties.map((p) => [p.key, p.value])),
    names: state.names.filter((n) => n.scopeSheetId === s.id).map((n) => ({ name: n.name, formula: n.formula, comment: n.comment })),
    frozen: { rows: s.frozenRows, columns: s.frozenColumns },
    printArea: s.printArea,
  };
}

export function workbookSnapshot(state: WorkbookState): WorkbookSnapshot {
  const sel = state.selection;
  const selSheet = sel ? state.sheetById(sel.sheetId) : undefined;
  return {
    sheets: state.sheets.map((s) => s.name),
    activeSheet: state.activeSheet().name,
    selection: sel && selSheet ? state.address(selSheet, sel.rect) : null,
    names: state.names.filter((n) => n.scopeSheetId === null).map((n) => ({ name: n.name, formula: n.formula, comment: n.comment })),
  };
}
