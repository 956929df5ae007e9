/**
 * Reading plain text copied from a web page, Word or a PDF into one grid of rows.
 *
 * Two layouts arrive and are told apart by their tabs:
 * - "cell lines" (copying a portal's table): every cell starts with a TAB on a line of its own,
 *   a cell's text may continue on following lines that have no TAB, and a blank line ends the
 *   row. Tab-only lines are empty cells and are kept — they hold blanks and the places of
 *   merged label cells.
 * - "layout" (pdftotext -layout, Word, spreadsheets): each line is a row whose cells are
 *   separated by TABs, ` | ` or runs of two or more spaces.
 * Cell text is kept as written (padding included); the value parser trims it.
 */
import type { GridCell, GridRow, ReadResult } from './grid';

export type TextLayout = 'cellLines' | 'layout';

function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  // A final line break does not start another line.
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Cell lines when most lines that contain a TAB are a single leading TAB and one cell.
 * Spreadsheet and Word copies put several TABs on a line; PDF text has none.
 */
export function detectTextLayout(lines: readonly string[]): TextLayout {
  let cellLines = 0;
  let tabbed = 0;
  for (const line of lines) {
    if (!line.includes('\t')) continue;
    tabbed++;
    if (/^\t[^\t]*$/.test(line)) cellLines++;
  }
  return cellLines >= 3 && cellLines * 2 >= tabbed ? 'cellLines' : 'layout';
}

const text = (value: string): GridCell => ({ value });

/** A row on one line: `a | b | c` or `a\tb\tc`, or the whole line as one cell. */
function splitSeparated(line: string): string[] {
  if (line.includes('\t')) return line.split('\t');
  const pipes = splitPipes(line);
  return pipes ?? [line];
}

/** ` | ` separated cells (a markdown-style table's outer pipes dropped), or undefined. */
function splitPipes(line: string): string[] | undefined {
  if (!line.includes(' | ')) return undefined;
  let body = line.trim();
  if (body.startsWith('|') && body.endsWith('|') && body.length > 1) body = body.slice(1, -1);
  return body.split(' | ').map((cell) => cell.trim());
}

function isBlank(line: string): boolean {
  // A TAB is an (empty) cell, never a blank line.
  return /^[ \u3000\u00a0\f]*$/.test(line);
}

function readCellLines(lines: readonly string[]): GridRow[] {
  const rows: GridRow[] = [];
  let open: GridRow | undefined;
  lines.forEach((line, i) => {
    if (isBlank(line)) {
      open = undefined;
      return;
    }
    if (line.startsWith('\t')) {
      if (!open) {
        open = { cells: [], source: `第${i + 1}行` };
        rows.push(open);
      }
      for (const cell of line.slice(1).split('\t')) open.cells.push(text(cell));
      return;
    }
    if (open && open.cells.length > 0) {
      // Header text broken over lines (`本年新` / `制作数量`): the line continues the last cell.
      const [first, ...more] = line.split('\t');
      const last = open.cells[open.cells.length - 1];
      last.value = `${String(last.value)}\n${first}`;
      for (const cell of more) open.cells.push(text(cell));
      return;
    }
    // Text outside any table row: a heading or paragraph, a row of its own.
    rows.push({ cells: splitSeparated(line).map(text), source: `第${i + 1}行` });
  });
  return rows;
}

/** Numbers run together by a narrow PDF column: `53 0 0`. */
const NUMERIC_TOKEN = /^[+-]?[0-9０-９]+(?:[.,．，][0-9０-９]+)*$/;

/** A figure inside text: digits (full-width too), decimal or thousands parts, a unit kept with it (`251000元`). */
const FIGURE_IN_TEXT = /[0-9０-９]+(?:[.,．][0-9０-９]+)*(?: ?(?:万元|元|件|%|％))?/g;
/** After a figure, an item number's mark (`1.属于国家秘密`, `2、重复申请`): the digit before it starts a label. */
const ITEM_MARK = /^[.．、][^0-9０-９]/;
/**
 * Whether the figure at [start, end) of `text` is part of the words around it: a year
 * (`2024年`), a date (`12月31日`), a document number (`〔2019〕60号`), `第3项`. A figure before a
 * lone 年 stays a figure: PDF text prints 三、本年度办理结果 one character per line between rows.
 */
