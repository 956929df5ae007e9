/**
 * The preview page (dist/addin/preview.html) driven like a person would: insert the template from
 * the pane, paste blocks of figures and type numbers into the grid, see the conditional formats
 * paint the wrong cells red and the pane list the finding, click it and see the grid select the cell.
 */
import * as fs from 'fs';
import type { Page } from 'playwright-core';
import { getFormat } from '../../src/core/formats/registry';
import { a1 } from '../../src/core/template/a1';
import { planTemplate } from '../../src/core/template/plan';
import { PNG_SIGNATURE, consoleProblems, offlineContext, screenshotPath } from './harness';
import { useBrowserSuite } from './suite';

const suite = useBrowserSuite('nianbao-preview-');

const plan = planTemplate(getFormat('2021')!, { year: 2024 });
const at = (id: string): string => {
  const p = plan.positions.get(id)!;
  return a1(p.row, p.col);
};

/** The template's input cells as rectangles (runs along rows, stacked where the columns agree). */
function inputBlocks(): { address: string; rows: number; cols: number }[] {
  const byRow = new Map<number, number[]>();
  for (const c of plan.cells) if (c.role === 'input') byRow.set(c.row, [...(byRow.get(c.row) ?? []), c.col]);
  const runs: { row: number; col: number; cols: number; rows: number }[] = [];
  for (const [row, cols] of [...byRow].sort((x, y) => x[0] - y[0])) {
    for (const col of cols.sort((x, y) => x - y)) {
      const last = runs[runs.length - 1];
      if (last && last.row === row && last.col + last.cols === col) last.cols += 1;
      else runs.push({ row, col, cols: 1, rows: 1 });
    }
  }
  const blocks: typeof runs = [];
  for (const run of runs) {
    const above = blocks.find((b) => b.row + b.rows === run.row && b.col === run.col && b.cols === run.cols);
    if (above) above.rows += 1;
    else blocks.push(run);
  }
  return blocks.map((b) => ({ address: a1(b.row, b.col), rows: b.rows, cols: b.cols }));
}

const cell = (page: Page, address: string) => page.locator(`#grid td[data-addr="${address}"]`);
const cellSelector = (address: string): string => `#grid td[data-addr="${address}"]`;

/**
 * The grid redraws on the next animation frame after a change: wait (up to 5 s) for `selector`'s
 * text to become `expected`, then compare, so a failure shows both.
 */
async function expectText(page: Page, selector: string, expected: string): Promise<void> {
  await page.waitForFunction(([sel, text]) => document.querySelector(sel)?.textContent === text, [selector, expected] as const, { timeout: 5000 }).catch(() => undefined);
  expect({ selector, text: await page.locator(selector).textContent() }).toEqual({ selector, text: expected });
}

