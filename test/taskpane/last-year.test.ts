/**
 * 「从上年报告开始」 end to end on the Excel fake: last year's report from a sheet of the workbook
 * or from a file, this year's template prefilled where blank (never over the user's figures),
 * last year's figures remembered in the workbook for every later check and a fresh pane, the
 * cross-year rules live, and 2020 → 2021 saying what is not comparable.
 */
import { createFakeExcel } from '../../src/fake-excel';
import { PaneController, type PaneState } from '../../src/taskpane/controller';
import { createExcelHost } from '../../src/taskpane/host';
import { LAST_YEAR_SHEET } from '../../src/excel/last-year';
import { a1 } from '../../src/core/template/a1';
import { planTemplate } from '../../src/core/template/plan';
import { getFormat } from '../../src/core/formats/registry';
import type { ReadResult } from '../../src/core/import/grid';
import { loadCellsFixture, rawCells } from '../helpers/fixtures';

type Fake = ReturnType<typeof createFakeExcel>;
const COALESCE = 60;
const COLUMNS = ['natural', 'commercial', 'research', 'nonprofit', 'legal', 'otherOrg', 'total'];
let fake: Fake;
let restore: () => void;
let controller: PaneController;
const controllers: PaneController[] = [];

const newPane = (): PaneController => {
  const pane = new PaneController(createExcelHost({ timeoutMs: 1500, coalesceMs: COALESCE }), { render: (_: PaneState) => undefined }, { listenRetryMs: 50 });
  controllers.push(pane);
  return pane;
};

beforeEach(() => {
  fake = createFakeExcel({ sheets: ['Sheet1'] });
  restore = fake.install();
  controller = newPane();
});
afterEach(async () => {
  for (const pane of controllers.splice(0)) await pane.stop();
  restore();
});

const settle = async (): Promise<void> => {
  await fake.flushEvents();
  await new Promise((r) => setTimeout(r, COALESCE * 3));
  await fake.flushEvents();
  await new Promise((r) => setTimeout(r, 20));
};

const huaian = loadCellsFixture('huaian-2024');
const plan2021 = planTemplate(getFormat('2021')!, { year: 2025, totals: 'value' });
const at = (id: string): string => {
  const p = plan2021.positions.get(id)!;
  return a1(p.row, p.col);
};

/** Last year's report (淮安 2024) typed into a template sheet of this workbook; the user then returns to Sheet1. */
async function lastYearSheet(): Promise<string> {
  await controller.start();
  await controller.insertTemplate({ format: '2021', year: 2024, totals: 'value' });
  const sheet = controller.state.sheetName!;
  const raw = rawCells(huaian);
  for (const id of plan2021.positions.keys()) if (raw[id] !== undefined) fake.workbook.sheet(sheet).setValues(at(id), [[raw[id] as number | string | null]]);
  fake.user.activate('Sheet1');
  await controller.check();
  return sheet;
}

test('from a sheet of this workbook: a 2025 template is inserted, 二、上年结转 prefilled per column from 2024’s 四、结转下年度继续办理, and the figures remembered in a very hidden sheet', async () => {
  const source = await lastYearSheet();
  await controller.startFromLastYear({ kind: 'sheet', name: source }, { totals: 'value' });
  const state = controller.state;
  expect(state.error).toBeUndefined();
  expect(state).toMatchObject({ template: true, year: 2025, lastYearUsed: true });
  const sheet = fake.workbook.sheet(state.sheetName!);
  for (const c of COLUMNS) expect(sheet.getValue(at(`t3.carriedIn.${c}`))).toBe(huaian.cells[`t3.carriedOver.${c}`]);
  expect(sheet.getValue(at('t3.carriedIn.natural'))).toBe(103);
  // Nothing else of this year's is filled in.
  expect(sheet.getValue(at('t3.received.natural'))).toBe('');
  expect(state.notice).toBe(`已从工作表「${source}」（2024 年度，2021 年格式）结转 7 个单元格。`);
  expect(state.carrySummary).toEqual(['已结转：二、上年结转政府信息公开申请数量，7 个单元格，取自上年“四、结转下年度继续办理”。']);
  expect(fake.workbook.sheet(LAST_YEAR_SHEET).visibility).toBe('VeryHidden');
  // The source sheet is left as it was, and is not checked against itself.
  expect(fake.workbook.sheet(source).getValue(at('t3.carriedOver.natural'))).toBe(103);
});

