/**
 * The real task pane (dist/addin/taskpane.html, as Excel loads it) in headless Chromium, 320 px
 * wide, with office.js answered by fake-office.js (the in-memory Excel) and no network: insert the
 * template, type wrong numbers, see the findings in Chinese grouped by table with counts, click one
 * and see Excel's selection move to the culprit cell, clear the marks, reach "all checks pass".
 */
import * as fs from 'fs';
import type { Page } from 'playwright-core';
import { PNG_SIGNATURE, consoleProblems, offlineContext, screenshotPath } from './harness';
import { useBrowserSuite } from './suite';

const suite = useBrowserSuite('nianbao-browser-');

/** The A1 address of a cell id on the active sheet, from the template's names (`NB_<id>`). */
function addressOf(page: Page, id: string): Promise<string> {
  return page.evaluate((cellId) => {
    const book = window.__nianbaoFake!.workbook;
    const sheet = book.activeSheet();
    const name = book.names.find((n) => n.scopeSheetId === sheet.id && n.name === `NB_${cellId}`);
    if (!name) throw new Error(`no name NB_${cellId}`);
    return name.formula.slice(name.formula.lastIndexOf('!') + 1).replace(/\$/g, '');
  }, id);
}

/** The person at the keyboard types into the active sheet (one change event). */
function userTypes(page: Page, address: string, value: number | string): Promise<void> {
  return page.evaluate(
    ([a, v]) => {
      const fake = window.__nianbaoFake!;
      fake.user.setValues(fake.workbook.activeSheet().name, a, [[v]]);
    },
    [address, value] as const,
  );
}

/** Every input cell of the template 0 (arranged directly, no events), then one edit to trigger a check. */
async function fillWithZeros(page: Page): Promise<void> {
  await page.evaluate(() => {
    const fake = window.__nianbaoFake!;
    const book = fake.workbook;
    const sheet = book.activeSheet();
    let last = '';
    for (const n of book.names) {
      if (n.scopeSheetId !== sheet.id || !n.name.startsWith('NB_')) continue;
      const address = n.formula.slice(n.formula.lastIndexOf('!') + 1).replace(/\$/g, '');
      if (sheet.cellAt(address)?.formula) continue;
      sheet.setValues(address, [[0]]);
      last = address;
    }
    fake.user.setValues(sheet.name, last, [[0]]);
  });
}

const overflowX = (page: Page): Promise<number> => page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - document.documentElement.clientWidth);