function partOfWord(text: string, start: number, end: number): boolean {
  const digits = text.slice(start, end);
  const next = text.charAt(end);
  if (next === '年') return /^[0-9０-９]{4}$/.test(digits);
  if (next === '月' || next === '日') return /^[0-9０-９]{1,2}$/.test(digits);
  return next === '号' || /[第〔［[]$/.test(text.slice(0, start));
}
const CJK = /[\u3400-\u9fff]/;

interface Token {
  text: string;
  figure: boolean;
}

/**
 * A label and its figures written together (`行政事业性收费 96171.6`, `申请数量230 000023二、上年结转`):
 * the text cut into label text and figures. An item number glued to the figures before it is
 * the label's (`0 01.属于国家秘密` is `0`, `0`, `1.属于国家秘密`).
 */
function tokenise(part: string): Token[] {
  const tokens: Token[] = [];
  let text = '';
  let at = 0;
  const flushText = (): void => {
    if (text.trim() !== '') tokens.push({ text: text.trim(), figure: false });
    text = '';
  };
  for (const m of part.matchAll(FIGURE_IN_TEXT)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    text += part.slice(at, start);
    at = end;
    const after = part.slice(end);
    if (partOfWord(part, start, end)) {
      text += m[0];
      continue;
    }
    const item = ITEM_MARK.test(after) && !/[^0-9０-９]$/.test(m[0]);
    const figure = item ? m[0].slice(0, -1) : m[0];
    if (figure !== '') {
      flushText();
      tokens.push({ text: figure, figure: true });
    }
    if (item) {
      flushText();
      text = m[0].slice(-1);
    }
  }
  text += part.slice(at);
  flushText();
  return tokens;
}

/** Section and item marks a label starts with (`二、`, `（一）`, `第二十条第（一）项`), where labels written together are cut apart. */
const LABEL_START = /(?<![第\d０-９])(?=[一二三四五六七八九十]、|[（(][一二三四五六七八九十]+[)）](?!项)|第二十条)|(?<=第二十条 ?第[（(][一二三四五六七八九十]+[)）]项)/;

/** A sentence, not a label: a full stop, or a comma right after a figure or year (`3119件，`, `2024年，`). */
const PROSE = /。|[0-9０-９件年元%％]，/;

/** Whether a part of a line is text with figures written into it: a label, never a sentence. */
function hasFiguresInText(part: string): boolean {
  return CJK.test(part) && /[0-9０-９]/.test(part) && !PROSE.test(part);
}

function splitLayoutField(field: string): string[] {
  const trimmed = field.trim();
  if (trimmed === '') return [''];
  const parts = trimmed.split(/ {2,}/);
  const out: string[] = [];
  for (const part of parts) {
    const tokens = part.split(' ');
    if (tokens.length > 1 && tokens.every((t) => NUMERIC_TOKEN.test(t))) out.push(...tokens);
    else if (hasFiguresInText(part)) out.push(...tokenise(part).map((t) => t.text));
    else out.push(part);
  }
  return out;
}

/**
 * A line holding several rows written together (a page scraped without its cell breaks:
 * `…申请数量230 000023二、上年结转…`): a row starts at each label after figures and at each
 * section or item mark. Undefined for any other line.
 */
function splitRowsWrittenTogether(line: string): string[][] | undefined {
  if (line.includes('\t') || splitPipes(line) || !hasFiguresInText(line)) return undefined;
  const tokens = line
    .trim()
    .split(/ {2,}/)
    .flatMap((part) => tokenise(part));
  const textAfterFigure = tokens.some((t, k) => !t.figure && tokens.slice(0, k).some((u) => u.figure));
  if (!textAfterFigure) return undefined;
  const rows: string[][] = [];
  for (const t of tokens) {
    if (t.figure && rows.length > 0) rows[rows.length - 1].push(t.text);
    else if (t.figure) rows.push([t.text]);
    else for (const label of t.text.split(LABEL_START)) if (label.trim() !== '') rows.push([label.trim()]);
  }
  return rows;
}

function readLayout(lines: readonly string[]): GridRow[] {
  const rows: GridRow[] = [];
  lines.forEach((raw, i) => {
    // Form feeds separate PDF pages; full-width and no-break spaces align columns like spaces.
    const line = raw.replace(/\f/g, '').replace(/[\u3000\u00a0]/g, ' ');
    if (line.trim() === '') return;
    const source = `第${i + 1}行`;
    const together = splitRowsWrittenTogether(line);
    if (together) {
      for (const cells of together) rows.push({ cells: cells.map(text), source });
      return;
    }
    const fields = line.includes('\t') ? line.split('\t') : (splitPipes(line) ?? [line]);
    const cells = fields.flatMap(splitLayoutField);
    rows.push({ cells: cells.map(text), source });
  });
  return rows;
}

/** Reads pasted or exported text into one grid named `文本`; `text` is the input's lines. */
export function readText(input: string): ReadResult {
  const lines = splitLines(input.replace(/^\ufeff/, ''));
  const layout = detectTextLayout(lines);
  const rows = layout === 'cellLines' ? readCellLines(lines) : readLayout(lines);
  return {
    grids: rows.length > 0 ? [{ name: '文本', rows }] : [],
    text: lines.map((line) => line.replace(/\f/g, '')),
  };
}
