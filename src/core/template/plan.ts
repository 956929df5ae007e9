/**
 * The prescribed template as a plan of cells, merges, formats, names, checks and conditional
 * formats — derived from the format data and its rule set alone. The Excel adapter writes a plan
 * in a fixed number of batches; tests write the same plan to .xlsx and recalculate it in
 * LibreOffice. Rows and columns are zero-based.
 */
import { cellsOf } from '../formats/registry';
import type { FormatDef, Term, ValueKind } from '../formats/types';
import { layoutReport, type Merge } from '../export/layout';
import { linesIn, rowHeightFor } from '../export/width';
import { rulesOf, type Relation } from '../rules/expand';
import { a1, a1Range } from './a1';
import { namer, type Namer } from '../messages/names';

export type CellRole = 'title' | 'heading' | 'header' | 'label' | 'input' | 'computed' | 'checkHeader' | 'checkLabel' | 'check' | 'setting';

export interface PlannedCell {
  row: number;
  col: number;
  role: CellRole;
  value?: string | number | null;
  /** An English (invariant) formula, `=` included. */
  formula?: string;
  numberFormat?: string;
  /** The spec id of a value cell. */
  id?: string;
  /** For a total: the cells its `SUM` adds up, by id. */
  sum?: readonly string[];
}

export interface PlannedCheck {
  /** `code:where`, as in findings. */
  key: string;
  severity: 'error' | 'warning' | 'info';
  row: number;
  col: number;
  formula: string;
  /** The relation the formula computes `lhs − rhs` of (`MAX(0, …)` for `le`). */
  relation: Relation;
  /** The relation's cells (this year's), as A1 addresses, for the conditional format. */
  cells: string[];
}

export interface PlannedHighlight {
  /** A1 ranges, comma-separated, the rule applies to. */
  ranges: string;
  /** Custom rule formula; relative references count from the first range's top-left cell. */
  formula: string;
  severity: 'error' | 'warning';
}

export interface TemplateOptions {
  year: number;
  body?: string;
  /** Totals as formulas (default) or typed values. */
  totals?: 'formula' | 'value';
}

export interface TemplatePlan {
  format: FormatDef;
  title: string;
  cells: PlannedCell[];
  merges: Merge[];
  columnWidths: number[];
  /**
   * Heights (points) of the rows whose labels wrap onto more lines than one: Excel does not
   * auto-fit rows with merged cells, so long labels there would be clipped.
   */
  rowHeights: { row: number; height: number }[];
  /** Spec id → position of every value cell. */
  positions: Map<string, { row: number; col: number }>;
  /** Data validation by value kind, as A1 ranges. */
  validations: { ranges: string[]; kind: ValueKind }[];
  checks: PlannedCheck[];
  highlights: PlannedHighlight[];
  /** The printed tables, without the check column. */
  printArea: string;
  /** Each table's rectangle (header and label cells included), for borders and alignment. */
  tableAreas: { row: number; col: number; rows: number; cols: number }[];
  /** The check cells' rectangle (the setting, labels and formulas), beside the tables. */
  checkArea: string;
  /** Rows × columns used, checks included. */
  size: { rows: number; cols: number };
  /**
   * Worksheet custom properties that mark the sheet as ours. Plain text: they neither move with
   * inserted rows nor survive a sheet copy (office-js #5486), so no address is kept in them; the
   * sheet-scoped names of SHEET_NAMES hold the ranges and are the fallback for format, year and totals.
   */
  properties: Record<string, string>;
}

/** Marks formulas as the add-in's own: N("…") is 0, so it changes no result. */
export const MARKER = 'N("nianbao")';
export const NAME_PREFIX = 'NB_';
/**
 * The sheet's own setting, beside the check cells: 是 paints blank cells amber, anything else
 * leaves them as they are while the form is being filled in (the pane shows progress instead).
 * A cell, so it is kept with the workbook and works in WPS and LibreOffice without the add-in.
 */