test('prefill never overwrites what the user typed; the cross-year rule then names the difference live', async () => {
  const source = await lastYearSheet();
  await controller.insertTemplate({ format: '2021', year: 2025, totals: 'value' });
  const sheet = controller.state.sheetName!;
  fake.user.setValues(sheet, at('t3.carriedIn.natural'), [[99]]);
  // A formula of the user's that shows nothing (yet) is theirs too, not a blank cell.
  const formula = '=IF(Sheet1!A1="","",Sheet1!A1)';
  fake.user.setValues(sheet, at('t3.carriedIn.legal'), [[formula]]);
  fake.workbook.sheet(sheet).setFormulaResults(at('t3.carriedIn.legal'), [['']]);
  await settle();
  await controller.startFromLastYear({ kind: 'sheet', name: source });
  expect(controller.state.sheetName).toBe(sheet);
  expect(fake.workbook.sheet(sheet).getValue(at('t3.carriedIn.natural'))).toBe(99);
  expect(fake.workbook.sheet(sheet).getFormulas(at('t3.carriedIn.legal'))).toEqual([[formula]]);
  expect(fake.workbook.sheet(sheet).getValue(at('t3.carriedIn.commercial'))).toBe(huaian.cells['t3.carriedOver.commercial']);
  expect(controller.state.notice).toContain('结转 5 个单元格');
  expect(controller.state.carrySummary).toContain('未改动：「二、上年结转政府信息公开申请数量 / 自然人」、「二、上年结转政府信息公开申请数量 / 法律服务机构」已有内容，保留原值，请自行核对。');
  expect(controller.state.findings.filter((f) => f.code === 't3.carryOver').map((f) => [f.cells, f.params?.lastYearCells])).toEqual([[['t3.carriedIn.natural'], ['t3.carriedOver.natural']]]);
});

test('remembered figures survive a fresh pane; an edit that breaks t3.carryOver is found live; 不再使用 forgets them', async () => {
  const source = await lastYearSheet();
  await controller.startFromLastYear({ kind: 'sheet', name: source }, { totals: 'value' });
  const sheet = controller.state.sheetName!;
  await controller.stop();

  const fresh = newPane();
  await fresh.start();
  expect(fresh.state.lastYear).toMatchObject({ source, sourceKind: 'sheet', year: 2024, format: '2021' });
  expect(fresh.state.lastYearUsed).toBe(true);
  expect(fresh.state.findings.some((f) => f.code === 't3.carryOver')).toBe(false);

  fake.user.setValues(sheet, at('t3.carriedIn.legal'), [[Number(huaian.cells['t3.carriedOver.legal']) + 2]]);
  await settle();
  const carry = fresh.state.findings.filter((f) => f.code === 't3.carryOver');
  expect(carry.map((f) => f.cells[0])).toEqual(['t3.carriedIn.legal']);

  await fresh.forgetLastYear();
  expect(fake.workbook.sheets.some((s) => s.name === LAST_YEAR_SHEET)).toBe(false);
  expect(fresh.state.lastYear).toBeUndefined();
  expect(fresh.state.findings.some((f) => f.code === 't3.carryOver')).toBe(false);
});

