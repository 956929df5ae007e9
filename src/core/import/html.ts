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

const NAME_BASE = 38;
/**
 * A tag name (up to 8 characters, the longest in `VOID` and `AUTO_CLOSED`) as a number,
 * letters case-folded, so tags are looked up without making strings.
 */
function nameCode(name: string): number {
  let code = 0;
  for (let i = 0; i < name.length; i++) code = code * NAME_BASE + nameDigit(name.charCodeAt(i));
  return code;
}
/** 1–26 letters (either case), 27–36 digits, 37 `-`; 0 for anything else. */
function nameDigit(c: number): number {
  if (c >= 0x61 && c <= 0x7a) return c - 0x60;
  if (c >= 0x41 && c <= 0x5a) return c - 0x40;
  if (c >= 0x30 && c <= 0x39) return c - 0x30 + 27;
  return c === 0x2d ? 37 : 0;
}
const SHORT_NAME = 8;
/** How far down the open elements an end tag may reach for its element (misnested markup). */
const END_TAG_REACH = 16;
/** Tags that never deepen the nesting: void and auto-closed elements. */
const NOT_NESTING = new Set([...VOID, ...AUTO_CLOSED].map(nameCode));
/** Codes below this are names of at most 3 characters (td, tr, p, br: most tags). */
const SHORT_CODES = NAME_BASE ** 3;
/** `NOT_NESTING` for those names, indexed by code: cheaper than hashing into the set. */
const SHORT_NOT_NESTING = new Uint8Array(SHORT_CODES);
for (const code of NOT_NESTING) if (code < SHORT_CODES) SHORT_NOT_NESTING[code] = 1;

/** Whether a tag named by `code`, `length` characters long, never deepens the nesting. */
function notNesting(code: number, length: number): boolean {
  if (code < SHORT_CODES) return SHORT_NOT_NESTING[code] === 1;
  return length <= SHORT_NAME && NOT_NESTING.has(code);
}

/*
 * Foreign content. Inside `<svg>` and `<math>` a tag's self-closing flag is honoured and every
 * other start tag nests (`<td>` and `<col>` too), except the "breakout" HTML tags below, which
 * close the foreign elements and go on as HTML. Outside it `/>` is ignored: `<div/>` opens a
 * div. Each open element records how its content is parsed, so the estimate knows which rules
 * apply; where it cannot tell (integration points such as `<foreignObject>`, `<font>` with
 * attributes, an end tag it cannot place) the content is `UNSURE` and counted as both would.
 */
const HTML = 0;
const FOREIGN = 1;
const UNSURE = 2;
const SVG = nameCode('svg');
const MATH = nameCode('math');
const FONT = nameCode('font');
const P = nameCode('p');
const BR = nameCode('br');
/** Start tags that leave foreign content, but for `blockquote`, too long for a code, and `font`, handled apart. */
const BREAKOUT = new Set(
  [
    'b', 'big', 'body', 'br', 'center', 'code', 'dd', 'div', 'dl', 'dt', 'em', 'embed', 'h1', 'h2', 'h3',
    'h4', 'h5', 'h6', 'head', 'hr', 'i', 'img', 'li', 'listing', 'menu', 'meta', 'nobr', 'ol', 'p', 'pre', 'ruby', 's',
    'small', 'span', 'strong', 'strike', 'sub', 'sup', 'table', 'tt', 'u', 'ul', 'var',
  ].map(nameCode),
);
/**
 * Foreign elements whose content may be HTML: SVG's and MathML's integration points, but for
 * `foreignObject` and `annotation-xml`, too long for a code.
 */
const INTEGRATION = new Set(['desc', 'title', 'mi', 'mo', 'mn', 'ms', 'mtext'].map(nameCode));

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
}

/** Whether the name scanned up to `end` is the whole tag name (not `<br_x>`, whose name is `br_x`). */
function nameEnds(html: string, end: number): boolean {
  if (end >= html.length) return true;
  const c = html.charCodeAt(end);
  return c === 0x2f || c === 0x3e || isSpace(c);
}

/** Whether the tag named by `code`, `length` characters long, is a breakout tag (`font` is not). */
function isBreakout(html: string, nameStart: number, code: number, length: number): boolean {
  if (length <= SHORT_NAME) return BREAKOUT.has(code);
  return length === 10 && html.slice(nameStart, nameStart + 10).toLowerCase() === 'blockquote';
}

/** Whether a foreign tag named so is (or, in the other namespace, shares a name with) an integration point. */
function isIntegrationPoint(html: string, nameStart: number, code: number, length: number): boolean {
  if (length <= SHORT_NAME) return INTEGRATION.has(code);
  const name = length === 13 || length === 14 ? html.slice(nameStart, nameStart + length).toLowerCase() : '';
  return name === 'foreignobject' || name === 'annotation-xml';
}