export const MARK_BLANKS = { label: '未填写的单元格标为黄色（填“是”或“否”）', yes: '是', no: '否' } as const;
/** Heads the check cells beside the tables: marks a sheet as the template when its names are read. */
export const CHECK_HEADER = '年报助手校验（自动生成，请勿修改）';
/** Excel name of a value cell: sheet-scoped, survives rows inserted above. */
export const nameOf = (id: string): string => `${NAME_PREFIX}${id}`;
/**
 * Sheet-scoped names for what the add-in owns besides the value cells: the printed tables and the
 * check cells (names move with their cells when rows or columns are inserted), and the format
 * and year as constants (names are copied with the sheet; custom properties are not).
 */
export const SHEET_NAMES = { tables: 'nianbao_tables', checks: 'nianbao_checks', format: 'nianbao_format', year: 'nianbao_year', totals: 'nianbao_totals' } as const;

const NUMBER_FORMATS: Record<ValueKind, string> = { count: '0', change: '+0;-0;0', amountWan: 'General', amount: 'General' };
const TABLE_WIDTH = 15;
const CHECK_COL = TABLE_WIDTH + 1;

/** Which cells are totals (formulas by default), and the cells each sums: row totals, （七）总计 and t4 totals. */
function totalTerms(id: string, format: FormatDef): readonly Term[] | undefined {
  const [table, row, col] = id.split('.');
  const relations = rulesOf(format).relations;
  // （七）总计 / 总计 is both a row and a column total: the row total wins, both agree when filled.
  if (table === 't3' && row === 'resultTotal' && col === 'total') return relations.find((r) => r.key === 't3.rowTotal:resultTotal')?.rhs;
  return relations.find(
    (r) => r.op === 'eq' && !r.crossYear && r.lhs.length === 1 && r.lhs[0].cell === id && (r.code === 't3.rowTotal' || r.code === 't4.groupTotal' || r.code === 't3.resultTotal'),
  )?.rhs;
}

function side(terms: readonly Term[], position: (id: string) => string): string {
  return terms.map((t, k) => `${t.sign < 0 ? '-' : k > 0 ? '+' : ''}N(${position(t.cell)})`).join('');
}

function checkFormula(r: Relation, position: (id: string) => string): string {
  const difference = `(${side(r.lhs, position)})-(${side(r.rhs, position)})`;
  // An `le` relation only fails when the left side exceeds the right.
  return r.op === 'eq' ? `=${difference}` : `=MAX(0,${difference})`;
}