test('remembered figures that cannot be read this time: the pass says so and checks the rest; the next pass reads them', async () => {
  const source = await lastYearSheet();
  await controller.startFromLastYear({ kind: 'sheet', name: source }, { totals: 'value' });
  await controller.stop();

  const host = createExcelHost({ timeoutMs: 1500, coalesceMs: COALESCE });
  let failures = 1;
  const flaky = { ...host, readRemembered: () => (failures-- > 0 ? Promise.reject(new Error('GeneralException')) : host.readRemembered()) };
  const fresh = new PaneController(flaky, { render: (_: PaneState) => undefined }, { listenRetryMs: 50 });
  controllers.push(fresh);
  await fresh.start();
  expect(fresh.state.error).toMatch(/^读取工作簿记住的上年报告失败（.*），本次未核对跨年度规则，下次检查时将重试。$/);
  expect(fresh.state).toMatchObject({ template: true, lastYearUsed: false });
  expect(fresh.state.lastYear).toBeUndefined();
  await fresh.check();
  expect(fresh.state.error).toBeUndefined();
  expect(fresh.state).toMatchObject({ lastYearUsed: true, lastYear: { source, year: 2024 } });
});

test('a remembered record that was edited into something unreadable: every pass says so, without reading it again; starting again mends it', async () => {
  const source = await lastYearSheet();
  await controller.startFromLastYear({ kind: 'sheet', name: source }, { totals: 'value' });
  await controller.stop();
  fake.workbook.sheet(LAST_YEAR_SHEET).setValues('A1', [['{"nianbaoLastYear": "被改过"']]);

  const fresh = newPane();
  await fresh.start();
  const damaged = '工作簿中记住的上年报告数字已无法读取（可能被改动过），未核对跨年度规则；如需核对，请重新「从上年报告开始」。';
  expect(fresh.state.error).toBe(damaged);
  expect(fresh.state.lastYearUsed).toBe(false);
  const syncs = fake.stats.syncs;
  await fresh.check();
  expect(fake.stats.syncs - syncs).toBe(1);
  expect(fresh.state.error).toBe(damaged);

  await fresh.startFromLastYear({ kind: 'sheet', name: source }, { totals: 'value' });
  expect(fresh.state.error).toBeUndefined();
  expect(fresh.state.lastYearUsed).toBe(true);
});

test('a report pasted into an ordinary sheet is checked against the remembered year, in one check, only when it is the next year\'s', async () => {
  const source = await lastYearSheet();
  await controller.startFromLastYear({ kind: 'sheet', name: source }, { totals: 'value' });
  const { layoutReport } = await import('../../src/core/export/layout');
  const check = await import('../../src/core/check');
  const paste = async (year: number): Promise<void> => {
    fake.user.setValues('Sheet1', 'A1', [[`示例县人民政府${year}年政府信息公开工作年度报告`]]);
    let row = 3;
    for (const table of layoutReport(getFormat('2021')!, rawCells(huaian))) {
      const width = Math.max(...table.rows.map((r) => r.length));
      const block = table.rows.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? ''));
      fake.user.setValues('Sheet1', `B${row}:${String.fromCharCode(65 + width)}${row + block.length - 1}`, block as (string | number)[][]);
      row += block.length + 2;
    }
    fake.user.activate('Sheet1');
    await settle();
  };
  const checks = jest.spyOn(check, 'checkReport');
  try {
    // 淮安's 2024 figures pasted as a 2025 report: 二、上年结转 is compared with 2024's 四、结转下年度.
    await paste(2025);
    checks.mockClear();
    await controller.check();
    expect(checks).toHaveBeenCalledTimes(1);
    expect(controller.state).toMatchObject({ sheetName: 'Sheet1', template: false, year: 2025, lastYearUsed: true });
    expect(controller.state.findings.some((f) => f.code === 't3.carryOver')).toBe(true);
    // The same tables as a 2027 report: 2024 is not its year before.
    await paste(2027);
    checks.mockClear();
    await controller.check();
    expect(checks).toHaveBeenCalledTimes(1);
    expect(controller.state).toMatchObject({ year: 2027, lastYearUsed: false });
    expect(controller.state.findings.some((f) => f.code === 't3.carryOver')).toBe(false);
  } finally {
    checks.mockRestore();
  }
});

