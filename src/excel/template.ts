/**
 * One-click insertion of the prescribed template into a new worksheet, in two syncs whatever the
 * table size: one to learn the sheet names, one to write everything. Never touches other sheets.
 * Its syncs are not timed out one by one: a write runs under `runWrite`, which waits for it
 * rather than abandon a batch Excel still holds (office-js #806).
 */
import { getFormat } from '../core/formats/registry';
import { nameOf, planTemplate, SHEET_NAMES, templateProperties, type TemplatePlan } from '../core/template/plan';

export const COLORS = {
  input: '#FFFFF0',
  computed: '#E8EEF7',
  error: '#F4B6B6',
  warning: '#FFE08A',
  check: '#808080',
} as const;

/**
 * Column widths in the plan are in characters; Excel wants points. One character of the default
 * 11-point font is about 6 pt, plus the column's padding — not 7.5 pt, which printed the tables
 * 20–30 % too wide (office-js #187, #3036).
 */
export const pointsForCharacters = (characters: number): number => characters * 6 + 3.75;

export interface InsertOptions {
  format: string;
  year: number;
  body?: string;
  totals?: 'formula' | 'value';
}

export interface Inserted {
  sheetName: string;
  plan: TemplatePlan;
}

/** `base`, or `base(2)` … when taken (Excel compares sheet names without case). */
export function freeSheetName(base: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((n) => n.toLowerCase()));
  if (!lower.has(base.toLowerCase())) return base;
  for (let k = 2; ; k++) if (!lower.has(`${base}(${k})`.toLowerCase())) return `${base}(${k})`;
}

/**
 * Inserts the template; `attempt` learns the new sheet's name as soon as it is chosen, so that a
 * write Excel has not confirmed can be looked for (`findInserted`).
 */
export async function insertTemplate(context: Excel.RequestContext, options: InsertOptions, attempt: Partial<Inserted> = {}): Promise<Inserted> {
  const format = getFormat(options.format);
  if (!format) throw new Error(`未知的格式：${options.format}`);
  const plan = planTemplate(format, { year: options.year, body: options.body, totals: options.totals });

  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  await context.sync();
  const sheetName = freeSheetName(`${options.year}年度报表`, sheets.items.map((s) => s.name));
  Object.assign(attempt, { sheetName, plan });

  const sheet = sheets.add(sheetName);
  writePlan(sheet, plan);
  sheet.activate();
  await context.sync();
  return { sheetName, plan };
}

/** The sheet an unconfirmed insertion would have made, if it is there with its names: one sync. */
export async function findInserted(context: Excel.RequestContext, attempt: Partial<Inserted>): Promise<Inserted | undefined> {
  if (!attempt.sheetName || !attempt.plan) return undefined;
  const sheet = context.workbook.worksheets.getItemOrNullObject(attempt.sheetName);
  await context.sync();
  if (sheet.isNullObject) return undefined;
  return { sheetName: attempt.sheetName, plan: attempt.plan };
}

/**
 * Writes back the custom properties that mark a sheet as ours, on a copy of a template sheet
 * (a sheet copy drops them, office-js #5486). One sync; fires no change event.
 */
export async function restoreTemplateProperties(context: Excel.RequestContext, worksheetId: string, template: { format: string; year: number; totals?: string }): Promise<void> {
  const properties = context.workbook.worksheets.getItem(worksheetId).customProperties;
  for (const [key, value] of Object.entries(templateProperties(template))) properties.add(key, value);
  await context.sync();
}

