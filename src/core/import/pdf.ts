/**
 * Reading a PDF's text layer into rows of cells. pdf.js (Mozilla's) extracts text items with
 * their positions; this module turns them into what the other readers produce: one grid of
 * rows in reading order across all pages (a table continued on the next page is one table),
 * and the lines of the whole document for the six sections, the year and the narrative.
 *
 * - Items are normalised (NFKC) first: PDFs printed by browsers, Word and WPS carry Kangxi
 *   radicals and CJK compatibility characters (`⼀` U+2F00 for 一, `⾏` U+2F8F for 行).
 * - A row is the items of one baseline; items of one visual row differ by a point or two.
 * - A cell is a run of items with no column gap between them; an item pdf.js combined across
 *   cells (`本年制发件数 本年废止件数`) is cut at its spaces first.
 * - Lines of a wrapped label cell (no figures of their own, in the label column, right above the
 *   row that holds the figures) are joined into that row's label.
 * - Page numbers and lines repeated at the top or bottom of every page are left out.
 *
 * The pdf.js module is passed in (`PdfJs`): the CLI loads its legacy build in Node, the task
 * pane the browser build with its worker, and this module stays free of both.
 */
import type { GridCell, GridRow, ReadResult } from './grid';

/** One text item with its position in PDF units (y grows upwards; `y` is the baseline). */
export interface PdfTextItem {
  str: string;
  x: number;
  y: number;
  width: number;
  /** Font size: the height of a line of this text. */
  size: number;
}

export interface PdfPageText {
  width: number;
  height: number;
  items: PdfTextItem[];
}

export type PdfErrorKind =
  /** Not a PDF, or damaged (truncated) beyond reading. */
  | 'corrupt'
  /** Needs a password to open. */
  | 'encrypted'
  /** No text layer: a scan or pictures of pages. */
  | 'noText'
  /** More pages than a report has. */
  | 'tooLarge';

export class PdfReadError extends Error {
  constructor(
    readonly kind: PdfErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'PdfReadError';
  }
}

export const PDF_LIMITS = {
  /** A report runs to 5–30 pages; a PDF of more is not one and would take long to read. */
  maxPages: 300,
  /** Fewer characters than this in the whole text layer: a scan, perhaps with a stamp's text. */
  minCharacters: 20,
} as const;

/** The part of pdf.js's API used here (`pdfjs-dist` satisfies it). */
export interface PdfJs {
  getDocument(source: PdfJsSource): { promise: Promise<PdfJsDocument>; destroy(): Promise<void> };
}

export interface PdfJsSource {
  data: Uint8Array;
  isEvalSupported: boolean;
  disableFontFace: boolean;
  useSystemFonts: boolean;
  stopAtErrors: boolean;
  verbosity: number;
  cMapUrl?: string;
  cMapPacked?: boolean;
}

export interface PdfJsDocument {
  numPages: number;
  getPage(pageNumber: number): Promise<PdfJsPage>;
  destroy(): Promise<void>;
}

export interface PdfJsPage {
  getViewport(options: { scale: number }): { width: number; height: number };
  getTextContent(): Promise<{ items: readonly object[] }>;
  cleanup(): unknown;
}

export interface PdfOptions {
  /** Where pdf.js finds its CMaps (`…/pdfjs-dist/cmaps/`): PDFs with unembedded Chinese fonts need them. */
  cMapUrl?: string;
}

/** `%%EOF` must appear within this many bytes of the end of a complete PDF. */
const EOF_WINDOW = 2048;

/**
 * Reads a PDF with pdf.js. Throws `PdfReadError` for a damaged or truncated file, one that
 * needs a password, and one without a text layer.
 */
export async function readPdf(pdfjs: PdfJs, bytes: Uint8Array, options: PdfOptions = {}): Promise<ReadResult> {
  return readPdfText(await extractPdfText(pdfjs, bytes, options));
}

