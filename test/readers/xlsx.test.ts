import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as path from 'path';
import type { GridCell } from '../../src/core/import/grid';
import { CHECKS_SHEET_MARK, columnLetters, readXlsx, XlsxReadError } from '../../src/core/import/xlsx';
import { getFormat } from '../../src/core/formats/registry';
import { CHECK_HEADER, planTemplate } from '../../src/core/template/plan';
import { planWorkbook } from '../../src/core/template/xlsx';
import { RENDERED, loadRenderedExpectations } from '../helpers/fixtures';
import { asNumber, fakeEncryptedWorkbook, fakeXls, makeZip, repeatedDeflate, rowWith, unzip, values, valuesAfter } from './helpers';

const M: GridCell = { value: null, merged: true };
const load = (name: string): Uint8Array => new Uint8Array(fs.readFileSync(path.join(RENDERED, name)));

async function kindOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (e) {
    if (e instanceof XlsxReadError) return e.kind;
    throw e;
  }
}

describe('rendered workbooks', () => {
  test('shanghai-2019-clean: numbers as numbers, merges marked, addresses and sources', async () => {
    const result = await readXlsx(load('shanghai-2019-clean.xlsx'));
    expect(result.grids.map((g) => g.name)).toEqual(['年报']);
    expect(result.text).toBeUndefined();
    const row = rowWith(result, '一、本年新收政府信息公开申请数量');
    expect(row.source).toBe('年报!第29行');
    expect(row.cells.slice(0, 10)).toEqual([
      { value: '一、本年新收政府信息公开申请数量' }, M, M,
      { value: 821 }, { value: 35 }, { value: null }, { value: null }, { value: 2 }, { value: 1 }, { value: 859 },
    ]);
    // The tables start at B2: the grid starts at the used range, and its origin says where (B29).
    expect(row.origin).toEqual({ row: 28, col: 1 });
    const grid = result.grids[0];
    expect(grid.rows[0].source).toBe('年报!第2行');
    expect(grid.rows.every((r) => r.cells.length === grid.rows[0].cells.length)).toBe(true);
    // 三、本年度办理结果 is merged B31:B50.
    const first = grid.rows.findIndex((r) => r.cells[0].value === '三、本年度办理结果');
    for (let k = 1; k < 20; k++) expect(grid.rows[first + k].cells[0]).toEqual(M);
    expect(values(rowWith(result, '信息内容'))).toContain('本年新\n制作数量');
  });

  test('huaian-2024-noisy: numbers stored as text stay strings, padding and full-width digits intact', async () => {
    const result = await readXlsx(load('huaian-2024-noisy.xlsx'));
    expect(valuesAfter(rowWith(result, '本年新收'), '本年新收', 7)).toEqual(['\u3000\u30003001', '53 ', '0 ', '0', '61', '4 ', '3119']);
    expect(values(rowWith(result, '行政许可')).slice(0, 2)).toEqual(['行政许可', '４４７２２８']);
  });

  const expected = loadRenderedExpectations();
  const columns = ['natural', 'commercial', 'research', 'nonprofit', 'legal', 'otherOrg', 'total'];
  test.each(Object.keys(expected))('%s agrees with expected.json', async (name) => {
    const result = await readXlsx(load(`${name}.xlsx`));
    const received = valuesAfter(rowWith(result, '本年新收政府信息公开申请数量'), '本年新收', 7);
    expect(received.map(asNumber)).toEqual(columns.map((c) => expected[name].values[`t3.received.${c}`]));
  });
});

