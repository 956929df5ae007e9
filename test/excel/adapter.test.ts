/**
 * The Office.js adapter against the in-memory Excel fake: template insertion in a fixed number
 * of syncs, reading in one sync, surviving edits around the tables, clearing only our marks.
 */
import { createFakeExcel } from '../../src/fake-excel';
import { insertTemplate } from '../../src/excel/template';
import { readActiveSheet } from '../../src/excel/read';
import { clearMarks } from '../../src/excel/marks';
import { cellsOf, getFormat } from '../../src/core/formats/registry';
import { MARKER } from '../../src/core/template/plan';

type Fake = ReturnType<typeof createFakeExcel>;
let fake: Fake;
let restore: () => void;

beforeEach(() => {
  fake = createFakeExcel({ sheets: ['Sheet1'] });
  restore = fake.install();
});
afterEach(() => restore());

const insert = (format = '2021', year = 2024, totals: 'formula' | 'value' = 'formula') => fake.Excel.run((context) => insertTemplate(context, { format, year, body: '示例县人民政府', totals }));
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
    expect(snap.names.length).toBe(cellsOf(format).size);
    expect(snap.customProperties).toMatchObject({ 'nianbao.format': formatId, 'nianbao.year': String(year) });
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