function isComplete(bytes: Uint8Array): boolean {
  const tail = bytes.subarray(Math.max(0, bytes.length - EOF_WINDOW));
  for (let i = tail.length - 5; i >= 0; i--) {
    if (tail[i] === 0x25 && tail[i + 1] === 0x25 && tail[i + 2] === 0x45 && tail[i + 3] === 0x4f && tail[i + 4] === 0x46) return true;
  }
  return false;
}

/** True when the bytes start like a PDF (`%PDF-` within the first KB, as readers allow). */
export function looksLikePdf(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 1024);
  for (let i = 0; i + 5 <= head.length; i++) {
    if (head[i] === 0x25 && head[i + 1] === 0x50 && head[i + 2] === 0x44 && head[i + 3] === 0x46 && head[i + 4] === 0x2d) return true;
  }
  return false;
}

/**
 * Refuses what is not a PDF or was cut short, before pdf.js is loaded: it repairs a truncated
 * file as far as it can, and a page or two would be read silently.
 */
export function checkPdfBytes(bytes: Uint8Array): void {
  if (!looksLikePdf(bytes)) throw new PdfReadError('corrupt', 'not a PDF');
  if (!isComplete(bytes)) throw new PdfReadError('corrupt', 'truncated: no %%EOF at the end');
}

/** The text items of every page, positions in PDF units. */
export async function extractPdfText(pdfjs: PdfJs, bytes: Uint8Array, options: PdfOptions = {}): Promise<PdfPageText[]> {
  checkPdfBytes(bytes);
  const task = pdfjs.getDocument({
    // A copy: pdf.js transfers the buffer it is given to its worker.
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
    ...(options.cMapUrl ? { cMapUrl: options.cMapUrl, cMapPacked: true } : {}),
  });
  let document: PdfJsDocument;
  try {
    document = await task.promise;
  } catch (e) {
    await task.destroy();
    const name = (e as { name?: string }).name;
    if (name === 'PasswordException') throw new PdfReadError('encrypted', 'needs a password');
    throw new PdfReadError('corrupt', e instanceof Error ? e.message : String(e));
  }
  try {
    if (document.numPages > PDF_LIMITS.maxPages) throw new PdfReadError('tooLarge', `${document.numPages} pages`);
    const pages: PdfPageText[] = [];
    let characters = 0;
    for (let n = 1; n <= document.numPages; n++) {
      const page = await document.getPage(n);
      const { width, height } = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const items: PdfTextItem[] = [];
      for (const raw of content.items) {
        const item = textItem(raw);
        if (!item) continue;
        items.push(item);
        characters += item.str.replace(/\s+/g, '').length;
      }
      pages.push({ width, height, items });
      page.cleanup();
    }
    if (characters < PDF_LIMITS.minCharacters) throw new PdfReadError('noText', `${characters} characters of text`);
    return pages;
  } catch (e) {
    if (e instanceof PdfReadError) throw e;
    throw new PdfReadError('corrupt', e instanceof Error ? e.message : String(e));
  } finally {
    await document.destroy();
  }
}

/** A pdf.js text item as ours: horizontal text only (a report's tables are). */
function textItem(raw: object): PdfTextItem | undefined {
  const item = raw as { str?: unknown; transform?: unknown; width?: unknown };
  if (typeof item.str !== 'string' || !Array.isArray(item.transform) || typeof item.width !== 'number') return undefined;
  const [a, b, c, d, e, f] = item.transform as number[];
  if (item.str.trim() === '' || b !== 0 || c !== 0 || !(a > 0) || !(d > 0)) return undefined;
  return { str: item.str.normalize('NFKC'), x: e, y: f, width: item.width, size: d };
}

/** A piece of text on one baseline that belongs to one cell. */
interface Fragment {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
}

interface Line {
  y: number;
  size: number;
  fragments: Fragment[];
  /** Zero-based page number. */
  page: number;
}

/** A line laid out as a row: its cells' texts. */
interface LaidOut {
  page: number;
  cells: string[];
}

/** A column: the x-range its figures cover. */
interface Column {
  x0: number;
  x1: number;
}