test('insert the template, type wrong numbers, see the findings, click one, clear the marks, all pass — at 320 px', async () => {
  const { context, blocked } = await offlineContext(suite.browser!, { width: 320, height: 900 });
  const page = await context.newPage();
  const problems = consoleProblems(page);

  await page.goto(`${suite.server!.url}/taskpane.html`);
  await page.getByText('工作表「Sheet1」中没有找到年度报告表格').waitFor();

  await page.fill('#year', '2024');
  await page.uncheck('#totals-formula');
  await page.getByRole('button', { name: '插入模板' }).click();
  await page.getByText('已插入新工作表「2024年度报表」').waitFor();
  await page.getByText('工作表「2024年度报表」：2021 年格式，2024 年度（年报助手模板）').waitFor();
  expect(await page.evaluate(() => window.__nianbaoFake!.workbookSnapshot().activeSheet)).toBe('2024年度报表');
  // A fresh template: progress, no errors, the blank cells not listed while filling.
  await page.getByText('已填写 0 / 200').waitFor();
  await page.getByText('已填写的部分未发现问题').waitFor();
  expect(await page.locator('.count-error').count()).toBe(0);
  expect(await page.locator('.finding').count()).toBe(0);
  // 「检查当前工作表」 lists them: every cell still to be filled in is a warning, no errors.
  await page.getByRole('button', { name: '检查当前工作表' }).click();
  await page.locator('.count-warning', { hasText: '警告 200 处' }).waitFor();
  expect(await page.locator('.count-error').innerText()).toBe('错误 0 处');

  await fillWithZeros(page);
  await page.getByText('✓ 全部校验通过').waitFor();

  const culprit = await addressOf(page, 't3.granted.commercial');
  await userTypes(page, culprit, 2);
  await userTypes(page, await addressOf(page, 't4.review.upheld'), 3);
  await page.locator('.count-error', { hasText: '错误 3 处' }).waitFor();
  const groups = await page.locator('.group-title').allInnerTexts();
  expect(groups).toEqual(['三、收到和处理政府信息公开申请情况（错误 2，警告 0）', '四、政府信息公开行政复议、行政诉讼情况（错误 1，警告 0）']);
  const t3 = page.locator('details.group').filter({ hasText: '三、收到和处理政府信息公开申请情况' }).locator('button.finding');
  expect(await t3.count()).toBe(2);
  const first = await t3.first().innerText();
  expect(first).toContain('错误');
  expect(first).toContain('最可能填错的是「三、本年度办理结果（一）予以公开 / 商业企业」：若改为 0');
  expect(await overflowX(page)).toBeLessThanOrEqual(0);

  const shot = screenshotPath('taskpane-320.png', suite.tmp);
  await page.screenshot({ path: shot });
  const png = fs.readFileSync(shot);
  expect(png.length).toBeGreaterThan(10_000);
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);

  const before = await page.evaluate(() => window.__nianbaoFake!.workbookSnapshot().selection);
  await t3.first().click();
  await page.waitForFunction((expected) => window.__nianbaoFake!.workbookSnapshot().selection === expected, `'2024年度报表'!${culprit}`);
  expect(before).not.toBe(`'2024年度报表'!${culprit}`);
  expect(await page.locator('.status-error').count()).toBe(0);

  // 清除标记: our conditional formats and check cells go; the user's values stay.
  const valuesBefore = await page.evaluate(() => {
    const fake = window.__nianbaoFake!;
    const snap = fake.snapshot('2024年度报表');
    return { values: Object.fromEntries(Object.entries(snap.cells).filter(([a]) => /^[A-O]\d+$/.test(a)).map(([a, c]) => [a, c.value])), rules: snap.conditionalFormats.length };
  });
  expect(valuesBefore.rules).toBeGreaterThan(50);
  await page.getByRole('button', { name: '清除标记' }).click();
  await page.getByText(`已清除年报助手添加的 ${valuesBefore.rules} 条条件格式和校验单元格，表格数据和您的格式未改动。`).waitFor();
  const after = await page.evaluate(() => {
    const snap = window.__nianbaoFake!.snapshot('2024年度报表');
    return { values: Object.fromEntries(Object.entries(snap.cells).filter(([a]) => /^[A-O]\d+$/.test(a)).map(([a, c]) => [a, c.value])), rules: snap.conditionalFormats.length, checks: Object.keys(snap.cells).filter((a) => /^[QR]\d+$/.test(a) && snap.cells[a].value !== undefined && snap.cells[a].value !== null) };
  });
  expect(after).toEqual({ values: valuesBefore.values, rules: 0, checks: [] });

  // Put the numbers right: the pane says so.
  await userTypes(page, culprit, 0);
  await userTypes(page, await addressOf(page, 't4.review.total'), 3);
  await page.getByText('✓ 全部校验通过').waitFor();
  expect(await page.locator('button.finding').count()).toBe(0);
  expect(await overflowX(page)).toBeLessThanOrEqual(0);

  expect(problems).toEqual([]);
  expect(blocked).toEqual([]);
  await context.close();
});

test('the 2019 format follows a 2020 report year; formula totals are calculated; errors from Excel appear in Chinese', async () => {
  const { context } = await offlineContext(suite.browser!, { width: 320, height: 700 });
  const page = await context.newPage();
  await page.goto(`${suite.server!.url}/taskpane.html`);
  await page.getByText('没有找到年度报告表格').waitFor();
  await page.fill('#year', '2020');
  await page.locator('#year').dispatchEvent('change');
  expect(await page.locator('#format').inputValue()).toBe('2019');
  await page.getByRole('button', { name: '插入模板' }).click();
  await page.getByText('工作表「2020年度报表」：2019 年格式（试行），2020 年度（年报助手模板）').waitFor();
  await fillWithZeros(page);
  await page.getByText('✓ 全部校验通过').waitFor();
  await userTypes(page, await addressOf(page, 't3.received.natural'), 4);
  await userTypes(page, await addressOf(page, 't3.granted.natural'), 4);
  // The totals are formulas: the fake computed them, so the pane still sees a consistent report.
  await page.waitForFunction(() => {
    const book = window.__nianbaoFake!.workbook;
    const n = book.names.find((x) => x.name === 'NB_t3.resultTotal.total')!;
    return book.activeSheet().getValue(n.formula.slice(n.formula.lastIndexOf('!') + 1).replace(/\$/g, '')) === 4;
  });
  await page.getByText('✓ 全部校验通过').waitFor();
  expect(await overflowX(page)).toBeLessThanOrEqual(0);

  // Excel fails the next request: the pane explains it in Chinese.
  await page.evaluate(() => window.__nianbaoFake!.control.failNextSyncs(1, 'AccessDenied'));
  await page.getByRole('button', { name: '检查当前工作表' }).click();
  await page.getByText('读取工作表失败：Excel 拒绝了此操作（工作表可能受保护）。请取消保护后重试。').waitFor();
  await context.close();
});

