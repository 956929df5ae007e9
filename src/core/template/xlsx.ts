/**
 * Writes a template plan, optionally filled with values, to an .xlsx workbook with its check
 * formulas, conditional formats, data validation and names — what the add-in installs, in a
 * file any spreadsheet program can open (and the tests recalculate in LibreOffice).
 */
import ExcelJS from 'exceljs';
import type { RawValue } from '../import/grid';
import { NAME_PREFIX, nameOf, type TemplatePlan } from './plan';
import { a1 } from './a1';
import { formulaResults } from './results';

const FILL = { error: 'FFF4B6B6', warning: 'FFFFE08A' } as const;
const INPUT_FILL = 'FFFFFFF0';
const COMPUTED_FILL = 'FFE8EEF7';

const toCell = (v: RawValue): ExcelJS.CellValue => (v !== null && typeof v === 'object' && !(v instanceof Date) ? v.error : v);

export async function planWorkbook(plan: TemplatePlan, values: Readonly<Record<string, RawValue>> = {}, sheetName = `${plan.properties['nianbao.year']}年度报表`): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  // Excel, WPS and LibreOffice recalculate on opening; the saved results serve readers that do not.
  workbook.calcProperties.fullCalcOnLoad = true;
  const sheet = workbook.addWorksheet(sheetName);
  const thin = { style: 'thin' as const };
  const results = formulaResults(plan, values);
  for (const c of plan.cells) {
    const cell = sheet.getCell(c.row + 1, c.col + 1);
    if (c.formula) cell.value = { formula: c.formula.slice(1), result: results.get(`${c.row}:${c.col}`) };
    else if (c.id && Object.prototype.hasOwnProperty.call(values, c.id)) cell.value = toCell(values[c.id]);
    else if (c.value !== undefined && c.value !== null) cell.value = c.value;
    if (c.numberFormat) cell.numFmt = c.numberFormat;
    if (c.role !== 'title' && c.role !== 'heading' && !c.role.startsWith('check')) {
      cell.border = { top: thin, left: thin, bottom: thin, right: thin };
      cell.alignment = { wrapText: true, vertical: 'middle', horizontal: c.role === 'label' ? 'left' : 'center' };
    }
    if (c.role === 'input') cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: INPUT_FILL } };
    if (c.role === 'computed') cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: COMPUTED_FILL } };
    if (c.role === 'title' || c.role === 'heading') cell.font = { bold: true };
  }
  for (const m of plan.merges) sheet.mergeCells(m.row + 1, m.col + 1, m.row + m.rows, m.col + m.cols);
  plan.columnWidths.forEach((w, k) => (sheet.getColumn(k + 1).width = w));
  for (const v of plan.validations) {
    const rule: ExcelJS.DataValidation =
      v.kind === 'count'
        ? { type: 'whole', operator: 'greaterThanOrEqual', formulae: [0], allowBlank: true, showErrorMessage: true, error: '请填写非负整数（没有发生的填 0）' }
        : v.kind === 'change'
          ? { type: 'whole', operator: 'between', formulae: [-1_000_000_000, 1_000_000_000], allowBlank: true, showErrorMessage: true, error: '请填写整数（减少用负数）' }
          : { type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0], allowBlank: true, showErrorMessage: true, error: '请填写非负数' };
    for (const address of v.ranges) sheet.getCell(address).dataValidation = rule;
  }
  for (const h of plan.highlights) {
    sheet.addConditionalFormatting({
      ref: h.ranges.split(',').join(' '),
      rules: [{ type: 'expression', priority: 1, formulae: [h.formula.slice(1)], style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: FILL[h.severity] } } } }],
    });
  }
  for (const [id, p] of plan.positions) workbook.definedNames.add(`'${sheetName}'!${a1(p.row, p.col, true)}`, nameOf(id));
  scopeNamesToSheet(workbook.definedNames, 0);
  sheet.pageSetup.printArea = plan.printArea;
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/**
 * The `NB_` names scoped to the sheet (`localSheetId`), as the add-in makes them: Excel puts such
 * a name in the sheet's own names, which the pane reads and which come along when the sheet is
 * copied; a workbook-scoped name was not recognised by the pane. ExcelJS keeps names by name
 * only and writes no scope, so the scope is added to the model it writes from.
 */
function scopeNamesToSheet(names: ExcelJS.DefinedNames, localSheetId: number): void {
  const model = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(names), 'model');
  // Without it the names would silently be written workbook-wide again: fail where a test sees it.
  if (!model?.get) throw new Error('ExcelJS DefinedNames has no model getter: the NB_ names cannot be scoped to the sheet (check the pinned exceljs version)');
  const get = model.get;
  Object.defineProperty(names, 'model', {
    configurable: true,
    get: () => (get.call(names) as { name: string }[]).map((n) => (n.name.startsWith(NAME_PREFIX) ? { ...n, localSheetId } : n)),
  });
}