export function planTemplate(format: FormatDef, options: TemplateOptions): TemplatePlan {
  const title = `${options.body ?? ''}${options.year}年政府信息公开工作年度报告（表格）`;
  const cells: PlannedCell[] = [{ row: 0, col: 0, role: 'title', value: title }];
  const merges: Merge[] = [{ row: 0, col: 0, rows: 1, cols: TABLE_WIDTH }];
  const positions = new Map<string, { row: number; col: number }>();
  const defs = cellsOf(format);
  let row = 2;
  const tables = layoutReport(format, {});
  const tableAreas: TemplatePlan['tableAreas'] = [];
  const valuePositions: { id: string; row: number; col: number }[] = [];
  for (const table of tables) {
    cells.push({ row, col: 0, role: 'heading', value: table.heading });
    merges.push({ row, col: 0, rows: 1, cols: TABLE_WIDTH });
    row += 1;
    table.rows.forEach((line, r) =>
      line.forEach((value, c) => {
        const id = table.ids.get(`${r}:${c}`);
        if (id) valuePositions.push({ id, row: row + r, col: c });
        else if (value !== null) cells.push({ row: row + r, col: c, role: table.table === 't4' || r < (table.table === 't3' ? 3 : 0) || value === '信息内容' || /^第二十条/.test(String(value)) ? 'header' : 'label', value: value as string });
      }),
    );
    for (const m of table.merges) merges.push({ ...m, row: m.row + row });
    tableAreas.push({ row, col: 0, rows: table.rows.length, cols: Math.max(...table.rows.map((l) => l.length)) });
    row += table.rows.length + 1;
  }
  for (const p of valuePositions) positions.set(p.id, { row: p.row, col: p.col });
  const position = (id: string): string => {
    const p = positions.get(id);
    if (!p) throw new Error(`template: no position for ${id}`);
    return a1(p.row, p.col);
  };
  const tablesEnd = row - 1;

  const byKind = new Map<ValueKind, string[]>();
  for (const p of valuePositions) {
    const kind = defs.get(p.id)?.column.kind ?? 'count';
    const sum = options.totals === 'value' ? undefined : totalTerms(p.id, format)?.map((t) => t.cell);
    const formula = sum ? `=SUM(${sum.map(position).join(',')})` : undefined;
    cells.push({ row: p.row, col: p.col, role: formula ? 'computed' : 'input', id: p.id, value: formula ? undefined : null, formula, sum, numberFormat: NUMBER_FORMATS[kind] });
    if (!formula) byKind.set(kind, [...(byKind.get(kind) ?? []), a1(p.row, p.col)]);
  }

  // Check cells beside the tables (outside the print area): one per relation of this year.
  const checks: PlannedCheck[] = [];
  const names = namer(format);
  const setting = { row: 1, col: CHECK_COL + 1 };
  cells.push({ row: setting.row, col: CHECK_COL, role: 'checkLabel', value: MARK_BLANKS.label });
  cells.push({ ...setting, role: 'setting', value: MARK_BLANKS.no });
  cells.push({ row: 2, col: CHECK_COL, role: 'checkHeader', value: CHECK_HEADER });
  cells.push({ row: 3, col: CHECK_COL, role: 'checkHeader', value: '规则' });
  cells.push({ row: 3, col: CHECK_COL + 1, role: 'checkHeader', value: '差额' });
  let checkRow = 4;
  for (const r of rulesOf(format).relations.filter((x) => !x.crossYear)) {
    const formula = checkFormula(r, position);
    cells.push({ row: checkRow, col: CHECK_COL, role: 'checkLabel', value: checkLabel(r, names) });
    cells.push({ row: checkRow, col: CHECK_COL + 1, role: 'check', formula });
    checks.push({ key: r.key, severity: r.severity, row: checkRow, col: CHECK_COL + 1, formula, relation: r, cells: r.lhs.concat(r.rhs).map((t) => position(t.cell)) });
    checkRow += 1;
  }

  const highlights: PlannedHighlight[] = checks.map((c) => ({
    ranges: compressRanges(r2c(c.cells, positions)),
    formula: `=AND(${MARKER}=0,${a1(c.row, c.col, true)}<>0)`,
    severity: c.severity === 'error' ? 'error' : 'warning',
  }));
  // Cell-level checks per rectangular block of value cells: text or negatives red, blanks amber where the setting says so.
  for (const block of blockRectangles(valuePositions)) {
    const first = a1(block.row, block.col);
    highlights.push({ ranges: a1Range(block.row, block.col, block.rows, block.cols), formula: `=AND(${MARKER}=0,OR(AND(NOT(ISBLANK(${first})),NOT(ISNUMBER(${first}))),AND(ISNUMBER(${first}),${first}<0)))`, severity: 'error' });
    highlights.push({ ranges: a1Range(block.row, block.col, block.rows, block.cols), formula: `=AND(${MARKER}=0,${a1(setting.row, setting.col, true)}="${MARK_BLANKS.yes}",ISBLANK(${first}))`, severity: 'warning' });
  }

  const columnWidths = Array.from({ length: CHECK_COL + 2 }, (_, c) => (c === 0 ? 22 : c < 3 ? 16 : c === CHECK_COL ? 24 : c === TABLE_WIDTH ? 2 : 10));
  return {
    rowHeights: wrappedRowHeights(cells.filter((c) => c.role === 'label' || c.role === 'header'), merges, columnWidths),
    format,
    title,
    cells,
    merges,
    columnWidths,
    positions,
    validations: [...byKind.entries()].map(([kind, ranges]) => ({ kind, ranges })),
    checks,
    highlights,
    printArea: a1Range(0, 0, tablesEnd, TABLE_WIDTH),
    tableAreas,
    checkArea: a1Range(1, CHECK_COL, checkRow - 1, 2),
    size: { rows: Math.max(tablesEnd, checkRow), cols: CHECK_COL + 2 },
    properties: templateProperties({ format: format.id, year: options.year, totals: options.totals }),
  };
}

/** The custom properties of a template sheet: written when it is inserted, and again on a copy (which loses them). */
export function templateProperties(template: { format: string; year: number; totals?: string }): Record<string, string> {
  return { 'nianbao.format': template.format, 'nianbao.year': String(template.year), 'nianbao.template': '1', 'nianbao.totals': template.totals ?? 'formula' };
}

