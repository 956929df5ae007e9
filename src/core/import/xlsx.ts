/**
 * Reading an .xlsx workbook into grids: one grid per worksheet, rectangular over the cells
 * that hold something, with merged ranges marked. Nothing in the workbook is executed or
 * recalculated: a formula cell yields the result Excel last saved.
 */
import type { Cell, Workbook, Worksheet } from 'exceljs';
import { cellsOf, formats } from '../formats/registry';
import { columnName, parseA1 } from '../template/a1';
import { CHECK_HEADER, NAME_PREFIX } from '../template/plan';
import { EMPTY_CELL, MERGED_CELL, type Grid, type GridCell, type GridRow, type RawValue, type ReadResult } from './grid';
import { asciiText } from './decode';
import { inflateEntry, isCompoundFile, isEncryptedPackage, listZipEntries, looksLikeZip, MAX_DEFLATE_RATIO, ZipFormatError, type ZipEntry } from './zip';

export type XlsxErrorKind =
  /** Not a ZIP archive (or a damaged one, or an .xls/.doc), or ExcelJS could not parse it. */
  | 'corrupt'
  /** An OLE compound file holding an encrypted (password-protected) workbook. */
  | 'encrypted'
  /** A valid ZIP that holds no workbook (e.g. a .docx or a plain .zip). */
  | 'notWorkbook'
  /** Bigger than we are willing to parse; `detail` says what was measured. */
  | 'tooLarge';

export interface XlsxSizeDetail {
  measured: number;
  limit: number;
  /**
   * `bytes` of worksheet XML declared, `inflatedBytes` of all parts, `cells` (cell elements over
   * all worksheets), or `positions` in one sheet's used rectangle.
   */
  unit: 'bytes' | 'inflatedBytes' | 'cells' | 'positions';
  sheet?: string;
  /** The used rectangle, e.g. `B2:XFD61`: usually one stray cell far from the tables. */
  range?: string;
}

export class XlsxReadError extends Error {
  constructor(
    readonly kind: XlsxErrorKind,
    message: string,
    readonly detail?: XlsxSizeDetail,
  ) {
    super(message);
    this.name = 'XlsxReadError';
  }
}

/**
 * What a workbook may hold before it is refused, measured before ExcelJS parses it (ExcelJS needs
 * about 2 s per 100 000 cells and roughly 1 s per 10 MB of sheet XML, and holds it all in memory).
 * A report's workbook has one or two thousand cells and well under 1 MB of XML.
 */
export const XLSX_LIMITS = {
  /** Worksheet and shared-string XML, as the archive declares it. */
  maxXmlBytes: 12 * 1024 * 1024,
  /** Everything inflated together: a "zip bomb" stops here, not in memory. */
  maxInflatedBytes: 200 * 1024 * 1024,
  /** Cell elements (`<c>`, formatted empty ones included) over all worksheets. */
  maxCells: 50_000,
  /** Positions in one sheet's used rectangle (rows × columns). */
  maxGridCells: 250_000,
} as const;

export type XlsxLimits = Record<keyof typeof XLSX_LIMITS, number>;
export type XlsxReadOptions = Partial<XlsxLimits>;

/**
 * The defined name nianbao's own .xlsx export puts on its 「校验结果」 sheet (`export/xlsx.ts`). That
 * sheet's findings name the tables' rows and columns, so recognition would take it for a second
 * copy of the tables: the reader leaves the sheet this name points to out of the grids. A name
 * rather than the sheet's title, which a user may give a sheet of their own; Excel, WPS and
 * LibreOffice keep a name pointing at its sheet when the sheet is renamed or moved.
 */
export const CHECKS_SHEET_MARK = 'nianbao_checks';

