/**
 * 「从上年报告开始」 in the real pane (headless Chromium, no network), from a file — 淮安's 2024
 * report as published, read in the page by the core readers — and from a sheet of this workbook:
 * a 2025 template is inserted with 二、上年结转 carried over, the pane names the report the
 * cross-year rules use, and an edit that breaks `t3.carryOver` is found at once.
 */
import * as path from 'path';
import type { Page } from 'playwright-core';
import { consoleProblems, offlineContext, screenshotPath } from './harness';
import { useBrowserSuite } from './suite';

const suite = useBrowserSuite('nianbao-last-year-');
const FIXTURES = path.resolve(__dirname, '../../../shared/fixtures');

/** The A1 address of a cell id on a sheet, from the template's names (`NB_<id>`). */
function addressOf(page: Page, sheetName: string, id: string): Promise<string> {
  return page.evaluate(
    ([sheetName, cellId]) => {
      const book = window.__nianbaoFake!.workbook;
      const sheet = book.sheet(sheetName);
      const name = book.names.find((n) => n.scopeSheetId === sheet.id && n.name === `NB_${cellId}`);
      if (!name) throw new Error(`no name NB_${cellId}`);
      return name.formula.slice(name.formula.lastIndexOf('!') + 1).replace(/\$/g, '');
    },
    [sheetName, id] as const,
  );
}

const valueAt = (page: Page, sheetName: string, address: string): Promise<unknown> =>
  page.evaluate(([s, a]) => window.__nianbaoFake!.workbook.sheet(s).getValue(a), [sheetName, address] as const);

test('from a file: 淮安 2024 (.txt) read in the pane, a 2025 template with 二、上年结转 carried, the source named, t3.carryOver live', async () => {
  const { context, blocked } = await offlineContext(suite.browser!, { width: 320, height: 1100 });
  const page = await context.newPage();
  const problems = consoleProblems(page);
  await page.goto(`${suite.server!.url}/taskpane.html`);
  await page.getByText('没有找到年度报告表格').waitFor();

  await page.getByRole('button', { name: '从上年报告开始' }).click();
  await page.locator('#last-year-picker').waitFor();
  await page.setInputFiles('#last-year-file-input', path.join(FIXTURES, 'huaian-2024.txt'));
  // The total column is a formula in this template: six cells are typed in.
  await page.getByText('已从文件《huaian-2024.txt》（2024 年度，2021 年格式）结转 6 个单元格。').waitFor();
  await page.getByText('跨年度核对所用的上年数字取自文件《huaian-2024.txt》（2024 年度，2021 年格式），已保存在本工作簿中。').waitFor();
  await page.getByText('已结转：二、上年结转政府信息公开申请数量，6 个单元格，取自上年“四、结转下年度继续办理”。').waitFor();
  const natural = await addressOf(page, '2025年度报表', 't3.carriedIn.natural');
  expect(await valueAt(page, '2025年度报表', natural)).toBe(103);
  expect(await page.evaluate(() => window.__nianbaoFake!.workbook.sheets.map((s) => [s.name, s.visibility]))).toEqual([
    ['Sheet1', 'Visible'],
    ['2025年度报表', 'Visible'],
    ['年报助手_上年数据', 'VeryHidden'],
  ]);
  await page.screenshot({ path: screenshotPath('taskpane-last-year.png', suite.tmp) });

  // The user changes a carried figure: the cross-year rule says so at once, naming last year's report.
  await page.evaluate((a) => window.__nianbaoFake!.user.setValues('2025年度报表', a, [[100]]), natural);
  const crossYear = page.locator('.finding', { hasText: '上年数字取自文件《huaian-2024.txt》' });
  await crossYear.first().waitFor();
  // 自然人 and the 总计 column that sums it.
  expect(await crossYear.count()).toBe(2);

  // 不再使用: forgotten, and the cross-year finding goes with it.
  await page.getByRole('button', { name: '不再使用' }).click();
  await page.getByText('已删除工作簿中记住的上年报告数字').waitFor();
  await page.locator('#last-year').waitFor({ state: 'hidden' });
  expect(await page.locator('.finding', { hasText: '上年数字取自' }).count()).toBe(0);
  expect(blocked).toEqual([]);
  expect(problems).toEqual([]);
  await context.close();
}, 120_000);

test('from a sheet of this workbook: last year’s template chosen in the pane, this year’s inserted and prefilled', async () => {
  const { context, blocked } = await offlineContext(suite.browser!, { width: 320, height: 1100 });
  const page = await context.newPage();
  const problems = consoleProblems(page);
  await page.goto(`${suite.server!.url}/taskpane.html`);
  await page.getByText('没有找到年度报告表格').waitFor();
  await page.fill('#year', '2024');
  await page.getByRole('button', { name: '插入模板' }).click();
  await page.getByText('已填写 0 / 166').waitFor();
  const carriedOver = await addressOf(page, '2024年度报表', 't3.carriedOver.natural');
  await page.evaluate((a) => {
    const fake = window.__nianbaoFake!;
    fake.workbook.sheet('2024年度报表').setValues(a, [[4]]);
    fake.user.activate('Sheet1');
  }, carriedOver);

  await page.getByRole('button', { name: '从上年报告开始' }).click();
  await page.locator('#last-year-sheet').selectOption('2024年度报表');
  await page.getByRole('button', { name: '使用此工作表' }).click();
  await page.getByText('已从工作表「2024年度报表」（2024 年度，2021 年格式）结转 1 个单元格。').waitFor();
  // Last year's blank columns are said, not zeroed.
  await page.getByText('未结转：「二、上年结转政府信息公开申请数量 / 商业企业」，上年报告该栏未填写，请据实填写。').waitFor();
  expect(await valueAt(page, '2025年度报表', await addressOf(page, '2025年度报表', 't3.carriedIn.natural'))).toBe(4);
  expect(await valueAt(page, '2025年度报表', await addressOf(page, '2025年度报表', 't3.carriedIn.commercial'))).toBe('');
  expect(blocked).toEqual([]);
  expect(problems).toEqual([]);
  await context.close();
}, 120_000);