test('生成文字 and 导出 in the real pane: text from the tables, inserted into a sheet; export refused, then given with a reason', async () => {
  const { context, blocked } = await offlineContext(suite.browser!, { width: 320, height: 900 });
  const page = await context.newPage();
  const problems = consoleProblems(page);
  await page.goto(`${suite.server!.url}/taskpane.html`);
  await page.getByText('没有找到年度报告表格').waitFor();
  await page.fill('#year', '2024');
  await page.fill('#body', '示例县人民政府');
  await page.uncheck('#totals-formula');
  await page.getByRole('button', { name: '插入模板' }).click();
  await page.getByText('已插入新工作表「2024年度报表」').waitFor();
  await fillWithZeros(page);
  await page.getByText('✓ 全部校验通过').waitFor();

  await page.getByRole('button', { name: '生成文字' }).click();
  const text = page.locator('#narrative-text');
  await text.waitFor();
  expect(await text.inputValue()).toContain('2024年，示例县人民政府未收到政府信息公开申请。');
  await page.getByRole('button', { name: '插入到“报告正文”工作表' }).click();
  await page.getByText('已将文字写入新工作表「报告正文」，可点击工作表标签查看。').waitFor();
  expect(await page.evaluate(() => window.__nianbaoFake!.workbook.sheet('报告正文').getValue('A3'))).toBe('一、总体情况（一）主动公开');

  // The user is still on the tables (the new sheet was not switched to).
  expect(await page.evaluate(() => window.__nianbaoFake!.workbookSnapshot().activeSheet)).toBe('2024年度报表');
  // An error in the tables: export refused until a reason is written.
  await userTypes(page, await addressOf(page, 't4.review.upheld'), 3);
  await page.locator('.count-error', { hasText: '错误 1 处' }).waitFor();
  await page.selectOption('#export-to', 'html');
  await page.getByRole('button', { name: '导出' }).click();
  await page.getByText(/不能导出发布/).waitFor();
  await page.fill('#export-reason', '复议结果待核实，先行报送');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出' }).click();
  expect((await download).suggestedFilename()).toBe('年度报告.html');
  expect(await page.locator('#export-text').inputValue()).toContain('<table');
  expect(await overflowX(page)).toBeLessThanOrEqual(0);
  expect(blocked).toEqual([]);
  expect(problems).toEqual([]);
  await context.close();
});

test('filling in: 已填写 N / 166 with a bar, 「下一个未填写」 selects it, errors listed, blanks listed on 检查当前工作表', async () => {
  const { context, blocked } = await offlineContext(suite.browser!, { width: 320, height: 900 });
  const page = await context.newPage();
  const problems = consoleProblems(page);
  await page.goto(`${suite.server!.url}/taskpane.html`);
  await page.getByText('没有找到年度报告表格').waitFor();
  await page.fill('#year', '2024');
  await page.getByRole('button', { name: '插入模板' }).click();
  await page.getByText('已填写 0 / 166').waitFor();
  expect(await page.locator('#progress-bar').evaluate((bar: HTMLProgressElement) => [bar.value, bar.max])).toEqual([0, 166]);

  // 「下一个未填写」 selects the first cell to fill in; typing there counts.
  await page.getByRole('button', { name: '下一个未填写' }).click();
  const first = await addressOf(page, 't2.art20_1.rules.issued');
  await page.waitForFunction((a) => window.__nianbaoFake!.workbookSnapshot().selection === `'2024年度报表'!${a}`, first);
  await userTypes(page, first, 2);
  await page.getByText('已填写 1 / 166').waitFor();
  await page.getByRole('button', { name: '下一个未填写' }).click();
  await page.waitForFunction((a) => window.__nianbaoFake!.workbookSnapshot().selection === `'2024年度报表'!${a}`, await addressOf(page, 't2.art20_1.rules.repealed'));

  // Mistakes are listed at once (a unit typed into a cell; a column that does not balance yet); the blank cells are not.
  await userTypes(page, await addressOf(page, 't2.art20_1.rules.inForce'), '3件');
  await userTypes(page, await addressOf(page, 't3.received.natural'), 5);
  await page.getByText('已填写 3 / 166').waitFor();
  await page.locator('.count-error', { hasText: '错误 2 处' }).waitFor();
  await page.locator('.count-warning', { hasText: '警告 1 处' }).waitFor();
  expect(await page.locator('.finding').count()).toBe(3);
  expect(await page.locator('.finding', { hasText: '未填写' }).count()).toBe(0);
  await page.screenshot({ path: screenshotPath('taskpane-progress.png', suite.tmp) });

  // A full check lists the blank cells too; the next edit returns to the progress view.
  await page.getByRole('button', { name: '检查当前工作表' }).click();
  await page.locator('.count-warning', { hasText: '警告 164 处' }).waitFor();
  await userTypes(page, await addressOf(page, 't2.art20_1.rules.repealed'), 0);
  await page.getByText('已填写 4 / 166').waitFor();
  await page.locator('.count-warning', { hasText: '警告 1 处' }).waitFor();
  expect(await overflowX(page)).toBeLessThanOrEqual(0);
  expect(blocked).toEqual([]);
  expect(problems).toEqual([]);
  await context.close();
});
