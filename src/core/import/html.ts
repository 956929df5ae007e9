/**
 * Reading a web page (a portal's report page, Word's "save as web page") into grids: one grid
 * per data table, spans expanded, plus the page's text lines. Only text is read: scripts,
 * styles, templates and hidden elements contribute nothing, and nothing is ever executed.
 */
import type { DefaultTreeAdapterTypes } from 'parse5';
import { EMPTY_CELL, MERGED_CELL, rowLine, type Grid, type GridCell, type GridRow, type ReadResult } from './grid';
import { parsePage } from './html-parser';

export { HtmlReadError, MAX_HTML_DEPTH } from './html-parser';

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;

/** Elements whose content is never page text. */
const IGNORED = new Set([
  'head', 'script', 'style', 'template', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math',
  'textarea', 'select', 'canvas', 'video', 'audio',
]);

/** Elements that start and end a line of text. */
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'dir',
  'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary',
  'table', 'tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'ul',
]);

/** Upper bound on expanded span positions per page: a hostile colspan cannot exhaust memory. */
const MAX_POSITIONS = 2_000_000;

/** Every other node's name starts with `#` (`#text`, `#comment`…); reading it is faster than `in`. */
function isElement(node: Node): node is Element {
  return node.nodeName.charCodeAt(0) !== 0x23;
}

const DISPLAY_NONE = /display\s*:\s*none/i;

/** `hidden`, or inline `display:none` (Word's web pages hide their column-width rows this way). */
function isHidden(el: Element): boolean {
  const attrs = el.attrs;
  for (let i = 0; i < attrs.length; i++) {
    const { name } = attrs[i];
    if (name === 'hidden' || (name === 'style' && DISPLAY_NONE.test(attrs[i].value))) return true;
  }
  return false;
}

function skipped(el: Element): boolean {
  return IGNORED.has(el.tagName) || isHidden(el);
}

const HTML_SPACE = /[ \t\n\r\f\u00a0]/;
const HTML_SPACE_RUN = /[ \t\n\r\f\u00a0]+/g;

function hasHtmlSpace(text: string): boolean {
  // A loop for the many short texts (numbers, labels), a regular expression for long prose.
  if (text.length >= 16) return HTML_SPACE.test(text);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c || c === 0xa0) return true;
  }
  return false;
}

/** HTML white space and no-break spaces collapse to one space; U+3000 padding is content and stays. */
function collapse(text: string): string {
  // Most text (numbers, labels, Chinese prose) has no white space at all: no replacing needed.
  return hasHtmlSpace(text) ? text.replace(HTML_SPACE_RUN, ' ') : text;
}

function isText(node: Node): node is DefaultTreeAdapterTypes.TextNode {
  return node.nodeName === '#text';
}

/** Appends a cell's content to `out`: `<br>` and block boundaries as '\n'. */
function appendCellText(node: Node, pre: boolean, out: string[]): void {
  if (!isElement(node)) {
    if (isText(node)) out.push(pre ? node.value.replace(/\r\n?/g, '\n').replace(/[ \t\f\u00a0]+/g, ' ') : collapse(node.value));
    return;
  }
  if (skipped(node)) return;
  const tag = node.tagName;
  if (tag === 'br') {
    out.push('\n');
    return;
  }
  const block = BLOCK.has(tag);
  if (block) out.push('\n');
  const inPre = pre || tag === 'pre';
  for (const child of node.childNodes) appendCellText(child, inPre, out);
  if (block) out.push('\n');
}

/** Text of a cell: `<br>` and block boundaries become '\n', each line trimmed, empty lines dropped. */
function cellText(cell: Element): string {
  const nodes = cell.childNodes;
  if (nodes.length === 0) return '';
  if (nodes.length === 1 && isText(nodes[0])) {
    // One line, its white space runs already single spaces: only the ends to trim.
    const text = collapse(nodes[0].value);
    const start = text.charCodeAt(0) === 0x20 ? 1 : 0;
    const end = text.length > start && text.charCodeAt(text.length - 1) === 0x20 ? text.length - 1 : text.length;
    return start === 0 && end === text.length ? text : text.slice(start, end);
  }
  const out: string[] = [];
  for (const child of nodes) appendCellText(child, false, out);
  return out
    .join('')
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').replace(/^ +| +$/g, ''))
    .filter((line) => line !== '')
    .join('\n');
}

function containsTable(el: Element): boolean {
  const nodes = el.childNodes;
  for (let i = 0; i < nodes.length; i++) {
    const c = nodes[i];
    if (!isElement(c)) continue;
    const tag = c.tagName;
    if (tag === 'table') {
      if (!skipped(c)) return true;
      continue;
    }
    // Most cells hold only text: no need to look further (or to ask whether they are hidden).
    const inner = c.childNodes;
    if (inner.length === 0 || (inner.length === 1 && !isElement(inner[0]))) continue;
    if (!skipped(c) && containsTable(c)) return true;
  }
  return false;
}