const YES = 1;
const NO = 0;
const MAYBE = -1;
/**
 * Whether a tag whose attributes run from `from` to its `>` at `gt` is self-closing, read with
 * the tokenizer's attribute states: in `<g a=b/>` the slash belongs to the value. MAYBE when the
 * `>` falls inside a quoted value, so the tag really ends later.
 */
function selfClosing(html: string, from: number, gt: number): number {
  if (html.charCodeAt(gt - 1) !== 0x2f) return NO;
  // 0 before a name, 1 in a name, 2 after a name, 3 before a value, 4 in "…", 5 in '…',
  // 6 in an unquoted value, 7 after a quoted value, 8 after a '/'.
  let state = 0;
  for (let k = from; k < gt; k++) {
    const c = html.charCodeAt(k);
    switch (state) {
      case 1:
      case 2:
        if (c === 0x3d) state = 3;
        else if (c === 0x2f) state = 8;
        else if (isSpace(c)) state = 2;
        else state = 1;
        break;
      case 3:
        if (c === 0x22) state = 4;
        else if (c === 0x27) state = 5;
        else if (!isSpace(c)) state = 6;
        break;
      case 4:
        if (c === 0x22) state = 7;
        break;
      case 5:
        if (c === 0x27) state = 7;
        break;
      case 6:
        if (isSpace(c)) state = 0;
        break;
      default: // 0, 7, 8: a new attribute name, `/` or space
        if (c === 0x2f) state = 8;
        else if (isSpace(c)) state = 0;
        else state = 1;
    }
  }
  if (state === 4 || state === 5) return MAYBE;
  return state === 8 ? YES : NO;
}

/**
 * A cheap, linear upper estimate of element nesting, from the tags alone: each match of
 * `<(\/?)([A-Za-z][A-Za-z0-9-]*)[^<>]*?(\/?)>` opens or closes a level, unless it names a
 * void or auto-closed element, or self-closes inside `<svg>` or `<math>` (see `FOREIGN`).
 * Scanned by hand: it runs on every page.
 */
export function estimateNesting(html: string): number {
  // Open elements by name code: an end tag closes only an element it names (a stray `</i>`
  // closes nothing, as in the parser), looked for among the innermost few to stay linear.
  // `kinds` says how each one's content is parsed; `context` is the innermost one's.
  let open = new Float64Array(64);
  let kinds = new Uint8Array(64);
  let depth = 0;
  let context = HTML;
  let max = 0;
  const push = (code: number, kind: number): void => {
    if (depth === open.length) {
      const grown = new Float64Array(depth * 2);
      grown.set(open);
      open = grown;
      const grownKinds = new Uint8Array(depth * 2);
      grownKinds.set(kinds);
      kinds = grownKinds;
    }
    open[depth] = code;
    kinds[depth++] = kind;
    context = kind;
    if (depth > max) max = depth;
  };
  const truncate = (length: number): void => {
    depth = length;
    context = length > 0 ? kinds[length - 1] : HTML;
  };
  /** Closes the innermost foreign elements, as a breakout tag does. */
  const breakOut = (): void => {
    let k = depth;
    while (k > 0 && kinds[k - 1] === FOREIGN) k--;
    truncate(k);
  };
  const n = html.length;
  let gt = -1;
  let i = html.indexOf('<');
  while (i >= 0) {
    let j = i + 1;
    const closing = html.charCodeAt(j) === 0x2f;
    if (closing) j++;
    const first = html.charCodeAt(j);
    if (!((first >= 0x41 && first <= 0x5a) || (first >= 0x61 && first <= 0x7a))) {
      i = html.indexOf('<', i + 1);
      continue;
    }
    // The name, case-folded into a number while it is short enough to be in `NOT_NESTING`.
    const nameStart = j;
    let code = 0;
    for (; j < n; j++) {
      const d = nameDigit(html.charCodeAt(j));
      if (d === 0) break;
      if (j - nameStart < SHORT_NAME) code = code * NAME_BASE + d;
    }
    const length = j - nameStart;
    const lt = html.indexOf('<', j);
    // In HTML, void and auto-closed elements count for nothing, tag or not: no need to find their
    // end. (`<br_x>` is no `<br>`: an unknown element, it nests.)
    if (context === HTML && notNesting(code, length) && nameEnds(html, j)) {
      i = lt;
      continue;
    }
    // The tag runs to the next '>'; a '<' before it means there is no tag at `i`. Each
    // position is looked at once (`gt` is kept while still ahead), so any input is linear:
    // the pattern, run as a regular expression, backtracked quadratically on `<aaaa…`.
    if (gt < j) {
      gt = html.indexOf('>', j);
      if (gt < 0) break;
    }
    if (lt >= 0 && lt < gt) {
      i = lt;
      continue;
    }
    const exact = nameEnds(html, j);
    if (closing) {
      const reach = Math.max(0, depth - END_TAG_REACH);
      let k = depth - 1;
      while (k >= reach && open[k] !== code) k--;
      if (k >= reach) truncate(k);
      else if (context === FOREIGN) {
        if ((code === P || code === BR) && exact) breakOut();
        else if (depth > END_TAG_REACH || notNesting(code, length)) {
          // The parser may close elements further out, or an auto-closed one (`</td>`) not kept
          // here, and the foreign ones inside with it: stop trusting their rules. (Otherwise no
          // open element has the name, and the parser ignores the tag: `<path/></path>`.)
          for (k = depth - 1; k >= 0 && kinds[k] === FOREIGN; k--) kinds[k] = UNSURE;
          context = UNSURE;
        }
      }
    } else if (context === HTML) {
      // `/>` is ignored on HTML elements; only `<svg/>` and `<math/>` really self-close.
      if (exact && ((code === SVG && length === 3) || (code === MATH && length === 4))) {
        const self = selfClosing(html, j, gt);
        if (self !== YES) push(code, self === NO ? FOREIGN : UNSURE);
      } else push(code, HTML);
    } else {
      const self = selfClosing(html, j, gt);
      if (exact && ((code === SVG && length === 3) || (code === MATH && length === 4))) {
        // Foreign content either way, whether it nests in HTML or in foreign content.
        if (self !== YES) push(code, self === NO ? FOREIGN : UNSURE);
      } else if (exact && code === FONT && length === 4) {
        // With color, face or size it breaks out, without it it is foreign: counted as both.
        if (context === FOREIGN && isBare(html, j, gt)) {
          if (self !== YES) push(code, FOREIGN);
        } else push(code, UNSURE);
      } else if (exact && isBreakout(html, nameStart, code, length)) {
        if (context === FOREIGN) breakOut();
        if (!notNesting(code, length)) push(code, HTML);
      } else if (self !== YES || (context === UNSURE && !notNesting(code, length))) {
        push(code, context === FOREIGN && !(exact && isIntegrationPoint(html, nameStart, code, length)) ? FOREIGN : UNSURE);
      }
    }
    i = lt;
  }
  return max;
}