describe('cell values', () => {
  let result: Awaited<ReturnType<typeof readXlsx>>;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('表一');
    ws.getCell('A1').value = 1;
    ws.getCell('A2').value = 2;
    ws.getCell('A3').value = { formula: 'SUM(A1:A2)', result: 3 };
    ws.getCell('A4').value = { formula: 'A1/0', result: { error: '#DIV/0!' } };
    ws.getCell('A5').value = { formula: 'A1*2' } as ExcelJS.CellFormulaValue;
    ws.getCell('A6').value = { formula: 'A1-1', result: 0 };
    ws.getCell('A7').value = { formula: 'A1>2', result: false };
    ws.getCell('B1').value = { richText: [{ text: '本年' }, { font: { bold: true }, text: '新收' }] };
    ws.getCell('B2').value = { text: '链接文字', hyperlink: 'https://example.org/' };
    ws.getCell('B3').value = true;
    ws.getCell('B4').value = new Date(Date.UTC(2024, 0, 31));
    ws.getCell('B5').value = { error: '#REF!' };
    ws.getCell('C1').value = '12';
    ws.getCell('C2').value = '\u3000\u30005';
    ws.getCell('C3').value = '合计';
    ws.mergeCells('C3:D4');
    wb.addWorksheet('空表');
    const second = wb.addWorksheet('Sheet3');
    second.getCell('D12').value = 7;
    result = await readXlsx(new Uint8Array(await wb.xlsx.writeBuffer()));
  });

  const cell = (sheet: number, row: number, col: number): GridCell => result.grids[sheet].rows[row].cells[col];

  test('every worksheet is a grid, in order, an empty one with no rows', () => {
    expect(result.grids.map((g) => g.name)).toEqual(['表一', '空表', 'Sheet3']);
    expect(result.grids[1].rows).toEqual([]);
    expect(result.grids[2].rows).toEqual([{ cells: [{ value: 7 }], source: 'Sheet3!第12行', origin: { row: 11, col: 3 } }]);
  });

  test('formulas give their cached result, an error result as an error, no result as the formula', () => {
    expect(cell(0, 2, 0)).toEqual({ value: 3 });
    expect(cell(0, 3, 0)).toEqual({ value: { error: '#DIV/0!' } });
    expect(cell(0, 4, 0)).toEqual({ value: '=A1*2' });
  });

  // Regression: ExcelJS's cell.value drops a falsy result, so a total of 0 read as its formula (cell.notNumber).
  test('a formula whose saved result is 0 or FALSE gives that result', () => {
    expect(cell(0, 5, 0)).toEqual({ value: 0 });
    expect(cell(0, 6, 0)).toEqual({ value: false });
  });

  test('rich text joined, hyperlinks as their text, booleans, dates, error cells', () => {
    expect(cell(0, 0, 1)).toEqual({ value: '本年新收' });
    expect(cell(0, 1, 1)).toEqual({ value: '链接文字' });
    expect(cell(0, 2, 1)).toEqual({ value: true });
    expect(cell(0, 3, 1).value).toEqual(new Date(Date.UTC(2024, 0, 31)));
    expect(cell(0, 4, 1)).toEqual({ value: { error: '#REF!' } });
  });

  test('text stays text; a merged range keeps its value at the anchor only', () => {
    expect(cell(0, 0, 2)).toEqual({ value: '12' });
    expect(cell(0, 1, 2)).toEqual({ value: '\u3000\u30005' });
    expect(cell(0, 2, 2)).toEqual({ value: '合计' });
    expect([cell(0, 2, 3), cell(0, 3, 2), cell(0, 3, 3)]).toEqual([M, M, M]);
    expect(result.grids[0].rows[3].origin).toEqual({ row: 3, col: 0 });
  });
});

