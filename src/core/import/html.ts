/**
 * Reading a web page (a portal's report page, Word's "save as web page") into grids: one grid
 * per data table, spans expanded, plus the page's text lines. Only text is read: scripts,
 * styles, templates and hidden elements contribute nothing, and nothing is ever executed.
 */
import { parse, type DefaultTreeAdapterTypes } from 'parse5';
import type { Grid, GridCell, GridRow, ReadResult } from './grid';

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

/**
 * parse5 takes time proportional to nesting depth for every `<div>` it opens, so a page of
 * 50 000 nested divs takes 18 s and a 20 MB one hours. Real pages nest a few dozen deep.
 */
export const MAX_HTML_DEPTH = 500;

export class HtmlReadError extends Error {
  constructor(
    readonly kind: 'tooDeep',
    message: string,
  ) {
    super(message);
    this.name = 'HtmlReadError';
  }
}

/** Elements that never have content. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Elements the parser closes by itself when a sibling starts: omitting their end tag is normal. */
const AUTO_CLOSED = new Set(['p', 'li', 'td', 'th', 'tr', 'dt', 'dd', 'option', 'optgroup', 'tbody', 'thead', 'tfoot', 'colgroup', 'caption', 'rb', 'rt', 'rp']);

/** A cheap, linear upper estimate of element nesting, from the tags alone. */
export function estimateNesting(html: string): number {
  const tag = /<(\/?)([A-Za-z][A-Za-z0-9-]*)[^<>]*?(\/?)>/g;
  let depth = 0;
  let max = 0;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    const name = m[2].toLowerCase();
    if (VOID.has(name) || AUTO_CLOSED.has(name) || m[3] === '/') continue;
    if (m[1] === '/') depth = Math.max(0, depth - 1);
    else if (++depth > max) max = depth;
  }
  return max;
}

function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

function attr(el: Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

/** `hidden`, or inline `display:none` (Word's web pages hide their column-width rows this way). */
function isHidden(el: Element): boolean {
  if (attr(el, 'hidden') !== undefined) return true;
  const style = attr(el, 'style');
  return style !== undefined && /display\s*:\s*none/i.test(style);
}

function skipped(el: Element): boolean {
  return IGNORED.has(el.tagName) || isHidden(el);
}

function children(node: Node): Node[] {
  return 'childNodes' in node ? node.childNodes : [];
}

/** HTML white space and no-break spaces collapse to one space; U+3000 padding is content and stays. */
function collapse(text: string): string {
  return text.replace(/[ \t\n\r\f\u00a0]+/g, ' ');
}

/** Text of a cell: `<br>` and block boundaries become '\n', each line trimmed, empty lines dropped. */
function cellText(cell: Element): string {
  let out = '';
  const walk = (node: Node, pre: boolean): void => {
    if (!isElement(node)) {
      if (node.nodeName === '#text' && 'value' in node) {
        out += pre ? node.value.replace(/\r\n?/g, '\n').replace(/[ \t\f\u00a0]+/g, ' ') : collapse(node.value);
      }
      return;
    }
    if (skipped(node)) return;
    if (node.tagName === 'br') {
      out += '\n';
      return;
    }
    const block = BLOCK.has(node.tagName);
    if (block) out += '\n';
    for (const child of children(node)) walk(child, pre || node.tagName === 'pre');
    if (block) out += '\n';
  };
  for (const child of children(cell)) walk(child, false);
  return out
    .split('\n')
    .map((line) => line.replace(/ {2,}/g, ' ').replace(/^ +| +$/g, ''))
    .filter((line) => line !== '')
    .join('\n');
}

function containsTable(el: Element): boolean {
  return children(el).some((c) => isElement(c) && !skipped(c) && (c.tagName === 'table' || containsTable(c)));
}

/** The table's own rows, in source order: direct, or inside thead/tbody/tfoot (not nested tables). */
function tableRows(table: Element): Element[] {
  const rows: Element[] = [];
  for (const child of children(table)) {
    if (!isElement(child) || isHidden(child)) continue;
    if (child.tagName === 'tr') rows.push(child);
    else if (child.tagName === 'thead' || child.tagName === 'tbody' || child.tagName === 'tfoot') {
      for (const tr of children(child)) if (isElement(tr) && tr.tagName === 'tr' && !isHidden(tr)) rows.push(tr);
    }
  }
  return rows;
}

function span(el: Element, name: string, fallback: number, max: number): number {
  const n = Number.parseInt(attr(el, name) ?? '', 10);
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
  trs.forEach((tr, r) => {
    let c = 0;
    for (const td of children(tr)) {
      if (!isElement(td) || (td.tagName !== 'td' && td.tagName !== 'th') || isHidden(td)) continue;
      while (grid[r][c]) c++;
      let cs = span(td, 'colspan', 1, 1000);
      // rowspan=0 means "to the end of the table"; spans never create rows the table lacks.
      let rs = Math.min(span(td, 'rowspan', trs.length - r, 65534), trs.length - r);
      if (cs * rs > budget.remaining) cs = rs = 1;
      budget.remaining -= cs * rs;
      for (let dr = 0; dr < rs; dr++) {
        for (let dc = 0; dc < cs; dc++) {
          grid[r + dr][c + dc] = dr === 0 && dc === 0 ? { value: cellText(td) } : { value: null, merged: true };
        }
      }
      c += cs;
    }
  });
  const rows: GridRow[] = grid.map((cells, r) => ({
    // Positions no cell reached (a short row beside a rowspan) are empty, not merged.
    cells: Array.from(cells, (cell) => cell ?? { value: null }),
    source: `${name} 第${r + 1}行`,
  }));
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
    const line = this.current.replace(/ {2,}/g, ' ').trim();
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
  const depth = estimateNesting(html);
  if (depth > MAX_HTML_DEPTH) throw new HtmlReadError('tooDeep', `elements nested about ${depth} deep`);
  const document = parse(html);
  const grids: Grid[] = [];
  const lines = new Lines();
  const budget = new Budget(MAX_POSITIONS);

  const walk = (node: Node): void => {
    if (!isElement(node)) {
      if (node.nodeName === '#text' && 'value' in node) lines.add(collapse(node.value));
      else if (node.nodeName === '#document') for (const child of children(node)) walk(child);
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
      for (const child of children(node)) if (isElement(child) && child.tagName === 'caption') walk(child);
      const grid = buildGrid(node, `表格${grids.length + 1}`, budget);
      if (grid) {
        grids.push(grid);
        for (const row of grid.rows) {
          lines.push(row.cells.filter((c) => !c.merged).map((c) => String(c.value ?? '').replace(/\n/g, ' ')).join('\t'));
        }
      }
      return;
    }
    const block = BLOCK.has(tag);
    if (block) lines.end();
    for (const child of children(node)) walk(child);
    if (block) lines.end();
  };
  walk(document);
  lines.end();
  return { grids, text: lines.lines };
}