/** Whether a tag has no attributes at all: nothing but spaces and a final `/` before its `>`. */
function isBare(html: string, from: number, gt: number): boolean {
  for (let k = from; k < gt; k++) {
    const c = html.charCodeAt(k);
    if (!isSpace(c) && !(c === 0x2f && k === gt - 1)) return false;
  }
  return true;
}

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
      for (const { name, value } of td.attrs) {
        if (name === 'hidden' || (name === 'style' && DISPLAY_NONE.test(value))) hidden = true;
        else if (name === 'colspan') colspan = value;
        else if (name === 'rowspan') rowspan = value;
      }
      if (hidden) continue;
      while (cellsOfRow[c]) c++;
      let cs = span(colspan, 1, 1000);
      // rowspan=0 means "to the end of the table"; spans never create rows the table lacks.
      let rs = Math.min(span(rowspan, trs.length - r, 65534), trs.length - r);
      if (cs * rs > budget.remaining) cs = rs = 1;
      budget.remaining -= cs * rs;
      cellsOfRow[c] = { value: cellText(td) };
      for (let dr = 0; dr < rs; dr++) {
        for (let dc = dr === 0 ? 1 : 0; dc < cs; dc++) grid[r + dr][c + dc] = { value: null, merged: true };
      }
      c += cs;
    }
  }
  const rows: GridRow[] = [];
  for (let r = 0; r < grid.length; r++) {
    const cells = grid[r];
    // Positions no cell reached (a short row beside a rowspan) are empty, not merged.
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = { value: null };
    rows.push({ cells: cells as GridCell[], source: `${name} 第${r + 1}行` });
  }
  return { name, rows };
}

/** A table row as a line of text: its cells' text, tab-separated, line breaks as spaces. */
function rowLine(row: GridRow): string {
  // Joined in one go: a flat string, where `+=` would leave a rope for `includes` to flatten.
  const texts: string[] = [];
  for (const { value, merged } of row.cells) if (!merged) texts.push(typeof value === 'string' ? value : String(value ?? ''));
  const line = texts.join('\t');
  return line.includes('\n') ? line.replace(/\n/g, ' ') : line;
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
  const depth = estimateNesting(html);
  if (depth > MAX_HTML_DEPTH) throw new HtmlReadError('tooDeep', `elements nested about ${depth} deep`);
  const document = parse(html);
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
