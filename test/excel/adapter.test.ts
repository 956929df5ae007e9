/**
 * The Office.js adapter against the in-memory Excel fake: template insertion in a fixed number
 * of syncs, reading in one sync, surviving edits around the tables, clearing only our marks.
 */
import { createFakeExcel } from '../../src/fake-excel';
import { insertTemplate } from '../../src/excel/template';
import { READ_LIMIT, readActiveSheet } from '../../src/excel/read';
import { clearMarks } from '../../src/excel/marks';
import { forgetRemembered, LAST_YEAR_SHEET, prefillAndRemember, readRemembered, remember } from '../../src/excel/last-year';
import { cellsOf, getFormat } from '../../src/core/formats/registry';
import { MARKER, NAME_PREFIX, SHEET_NAMES } from '../../src/core/template/plan';
import { a1 } from '../../src/core/template/a1';
import { linesIn } from '../../src/core/export/width';
import { containsCell, formatRect, parseA1 } from '../../src/fake-excel/address';

type Fake = ReturnType<typeof createFakeExcel>;
let fake: Fake;
let restore: () => void;

beforeEach(() => {
  fake = createFakeExcel({ sheets: ['Sheet1'] });
  restore = fake.install();
});
afterEach(() => restore());

const insert = (format = '2021', year = 2024, totals: 'formula' | 'value' = 'formula') => fake.Excel.run((context) => insertTemplate(context, { format, year, body: '示例县人民政府', totals }));
const absolute = (address: string): string => formatRect(parseA1(address)!, true);
const read = () => fake.Excel.run((context) => readActiveSheet(context));

describe.each(['2019', '2021'])('format %s template', (formatId) => {
  const year = formatId === '2019' ? 2020 : 2024;

  test('is inserted into a new sheet in two syncs, with every cell named and the sheet marked as ours', async () => {
    fake.workbook.sheet('Sheet1').setValues('A1:B2', [['用户的数据', 1], ['不要动', 2]]);
    const before = fake.snapshot('Sheet1');
    const syncs = fake.stats.syncs;
    const { sheetName, plan } = await insert(formatId, year);
    expect(fake.stats.syncs - syncs).toBe(2);
    expect(sheetName).toBe(`${year}年度报表`);
    expect(fake.snapshot('Sheet1')).toEqual(before);

    const snap = fake.snapshot(sheetName);
    const format = getFormat(formatId)!;
    expect(snap.names.filter((n) => n.name.startsWith(NAME_PREFIX)).length).toBe(cellsOf(format).size);
    expect(snap.names.filter((n) => !n.name.startsWith(NAME_PREFIX)).map((n) => [n.name, n.formula])).toEqual([
      [SHEET_NAMES.tables, `='${sheetName}'!${absolute(plan.printArea)}`],
      [SHEET_NAMES.checks, `='${sheetName}'!${absolute(plan.checkArea)}`],
      [SHEET_NAMES.format, `="${formatId}"`],
      [SHEET_NAMES.year, `=${year}`],
      [SHEET_NAMES.totals, '="formula"'],
    ]);
    expect(snap.customProperties).toEqual({ 'nianbao.format': formatId, 'nianbao.year': String(year), 'nianbao.template': '1', 'nianbao.totals': 'formula' });
    expect(snap.conditionalFormats.length).toBeGreaterThanOrEqual(plan.checks.length);
    expect(snap.conditionalFormats.every((cf) => (cf.rule?.formula ?? '').includes(MARKER))).toBe(true);
    expect(snap.printArea).toBe(plan.printArea);
    // Labels verbatim where the plan put them.
    const sheet = fake.workbook.sheet(sheetName);
    for (const c of plan.cells.filter((x) => x.role === 'label' || x.role === 'header')) expect(sheet.getValue(`${String.fromCharCode(65 + c.col)}${c.row + 1}`)).toBe(c.value);
    expect(sheet.mergedAreas().length).toBe(plan.merges.length);
  });

  test('is read back in one sync, by names, with the format and year it records', async () => {
    const { sheetName, plan } = await insert(formatId, year, 'value');
    const id = 't3.received.natural';
    const p = plan.positions.get(id)!;
    fake.workbook.sheet(sheetName).setValues(`${String.fromCharCode(65 + p.col)}${p.row + 1}`, [[17]]);
    const syncs = fake.stats.syncs;
    const result = await read();
    expect(fake.stats.syncs - syncs).toBe(1);
    expect(result.template).toMatchObject({ format: formatId, year });
    expect(result.cells?.[id]).toBe(17);
    expect(Object.keys(result.cells ?? {})).toHaveLength(cellsOf(getFormat(formatId)!).size);
  });
});