/** Clicks a cell and pastes tab-separated text into the grid, as Ctrl+V would. */
async function paste(page: Page, address: string, text: string): Promise<void> {
  await cell(page, address).click();
  await page.evaluate((data) => {
    const transfer = new DataTransfer();
    transfer.setData('text/plain', data);
    document.getElementById('grid')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, text);
}

/** Clicks a cell, types, presses Enter. */
async function type(page: Page, address: string, text: string): Promise<void> {
  await cell(page, address).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

test('a person fills the template in the grid: red cells and the finding for a wrong number; clicking it selects the cell', async () => {
  const { context, blocked } = await offlineContext(suite.browser!, { width: 1600, height: 1000 });
  const page = await context.newPage();
  const problems = consoleProblems(page);
  await page.goto(`${suite.server!.url}/preview.html`);
  await page.getByText('预览模式（无需 Excel）').waitFor();
  await page.getByText('工作表「Sheet1」中没有找到年度报告表格').waitFor();
  expect(await page.locator('.sheet-tab').allInnerTexts()).toEqual(['Sheet1']);

  await page.fill('#year', '2024');
  await page.getByRole('button', { name: '插入模板' }).click();
  await page.locator('.sheet-tab.active', { hasText: '2024年度报表' }).waitFor();
  await page.getByText('工作表「2024年度报表」：2021 年格式，2024 年度（年报助手模板）').waitFor();
  // The template as inserted: title merged across the table, blank inputs plain while filling, totals computed.
  expect(await cell(page, 'A1').getAttribute('colspan')).toBe('15');
  await expectText(page, cellSelector('A1'), '2024年政府信息公开工作年度报告（表格）');
  expect(await cell(page, 'B1').count()).toBe(0);
  expect(await cell(page, at('t3.received.natural')).getAttribute('data-highlight')).toBeNull();
  // The sheet's own setting (R2, beside 未填写的单元格标为黄色) turns the amber marks of blank inputs on.
  await expectText(page, cellSelector('Q2'), '未填写的单元格标为黄色（填“是”或“否”）');
  // Chinese text goes in through the cell editor (F2), as with an input method.
  await cell(page, 'R2').click();
  await page.keyboard.press('F2');
  await page.keyboard.press('Backspace');
  await page.keyboard.insertText('是');
  await page.keyboard.press('Enter');
  await page.waitForFunction((s) => document.querySelector(s)?.getAttribute('data-highlight') === 'warning', cellSelector(at('t3.received.natural')));
  await expectText(page, cellSelector(at('t3.received.total')), '0');

  // Paste zeros block by block (each one paste), then type the figures.
  const blocks = inputBlocks();
  for (const b of blocks) await paste(page, b.address, Array.from({ length: b.rows }, () => Array(b.cols).fill('0').join('\t')).join('\r\n') + '\r\n');
  await type(page, at('t3.received.natural'), '5');
  await type(page, at('t3.granted.natural'), '4');
  await type(page, at('t3.carriedOver.natural'), '1');
  await page.getByText('✓ 全部校验通过').waitFor();
  expect(await page.locator('#grid td[data-highlight]').count()).toBe(0);
  await expectText(page, cellSelector(at('t3.received.total')), '5');
  await expectText(page, cellSelector(at('t3.resultTotal.total')), '4');

  // Data validation refuses a negative count, as Excel's dialog would.
  await type(page, at('t3.received.legal'), '-1');
  await page.getByText('请填写非负整数（没有发生的填 0）。').waitFor();
  await expectText(page, cellSelector(at('t3.received.legal')), '0');

  // A wrong number: the column no longer balances.
  await type(page, at('t3.granted.commercial'), '2');
  await page.locator('.count-error', { hasText: '错误 2 处' }).waitFor();
  for (const id of ['t3.received.commercial', 't3.carriedIn.commercial', 't3.resultTotal.commercial', 't3.carriedOver.commercial', 't3.received.total']) {
    expect({ id, highlight: await cell(page, at(id)).getAttribute('data-highlight') }).toEqual({ id, highlight: 'error' });
  }
  expect(await cell(page, at('t3.granted.commercial')).getAttribute('data-highlight')).toBeNull();
  const finding = page.locator('button.finding', { hasText: '「商业企业」列勾稽关系不成立' });
  expect(await finding.innerText()).toContain('前者比后者少 2');

  await page.locator('#grid').evaluate((grid) => (grid.scrollTop = 0));
  await finding.click();
  const target = at('t3.received.commercial');
  await page.locator(`#grid td.active[data-addr="${target}"]`).waitFor();
  await expectText(page, '#name-box', target);
  expect(await page.evaluate(() => window.__nianbaoFake!.workbookSnapshot().selection)).toBe(`'2024年度报表'!${target}`);

  // Show the tables from their first heading for the picture.
  await page.locator('#grid').evaluate((grid) => {
    const heading = grid.querySelector<HTMLElement>('td[data-addr="A19"]');
    if (heading) grid.scrollTop = heading.offsetTop - 24;
  });
  const shot = screenshotPath('preview.png', suite.tmp);
  await page.screenshot({ path: shot });
  const png = fs.readFileSync(shot);
  expect(png.length).toBeGreaterThan(50_000);
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);

  expect(problems).toEqual([]);
  expect(blocked).toEqual([]);
  await context.close();
});

test('keyboard, formulas, copy and sheet tabs behave like a spreadsheet', async () => {
  const { context } = await offlineContext(suite.browser!, { width: 1280, height: 800 });
  const page = await context.newPage();
  await page.goto(`${suite.server!.url}/preview.html`);
  await page.getByText('没有找到年度报告表格').waitFor();

  await type(page, 'B2', '12');
  await type(page, 'B3', '30');
  await type(page, 'B4', '=SUM(B2:B3)');
  await expectText(page, cellSelector('B4'), '42');
  await cell(page, 'B4').click();
  await expectText(page, '#formula-bar', '=SUM(B2:B3)');
  // Enter moved down; arrows move; Delete clears; Escape cancels an edit.
  await page.keyboard.press('ArrowUp');
  await expectText(page, '#name-box', 'B3');
  await page.keyboard.press('Delete');
  await expectText(page, cellSelector('B4'), '12');
  await page.keyboard.type('7');
  await page.keyboard.press('Escape');
  await expectText(page, cellSelector('B3'), '');
  await page.keyboard.press('F2');
  await page.keyboard.type('8');
  await page.keyboard.press('Tab');
  await expectText(page, '#name-box', 'C3');
  await expectText(page, cellSelector('B4'), '20');

  // A pasted block is one change; text stays text, numbers become numbers.
  await paste(page, 'D2', '收到\t5\r\n办结\t"4"\r\n');
  await expectText(page, '#name-box', 'D2:E3');
  await expectText(page, cellSelector('D3'), '办结');
  expect(await page.evaluate(() => window.__nianbaoFake!.workbook.sheet('Sheet1').getValues('E2:E3'))).toEqual([[5], [4]]);
  const copied = await page.evaluate(() => {
    const transfer = new DataTransfer();
    document.getElementById('grid')!.dispatchEvent(new ClipboardEvent('copy', { clipboardData: transfer, bubbles: true, cancelable: true }));
    return transfer.getData('text/plain');
  });
  expect(copied).toBe('收到\t5\r\n办结\t4\r\n');

  await page.evaluate(() => window.__nianbaoFake!.user.addSheet('表二'));
  await page.locator('.sheet-tab', { hasText: '表二' }).click();
  await page.locator('.sheet-tab.active', { hasText: '表二' }).waitFor();
  await expectText(page, cellSelector('B4'), '');
  await page.locator('.sheet-tab', { hasText: 'Sheet1' }).click();
  await expectText(page, cellSelector('B4'), '20');
  await context.close();
});