/** Gaps narrower than this share of the font size are inside a cell (a space in a label). */
const CELL_GAP = 0.3;
/** Baselines of one visual row differ by at most this share of the font size. */
const BASELINE_TOLERANCE = 0.3;
/** Page numbers and running heads live in this share of the page at the top and bottom. */
const MARGIN_SHARE = 0.08;
const PAGE_NUMBER = /^[-—–－‐\s]*(?:第\s*)?\d{1,4}\s*(?:页)?\s*(?:[/／]\s*(?:共\s*)?\d{1,4}\s*页?)?[-—–－‐\s]*$/;
const FIGURE = /^[+-]?[\d.,]+(?:%|元|万元)?$|^\/$/;

const isFigure = (text: string): boolean => FIGURE.test(text);

/** Turns the text items of a PDF's pages into rows of cells and lines of text. */
export function readPdfText(pages: readonly PdfPageText[]): ReadResult {
  const pageLines = pages.map((page) => linesOf(page.items));
  const repeated = runningLines(pages, pageLines);
  const lines: Line[] = [];
  pageLines.forEach((onPage, p) => {
    for (const line of onPage) if (!isMargin(line, pages[p], repeated)) lines.push({ ...line, page: p });
  });
  const rows: GridRow[] = [];
  const text: string[] = [];
  for (const group of tableGroups(lines)) {
    for (const line of layOut(group)) {
      const cells: GridCell[] = line.cells.map((value) => ({ value }));
      rows.push({ cells, source: `第${line.page + 1}页 第${rows.length + 1}行` });
      text.push(line.cells.filter((c) => c !== '').join(' '));
    }
  }
  return { grids: rows.length > 0 ? [{ name: 'PDF', rows }] : [], text };
}

/** An item cut at its spaces, each piece placed by its share of the item's width. */
function piecesOf(item: PdfTextItem): Fragment[] {
  const out: Fragment[] = [];
  if (!item.str.includes(' ')) return [{ text: item.str, x0: item.x, x1: item.x + item.width, y: item.y, size: item.size }];
  // Full-width characters take a whole em, others half: close enough to place the cuts.
  let ems = 0;
  for (const ch of item.str) ems += ch.charCodeAt(0) > 0x2e80 ? 1 : 0.5;
  const perEm = ems > 0 ? item.width / ems : 0;
  let x = item.x;
  let current = '';
  let start = x;
  for (const ch of item.str) {
    const w = (ch.charCodeAt(0) > 0x2e80 ? 1 : 0.5) * perEm;
    if (ch === ' ') {
      if (current !== '') out.push({ text: current, x0: start, x1: x, y: item.y, size: item.size });
      current = '';
      x += w;
      start = x;
      continue;
    }
    current += ch;
    x += w;
  }
  if (current !== '') out.push({ text: current, x0: start, x1: x, y: item.y, size: item.size });
  return out;
}

/** The items grouped by baseline, top to bottom, each line's cells left to right. */
function linesOf(items: readonly PdfTextItem[]): Line[] {
  const pieces = items.flatMap(piecesOf).sort((a, b) => b.y - a.y || a.x0 - b.x0);
  const lines: Line[] = [];
  let current: Fragment[] = [];
  let top = 0;
  let size = 0;
  const flush = (): void => {
    if (current.length > 0) lines.push({ y: top, size, fragments: cellsOf(current.sort((a, b) => a.x0 - b.x0)), page: 0 });
    current = [];
  };
  for (const piece of pieces) {
    if (current.length > 0 && top - piece.y > BASELINE_TOLERANCE * Math.max(size, piece.size)) flush();
    if (current.length === 0) {
      top = piece.y;
      size = piece.size;
    }
    size = Math.max(size, piece.size);
    current.push(piece);
  }
  flush();
  return lines;
}