test('a second template in the same workbook gets a free name, and its own names', async () => {
  await insert();
  const second = await insert();
  expect(second.sheetName).toBe('2024年度报表(2)');
  expect((await read()).sheetName).toBe('2024年度报表(2)');
});

test('totals are formulas by default, typed values on request', async () => {
  const { sheetName, plan } = await insert('2021', 2024, 'formula');
  const p = plan.positions.get('t3.received.total')!;
  const address = `${String.fromCharCode(65 + p.col)}${p.row + 1}`;
  expect(fake.workbook.sheet(sheetName).getFormulas(address)[0][0]).toMatch(/^=SUM\(D\d+,E\d+,F\d+,G\d+,H\d+,I\d+\)$/);
  const typed = await insert('2021', 2024, 'value');
  expect(fake.workbook.sheet(typed.sheetName).getFormulas(address)[0][0]).toBe('');
});

test('rows inserted above the tables and a renamed sheet: cells are still found by their names', async () => {
  const { sheetName, plan } = await insert('2021', 2024, 'value');
  const p = plan.positions.get('t4.review.total')!;
  fake.workbook.sheet(sheetName).setValues(`${String.fromCharCode(65 + p.col)}${p.row + 1}`, [[9]]);
  fake.user.insertRows(sheetName, 1, 5);
  fake.user.renameSheet(sheetName, '年报表格');
  await fake.flushEvents();
  const result = await read();
  expect(result.sheetName).toBe('年报表格');
  expect(result.cells?.['t4.review.total']).toBe(9);
  expect(result.addresses['t4.review.total']).toBe(`${String.fromCharCode(65 + p.col)}${p.row + 6}`);
});

test('deleted table rows: their cells are gone (not zero) and the rest still reads', async () => {
  const { sheetName, plan } = await insert('2021', 2024, 'value');
  const row = plan.positions.get('t3.denied1.natural')!.row + 1;
  fake.user.deleteRows(sheetName, row, 1);
  await fake.flushEvents();
  const result = await read();
  expect(result.cells?.['t3.denied1.natural']).toBeUndefined();
  expect(result.cells).toHaveProperty(['t3.denied2.natural']);
});

test('clearing marks removes our rules and check cells only: values, formats and the user\'s own rules stay', async () => {
  const { sheetName } = await insert('2021', 2024, 'value');
  await fake.Excel.run(async (context) => {
    const rule = context.workbook.worksheets.getItem(sheetName).getRange('D5:D6').conditionalFormats.add('Custom');
    rule.custom.rule.formula = '=D5>100';
    rule.custom.format.fill.color = '#00FF00';
    await context.sync();
  });
  const before = fake.snapshot(sheetName);
  const result = await fake.Excel.run((context) => clearMarks(context));
  expect(result.rules).toBeGreaterThan(40);
  expect(result.checkCells).toBe(true);
  const after = fake.snapshot(sheetName);
  expect(after.conditionalFormats).toEqual([expect.objectContaining({ ranges: ['D5:D6'], rule: { formula: '=D5>100' } })]);
  const ours = (cells: Record<string, { value?: unknown }>) => Object.fromEntries(Object.entries(cells).filter(([a]) => !/^[QR]\d+$/.test(a)));
  expect(ours(after.cells)).toEqual(ours(before.cells));
  expect(after.merges).toEqual(before.merges);
  expect(after.names).toEqual(before.names);
});

/**
 * Real Excel's behaviours, each modelled in src/fake-excel first; every test here failed against
 * the adapter before it was changed to cope. The sources are in the comments of src/excel/*.ts.
 */