/** The table's own rows, in source order: direct, or inside thead/tbody/tfoot (not nested tables). */
function tableRows(table: Element): Element[] {
  const rows: Element[] = [];
  for (const child of table.childNodes) {
    if (!isElement(child) || isHidden(child)) continue;
    if (child.tagName === 'tr') rows.push(child);
    else if (child.tagName === 'thead' || child.tagName === 'tbody' || child.tagName === 'tfoot') {
      for (const tr of child.childNodes) if (isElement(tr) && tr.tagName === 'tr' && !isHidden(tr)) rows.push(tr);
    }
  }
  return rows;
}

/** A colspan/rowspan attribute's value: 1 when absent or invalid, `fallback` for 0, at most `max`. */
function span(value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return 1;
  const n = Number.parseInt(value, 10);
  if (!Number.isFinite(n) || n < 0) return 1;
  if (n === 0) return fallback;
  return Math.min(n, max);
}

class Budget {
  constructor(public remaining: number) {}
}

function buildGrid(table: Element, name: string, budget: Budget): Grid | undefined {
  const trs = tableRows(table);
  if (trs.length === 0) return undefined;
  const grid: (GridCell | undefined)[][] = trs.map(() => []);
  for (let r = 0; r < trs.length; r++) {
    const cellsOfRow = grid[r];
    let c = 0;
    for (const td of trs[r].childNodes) {
      if (!isElement(td) || (td.tagName !== 'td' && td.tagName !== 'th')) continue;
      // The attributes read in one pass: hidden cells are skipped, spans expanded.
      let hidden = false;
      let colspan: string | undefined;
      let rowspan: string | undefined;
      const attrs = td.attrs;
      for (let i = 0; i < attrs.length; i++) {
        const { name, value } = attrs[i];
        if (name === 'hidden' || (name === 'style' && DISPLAY_NONE.test(value))) hidden = true;
        else if (name === 'colspan') colspan = value;
        else if (name === 'rowspan') rowspan = value;
      }
      if (hidden) continue;
      // The next position a rowspan from above has not taken.
      while (c < cellsOfRow.length && cellsOfRow[c] !== undefined) c++;
      let cs = span(colspan, 1, 1000);
      // rowspan=0 means "to the end of the table"; spans never create rows the table lacks.
      let rs = Math.min(span(rowspan, trs.length - r, 65534), trs.length - r);
      if (cs * rs > budget.remaining) cs = rs = 1;
      budget.remaining -= cs * rs;
      cellsOfRow[c] = { value: cellText(td) };
      for (let dr = 0; dr < rs; dr++) {
        for (let dc = dr === 0 ? 1 : 0; dc < cs; dc++) grid[r + dr][c + dc] = MERGED_CELL;
      }
      c += cs;
    }
  }
  const rows: GridRow[] = [];
  for (let r = 0; r < grid.length; r++) {
    const cells = grid[r];
    // Positions no cell reached (a short row beside a rowspan) are empty, not merged.
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = EMPTY_CELL;
    rows.push({ cells: cells as GridCell[], source: `${name} 第${r + 1}行` });
  }
  return { name, rows };
}

class Lines {
  readonly lines: string[] = [];
  private current = '';
  add(text: string): void {
    this.current += text;
  }
  /** Ends the current line; blank lines are not kept. */
  end(): void {
    if (this.current === '') return;
    const line = (this.current.includes('  ') ? this.current.replace(/ {2,}/g, ' ') : this.current).trim();
    if (line !== '') this.lines.push(line);
    this.current = '';
  }
  push(line: string): void {
    this.end();
    const trimmed = line.trim();
    if (trimmed !== '') this.lines.push(trimmed);
  }
}

/** Reads an HTML document: every innermost `<table>` becomes a grid; `text` holds the page's lines. */
export function readHtml(html: string): ReadResult {
  const document = parsePage(html);
  const grids: Grid[] = [];
  const lines = new Lines();
  const budget = new Budget(MAX_POSITIONS);

  const walk = (node: Node): void => {
    if (!isElement(node)) {
      if (isText(node)) lines.add(collapse(node.value));
      else if (node.nodeName === '#document') for (const child of (node as DefaultTreeAdapterTypes.Document).childNodes) walk(child);
      return;
    }
    if (skipped(node)) return;
    const tag = node.tagName;
    if (tag === 'br') {
      lines.end();
      return;
    }
    // A table holding tables is page layout: its inner tables are the data.
    if (tag === 'table' && !containsTable(node)) {
      lines.end();
      for (const child of node.childNodes) if (isElement(child) && child.tagName === 'caption') walk(child);
      const grid = buildGrid(node, `表格${grids.length + 1}`, budget);
      if (grid) {
        grids.push(grid);
        for (const row of grid.rows) lines.push(rowLine(row));
      }
      return;
    }
    const block = BLOCK.has(tag);
    if (block) lines.end();
    for (const child of node.childNodes) walk(child);
    if (block) lines.end();
  };
  walk(document);
  lines.end();
  return { grids, text: lines.lines };
}