/** Pieces of one line joined into cells: neighbours closer than a column gap are one cell. */
function cellsOf(pieces: readonly Fragment[]): Fragment[] {
  const cells: Fragment[] = [];
  for (const piece of pieces) {
    const last = cells[cells.length - 1];
    const gap = last ? piece.x0 - last.x1 : Infinity;
    // Figures of neighbouring columns stand close in narrow tables: they join only when touching.
    const limit = isFigure(piece.text) || isFigure(last?.text ?? '') ? 0.1 : CELL_GAP;
    if (last && gap < limit * Math.max(last.size, piece.size)) {
      last.text += gap > 0.15 * piece.size && isWordBoundary(last.text, piece.text) ? ` ${piece.text}` : piece.text;
      last.x1 = Math.max(last.x1, piece.x1);
    } else cells.push({ ...piece });
  }
  return cells;
}

/** A space between two pieces is kept only between Latin letters or digits: Chinese text has none. */
function isWordBoundary(before: string, after: string): boolean {
  return /[A-Za-z0-9]$/.test(before) && /^[A-Za-z0-9]/.test(after);
}

const lineText = (line: Line): string => line.fragments.map((f) => f.text).join('');

/** Lines repeated at the same height in the top or bottom margin of several pages (running heads). */
function runningLines(pages: readonly PdfPageText[], pageLines: readonly Line[][]): Set<string> {
  const seen = new Map<string, number>();
  pageLines.forEach((lines, p) => {
    const texts = new Set<string>();
    for (const line of lines) if (inMargin(line, pages[p])) texts.add(`${Math.round(line.y)}|${lineText(line)}`);
    for (const t of texts) seen.set(t, (seen.get(t) ?? 0) + 1);
  });
  const repeated = new Set<string>();
  if (pages.length < 2) return repeated;
  for (const [key, count] of seen) if (count >= 2) repeated.add(key);
  return repeated;
}

function inMargin(line: Line, page: PdfPageText): boolean {
  return line.y > page.height * (1 - MARGIN_SHARE) || line.y < page.height * MARGIN_SHARE;
}

function isMargin(line: Line, page: PdfPageText, repeated: ReadonlySet<string>): boolean {
  if (!inMargin(line, page)) return false;
  const text = lineText(line);
  return PAGE_NUMBER.test(text) || repeated.has(`${Math.round(line.y)}|${text}`);
}

/**
 * A row of a table: it holds figures, and nothing after its first figure but figures or a short
 * mark (`/`, `无`). A title's `2024年…` is not one.
 */
function hasFigure(line: Line): boolean {
  const first = line.fragments.findIndex((f) => isFigure(f.text));
  if (first < 0) return false;
  for (let i = first + 1; i < line.fragments.length; i++) {
    const text = line.fragments[i].text;
    if (!isFigure(text) && text.length > 2) return false;
  }
  return true;
}

/**
 * Lines cut into tables: a line with two or more cells and no figure (a header row) starts a new
 * one, so each table's columns are worked out from its own rows. Pages do not: a table continued
 * on the next page stays one.
 */
function tableGroups(lines: readonly Line[]): Line[][] {
  const groups: Line[][] = [[]];
  for (const line of lines) {
    if (line.fragments.length >= 2 && !hasFigure(line) && groups[groups.length - 1].some(hasFigure)) groups.push([]);
    groups[groups.length - 1].push(line);
  }
  return groups;
}

/** The columns of a table: the x-ranges of its figures, overlapping ranges taken as one column. */
function columnsOf(lines: readonly Line[]): Column[] {
  const ranges: Column[] = [];
  for (const line of lines) for (const f of line.fragments) if (isFigure(f.text)) ranges.push({ x0: f.x0, x1: f.x1 });
  ranges.sort((a, b) => a.x0 - b.x0);
  const columns: Column[] = [];
  for (const r of ranges) {
    const last = columns[columns.length - 1];
    if (last && r.x0 < last.x1) last.x1 = Math.max(last.x1, r.x1);
    else columns.push({ ...r });
  }
  return columns;
}

/**
 * A table's lines as rows. A line holding figures gets one cell per column from its first
 * figure's column on, empty where it has none (a blank cell prints nothing), after its labels.
 * A line of text alone that stands in the label column, within a line's height of a line with
 * figures or of a label line already joined to one, is part of that line's label (a wrapped label
 * cell); other lines (headings, header rows, prose) are rows of their own.
 */