describe('real Excel: clearing marks', () => {
  test('a sheet that also holds a colour scale, a data bar and a cell-value rule: only ours go (office-js #2180)', async () => {
    const { sheetName } = await insert('2021', 2024, 'value');
    await fake.Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(sheetName);
      sheet.getRange('T1:T10').conditionalFormats.add('ColorScale');
      sheet.getRange('U1:U10').conditionalFormats.add('DataBar');
      const cellValue = sheet.getRange('V1:V10').conditionalFormats.add('CellValue');
      cellValue.cellValue.rule = { formula1: '=0', operator: 'GreaterThan' };
      await context.sync();
    });
    const result = await fake.Excel.run((context) => clearMarks(context));
    expect(result).toMatchObject({ failed: 0, checkCells: true });
    expect(result.rules).toBeGreaterThan(40);
    expect(fake.snapshot(sheetName).conditionalFormats.map((cf) => `${cf.type} ${cf.ranges.join()}`)).toEqual(['CellValue V1:V10', 'DataBar U1:U10', 'ColorScale T1:T10']);
  });

  test('rules sharing a range that Excel will not read or delete (#5222, #6827, #6835): the others are cleared, those counted', async () => {
    const { sheetName, plan } = await insert('2021', 2024, 'value');
    const shared = plan.highlights.find((h) => !h.ranges.includes(',') && plan.highlights.filter((x) => x.ranges === h.ranges).length === 2)!.ranges;
    expect(fake.control.breakConditionalFormats(sheetName, shared)).toBe(2);
    const total = fake.snapshot(sheetName).conditionalFormats.length;
    const result = await fake.Excel.run((context) => clearMarks(context));
    expect(result).toEqual({ rules: total - 2, failed: 2, checkCells: true });
    expect(fake.snapshot(sheetName).conditionalFormats.map((cf) => cf.ranges.join())).toEqual([shared, shared]);
  });

  test('columns inserted left of the tables: the check cells are cleared where they now are, never the cells where they were (names move, property text does not)', async () => {
    const { sheetName, plan } = await insert('2021', 2024, 'value');
    const p = plan.positions.get('t4.review.total')!;
    fake.workbook.sheet(sheetName).setValues(a1(p.row, p.col), [[9]]);
    fake.user.insertColumns(sheetName, 'A', 2);
    // The user's own note just right of the tables, in a column the check cells held before.
    const checks = parseA1(plan.checkArea)!;
    const formerCheckCell = a1(checks.r0, checks.c0 + 1);
    fake.user.setValues(sheetName, formerCheckCell, [['用户的备注']]);
    await fake.flushEvents();
    const moved = { ...checks, c0: checks.c0 + 2, c1: checks.c1 + 2 };
    const before = fake.snapshot(sheetName).cells;
    expect(Object.keys(before).filter((a) => containsCell(moved, parseA1(a)!.r0, parseA1(a)!.c0)).length).toBeGreaterThan(20);

    const result = await fake.Excel.run((context) => clearMarks(context));
    expect(result.checkCells).toBe(true);
    const after = fake.snapshot(sheetName).cells;
    const outside = (cells: typeof before) => Object.fromEntries(Object.entries(cells).filter(([a]) => !containsCell(moved, parseA1(a)!.r0, parseA1(a)!.c0)));
    expect(outside(after)).toEqual(outside(before));
    expect(after[formerCheckCell]?.value).toBe('用户的备注');
    expect(after[a1(p.row, p.col + 2)]?.value).toBe(9);
    expect(Object.entries(after).filter(([a, c]) => containsCell(moved, parseA1(a)!.r0, parseA1(a)!.c0) && c.value !== undefined && c.value !== null)).toEqual([]);
  });
});

describe('real Excel: what a sheet copy keeps, and big sheets', () => {
  test('a copy of last year\'s template sheet (custom properties are not copied, #5486) is recognised by its names and its title', async () => {
    const { sheetName, plan } = await insert('2021', 2023, 'value');
    const p = plan.positions.get('t3.received.natural')!;
    fake.workbook.sheet(sheetName).setValues(a1(p.row, p.col), [[12]]);
    const copy = fake.user.copySheet(sheetName);
    fake.user.activate(copy);
    fake.user.setValues(copy, 'A1', [['示例县人民政府2024年政府信息公开工作年度报告（表格）']]);
    await fake.flushEvents();
    expect(fake.snapshot(copy).customProperties).toEqual({});
    const result = await read();
    // The typed-totals setting comes along by its name as well.
    expect(result.template).toEqual({ format: '2021', year: 2024, totals: 'value', propertiesMissing: true });
    expect(result.cells?.['t3.received.natural']).toBe(12);
    expect(Object.keys(result.cells ?? {})).toHaveLength(cellsOf(getFormat('2021')!).size);
  });

  test('a copy of a sheet from before the format had its own name: the format follows from which cells are named', async () => {
    const { sheetName } = await insert('2019', 2020, 'value');
    fake.workbook.names = fake.workbook.names.filter((n) => n.name !== SHEET_NAMES.format && n.name !== SHEET_NAMES.year);
    const copy = fake.user.copySheet(sheetName);
    fake.user.activate(copy);
    expect(await read()).toMatchObject({ template: { format: '2019', year: 2020, propertiesMissing: true } });
  });

  test('a big ordinary sheet (over Excel on the web\'s 5 MB per response) is read up to READ_LIMIT and says so', async () => {
    const filler = '这是一段很长的说明文字，用来占满工作表，模拟一个很大的台账。'.repeat(2);
    const rows = 20_000;
    fake.workbook.sheet('Sheet1').setValues(`A1:E${rows}`, Array.from({ length: rows }, () => Array<string>(5).fill(filler)));
    const syncs = fake.stats.syncs;
    const result = await read();
    expect(fake.stats.syncs - syncs).toBe(1);
    expect(result.truncated).toEqual({ rows, columns: 5 });
    expect(result.grid?.rows).toHaveLength(READ_LIMIT.rows);
  });

  test('a template sheet with a big block of the user\'s own data below: the tables are read in one sync', async () => {
    const { sheetName, plan } = await insert('2021', 2024, 'value');
    const p = plan.positions.get('t4.review.total')!;
    fake.workbook.sheet(sheetName).setValues(a1(p.row, p.col), [[9]]);
    const filler = '用户自己的台账数据，与年报无关，但数量很大。'.repeat(3);
    fake.workbook.sheet(sheetName).setValues('A100:E20099', Array.from({ length: 20_000 }, () => Array<string>(5).fill(filler)));
    const result = await read();
    expect(result.template).toMatchObject({ format: '2021', year: 2024 });
    expect(result.cells?.['t4.review.total']).toBe(9);
  });
});

