/**
 * The preview's workbook: the Excel fake's active sheet drawn as an editable grid, with sheet
 * tabs, a name box and a formula bar. Everything the person does goes through `fake.user`, so the
 * task pane sees the same change events as in Excel: a click selects, typing and Enter enters one
 * cell (data validation applies, as in Excel), Delete clears, and a paste of tab-separated text
 * (from Excel, Word or WPS) writes one block as one change. Fills, borders, merges and the fills
 * of the sheet's conditional formats (computed by calc.ts) are painted; numbers are shown simply.
 */
import type { Cell, CellValue, SheetState } from '../fake-excel/state';
import { MAX_COLS, MAX_ROWS, formatRect, type Rect } from '../fake-excel/address';
import { a1, columnName, parseA1 } from '../core/template/a1';
import { COLORS } from '../excel/template';
import type { PreviewEngine } from './engine';

/** Screen pixels per point of Excel column width (the template is wide; this keeps it on screen). */
const PX_PER_POINT = 0.8;
const MAX_RENDER_ROWS = 300;
const MAX_RENDER_COLS = 60;
const GRIDLINE = '1px solid #e1dfdd';

export interface GridElements {
  /** Scrolling box the table is drawn in; receives keys, paste and copy. */
  container: HTMLElement;
  tabs: HTMLElement;
  nameBox: HTMLElement;
  formulaBar: HTMLElement;
  /** Where a refused entry (data validation) is explained. */
  message: HTMLElement;
}

interface Editing {
  sheet: string;
  row: number;
  col: number;
  original: string;
}

/**
 * Tab-separated text as a block of rows, as spreadsheets put it on the clipboard: cells holding
 * tabs, line breaks or quotes are quoted ("…", with "" for a quote); one trailing line break is
 * dropped; ragged rows are padded with empty cells.
 */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  const n = text.length;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      let j = i + 1;
      let closed = false;
      while (j < n) {
        if (text[j] === '"') {
          if (text[j + 1] === '"') {
            field += '"';
            j += 2;
            continue;
          }
          closed = true;
          j += 1;
          break;
        }
        field += text[j];
        j += 1;
      }
      // A quote that does not close before the next separator was part of the text.
      if (closed && (j >= n || text[j] === '\t' || text[j] === '\n' || text[j] === '\r')) i = j;
      else {
        field = '';
        while (i < n && text[i] !== '\t' && text[i] !== '\n' && text[i] !== '\r') field += text[i++];
      }
    } else {
      while (i < n && text[i] !== '\t' && text[i] !== '\n' && text[i] !== '\r') field += text[i++];
    }
    row.push(field);
    if (i >= n) break;
    if (text[i] === '\t') {
      i += 1;
      continue;
    }
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
    rows.push(row);
    row = [];
    if (i >= n) break;
  }
  // A last line with nothing on it is the clipboard's trailing line break, not an empty row.
  if (row.length > 1 || (row.length === 1 && row[0] !== '') || rows.length === 0) rows.push(row.length ? row : ['']);
  const width = Math.max(...rows.map((r) => r.length));
  return rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
}