/** Queues every write of a plan on a fresh sheet (no sync). Order: formats, values, merges, styles, rules. */
function writePlan(sheet: Excel.Worksheet, plan: TemplatePlan): void {
  const { rows, cols } = plan.size;
  const numberFormats: string[][] = Array.from({ length: rows }, () => Array<string>(cols).fill('General'));
  const formulas: (string | number)[][] = Array.from({ length: rows }, () => Array<string | number>(cols).fill(''));
  for (const c of plan.cells) {
    if (c.numberFormat) numberFormats[c.row][c.col] = c.numberFormat;
    formulas[c.row][c.col] = c.formula ?? (c.value === null || c.value === undefined ? '' : c.value);
  }
  const all = sheet.getRangeByIndexes(0, 0, rows, cols);
  all.numberFormat = numberFormats;
  all.formulas = formulas;

  for (const m of plan.merges) sheet.getRangeByIndexes(m.row, m.col, m.rows, m.cols).merge(false);
  plan.columnWidths.forEach((width, col) => (sheet.getRangeByIndexes(0, col, 1, 1).format.columnWidth = pointsForCharacters(width)));
  // Excel does not auto-fit rows with merged cells: long wrapped labels there need their height set.
  for (const r of plan.rowHeights) sheet.getRangeByIndexes(r.row, 0, 1, 1).format.rowHeight = r.height;

  for (const area of plan.tableAreas) {
    const range = sheet.getRangeByIndexes(area.row, area.col, area.rows, area.cols);
    range.format.wrapText = true;
    range.format.verticalAlignment = 'Center';
    range.format.horizontalAlignment = 'Center';
    for (const edge of ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideHorizontal', 'InsideVertical'] as const) {
      const border = range.format.borders.getItem(edge);
      border.style = 'Continuous';
      border.color = '#000000';
    }
  }
  for (const c of plan.cells) {
    const cell = sheet.getRangeByIndexes(c.row, c.col, 1, 1);
    if (c.role === 'title' || c.role === 'heading' || c.role === 'checkHeader') cell.format.font.bold = true;
    if (c.role === 'label') cell.format.horizontalAlignment = 'Left';
    if (c.role === 'input') cell.format.fill.color = COLORS.input;
    if (c.role === 'computed') cell.format.fill.color = COLORS.computed;
    if (c.role === 'check' || c.role === 'checkLabel') cell.format.font.color = COLORS.check;
  }

  for (const [id, p] of plan.positions) sheet.names.add(nameOf(id), sheet.getRangeByIndexes(p.row, p.col, 1, 1));
  // What the add-in owns and what the sheet is, as names: they move with inserted rows and
  // columns and come along when the sheet is copied, which custom properties do not (#5486).
  sheet.names.add(SHEET_NAMES.tables, sheet.getRange(plan.printArea));
  sheet.names.add(SHEET_NAMES.checks, sheet.getRange(plan.checkArea));
  sheet.names.add(SHEET_NAMES.format, `="${plan.format.id}"`);
  sheet.names.add(SHEET_NAMES.year, `=${plan.properties['nianbao.year']}`);
  sheet.names.add(SHEET_NAMES.totals, `="${plan.properties['nianbao.totals']}"`);
  for (const v of plan.validations) {
    const rule: Excel.DataValidationRule =
      v.kind === 'count'
        ? { wholeNumber: { formula1: 0, operator: 'GreaterThanOrEqualTo' } }
        : v.kind === 'change'
          ? { wholeNumber: { formula1: -1_000_000_000, formula2: 1_000_000_000, operator: 'Between' } }
          : { decimal: { formula1: 0, operator: 'GreaterThanOrEqualTo' } };
    for (const address of v.ranges) {
      const range = sheet.getRange(address);
      range.dataValidation.rule = rule;
      range.dataValidation.errorAlert = { showAlert: true, style: 'Stop', title: '年报助手', message: v.kind === 'count' ? '请填写非负整数（没有发生的填 0）。' : v.kind === 'change' ? '请填写整数（减少用负数）。' : '请填写非负数。' };
    }
  }
  for (const h of plan.highlights) {
    for (const address of h.ranges.split(',')) {
      const rule = sheet.getRange(address).conditionalFormats.add('Custom');
      rule.custom.rule.formula = h.formula;
      rule.custom.format.fill.color = COLORS[h.severity];
    }
  }
  for (const [key, value] of Object.entries(plan.properties)) sheet.customProperties.add(key, value);
  sheet.pageLayout.setPrintArea(plan.printArea);
}