describe('real Excel: the printed size of the template', () => {
  test.each(['2019', '2021'])('format %s: columns as wide as planned in Excel\'s own characters (#187, #3036), no merged label clipped', async (formatId) => {
    const { sheetName, plan } = await insert(formatId, formatId === '2019' ? 2020 : 2024);
    const sheet = fake.workbook.sheet(sheetName);
    plan.columnWidths.forEach((width, col) => expect(sheet.columnCharacters(col)).toBeCloseTo(width, 5));
    expect(plan.rowHeights.length).toBeGreaterThan(5);
    expect(sheet.clippedMergedText(linesIn)).toEqual([]);
  });
});

describe('last year’s report in the workbook (「从上年报告开始」)', () => {
  const record = { format: '2021', year: 2023, source: '2023年报.xlsx', sourceKind: 'file' as const, cells: { 't3.carriedOver.natural': 4, 't3.carriedOver.commercial': '/', 't3.note': '=HYPERLINK("x")' } };

  test('prefill writes only blank cells, in two syncs, and remembers the report as text in a very hidden sheet that reads back', async () => {
    const { sheetName, plan } = await insert('2021', 2024);
    const addr = (id: string) => a1(plan.positions.get(id)!.row, plan.positions.get(id)!.col);
    fake.workbook.sheet(sheetName).setValues(addr('t3.carriedIn.commercial'), [[7]]);
    const sheet = await read();
    const syncs = fake.stats.syncs;
    const result = await fake.Excel.run((context) =>
      prefillAndRemember(context, sheet.worksheetId, sheet.addresses, { 't3.carriedIn.natural': 4, 't3.carriedIn.commercial': 9 }, record),
    );
    expect(fake.stats.syncs - syncs).toBe(2);
    expect(result).toEqual({ filled: ['t3.carriedIn.natural'], kept: ['t3.carriedIn.commercial'] });
    expect(fake.workbook.sheet(sheetName).getValue(addr('t3.carriedIn.natural'))).toBe(4);
    expect(fake.workbook.sheet(sheetName).getValue(addr('t3.carriedIn.commercial'))).toBe(7);
    const store = fake.workbook.sheet(LAST_YEAR_SHEET);
    expect(store.visibility).toBe('VeryHidden');
    // A formula-looking text last year held stays text: never a formula in the workbook.
    expect(String(store.getFormulas('A1')[0][0]).startsWith('{')).toBe(true);
    expect(await fake.Excel.run((context) => readRemembered(context))).toEqual(record);
    // The pass learns in its own sync that there is something to read.
    expect((await read()).lastYearStored).toBe(true);
  });

  test('a remembered record edited by hand is ignored, not trusted; forgetting deletes the sheet', async () => {
    await fake.Excel.run((context) => remember(context, record));
    fake.workbook.sheet(LAST_YEAR_SHEET).setValues('A1', [['{"nianbaoLastYear":1,"format":"2099","source":"x","sourceKind":"file","cells":{}}']]);
    expect(await fake.Excel.run((context) => readRemembered(context))).toBeUndefined();
    await fake.Excel.run((context) => forgetRemembered(context));
    expect(fake.workbook.sheets.some((s) => s.name === LAST_YEAR_SHEET)).toBe(false);
    expect(await fake.Excel.run((context) => readRemembered(context))).toBeUndefined();
    expect((await read()).lastYearStored).toBe(false);
  });
});
