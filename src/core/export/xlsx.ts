/**
 * The tables in the official layout as an .xlsx workbook (one sheet, the three tables under
 * their section headings, merged cells and borders as printed). ExcelJS writes the file.
 */
import ExcelJS from 'exceljs';
import type { FormatDef } from '../formats/types';
import type { RawValue } from '../import/grid';
import { layoutReport } from './layout';

const toCell = (v: RawValue): ExcelJS.CellValue => (v !== null && typeof v === 'object' && !(v instanceof Date) ? v.error : v);

export async function reportWorkbook(format: FormatDef, values: Readonly<Record<string, RawValue>>, title: string): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('年度报告表格');
  sheet.getCell(1, 1).value = title;
  let row = 3;
  for (const table of layoutReport(format, values)) {
    sheet.getCell(row, 1).value = table.heading;
    row += 1;
    table.rows.forEach((cells, r) =>
      cells.forEach((value, c) => {
        const cell = sheet.getCell(row + r, c + 1);
        if (value !== null) cell.value = toCell(value);
        cell.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
        cell.alignment = { wrapText: true, vertical: 'middle', horizontal: table.ids.has(`${r}:${c}`) ? 'right' : 'center' };
      }),
    );
    for (const m of table.merges) sheet.mergeCells(row + m.row, m.col + 1, row + m.row + m.rows - 1, m.col + m.cols);
    row += table.rows.length + 1;
  }
  sheet.columns.forEach((column, k) => (column.width = k < 3 ? 18 : 11));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
