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

function splitLayoutField(field: string): string[] {
  const trimmed = field.trim();
  if (trimmed === '') return [''];
  const parts = trimmed.split(/ {2,}/);
  const out: string[] = [];
  for (const part of parts) {
    const tokens = part.split(' ');
    if (tokens.length > 1 && tokens.every((t) => NUMERIC_TOKEN.test(t))) out.push(...tokens);
    else out.push(part);
  }
  return out;
}

function readLayout(lines: readonly string[]): GridRow[] {
  const rows: GridRow[] = [];
  lines.forEach((raw, i) => {
    // Form feeds separate PDF pages; full-width and no-break spaces align columns like spaces.
    const line = raw.replace(/\f/g, '').replace(/[\u3000\u00a0]/g, ' ');
    if (line.trim() === '') return;
    const fields = line.includes('\t') ? line.split('\t') : (splitPipes(line) ?? [line]);
    const cells = fields.flatMap(splitLayoutField);
    rows.push({ cells: cells.map(text), source: `第${i + 1}行` });
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