/** Rows whose label text needs more than one line in its cell (or merged area), with the height it needs. */
function wrappedRowHeights(labels: readonly PlannedCell[], merges: readonly Merge[], columnWidths: readonly number[]): TemplatePlan['rowHeights'] {
  const lines = new Map<number, number>();
  for (const cell of labels) {
    const merge = merges.find((m) => m.row === cell.row && m.col === cell.col) ?? { row: cell.row, col: cell.col, rows: 1, cols: 1 };
    const width = columnWidths.slice(merge.col, merge.col + merge.cols).reduce((a, b) => a + b, 0);
    // A label over several rows shares their height.
    const perRow = Math.ceil(linesIn(String(cell.value ?? ''), width) / merge.rows);
    for (let r = merge.row; r < merge.row + merge.rows; r++) lines.set(r, Math.max(lines.get(r) ?? 1, perRow));
  }
  return [...lines].filter(([, n]) => n > 1).sort(([a], [b]) => a - b).map(([row, n]) => ({ row, height: rowHeightFor(n) }));
}

/** The cells a person fills in, in table order: every value cell but the totals the template computes. */
export function inputCellIds(format: FormatDef, totals: TemplateOptions['totals'] = 'formula'): string[] {
  const ids = [...cellsOf(format).keys()];
  return totals === 'value' ? ids : ids.filter((id) => !totalTerms(id, format));
}

const CHECK_NAMES: Partial<Record<string, string>> = {
  't3.balance': '勾稽关系',
  't3.rowTotal': '行合计',
  't3.resultTotal': '（七）总计',
  't4.groupTotal': '总计',
  't2.publishedExceedsTotal': '新公开≤公开总数',
};

/** What a check cell checks, in the table's words: `勾稽关系：自然人`, `行合计：三、本年度办理结果（一）予以公开`. */
function checkLabel(r: Relation, names: Namer): string {
  const name = CHECK_NAMES[r.code] ?? r.code;
  const block = r.lhs[0].cell.split('.').slice(0, -2).join('.');
  const along = r.code === 't3.balance' || r.code === 't3.resultTotal' ? names.column(block, r.where) : names.row(block, r.where);
  return `${name}：${along}`;
}

/** The positions of a check's cells (its A1 list was built from `positions`). */
function r2c(addresses: readonly string[], positions: ReadonlyMap<string, { row: number; col: number }>): { row: number; col: number }[] {
  const byAddress = new Map([...positions.values()].map((p) => [a1(p.row, p.col), p]));
  return addresses.map((a) => byAddress.get(a)).filter((p): p is { row: number; col: number } => p !== undefined);
}

/** Cells as few A1 rectangles as runs along rows and columns allow, comma-separated. */
export function compressRanges(cells: readonly { row: number; col: number }[]): string {
  return blockRectangles(cells)
    .map((b) => a1Range(b.row, b.col, b.rows, b.cols))
    .join(',');
}

/** Groups value positions into maximal rectangles of consecutive rows sharing the same columns. */
function blockRectangles(positions: readonly { row: number; col: number }[]): { row: number; col: number; rows: number; cols: number }[] {
  const rows = new Map<number, number[]>();
  for (const p of positions) rows.set(p.row, [...(rows.get(p.row) ?? []), p.col]);
  const spans = [...rows.entries()]
    .sort((a, b) => a[0] - b[0])
    .flatMap(([r, cols]) => runs([...new Set(cols)].sort((a, b) => a - b)).map((run) => ({ row: r, col: run.start, cols: run.length })));
  const out: { row: number; col: number; rows: number; cols: number }[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && last.row + last.rows === s.row && last.col === s.col && last.cols === s.cols) last.rows += 1;
    else out.push({ ...s, rows: 1 });
  }
  return out;
}

/** Consecutive runs in a sorted list of column indexes. */
function runs(sorted: readonly number[]): { start: number; length: number }[] {
  const out: { start: number; length: number }[] = [];
  for (const n of sorted) {
    const last = out[out.length - 1];
    if (last && last.start + last.length === n) last.length += 1;
    else out.push({ start: n, length: 1 });
  }
  return out;
}