test('from a file, 2020 (format 2019) → 2021: t3 carries over, 表二 is said to be incomparable', async () => {
  await controller.start();
  const cells = { ...rawCells(loadCellsFixture('wutuan-2019')), 't3.carriedOver.natural': 5, 't3.carriedOver.total': 5 };
  const read = (): Promise<ReadResult> => Promise.resolve({ grids: [], cells, meta: { format: '2019', year: 2020 } });
  await controller.startFromLastYear({ kind: 'file', name: '某某区2020年报.xlsx', read }, { totals: 'formula' });
  const state = controller.state;
  expect(state).toMatchObject({ year: 2021, template: true, lastYearUsed: true });
  expect(state.format?.id).toBe('2021');
  expect(fake.workbook.sheet(state.sheetName!).getValue(at('t3.carriedIn.natural'))).toBe(5);
  expect(state.notice).toMatch(/^已从文件《某某区2020年报\.xlsx》（2020 年度，2019 年格式（试行））结转 \d+ 个单元格。$/);
  expect(state.carrySummary?.some((line) => line.startsWith('不可比：上年报告为2019 年格式（试行），其中「') && line.includes('与2021 年格式不可比'))).toBe(true);
  // The total is a formula in this template: never written over.
  expect(String(fake.workbook.sheet(state.sheetName!).getFormulas(at('t3.carriedIn.total'))[0][0])).toMatch(/^=SUM\(/);
});

test('a file without the tables, or one that cannot be read, is refused in Chinese and nothing is written', async () => {
  await controller.start();
  const sheets = fake.workbook.sheets.length;
  await controller.startFromLastYear({ kind: 'file', name: '说明.txt', read: () => Promise.resolve({ grids: [], text: ['没有表格'] }) });
  expect(controller.state.error).toBe('文件《说明.txt》中没有找到年度报告表格，请选择上年的年度报告。');
  await controller.startFromLastYear({ kind: 'file', name: '坏.pdf', read: () => Promise.reject(new Error('PDF 文件没有文字层')) });
  expect(controller.state.error).toBe('无法读取文件《坏.pdf》：PDF 文件没有文字层');
  expect(fake.workbook.sheets.length).toBe(sheets);
  expect(controller.state.lastYear).toBeUndefined();
});

test('format 2019 → 2020 from a file: 上一年项目数量 rolls forward by t2.itemsRollForward, 二、上年结转 by t3.carryOver', async () => {
  await controller.start();
  const cells = { ...rawCells(loadCellsFixture('wutuan-2019')), 't2.art20_5.license.lastYearItems': 40, 't2.art20_5.license.change': '减4', 't3.carriedOver.natural': 2 };
  await controller.startFromLastYear({ kind: 'file', name: '2019年报.json', read: () => Promise.resolve({ grids: [], cells, meta: { format: '2019', year: 2019 } }) }, { totals: 'value' });
  const state = controller.state;
  expect(state).toMatchObject({ year: 2020, template: true, lastYearUsed: true });
  expect(state.format?.id).toBe('2019');
  const plan = planTemplate(getFormat('2019')!, { year: 2020, totals: 'value' });
  const cell = (id: string) => fake.workbook.sheet(state.sheetName!).getValue(a1(plan.positions.get(id)!.row, plan.positions.get(id)!.col));
  expect(cell('t2.art20_5.license.lastYearItems')).toBe(36);
  expect(cell('t3.carriedIn.natural')).toBe(2);
  expect(state.carrySummary?.some((line) => line.startsWith('已结转：上一年项目数量，') && line.endsWith('按上年“上一年项目数量”加“本年增/减”。'))).toBe(true);
  // Prefilled figures agree with last year's: no cross-year finding.
  expect(state.findings.filter((f) => ['t3.carryOver', 't2.itemsRollForward', 't2.stockFlow'].includes(f.code))).toEqual([]);
});