/** XML nodes we never need: skipping them saves parse time and avoids their quirks. */
const IGNORED_NODES = [
  'dataValidations',
  'conditionalFormatting',
  'hyperlinks', // a hyperlink cell then reads as its display text
  'drawing',
  'picture',
  'legacyDrawing',
  'extLst',
  'headerFooter',
  'printOptions',
  'pageSetup',
  'pageMargins',
  'rowBreaks',
  'colBreaks',
  'autoFilter',
  'tableParts',
];

/** Checks what the archive is before parsing it, cheaply, from the central directory alone. */
function inspectXlsx(bytes: Uint8Array): ZipEntry[] {
  if (isCompoundFile(bytes)) {
    // Excel saves a password-protected workbook as an OLE file holding an `EncryptedPackage`
    // stream; any other OLE file is an .xls/.doc saved under the wrong name.
    if (isEncryptedPackage(bytes)) throw new XlsxReadError('encrypted', 'an encrypted OOXML package');
    throw new XlsxReadError('corrupt', 'an OLE compound file (.xls or .doc), not an .xlsx');
  }
  if (!looksLikeZip(bytes)) throw new XlsxReadError('corrupt', 'not a ZIP archive');
  let entries: ZipEntry[];
  try {
    entries = listZipEntries(bytes);
  } catch (e) {
    if (e instanceof ZipFormatError) throw new XlsxReadError('corrupt', e.message);
    throw e;
  }
  const names = new Set(entries.map((e) => e.name.replace(/^\//, '')));
  if (!names.has('xl/workbook.xml')) throw new XlsxReadError('notWorkbook', 'no xl/workbook.xml in the archive');
  if (entries.some((e) => e.encrypted)) throw new XlsxReadError('encrypted', 'ZIP entries are encrypted');
  return entries;
}

const WORKSHEET = /^\/?xl\/worksheets\/[^/]+\.xml$/;
const SHARED_STRINGS = /^\/?xl\/sharedStrings\.xml$/;
/** `<c ` / `<c>` / `<x:c ` open a cell; `<col`, `<cfRule` and the like do not match. */
const CELL_TAG = /<(?:[A-Za-z_][\w.-]*:)?c[\s>/]/g;
/** Every match of `CELL_TAG` takes at least this many characters. */
const MIN_CELL_TAG = 3;
const tooLarge = (detail: XlsxSizeDetail): XlsxReadError => new XlsxReadError('tooLarge', `${detail.unit}: ${detail.measured} > ${detail.limit}`, detail);

/**
 * Refuses a workbook too large to parse, in a fraction of the time parsing it would take. For
 * a report the central directory alone shows it within the limits and nothing is inflated:
 * compressed sizes bound what the parts can inflate to (`MAX_DEFLATE_RATIO`), and worksheets
 * declaring at most `MIN_CELL_TAG × maxCells` bytes cannot hold too many cells. Otherwise every
 * part is inflated with a cap and the cells counted. A part understating its size gains nothing:
 * inflating it here, or JSZip's own check, finds the mismatch and the workbook is corrupt.
 */
function checkSize(bytes: Uint8Array, entries: readonly ZipEntry[], limits: XlsxLimits): void {
  const parts = entries.filter((e) => !e.name.endsWith('/'));
  const xmlBytes = parts.reduce((n, e) => n + (WORKSHEET.test(e.name) || SHARED_STRINGS.test(e.name) ? e.uncompressedSize : 0), 0);
  if (xmlBytes > limits.maxXmlBytes) throw tooLarge({ measured: xmlBytes, limit: limits.maxXmlBytes, unit: 'bytes' });
  const bound = parts.reduce((n, e) => n + (e.method === 0 ? e.compressedSize : e.compressedSize * MAX_DEFLATE_RATIO), 0);
  const sheetBytes = parts.reduce((n, e) => n + (WORKSHEET.test(e.name) ? e.uncompressedSize : 0), 0);
  if (bound <= limits.maxInflatedBytes && sheetBytes <= MIN_CELL_TAG * limits.maxCells) return;

  let inflatedBytes = 0;
  let cells = 0;
  for (const entry of parts) {
    const room = limits.maxInflatedBytes - inflatedBytes;
    if (entry.uncompressedSize > room) throw tooLarge({ measured: inflatedBytes + entry.uncompressedSize, limit: limits.maxInflatedBytes, unit: 'inflatedBytes' });
    let part: Uint8Array;
    try {
      part = inflateEntry(bytes, entry, room);
    } catch (e) {
      // Within the room, a part can only fail by not inflating to what it declares.
      throw new XlsxReadError('corrupt', e instanceof Error ? e.message : String(e));
    }
    inflatedBytes += part.length;
    if (WORKSHEET.test(entry.name)) cells += asciiText(part).match(CELL_TAG)?.length ?? 0;
  }
  if (cells > limits.maxCells) throw tooLarge({ measured: cells, limit: limits.maxCells, unit: 'cells' });
}

let excelJS: Promise<typeof import('exceljs')> | undefined;

/** Loaded on first use: requiring ExcelJS takes ~0.4 s, which text and HTML checks need not pay. */
async function loadExcelJS(): Promise<typeof import('exceljs')> {
  excelJS ??= import('exceljs').then((module) => module.default);
  return excelJS;
}

/** Reads every worksheet of an .xlsx workbook. Throws `XlsxReadError` for anything unreadable. */
export async function readXlsx(data: ArrayBuffer | Uint8Array, options: XlsxReadOptions = {}): Promise<ReadResult> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const entries = inspectXlsx(bytes);
  const limits: XlsxLimits = { ...XLSX_LIMITS, ...options };
  checkSize(bytes, entries, limits);

  const ExcelJS = await loadExcelJS();
  const workbook = new ExcelJS.Workbook();
  try {
    // ExcelJS (JSZip) reads a Uint8Array as it is; its typings only name Buffer/ArrayBuffer.
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer, { ignoreNodes: IGNORED_NODES });
  } catch (e) {
    // ExcelJS reports damage as whatever its internals hit (TypeError, SAX errors...).
    throw new XlsxReadError('corrupt', `workbook could not be parsed: ${e instanceof Error ? e.message : String(e)}`);
  }

  const checksSheets = new Set<string>();
  workbook.definedNames.forEach((name, cell) => {
    if (name === CHECKS_SHEET_MARK && cell.sheetName !== undefined) checksSheets.add(cell.sheetName);
  });
  const grids: Grid[] = [];
  const merge = ExcelJS.ValueType.Merge;
  for (const sheet of workbook.worksheets) if (!checksSheets.has(sheet.name)) grids.push(sheetToGrid(sheet, limits.maxGridCells, merge));
  return { grids, ...templateCells(workbook, grids) };
}

/**
 * A sheet of the add-in's template (what `nianbao template` writes, or a workbook the add-in
 * filled) is read by its names `NB_<cell id>`, which stay on their cells when rows are inserted,
 * rather than recognised: a template not yet filled in has no figures to recognise its tables by.
 * Only when exactly one sheet is the template (its check cells' header) and every name points
 * into it and names a cell of one format; anything else is left to recognition.
 */
function templateCells(workbook: Workbook, grids: readonly Grid[]): Pick<ReadResult, 'cells' | 'meta'> {
  const names = workbook.definedNames.model.filter((n) => n.name.startsWith(NAME_PREFIX));
  if (names.length === 0) return {};
  const marked = grids.filter((g) => g.rows.some((row) => row.cells.some((c) => c.value === CHECK_HEADER)));
  if (marked.length !== 1) return {};
  const [grid] = marked;
  const cells: Record<string, RawValue> = {};
  for (const { name, ranges } of names) {
    if (ranges.length !== 1) return {};
    const bang = ranges[0].lastIndexOf('!');
    const sheet = ranges[0].slice(0, bang).replace(/^'(.*)'$/, '$1').replace(/''/g, "'");
    const position = parseA1(ranges[0]);
    if (sheet !== grid.name || !position) return {};
    const row = grid.rows.find((r) => r.origin?.row === position.row);
    const col = position.col - (row?.origin?.col ?? 0);
    cells[name.slice(NAME_PREFIX.length)] = row?.cells[col]?.value ?? null;
  }
  const ids = Object.keys(cells);
  const fitting = formats.filter((f) => ids.every((id) => cellsOf(f).has(id)));
  if (fitting.length === 0) return {};
  return { cells, meta: fitting.length === 1 ? { format: fitting[0].id } : {} };
}

/** `1` → `A`, `27` → `AA`: one-based, as ExcelJS numbers columns. */
export const columnLetters = (col: number): string => columnName(col - 1);

function sheetToGrid(sheet: Worksheet, maxGridCells: number, mergeType: number): Grid {
  const name = sheet.name;
  // One pass over the non-empty cells gives both the used rectangle (as `sheet.dimensions`
  // would) and the cells to place in it.
  const found: { row: number; col: number; cell: Cell }[] = [];
  let top = 0;
  let bottom = 0;
  let left = 0;
  let right = 0;
  sheet.eachRow((row, r) => {
    row.eachCell((cell, col) => {
      found.push({ row: r, col, cell });
      if (top === 0) top = r;
      bottom = r;
      if (left === 0 || col < left) left = col;
      if (col > right) right = col;
    });
  });
  if (!(top > 0) || !(left > 0)) return { name, rows: [] };
  const width = right - left + 1;
  const area = (bottom - top + 1) * width;
  if (area > maxGridCells) {
    const range = `${columnLetters(left)}${top}:${columnLetters(right)}${bottom}`;
    throw new XlsxReadError('tooLarge', `sheet ${name} spans ${range} (${area} positions)`, {
      measured: area,
      limit: maxGridCells,
      unit: 'positions',
      sheet: name,
      range,
    });
  }
  const rows: GridRow[] = [];
  for (let r = top; r <= bottom; r++) {
    const cells: GridCell[] = new Array<GridCell>(width).fill(EMPTY_CELL);
    rows.push({ cells, source: `${name}!第${r}行`, origin: { row: r - 1, col: left - 1 } });
  }
  for (const { row, col, cell } of found) {
    // Covered positions of a merged range report the anchor's value: keep it at the anchor only.
    rows[row - top].cells[col - left] = cell.type === mergeType ? MERGED_CELL : { value: cellValue(cell) };
  }
  return { name, rows };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !(v instanceof Date);
}

function richText(v: unknown): string | undefined {
  if (isObject(v) && Array.isArray(v.richText)) {
    return v.richText.map((run: unknown) => (isObject(run) && typeof run.text === 'string' ? run.text : '')).join('');
  }
  return undefined;
}

/** A plain value (or a formula's cached result) as RawValue; undefined if it is not one. */
function plain(v: unknown): RawValue | undefined {
  if (v === null) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (isObject(v)) {
    if (typeof v.error === 'string') return { error: v.error };
    const rich = richText(v);
    if (rich !== undefined) return rich;
    if ('hyperlink' in v) return typeof v.text === 'string' ? v.text : (richText(v.text) ?? '');
  }
  return undefined;
}

function cellValue(cell: Cell): RawValue {
  const v: unknown = cell.value;
  if (v === undefined) return null;
  const direct = plain(v);
  if (direct !== undefined) return direct;
  if (isObject(v) && ('formula' in v || 'sharedFormula' in v)) {
    // `cell.value` drops a result that is 0, FALSE or '' (ExcelJS 4.4 copies truthy fields only).
    const saved: unknown = cell.result;
    const result = saved === undefined ? undefined : plain(saved);
    if (result !== undefined) return result;
    // Never calculated (e.g. written by a script): show the formula so the message can say so.
    const formula = cell.formula || (typeof v.formula === 'string' ? v.formula : '');
    return `=${formula}`;
  }
  return cell.text;
}
