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
 * - Columns come from the figures and, for columns left blank throughout, from the header rows
 *   (words of one header cell a space apart count once); a row's figures are placed by column,
 *   so blank cells stay in their places.
 * - Figures in narrow cells move: full-width digits wrap one by one (`７` over `２`), a number
 *   wider than its cell wraps at its last digits around the row's line (`1217` over `8`), padded
 *   figures drop below the row's line or, in a row split by a page break, onto the next page.
 *   Each is given back to its row, and only where that row's cell is empty.
 * - Lines of a wrapped label cell (no figures, in the label column, beside or continuing the
 *   row's figures) are joined into that row's label; labels of cells merged over several rows
 *   become rows of their own, even a word space beside a row's label (`三、本年度 （一）予以公开`),
 *   and a numbered label alone is a row whose cells are all blank.
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
  standardFontDataUrl?: string;
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
  /**
   * Where pdf.js finds its CMaps (`…/pdfjs-dist/cmaps/`, packed `.bcmap`): without them the text
   * of fonts with a predefined CMap (`UniGB-UCS2-H`, Adobe-GB1: Chinese PDFs from WPS and Word
   * with fonts not embedded) cannot be decoded.
   */
  cMapUrl?: string;
  /** Where pdf.js finds the standard fonts' data (`…/pdfjs-dist/standard_fonts/`), for PDFs that do not embed them. */
  standardFontDataUrl?: string;
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
    ...(options.standardFontDataUrl ? { standardFontDataUrl: options.standardFontDataUrl } : {}),
  });
  // Not `document`: this also runs in the task pane, where that names the page.
  let pdf: PdfJsDocument;
  try {
    pdf = await task.promise;
  } catch (e) {
    await task.destroy();
    const name = (e as { name?: string }).name;
    if (name === 'PasswordException') throw new PdfReadError('encrypted', 'needs a password');
    throw new PdfReadError('corrupt', e instanceof Error ? e.message : String(e));
  }
  try {
    if (pdf.numPages > PDF_LIMITS.maxPages) throw new PdfReadError('tooLarge', `${pdf.numPages} pages`);
    const pages: PdfPageText[] = [];
    let characters = 0;
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
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
    await pdf.destroy();
  }
}

/** A pdf.js text item as ours: horizontal text only (a report's tables are). */
function textItem(raw: object): PdfTextItem | undefined {
  const item = raw as { str?: unknown; transform?: unknown; width?: unknown };
  if (typeof item.str !== 'string' || !Array.isArray(item.transform) || typeof item.width !== 'number') return undefined;
  const [a, b, c, d, e, f] = item.transform as number[];
  if (item.str === '' || b !== 0 || c !== 0 || !(a > 0) || !(d > 0)) return undefined;
  // Spaces are kept: one filling the gap between two pieces of text joins them (`商业 企业`).
  return { str: item.str.trim() === '' ? ' ' : item.str.normalize('NFKC'), x: e, y: f, width: item.width, size: d };
}