/** Blocks back to tab-separated text (quoting what needs it). */
export function toTsv(rows: readonly (readonly string[])[]): string {
  const quote = (s: string): string => (/[\t\n\r"]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return rows.map((r) => r.map(quote).join('\t')).join('\r\n') + '\r\n';
}

/** A cell's value as shown: number formats approximated (`0`, `+0;-0;0`, General). */
export function displayValue(value: CellValue | null, numberFormat: string): string {
  if (value === null || value === '') return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  if (numberFormat === '0') return String(Math.round(value));
  if (numberFormat === '+0;-0;0') return value > 0 ? `+${Math.round(value)}` : String(Math.round(value));
  if (Number.isInteger(value) && Math.abs(value) < 1e11) return String(value);
  return String(Number(value.toPrecision(10)));
}

/** What a conditional-format fill means, for tests and screen readers. */
function highlightKind(fill: string): 'error' | 'warning' | 'rule' {
  const f = fill.toUpperCase();
  return f === COLORS.error.toUpperCase() ? 'error' : f === COLORS.warning.toUpperCase() ? 'warning' : 'rule';
}

const inRect = (r: Rect, row: number, col: number): boolean => row >= r.r0 && row <= r.r1 && col >= r.c0 && col <= r.c1;

export class GridView {
  private readonly editor: HTMLInputElement;
  private editing?: Editing;
  private anchor?: { row: number; col: number };
  private dragging = false;
  private scheduled = false;
  private lastSelection = '';
  private area: Rect = { r0: 0, c0: 0, r1: 0, c1: 0 };

  constructor(
    private readonly doc: Document,
    private readonly engine: PreviewEngine,
    private readonly el: GridElements,
  ) {
    this.editor = doc.createElement('input');
    this.editor.type = 'text';
    this.editor.className = 'cell-editor';
    this.editor.hidden = true;
    this.editor.setAttribute('aria-label', '编辑单元格');
    el.container.append(this.editor);
    engine.subscribe(() => this.schedule());
    this.listen();
  }

  private get fake(): PreviewEngine['fake'] {
    return this.engine.fake;
  }

  private get sheet(): SheetState {
    return this.fake.workbook.activeSheet();
  }

  /** The selection on the active sheet, or A1. */
  private selection(): Rect {
    const sel = this.fake.workbook.selection;
    return sel && sel.sheetId === this.sheet.id ? sel.rect : { r0: 0, c0: 0, r1: 0, c1: 0 };
  }

  private mergeAt(row: number, col: number): Rect | undefined {
    return this.sheet.merges.find((m) => inRect(m, row, col));
  }

  /** Re-renders on the next frame (many changes in one task draw once). */
  schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const raf = this.doc.defaultView?.requestAnimationFrame;
    const run = (): void => {
      this.scheduled = false;
      this.render();
    };
    if (raf) raf(run);
    else setTimeout(run, 0);
  }

  render(): void {
    const book = this.fake.workbook;
    const sheet = this.sheet;
    this.renderTabs();

    const used = sheet.usedRect(false);
    const sel = this.selection();
    const rows = Math.min(MAX_RENDER_ROWS, Math.max(40, (used?.r1 ?? 0) + 6, sel.r1 + 6));
    const cols = Math.min(MAX_RENDER_COLS, Math.max(15, (used?.c1 ?? 0) + 3, sel.c1 + 3));
    this.area = { r0: 0, c0: 0, r1: rows - 1, c1: cols - 1 };
    const fills = this.engine.calculator.fills(sheet, this.area);

    const spans = new Map<number, Rect>();
    const covered = new Set<number>();
    for (const m of sheet.merges) {
      if (m.r0 > this.area.r1 || m.c0 > this.area.c1) continue;
      spans.set(m.r0 * MAX_COLS + m.c0, m);
      for (let r = m.r0; r <= Math.min(m.r1, this.area.r1); r++)
        for (let c = m.c0; c <= Math.min(m.c1, this.area.c1); c++) if (r !== m.r0 || c !== m.c0) covered.add(r * MAX_COLS + c);
    }
    const border = (row: number, col: number, edge: 'top' | 'bottom' | 'left' | 'right'): string => {
      const own = sheet.peek(row, col)?.format.borders[edge];
      const [r, c, opposite] = edge === 'top' ? [row - 1, col, 'bottom'] : edge === 'bottom' ? [row + 1, col, 'top'] : edge === 'left' ? [row, col - 1, 'right'] : [row, col + 1, 'left'];
      const other = r >= 0 && c >= 0 ? sheet.peek(r, c)?.format.borders[opposite as 'top'] : undefined;
      const b = own && own.style !== 'None' ? own : other && other.style !== 'None' ? other : undefined;
      return b ? `1px solid ${b.color}` : GRIDLINE;
    };

    const doc = this.doc;
    const table = doc.createElement('table');
    table.className = 'grid';
    table.setAttribute('role', 'grid');
    table.setAttribute('aria-label', `工作表「${sheet.name}」`);
    const colgroup = doc.createElement('colgroup');
    const head = doc.createElement('col');
    head.style.width = '40px';
    colgroup.append(head);
    for (let c = 0; c < cols; c++) {
      const col = doc.createElement('col');
      col.style.width = `${Math.max(16, Math.round(sheet.columnWidth(c) * PX_PER_POINT))}px`;
      colgroup.append(col);
    }
    table.append(colgroup);
    const thead = doc.createElement('thead');
    const headRow = doc.createElement('tr');
    const corner = doc.createElement('th');
    corner.className = 'corner';
    headRow.append(corner);
    for (let c = 0; c < cols; c++) {
      const th = doc.createElement('th');
      th.textContent = columnName(c);
      th.className = c >= sel.c0 && c <= sel.c1 ? 'col-head in-selection' : 'col-head';
      headRow.append(th);
    }
    thead.append(headRow);
    table.append(thead);

    const tbody = doc.createElement('tbody');
    let active: HTMLTableCellElement | undefined;
    for (let r = 0; r < rows; r++) {
      const tr = doc.createElement('tr');
      const th = doc.createElement('th');
      th.textContent = String(r + 1);
      th.className = r >= sel.r0 && r <= sel.r1 ? 'row-head in-selection' : 'row-head';
      tr.append(th);
      for (let c = 0; c < cols; c++) {
        const k = r * MAX_COLS + c;
        if (covered.has(k)) continue;
        const td = doc.createElement('td');
        const address = a1(r, c);
        td.dataset.addr = address;
        const span = spans.get(k);
        if (span) {
          td.rowSpan = Math.min(span.r1, this.area.r1) - span.r0 + 1;
          td.colSpan = Math.min(span.c1, this.area.c1) - span.c0 + 1;
        }
        const cell = sheet.peek(r, c);
        this.paintCell(td, cell, sheet.readValue(cell));
        const bottomRow = span ? Math.min(span.r1, this.area.r1) : r;
        const rightCol = span ? Math.min(span.c1, this.area.c1) : c;
        td.style.borderTop = border(r, c, 'top');
        td.style.borderLeft = border(r, c, 'left');
        td.style.borderBottom = border(bottomRow, c, 'bottom');
        td.style.borderRight = border(r, rightCol, 'right');
        const fill = fills.get(k);
        if (fill) {
          td.style.backgroundColor = fill;
          td.dataset.highlight = highlightKind(fill);
        }
        if (inRect(sel, r, c) || (span && inRect(sel, span.r0, span.c0))) td.classList.add('selected');
        if (r === sel.r0 && c === sel.c0) {
          td.classList.add('active');
          td.setAttribute('aria-selected', 'true');
          active = td;
        }
        tr.append(td);
      }
      tbody.append(tr);
    }
    table.append(tbody);
    this.el.container.querySelector('table.grid')?.remove();
    this.el.container.prepend(table);

    const selectionText = book.selection && book.selection.sheetId === sheet.id ? formatRect(book.selection.rect) : 'A1';
    this.el.nameBox.textContent = selectionText;
    const activeCell = sheet.peek(sel.r0, sel.c0);
    this.el.formulaBar.textContent = String(sheet.readFormula(activeCell));
    // Follow a selection made elsewhere (the pane's "click a finding").
    const selectionKey = `${sheet.id}!${selectionText}`;
    if (selectionKey !== this.lastSelection) {
      this.lastSelection = selectionKey;
      active?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
    }
    if (this.editing) this.placeEditor();
  }

  private paintCell(td: HTMLTableCellElement, cell: Cell | undefined, value: CellValue | null): void {
    td.textContent = displayValue(value, cell?.numberFormat ?? 'General');
    if (!cell) return;
    const f = cell.format;
    if (cell.formula !== null) td.classList.add('formula');
    if (f.fill) td.style.backgroundColor = f.fill;
    if (f.bold) td.style.fontWeight = '600';
    if (f.italic) td.style.fontStyle = 'italic';
    if (f.fontColor && f.fontColor !== '#000000') td.style.color = f.fontColor;
    const align = f.horizontalAlignment === 'General' ? (typeof value === 'number' ? 'right' : typeof value === 'boolean' ? 'center' : 'left') : f.horizontalAlignment.toLowerCase();
    td.style.textAlign = align === 'centeracrossselection' ? 'center' : align;
    td.style.verticalAlign = f.verticalAlignment === 'Center' ? 'middle' : f.verticalAlignment === 'Top' ? 'top' : 'bottom';
    if (f.wrapText) td.classList.add('wrap');
  }

  private renderTabs(): void {
    const active = this.sheet;
    this.el.tabs.replaceChildren(
      ...this.fake.workbook.sheets.map((s) => {
        const tab = this.doc.createElement('button');
        tab.type = 'button';
        tab.className = s === active ? 'sheet-tab active' : 'sheet-tab';
        tab.textContent = s.name;
        tab.setAttribute('role', 'tab');
        tab.setAttribute('aria-selected', String(s === active));
        tab.addEventListener('click', () => {
          this.commit();
          if (s !== this.sheet) this.fake.user.activate(s.name);
        });
        return tab;
      }),
    );
  }

  // ---- interaction ----

  private cellOf(target: EventTarget | null): { row: number; col: number } | undefined {
    const td = (target as Element | null)?.closest?.('td[data-addr]') as HTMLTableCellElement | null;
    if (!td) return undefined;
    return parseA1(td.dataset.addr ?? '');
  }

  /** Select from the anchor to (row, col), grown to whole merged areas. */
  private select(row: number, col: number, extend = false): void {
    if (!extend || !this.anchor) this.anchor = { row, col };
    let r: Rect = {
      r0: Math.min(this.anchor.row, row),
      c0: Math.min(this.anchor.col, col),
      r1: Math.max(this.anchor.row, row),
      c1: Math.max(this.anchor.col, col),
    };
    for (let grown = true; grown; ) {
      grown = false;
      for (const m of this.sheet.merges) {
        const overlaps = m.r0 <= r.r1 && m.r1 >= r.r0 && m.c0 <= r.c1 && m.c1 >= r.c0;
        if (overlaps && (m.r0 < r.r0 || m.c0 < r.c0 || m.r1 > r.r1 || m.c1 > r.c1)) {
          r = { r0: Math.min(r.r0, m.r0), c0: Math.min(r.c0, m.c0), r1: Math.max(r.r1, m.r1), c1: Math.max(r.c1, m.c1) };
          grown = true;
        }
      }
    }
    const current = this.fake.workbook.selection;
    if (current && current.sheetId === this.sheet.id && formatRect(current.rect) === formatRect(r)) return;
    this.fake.user.select(this.sheet.name, formatRect(r));
  }

  /** Moves the active cell, stepping over merged areas. */
  private move(rows: number, cols: number): void {
    const sel = this.selection();
    const here = this.mergeAt(sel.r0, sel.c0) ?? { r0: sel.r0, c0: sel.c0, r1: sel.r0, c1: sel.c0 };
    const row = Math.min(MAX_ROWS - 1, Math.max(0, rows > 0 ? here.r1 + 1 : rows < 0 ? here.r0 - 1 : here.r0));
    const col = Math.min(MAX_COLS - 1, Math.max(0, cols > 0 ? here.c1 + 1 : cols < 0 ? here.c0 - 1 : here.c0));
    const target = this.mergeAt(row, col);
    this.select(target ? target.r0 : row, target ? target.c0 : col);
  }

  private listen(): void {
    const box = this.el.container;
    box.addEventListener('mousedown', (event) => {
      if (event.target === this.editor) return;
      const at = this.cellOf(event.target);
      if (!at) return;
      event.preventDefault();
      this.commit();
      this.message();
      this.select(at.row, at.col, event.shiftKey);
      this.dragging = true;
      box.focus({ preventScroll: true });
    });
    box.addEventListener('mouseover', (event) => {
      if (!this.dragging) return;
      const at = this.cellOf(event.target);
      if (at) this.select(at.row, at.col, true);
    });
    this.doc.addEventListener('mouseup', () => (this.dragging = false));
    box.addEventListener('dblclick', (event) => {
      const at = this.cellOf(event.target);
      if (at) this.startEdit(undefined);
    });
    box.addEventListener('keydown', (event) => {
      if (event.target === this.editor) return;
      this.onGridKey(event);
    });
    this.editor.addEventListener('keydown', (event) => {
      if (event.isComposing) return;
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        this.commit();
        box.focus({ preventScroll: true });
        if (event.key === 'Enter') this.move(event.shiftKey ? -1 : 1, 0);
        else this.move(0, event.shiftKey ? -1 : 1);
      } else if (event.key === 'Escape') {
        event.preventDefault();
        this.cancelEdit();
        box.focus({ preventScroll: true });
      }
    });
    this.editor.addEventListener('blur', () => this.commit());
    box.addEventListener('paste', (event) => {
      if (event.target === this.editor) return;
      event.preventDefault();
      this.paste(event.clipboardData?.getData('text/plain') ?? '');
    });
    box.addEventListener('copy', (event) => {
      if (event.target === this.editor || !event.clipboardData) return;
      event.preventDefault();
      event.clipboardData.setData('text/plain', this.copyText());
    });
  }

  private onGridKey(event: KeyboardEvent): void {
    const moves: Record<string, [number, number]> = { ArrowDown: [1, 0], ArrowUp: [-1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (moves[event.key]) {
      event.preventDefault();
      this.move(...moves[event.key]);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      this.move(event.shiftKey ? -1 : 1, 0);
    } else if (event.key === 'Tab') {
      event.preventDefault();
      this.move(0, event.shiftKey ? -1 : 1);
    } else if (event.key === 'F2') {
      event.preventDefault();
      this.startEdit(undefined);
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      this.message();
      this.fake.user.clear(this.sheet.name, formatRect(this.selection()));
    } else if (event.key.length === 1) {
      // Typing over a cell replaces its content, as in Excel.
      event.preventDefault();
      this.startEdit(event.key);
    }
  }

  private startEdit(initial: string | undefined): void {
    const sel = this.selection();
    const sheet = this.sheet;
    const original = String(sheet.readFormula(sheet.peek(sel.r0, sel.c0)));
    this.editing = { sheet: sheet.name, row: sel.r0, col: sel.c0, original };
    this.message();
    this.editor.value = initial ?? original;
    this.editor.hidden = false;
    this.placeEditor();
    this.editor.focus({ preventScroll: true });
    this.editor.setSelectionRange(this.editor.value.length, this.editor.value.length);
  }

  private placeEditor(): void {
    const e = this.editing;
    if (!e) return;
    const td = this.el.container.querySelector<HTMLElement>(`td[data-addr="${a1(e.row, e.col)}"]`);
    if (!td) return;
    const box = this.el.container.getBoundingClientRect();
    const cell = td.getBoundingClientRect();
    this.editor.style.top = `${cell.top - box.top + this.el.container.scrollTop}px`;
    this.editor.style.left = `${cell.left - box.left + this.el.container.scrollLeft}px`;
    this.editor.style.width = `${Math.max(cell.width, 60)}px`;
    this.editor.style.height = `${cell.height}px`;
  }

  private cancelEdit(): void {
    this.editing = undefined;
    this.editor.hidden = true;
  }

  /** Enters what was typed into the cell (Enter, Tab, a click elsewhere). */
  private commit(): void {
    const e = this.editing;
    if (!e) return;
    this.cancelEdit();
    const text = this.editor.value;
    if (text === e.original) return;
    const address = a1(e.row, e.col);
    const user = this.fake.user;
    if (text === '') {
      user.clear(e.sheet, address);
      return;
    }
    if (text.startsWith('=')) {
      user.setValues(e.sheet, address, [[text]]);
      return;
    }
    let accepted = true;
    try {
      accepted = user.type(e.sheet, address, text);
    } catch {
      // A validation the fake cannot evaluate: enter it as Excel would let a paste through.
      user.setValues(e.sheet, address, [[text]]);
    }
    if (!accepted) {
      const alert = this.fake.workbook.sheet(e.sheet).peek(e.row, e.col)?.validation?.errorAlert;
      this.message(`${alert?.title || 'Microsoft Excel'}：${alert?.message || '此值与此单元格定义的数据验证限制不匹配。'}（${address} 未改动）`);
    }
  }

  /** Writes a tab-separated block at the active cell as one change. */
  private paste(text: string): void {
    this.commit();
    this.message();
    if (text === '') return;
    const block = parseTsv(text);
    const sel = this.selection();
    const rows = Math.min(block.length, MAX_ROWS - sel.r0);
    const cols = Math.min(block[0].length, MAX_COLS - sel.c0);
    const target: Rect = { r0: sel.r0, c0: sel.c0, r1: sel.r0 + rows - 1, c1: sel.c0 + cols - 1 };
    const values = block.slice(0, rows).map((r) => r.slice(0, cols));
    try {
      this.fake.user.setValues(this.sheet.name, formatRect(target), values);
    } catch (error) {
      this.message(`粘贴失败：${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    this.anchor = { row: target.r0, col: target.c0 };
    this.fake.user.select(this.sheet.name, formatRect(target));
  }

  private copyText(): string {
    const sel = this.selection();
    const sheet = this.sheet;
    const rows: string[][] = [];
    for (let r = sel.r0; r <= sel.r1; r++) {
      const line: string[] = [];
      for (let c = sel.c0; c <= sel.c1; c++) {
        const cell = sheet.peek(r, c);
        line.push(displayValue(sheet.readValue(cell), cell?.numberFormat ?? 'General'));
      }
      rows.push(line);
    }
    return toTsv(rows);
  }

  /** Shows (or with no text, hides) a note above the grid. */
  private message(text?: string): void {
    this.el.message.textContent = text ?? '';
    this.el.message.hidden = !text;
  }
}