describe('unreadable workbooks throw XlsxReadError', () => {
  const good = load('huaian-2024-clean.xlsx');

  test('truncated, random bytes, plain text', async () => {
    expect(await kindOf(readXlsx(good.subarray(0, 4000)))).toBe('corrupt');
    const random = new Uint8Array(3000).map((_, i) => (i * 2654435761) % 251);
    expect(await kindOf(readXlsx(random))).toBe('corrupt');
    expect(await kindOf(readXlsx(new TextEncoder().encode('一、总体情况')))).toBe('corrupt');
  });

  test('a ZIP without a workbook (a .docx, a zipped text file)', async () => {
    expect(await kindOf(readXlsx(makeZip({ 'a.txt': '你好' })))).toBe('notWorkbook');
    expect(await kindOf(readXlsx(makeZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' })))).toBe('notWorkbook');
  });

  test('password-protected (OLE with EncryptedPackage) vs an old .xls', async () => {
    expect(await kindOf(readXlsx(fakeEncryptedWorkbook()))).toBe('encrypted');
    expect(await kindOf(readXlsx(fakeXls()))).toBe('corrupt');
  });

  test('damaged parts inside a valid ZIP: ExcelJS failures become "corrupt"', async () => {
    const parts = unzip(good);
    const damaged = [
      { ...parts, 'xl/worksheets/sheet1.xml': '<worksheet><sheetData><row><c r="A1"><v>1</v></c></row' },
      { ...parts, 'xl/workbook.xml': '<<<>>>' },
      { ...parts, 'xl/sharedStrings.xml': '<sst><si><t>x</si>' },
      { ...parts, 'xl/styles.xml': '<styleSheet><numFmts count="1"><numFmt/></numFmts>' },
      { ...parts, 'xl/worksheets/sheet1.xml': new Uint8Array(2000).map((_, i) => (i * 7 + 3) % 256) },
    ];
    for (const p of damaged) expect(await kindOf(readXlsx(makeZip(p)))).toBe('corrupt');
    // The untouched parts re-zipped still read: the damage, not our re-zipping, is detected.
    expect(await kindOf(readXlsx(makeZip(parts)))).toBe('ok');
  });

  test('a stray cell far away makes the used range too large, named in the error', async () => {
    const parts = unzip(good);
    const xml = new TextDecoder().decode(parts['xl/worksheets/sheet1.xml']).replace('<c r="B2"', '<c r="XFD2"');
    try {
      await readXlsx(makeZip({ ...parts, 'xl/worksheets/sheet1.xml': xml }), { maxGridCells: 100_000 });
      throw new Error('expected a refusal');
    } catch (e) {
      expect(e).toBeInstanceOf(XlsxReadError);
      const err = e as XlsxReadError;
      expect(err.kind).toBe('tooLarge');
      expect(err.detail).toMatchObject({ unit: 'positions', sheet: '年报', range: 'B2:XFD59' });
    }
  });

  test('the pane and the CLI share the size limits: too many cells, and a part inflating past the cap, refused with what was measured', async () => {
    const parts = unzip(good);
    const rows = Array.from({ length: 60_000 }, (_, i) => `<row r="${i + 1}"><x:c r="A${i + 1}"><v>1</v></x:c><col/></row>`).join('');
    const sheet = `<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>${rows}</x:sheetData></x:worksheet>`;
    expect(Object.keys(parts).filter((name) => name.startsWith('xl/worksheets/') && name.endsWith('.xml'))).toEqual(['xl/worksheets/sheet1.xml']);
    // Prefixed cell tags count; `<col/>` is not a cell.
    const many = await readXlsx(makeZip({ ...parts, 'xl/worksheets/sheet1.xml': sheet })).catch((e: unknown) => e);
    expect(many).toBeInstanceOf(XlsxReadError);
    expect((many as XlsxReadError).detail).toEqual({ unit: 'cells', measured: 60_000, limit: 50_000 });
    const bomb = repeatedDeflate(new Uint8Array(1 << 20).fill(0x20), 3);
    const capped = await readXlsx(makeZip({ ...parts, 'xl/media/image1.png': bomb }), { maxInflatedBytes: 2 << 20 }).catch((e: unknown) => e);
    expect(capped).toBeInstanceOf(XlsxReadError);
    expect((capped as XlsxReadError).detail).toMatchObject({ unit: 'inflatedBytes', limit: 2 << 20 });
  });

  test('more declared sheet XML than allowed is refused before parsing', async () => {
    const err = await readXlsx(good, { maxXmlBytes: 1000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(XlsxReadError);
    expect((err as XlsxReadError).kind).toBe('tooLarge');
    expect((err as XlsxReadError).detail?.unit).toBe('bytes');
  });
});

describe('the 「校验结果」 sheet of nianbao\'s own export', () => {
  async function book(sheets: string[], marked?: string): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    for (const name of sheets) wb.addWorksheet(name).getCell('B2').value = `${name}的内容`;
    if (marked) wb.definedNames.add(`'${marked}'!$A$1`, CHECKS_SHEET_MARK);
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  test('is left out by the mark the export writes, wherever the sheet is and whatever it is called', async () => {
    expect((await readXlsx(await book(['年度报告表格', '校验结果'], '校验结果'))).grids.map((g) => g.name)).toEqual(['年度报告表格']);
    expect((await readXlsx(await book(['检查记录', '表格'], '检查记录'))).grids.map((g) => g.name)).toEqual(['表格']);
  });

  test('a sheet of the user\'s own called 校验结果, without the mark, is read like any other', async () => {
    expect((await readXlsx(await book(['校验结果', '年报']))).grids.map((g) => g.name)).toEqual(['校验结果', '年报']);
  });

  test('other names do not hide a sheet', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('年报').getCell('A1').value = 1;
    wb.definedNames.add("'年报'!$A$1", 'NB_t3.received.total');
    expect((await readXlsx(new Uint8Array(await wb.xlsx.writeBuffer()))).grids.map((g) => g.name)).toEqual(['年报']);
  });
});

test('columnLetters', () => {
  expect([1, 26, 27, 52, 703, 16384].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA', 'XFD']);
});

describe('the add-in’s template, read by its names', () => {
  const plan = planTemplate(getFormat('2019')!, { year: 2020 });
  const templateBytes = (): Promise<Uint8Array> => planWorkbook(plan, { 't3.received.natural': 7, 't2.art20_9.procurement.amount': '3万元' });

  test('one template sheet: every named cell as written, blanks as empty, the format from the names', async () => {
    const result = await readXlsx(await templateBytes());
    expect(result.meta).toEqual({ format: '2019' });
    expect(Object.keys(result.cells!).sort()).toEqual([...plan.positions.keys()].sort());
    expect(result.cells!['t3.received.natural']).toBe(7);
    expect(result.cells!['t2.art20_9.procurement.amount']).toBe('3万元');
    expect(result.cells!['t3.granted.natural']).toBeNull();
    // Totals are formulas, read as their saved results.
    expect(result.cells!['t3.received.total']).toBe(7);
  });

  test('two sheets marked as the template, or a name pointing elsewhere: left to recognition', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await templateBytes()) as unknown as ArrayBuffer);
    workbook.addWorksheet('副本').getCell('Q3').value = CHECK_HEADER;
    expect((await readXlsx(new Uint8Array(await workbook.xlsx.writeBuffer()))).cells).toBeUndefined();

    const strayName = new ExcelJS.Workbook();
    await strayName.xlsx.load((await templateBytes()) as unknown as ArrayBuffer);
    strayName.addWorksheet('其他').getCell('A1').value = 1;
    strayName.definedNames.add("'其他'!$A$1", 'NB_t3.received.legal');
    expect((await readXlsx(new Uint8Array(await strayName.xlsx.writeBuffer()))).cells).toBeUndefined();
  });
});