/** A piece of text on one baseline that belongs to one cell. */
interface Fragment {
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
  /**
   * A word space joins it to the piece before, yet it stands a column gap away: the next word
   * of a header cell (`商业 企` over `业`), or a row's label after a merged cell's (`三、本年度 （一）…`).
   */
  spaced?: boolean;
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

/**
 * Gaps narrower than this share of the font size are inside a cell. Header cells of narrow
 * columns stand a third of an em apart; a space inside a label is joined again in the label area.
 */
const CELL_GAP = 0.3;
/** Label pieces of one line closer than this (in ems) are one label cell (a space, a bracket's gap). */
const LABEL_GAP = 0.5;
/** A label line within this share of a line's height of a row's figures is that row's label. */
const BESIDE = 0.6;
/** A label that starts a row of its own: `1.`, `（三）`, `三、`. */
const NUMBERED = /^(?:\d{1,2}[.、]|[(（][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)/;
/** Figures of one row set lower than its others by less than this share of the font size (padded cells). */
const DROPPED = 0.75;
/** A line's height, in ems of its font: consecutive rows' baselines stand about this far apart. */
const LINE_HEIGHT = 1.6;
/** The height of the taller of two lines. */
const lineHeight = (a: Line, b: Line): number => LINE_HEIGHT * Math.max(a.size, b.size);
/** Baselines of one visual row differ by at most this share of the font size. */
const BASELINE_TOLERANCE = 0.3;
/** Page numbers and running heads live in this share of the page at the top and bottom (LibreOffice sets `— 2 —` 68 pt up an A4 page). */
const MARGIN_SHARE = 0.1;
const PAGE_NUMBER = /^[-—–－‐\s]*(?:第\s*)?\d{1,4}\s*(?:页)?\s*(?:[/／]\s*(?:共\s*)?\d{1,4}\s*页?)?[-—–－‐\s]*$/;
const FIGURE = /^[+-]?[\d.,]+(?:%|元|万元)?$|^\/$/;

const isFigure = (text: string): boolean => FIGURE.test(text);
const UNIT = /^(?:元|万元|%|件)$/;

/** Turns the text items of a PDF's pages into rows of cells and lines of text. */
export function readPdfText(pages: readonly PdfPageText[]): ReadResult {
  const pageLines = pages.map((page) => linesOf(page.items));
  const repeated = runningLines(pages, pageLines);
  const lines: Line[] = [];
  pageLines.forEach((onPage, p) => {
    for (const line of onPage) if (!isMargin(line, pages[p], onPage, repeated)) lines.push({ ...line, page: p });
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
  if (item.str === ' ' || !item.str.includes(' ')) return [{ text: item.str, x0: item.x, x1: item.x + item.width, y: item.y, size: item.size }];
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
    const fragments = cellsOf(current.sort((a, b) => a.x0 - b.x0));
    if (fragments.length > 0) lines.push({ y: top, size, fragments, page: 0 });
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
  /** A word space just after the last cell: the next piece is `spaced`. */
  let space: Fragment | undefined;
  for (const piece of pieces) {
    const last = cells[cells.length - 1];
    if (piece.text === ' ') {
      // A word space is under half an em; LibreOffice fills whole gaps between cells with wider ones.
      space = last && Math.abs(piece.x0 - last.x1) < 0.1 * piece.size && piece.x1 - piece.x0 < 0.5 * piece.size ? piece : undefined;
      continue;
    }
    const spaced = space !== undefined && space.x1 >= piece.x0 - 0.1 * piece.size;
    space = undefined;
    const gap = last ? piece.x0 - last.x1 : Infinity;
    // Figures of neighbouring columns stand close in narrow tables: they join only when touching.
    // A unit printed apart from its figure (`251000` `元`) stays with it.
    const unit = UNIT.test(piece.text) && isFigure(last?.text ?? '');
    const limit = !unit && (isFigure(piece.text) || isFigure(last?.text ?? '')) ? 0.1 : CELL_GAP;
    if (last && gap < limit * Math.max(last.size, piece.size)) {
      last.text += gap > 0.15 * piece.size && isWordBoundary(last.text, piece.text) ? ` ${piece.text}` : piece.text;
      last.x1 = Math.max(last.x1, piece.x1);
    } else cells.push(spaced ? { ...piece, spaced } : { ...piece });
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

function isMargin(line: Line, page: PdfPageText, lines: readonly Line[], repeated: ReadonlySet<string>): boolean {
  if (!inMargin(line, page)) return false;
  const text = lineText(line);
  if (repeated.has(`${Math.round(line.y)}|${text}`)) return true;
  // A page number stands alone: a figure of a table row has the row's label beside it.
  return PAGE_NUMBER.test(text) && !lines.some((other) => other !== line && Math.abs(other.y - line.y) < 2 * line.size);
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
 * one once the current one has figures, so each table's columns are worked out from its own rows. Pages do not: a table continued
 * on the next page stays one.
 */
function tableGroups(lines: readonly Line[]): Line[][] {
  const groups: Line[][] = [[]];
  let figuresFrom = Infinity;
  /** Where the labels of the current table's rows start: its label columns. */
  let labelStarts: number[] = [];
  for (const line of lines) {
    if (line.fragments.length >= 2 && !hasFigure(line) && figuresFrom < Infinity) {
      // Labels side by side in the label columns (a merged cell's and a row's) are not a header.
      const labels = line.fragments.every((f, i) => f.x1 <= figuresFrom && (i === 0 || labelStarts.some((x) => Math.abs(x - f.x0) < 0.5 * f.size)));
      if (!labels) {
        groups.push([]);
        figuresFrom = Infinity;
        labelStarts = [];
      }
    }
    groups[groups.length - 1].push(line);
    if (!hasFigure(line)) continue;
    for (const f of line.fragments) {
      if (isFigure(f.text)) figuresFrom = Math.min(figuresFrom, f.x0);
      else labelStarts.push(f.x0);
    }
  }
  return groups;
}

/**
 * The columns of a table. Header cells (lines before the first figures, right of the labels)
 * give them, narrowest first, a cell spanning two columns or more (`申请人情况`, `行政诉讼`) adding
 * none; each column takes the figures that start under it, up to the next column (a figure
 * padded to the right, `26` after full-width spaces, still belongs to its header). Figures under
 * no header cell are columns of their own, overlapping ranges taken as one.
 */
function columnsOf(lines: readonly Line[]): Column[] {
  const ranges: Column[] = [];
  for (const line of lines) if (hasFigure(line)) for (const f of line.fragments) if (isFigure(f.text)) ranges.push({ x0: f.x0, x1: f.x1 });
  const figures = merge(ranges);
  if (figures.length === 0) return figures;
  const start = figures[0].x0;
  // The header rows: up from the first figures, to a line of text that runs into the figures'
  // area (a heading, the title) or holds a figure (the table above).
  const header: Fragment[] = [];
  for (let i = lines.findIndex(hasFigure) - 1; i >= 0; i--) {
    const line = lines[i];
    if (line.fragments.some((f) => isFigure(f.text) || (f.x0 < start - 0.5 * f.size && f.x1 > start + 0.5 * f.size))) break;
    let before: Fragment | undefined;
    for (const f of line.fragments) {
      if (f.x0 < start - 0.5 * f.size) continue;
      // Words of one header cell a space apart (`商业 企业` wrapped as `商业 企` / `业`) are one.
      if (f.spaced && before) header[header.length - 1] = before = { ...before, text: before.text + f.text, x1: f.x1 };
      else header.push((before = f));
    }
  }
  header.sort((a, b) => a.x1 - a.x0 - (b.x1 - b.x0));
  const heads: Column[] = [];
  for (const f of header) {
    const overlapping = heads.filter((c) => f.x0 < c.x1 && f.x1 > c.x0);
    if (overlapping.length === 0) heads.push({ x0: f.x0, x1: f.x1 });
    else if (overlapping.length === 1) {
      // The same column's header on another line (`自然` over `人`): one column, both widths.
      overlapping[0].x0 = Math.min(overlapping[0].x0, f.x0);
      overlapping[0].x1 = Math.max(overlapping[0].x1, f.x1);
    }
  }
  heads.sort((a, b) => a.x0 - b.x0);
  const size = header[0]?.size ?? 0;
  const columns = heads.map((h) => ({ ...h }));
  for (const figure of figures) {
    const k = heads.findIndex((h, i) => figure.x0 >= h.x0 - 0.5 * size && (i + 1 === heads.length || figure.x0 < heads[i + 1].x0 - 0.5 * size) && figure.x0 < h.x1 + 2 * size);
    if (k < 0) columns.push({ ...figure });
    else {
      columns[k].x0 = Math.min(columns[k].x0, figure.x0);
      columns[k].x1 = Math.max(columns[k].x1, figure.x1);
    }
  }
  return merge(columns);
}

function merge(ranges: Column[]): Column[] {
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
 * figure's column on, empty where it has none (a blank cell prints nothing), after its label.
 * A line of text alone in the label area (after the header lines) is, in this order:
 * - part of a row's label, when it lies within half a line of that row's figures (a label cell
 *   wrapped over lines, its figures centred between them) or continues such a part;
 * - a label over several rows (`（三）不予公开` beside its items), when rows with labels further
 *   right lie just above and below it: a row of its own, as a merged cell's text;
 * - a row whose cells are all blank, when it starts with a number (`2.`, `（六）`);
 * - else a row of its own.
 * A row's label is its rightmost label column; parts further left are labels of merged cells
 * spanning several rows, given a row of their own before it.
 */
function layOut(table: readonly Line[]): LaidOut[] {
  const columns = columnsOf(table);
  if (columns.length === 0) return table.map((line) => ({ page: line.page, cells: line.fragments.map((f) => f.text) }));
  const firstColumn = columns[0].x0;
  // Text in several label columns on one line (a merged cell's wrapped label beside a row's) is
  // taken column by column.
  const lines = liftWrappedFigures(joinStraddlingDigits(joinWrappedDigits(table)), columns).flatMap((line, index, all) => (index > all.findIndex(hasFigure) && !hasFigure(line) ? splitLabelColumns(line) : [line]));
  const firstFigures = lines.findIndex(hasFigure);
  const labelOnly = (line: Line, index: number): boolean => index > firstFigures && !hasFigure(line) && line.fragments.every((f) => f.x1 <= firstColumn + 0.5 * f.size);
  /** Where a line's own label starts: its rightmost label piece; Infinity without one. */
  const labelStart = (line: Line): number => {
    const labels = labelParts(line, columns);
    return labels.length > 0 ? labels[labels.length - 1].x0 : Infinity;
  };

  const joinedTo = new Map<Line, Line>();
  const blankRows = new Set<Line>();
  const figureLines = lines.filter(hasFigure);
  lines.forEach((line, index) => {
    if (!labelOnly(line, index)) return;
    const x0 = line.fragments[0].x0;
    // The figures this label stands beside: within half a line, their own label (if any) further left.
    const beside = figureLines
      .filter((f) => f.page === line.page && Math.abs(f.y - line.y) <= BESIDE * lineHeight(f, line) && (labelStart(f) === Infinity || labelStart(f) < x0 + 0.5 * line.size))
      .sort((a, b) => Math.abs(a.y - line.y) - Math.abs(b.y - line.y))[0];
    if (beside) joinedTo.set(line, beside);
    else if (spansRows(lines, index, x0)) return;
    else if (NUMBERED.test(line.fragments[0].text)) blankRows.add(line);
  });
  // A line continuing a joined part or a blank row's label, just above or below it in its column.
  for (let changed = true; changed; ) {
    changed = false;
    lines.forEach((line, index) => {
      if (!labelOnly(line, index) || joinedTo.has(line) || blankRows.has(line) || NUMBERED.test(line.fragments[0].text)) return;
      const x0 = line.fragments[0].x0;
      for (const other of lines) {
        if (other === line || other.page !== line.page || Math.abs(other.y - line.y) > lineHeight(other, line)) continue;
        if (Math.abs(other.fragments[0].x0 - x0) >= 0.5 * line.size) continue;
        const target = joinedTo.get(other) ?? (blankRows.has(other) ? other : undefined);
        if (!target) continue;
        joinedTo.set(line, target);
        changed = true;
        return;
      }
    });
  }

  const parts = new Map<Line, { y: number; fragments: Fragment[] }[]>();
  const addPart = (row: Line, y: number, fragments: Fragment[]): void => {
    parts.set(row, [...(parts.get(row) ?? []), { y, fragments }]);
  };
  for (const line of lines) {
    const target = joinedTo.get(line);
    if (target) addPart(target, line.y, line.fragments);
    else if (hasFigure(line) || blankRows.has(line)) addPart(line, line.y, labelParts(line, columns));
  }
  const rowLabelStarts = labelColumnStarts(figureLines.map(labelStart));
  const out: LaidOut[] = [];
  for (const line of lines) {
    if (joinedTo.has(line)) continue;
    if (!hasFigure(line) && !blankRows.has(line)) {
      out.push({ page: line.page, cells: line.fragments.map((f) => f.text) });
      continue;
    }
    // Labels top to bottom; pieces in one column of the label area joined into one cell.
    const labels = joinLabelColumns((parts.get(line) ?? []).sort((a, b) => b.y - a.y).flatMap((part) => part.fragments), rowLabelStarts);
    // Labels left of the row's own are merged cells' text: a row of their own, before it.
    if (labels.length > 1) out.push({ page: line.page, cells: labels.slice(0, -1).map((l) => l.text) });
    const cells = labels.slice(-1).map((l) => l.text);
    const inColumns = line.fragments.filter((f) => inAnyColumn(f, columns));
    const found = columns.findIndex((c) => inColumns.some((f) => overlaps(f, c)));
    const end = labels.length > 0 ? labels[labels.length - 1].x1 : -Infinity;
    // A blank row has every column right of its label.
    const first = found >= 0 ? found : Math.max(0, columns.findIndex((c) => c.x0 >= end));
    for (let k = first; k < columns.length; k++) cells.push(inColumns.filter((f) => overlaps(f, columns[k])).map((f) => f.text).join(' '));
    out.push({ page: line.page, cells });
  }
  return out;
}

/** A figure in full-width digits (`７２`, one em a character): each digit may wrap on its own. */
const isFullWidthFigure = (f: Fragment): boolean => isFigure(f.text) && f.x1 - f.x0 >= 0.9 * f.size * f.text.length;

/**
 * Figures in full-width digits that wrapped inside a narrow cell (`７` over `２` for 72): a line
 * of such figures alone, with no label beside it, each standing at the start of a full-width
 * figure on the next line, is joined to those figures. Digits a browser or Word printed in
 * ASCII never wrap, and a line beside a label is a row of its own.
 */
function joinWrappedDigits(lines: readonly Line[]): Line[] {
  const out = lines.map((line) => ({ ...line, fragments: line.fragments.map((f) => ({ ...f })) }));
  // A label nearer this line than the next (not midway: the label of a cell of two lines) is its own row's.
  const besideLabel = (line: Line, below: Line): boolean =>
    out.some(
      (other) =>
        other.page === line.page &&
        !hasFigure(other) &&
        Math.abs(other.y - line.y) <= BESIDE * lineHeight(other, line) &&
        Math.abs(other.y - line.y) < Math.abs(other.y - below.y) - 0.25 * line.size,
    );
  return out.filter((line, i) => {
    if (!line.fragments.every(isFullWidthFigure)) return true;
    const below = out.slice(i + 1).find(hasFigure);
    if (!below || below.page !== line.page || line.y - below.y > lineHeight(line, below) || besideLabel(line, below)) return true;
    const continued = line.fragments.map((f) => below.fragments.find((g) => isFullWidthFigure(g) && Math.abs(g.x0 - f.x0) < 0.1 * f.size));
    if (continued.some((g) => g === undefined)) return true;
    line.fragments.forEach((f, k) => {
      const g = continued[k] as Fragment;
      g.text = f.text + g.text;
      g.x1 = Math.max(g.x1, f.x1);
    });
    return false;
  });
}

/**
 * A number wider than its cell, wrapped at its last digits by LibreOffice and centred on its row:
 * `1217` just above the row's line and `8` just below it, equally far and less than a line
 * away, in a column where the row's line has nothing. Joined (`12178`) into the row's line.
 */
function joinStraddlingDigits(lines: readonly Line[]): Line[] {
  const out = lines.map((line) => ({ ...line, fragments: [...line.fragments] }));
  const joined = new Set<Line>();
  const digitsOnly = (line: Line): boolean => line.fragments.every((f) => /^\d+$/.test(f.text));
  out.forEach((row, i) => {
    const above = out[i - 1];
    const below = out[i + 1];
    if (!above || !below || joined.has(above) || !hasFigure(row) || above.page !== row.page || below.page !== row.page) return;
    if (!digitsOnly(above) || !digitsOnly(below) || above.fragments.length !== below.fragments.length) return;
    const up = above.y - row.y;
    const down = row.y - below.y;
    if (up <= 0 || down <= 0 || up >= row.size || Math.abs(up - down) > 0.2 * row.size) return;
    const overlap = (a: Fragment, b: Fragment): boolean => a.x0 < b.x1 && a.x1 > b.x0;
    const pairs = above.fragments.map((f, k) => [f, below.fragments[k]] as const);
    if (pairs.some(([f, g]) => !overlap(f, g) || row.fragments.some((r) => overlap(r, f) || overlap(r, g)))) return;
    const numbers = pairs.map(([f, g]) => ({ ...f, text: f.text + g.text, y: row.y, x0: Math.min(f.x0, g.x0), x1: Math.max(f.x1, g.x1) }));
    row.fragments = [...row.fragments, ...numbers].sort((a, b) => a.x0 - b.x0);
    joined.add(above).add(below);
  });
  return out.filter((line) => !joined.has(line));
}

/**
 * Figures that wrapped below their row inside their cells (`3001` after full-width padding that
 * fills the cell's first line): a line with figures just below a row with figures, whose figures
 * stand only in columns that row leaves empty, gives them to that row when
 * - it has no row label of its own, or
 * - they are fewer than the row's and stand less than `DROPPED` below them: LibreOffice sets a
 *   padded cell's text that much lower, on the baseline of the wrapped label's next line (`信息`
 *   under `1.本机关不掌握相关政府`), whose text stays a label line; or
 * - it opens the next page and the row closed the last one (a row LibreOffice split over pages).
 */
function liftWrappedFigures(lines: readonly Line[], columns: readonly Column[]): Line[] {
  const out = lines.map((line) => ({ ...line, fragments: [...line.fragments] }));
  let row: Line | undefined;
  out.forEach((line, index) => {
    if (!hasFigure(line)) return;
    const figures = line.fragments.filter((f) => inAnyColumn(f, columns));
    const labels = line.fragments.filter((f) => !inAnyColumn(f, columns));
    const rowFigures = row ? row.fragments.filter((g) => inAnyColumn(g, columns)) : [];
    const rowLabels = row ? labelParts(row, columns) : [];
    const ownLabel = labels.length > 0 && (rowLabels.length === 0 || labels[labels.length - 1].x0 >= rowLabels[rowLabels.length - 1].x0 - 0.5 * line.size);
    const free = figures.every((f) => !rowFigures.some((g) => columns.some((c) => overlaps(f, c) && overlaps(g, c))));
    // The few padded cells of a row drop, not most of it (a lone figure above a row is not its row).
    const dropped = rowFigures.length > figures.length && figures.every((f) => rowFigures.some((g) => g.y - f.y > 0 && g.y - f.y < DROPPED * f.size));
    const below = row !== undefined && row.page === line.page && row.y - line.y <= LINE_HEIGHT * line.size && (!ownLabel || dropped);
    const nextPage = row !== undefined && line.page === row.page + 1 && out[index - 1] === row && labels.length === 0;
    if (row && free && (below || nextPage)) {
      row.fragments = [...row.fragments, ...figures].sort((a, b) => a.x0 - b.x0);
      line.fragments = labels;
      return;
    }
    row = line;
  });
  return out.filter((line) => line.fragments.length > 0);
}

/** A line of labels as one line per label column (pieces a label gap apart or more). */
function splitLabelColumns(line: Line): Line[] {
  const out: Line[] = [];
  for (const f of line.fragments) {
    const last = out[out.length - 1]?.fragments;
    if (last && f.x0 - last[last.length - 1].x1 < LABEL_GAP * f.size) last.push(f);
    else out.push({ ...line, fragments: [f] });
  }
  return out;
}

/** The label pieces of a line: those in no column. */
function labelParts(line: Line, columns: readonly Column[]): Fragment[] {
  return line.fragments.filter((f) => !inAnyColumn(f, columns));
}

/**
 * True when the label at `x0` of line `index` stands beside rows with labels further right just
 * above and below it: the text of a label cell merged over those rows.
 */
function spansRows(lines: readonly Line[], index: number, x0: number): boolean {
  const line = lines[index];
  const deeper = (other: Line): boolean => other.page === line.page && Math.abs(other.y - line.y) <= 3.2 * line.size && other.fragments.some((f) => f.x0 > x0 + line.size && !isFigure(f.text));
  return lines.some((other) => other.y > line.y && deeper(other)) && lines.some((other) => other.y < line.y && deeper(other));
}

function overlaps(f: Fragment, c: Column): boolean {
  return f.x0 < c.x1 && f.x1 > c.x0;
}

function inAnyColumn(f: Fragment, columns: readonly Column[]): boolean {
  return columns.some((c) => overlaps(f, c));
}

/**
 * Where rows' own labels start, when two rows or more start there: the label columns. Each
 * start is given once, the leftmost of those within a point of it.
 */
function labelColumnStarts(starts: readonly number[]): number[] {
  const sorted = starts.filter((x) => x < Infinity).sort((a, b) => a - b);
  const out: number[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    if (sorted[i + 1] - sorted[i] < 1 && (out.length === 0 || sorted[i] - out[out.length - 1] >= 1)) out.push(sorted[i]);
  }
  return out;
}

/**
 * Label fragments from several lines: pieces of one line close together are one label, and
 * labels starting at one x (one label column, wrapped) become one cell. Left to right. A piece
 * starting at a label column (`columnStarts`) begins a label of its own even when it stands
 * close to the one before: a merged cell's text (`三、本年度`) beside a row's (`（一）予以公开`).
 */
function joinLabelColumns(parts: readonly Fragment[], columnStarts: readonly number[]): { x0: number; x1: number; text: string }[] {
  const columns: { x0: number; x1: number; y: number; text: string }[] = [];
  for (const part of parts) {
    const startsColumn = columnStarts.some((x) => Math.abs(x - part.x0) < 0.5 * part.size);
    const sameLine = columns.find((c) => c.y === part.y && part.x0 >= c.x0 && part.x0 - c.x1 < LABEL_GAP * part.size && !startsColumn);
    // A wrapped label's next line starts where it did, or is centred under it (`息` under `1.本机关…政府信`).
    const same =
      sameLine ??
      columns.find((c) => Math.abs(c.x0 - part.x0) < 0.5 * part.size) ??
      (startsColumn ? undefined : columns.find((c) => c.y !== part.y && part.x0 > c.x0 && part.x1 <= c.x1 + 0.5 * part.size));
    if (same) {
      same.text += part.text;
      same.x1 = Math.max(same.x1, part.x1);
      same.y = part.y;
    } else columns.push({ x0: part.x0, x1: part.x1, y: part.y, text: part.text });
  }
  return columns.sort((a, b) => a.x0 - b.x0);
}