function layOut(lines: readonly Line[]): LaidOut[] {
  const columns = columnsOf(lines);
  if (columns.length === 0) return lines.map((line) => ({ page: line.page, cells: line.fragments.map((f) => f.text) }));
  const firstColumn = columns[0].x0;
  const isLabelOnly = (line: Line): boolean => !hasFigure(line) && line.fragments.every((f) => f.x1 <= firstColumn + 0.5 * f.size);
  // Each label-only line joins the nearest line with figures on its page, if close enough.
  const joinedTo = new Map<Line, Line>();
  const anchors = lines.filter(hasFigure);
  for (const line of lines) {
    if (!isLabelOnly(line)) continue;
    let best: Line | undefined;
    for (const anchor of anchors) {
      if (anchor.page !== line.page) continue;
      if (!best || Math.abs(anchor.y - line.y) < Math.abs(best.y - line.y)) best = anchor;
    }
    if (best && Math.abs(best.y - line.y) <= 1.6 * Math.max(best.size, line.size) * (1 + labelLinesBetween(lines, line, best, isLabelOnly))) joinedTo.set(line, best);
  }
  const out: LaidOut[] = [];
  const rowOf = new Map<Line, string[]>();
  const labelsOf = new Map<Line, { y: number; fragments: Fragment[] }[]>();
  for (const line of lines) {
    const anchor = joinedTo.get(line);
    if (anchor) {
      labelsOf.set(anchor, [...(labelsOf.get(anchor) ?? []), { y: line.y, fragments: line.fragments }]);
      continue;
    }
    if (!hasFigure(line)) {
      out.push({ page: line.page, cells: line.fragments.map((f) => f.text) });
      continue;
    }
    const cells: string[] = [];
    rowOf.set(line, cells);
    labelsOf.set(line, [...(labelsOf.get(line) ?? []), { y: line.y, fragments: line.fragments.filter((f) => !inAnyColumn(f, columns)) }]);
    out.push({ page: line.page, cells });
  }
  for (const [line, cells] of rowOf) {
    // Labels top to bottom; pieces in one column of the label area joined into one cell.
    const labelParts = (labelsOf.get(line) ?? []).sort((a, b) => b.y - a.y).flatMap((part) => part.fragments);
    cells.push(...joinLabelColumns(labelParts));
    const inColumns = line.fragments.filter((f) => inAnyColumn(f, columns));
    const first = columns.findIndex((c) => inColumns.some((f) => overlaps(f, c)));
    for (let k = Math.max(first, 0); k < columns.length; k++) {
      cells.push(inColumns.filter((f) => overlaps(f, columns[k])).map((f) => f.text).join(' '));
    }
  }
  return out;
}

/** Label-only lines lying between a line and its anchor (a label wrapped over three lines or more). */
function labelLinesBetween(lines: readonly Line[], line: Line, anchor: Line, isLabelOnly: (l: Line) => boolean): number {
  const low = Math.min(line.y, anchor.y);
  const high = Math.max(line.y, anchor.y);
  return lines.filter((l) => l !== line && l !== anchor && l.page === line.page && l.y > low && l.y < high && isLabelOnly(l)).length;
}

function overlaps(f: Fragment, c: Column): boolean {
  return f.x0 < c.x1 && f.x1 > c.x0;
}

function inAnyColumn(f: Fragment, columns: readonly Column[]): boolean {
  return columns.some((c) => overlaps(f, c));
}

/** Label fragments from several lines: those starting at one x (one label column) become one cell. */
function joinLabelColumns(parts: readonly Fragment[]): string[] {
  const columns: { x0: number; text: string }[] = [];
  for (const part of parts) {
    const same = columns.find((c) => Math.abs(c.x0 - part.x0) < 0.5 * part.size);
    if (same) same.text += part.text;
    else columns.push({ x0: part.x0, text: part.text });
  }
  return columns.sort((a, b) => a.x0 - b.x0).map((c) => c.text);
}
