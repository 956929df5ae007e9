/**
 * Live validation end to end on the Excel fake: one sync per pass, the add-in's own writes
 * ignored, bursts coalesced, findings on the right cells, selection, and failures in Chinese.
 */
import { createFakeExcel } from '../../src/fake-excel';
import { PaneController, WRITE_WAITING, shownFindings, type PaneState } from '../../src/taskpane/controller';
import { createExcelHost } from '../../src/taskpane/host';
import { a1 } from '../../src/core/template/a1';
import type { TemplatePlan } from '../../src/core/template/plan';
import { planTemplate } from '../../src/core/template/plan';
import { getFormat } from '../../src/core/formats/registry';

type Fake = ReturnType<typeof createFakeExcel>;
const COALESCE = 60;
const LISTEN_RETRY = 50;
let fake: Fake;
let restore: () => void;
let states: PaneState[];
let controller: PaneController;

beforeEach(() => {
  fake = createFakeExcel({ sheets: ['Sheet1'] });
  restore = fake.install();
  states = [];
  controller = new PaneController(createExcelHost({ timeoutMs: 1500, coalesceMs: COALESCE }), { render: (s) => states.push(s) }, { listenRetryMs: LISTEN_RETRY });
});
afterEach(async () => {
  await controller.stop();
  restore();
});

const settle = async (): Promise<void> => {
  await fake.flushEvents();
  await new Promise((r) => setTimeout(r, COALESCE * 3));
  await fake.flushEvents();
  await new Promise((r) => setTimeout(r, 20));
};

const plan2024: TemplatePlan = planTemplate(getFormat('2021')!, { year: 2024, totals: 'value' });
const at = (id: string): string => {
  const p = plan2024.positions.get(id)!;
  return a1(p.row, p.col);
};

/** Inserts a typed-totals template and fills it with a consistent small report. */
async function filledTemplate(): Promise<string> {
  await controller.start();
  await controller.insertTemplate({ format: '2021', year: 2024, totals: 'value' });
  const sheet = controller.state.sheetName!;
  const cells: [string, number][] = [];
  for (const id of plan2024.positions.keys()) cells.push([id, 0]);
  const set = new Map(cells);
  set.set('t3.received.natural', 5).set('t3.received.total', 5).set('t3.granted.natural', 4).set('t3.granted.total', 4);
  set.set('t3.resultTotal.natural', 4).set('t3.resultTotal.total', 4).set('t3.carriedOver.natural', 1).set('t3.carriedOver.total', 1);
  for (const [id, v] of set) fake.workbook.sheet(sheet).setValues(at(id), [[v]]);
  await controller.check();
  return sheet;
}

test('starting checks the active sheet once; an empty sheet says no tables were found', async () => {
  const syncs = fake.stats.syncs;
  await controller.start();
  expect(controller.state).toMatchObject({ checked: true, passes: 1, findings: [] });
  expect(controller.state.format).toBeUndefined();
  expect(fake.stats.syncs - syncs).toBe(2); // registering the handler, then one validation pass
});

test('a consistent report passes; a validation pass takes exactly one sync', async () => {
  await filledTemplate();
  expect(controller.state.findings).toEqual([]);
  const syncs = fake.stats.syncs;
  await controller.check();
  expect(fake.stats.syncs - syncs).toBe(1);
});

test('typing a wrong number shows the finding on the right cells, with the likely culprit', async () => {
  const sheet = await filledTemplate();
  const passes = controller.state.passes;
  fake.user.setValues(sheet, at('t3.granted.commercial'), [[2]]);
  await settle();
  expect(controller.state.passes).toBe(passes + 1);
  const keys = controller.state.findings.map((f) => `${f.code}:${f.where}`).sort();
  expect(keys).toEqual(['t3.resultTotal:commercial', 't3.rowTotal:granted']);
  expect(controller.state.findings[0].likelyCulprit).toEqual({ cell: 't3.granted.commercial', value: 0 });

  await controller.select(controller.state.findings[0]);
  expect(controller.state.error).toBeUndefined();
  expect(fake.workbookSnapshot().selection).toBe(`'${sheet}'!${at('t3.granted.commercial')}`);
});

test('清除标记 where Excel will not delete some rules (#5222): the others go, and the pane says how to remove those by hand', async () => {
  const sheet = await filledTemplate();
  const shared = plan2024.highlights.find((h) => !h.ranges.includes(',') && plan2024.highlights.filter((x) => x.ranges === h.ranges).length === 2)!.ranges;
  expect(fake.control.breakConditionalFormats(sheet, shared)).toBe(2);
  await controller.clearMarks();
  expect(controller.state.notice).toMatch(/另有 2 条条件格式 Excel 未能读取或删除，请在“开始 → 条件格式 → 管理规则”中，将“显示其格式规则”选为“当前工作表”，删除公式含 N\("nianbao"\) 的规则。$/);
});

test('the add-in\'s own writes do not trigger checks; a paste of 10,000 cells is at most two passes', async () => {
  const sheet = await filledTemplate();
  const passes = controller.state.passes;
  await controller.clearMarks();
  await settle();
  expect(controller.state.passes).toBe(passes);

  const block = Array.from({ length: 100 }, (_, r) => Array.from({ length: 100 }, (_, c) => r + c));
  fake.user.setValues(sheet, 'T1:DO100', block);
  fake.user.setValues(sheet, at('t3.granted.commercial'), [[1]]);
  fake.user.setValues(sheet, at('t3.granted.research'), [[1]]);
  await settle();
  expect(controller.state.passes - passes).toBeGreaterThanOrEqual(1);
  expect(controller.state.passes - passes).toBeLessThanOrEqual(2);
});

test('text, "/" and negative numbers: findings on those cells, no crash', async () => {
  const sheet = await filledTemplate();
  fake.user.setValues(sheet, at('t3.denied1.natural'), [['abc']]);
  fake.user.setValues(sheet, at('t3.denied2.natural'), [['/']]);
  fake.user.setValues(sheet, at('t3.denied3.natural'), [[-1]]);
  // A formula returning an error reaches the add-in as its error text.
  fake.user.setValues(sheet, at('t3.denied4.natural'), [['#DIV/0!']]);
  await settle();
  const codes = controller.state.findings.map((f) => `${f.code}:${f.cells[0]}`);
  expect(codes).toEqual(expect.arrayContaining(['cell.notNumber:t3.denied1.natural', 'cell.placeholder:t3.denied2.natural', 'cell.negative:t3.denied3.natural', 'cell.notNumber:t3.denied4.natural']));
  expect(controller.state.error).toBeUndefined();
});

test('rows inserted above the tables, the sheet renamed, the table rows deleted: the pane follows and says so', async () => {
  const sheet = await filledTemplate();
  fake.user.insertRows(sheet, 1, 3);
  fake.user.renameSheet(sheet, '改名后的表');
  await settle();
  await controller.check();
  expect(controller.state).toMatchObject({ sheetName: '改名后的表', error: undefined });
  expect(controller.state.findings).toEqual([]);

  const row = plan2024.positions.get('t3.denied1.natural')!.row + 1 + 3;
  fake.user.deleteRows('改名后的表', row, 1);
  await settle();
  expect(controller.state.findings.map((f) => f.code)).toContain('import.partialTable');
});

test('a sync that hangs is abandoned and retried, then reported in Chinese', async () => {
  await controller.start();
  fake.control.hangNextSyncs(2); // the first attempt and its retry
  await controller.check();
  expect(controller.state.error).toMatch(/^读取工作表失败：Excel 在 \d+ 秒内没有响应/);
  expect(controller.state.busy).toBe(false);
  await controller.check();
  expect(controller.state.error).toBeUndefined();
}, 15000);

test('while the user edits a cell the check waits, then runs', async () => {
  await controller.start();
  fake.control.setCellEditMode(true);
  const pass = controller.check();
  await new Promise((r) => setTimeout(r, 100));
  expect(controller.state.busy).toBe(true);
  fake.control.setCellEditMode(false);
  await pass;
  expect(controller.state).toMatchObject({ busy: false, error: undefined, passes: 2 });
});

test('checking leaves the sheet exactly as it was (values, formats, rules, names)', async () => {
  const sheet = await filledTemplate();
  fake.user.setValues(sheet, at('t3.granted.commercial'), [[2]]);
  await settle();
  const before = fake.snapshot(sheet);
  await controller.check();
  await controller.select(controller.state.findings[0]);
  expect(fake.snapshot(sheet)).toEqual(before);
});

test('a report pasted into an ordinary sheet is recognised and checked without touching it', async () => {
  await controller.start();
  const { layoutReport } = await import('../../src/core/export/layout');
  const { loadCellsFixture, rawCells } = await import('../helpers/fixtures');
  const format = getFormat('2021')!;
  const cells = { ...rawCells(loadCellsFixture('huaian-2024')), 't3.denied1.otherOrg': 3 };
  let row = 1;
  for (const table of layoutReport(format, cells)) {
    const width = Math.max(...table.rows.map((r) => r.length));
    const block = table.rows.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? ''));
    fake.user.setValues('Sheet1', `B${row}:${String.fromCharCode(65 + width)}${row + block.length - 1}`, block as (string | number)[][]);
    row += block.length + 2;
  }
  await settle();
  const before = fake.snapshot('Sheet1');
  await controller.check();
  expect(controller.state.format?.id).toBe('2021');
  expect(controller.state.findings.map((f) => `${f.code}:${f.where}`).sort()).toEqual(['t3.resultTotal:otherOrg', 't3.rowTotal:denied1']);
  await controller.select(controller.state.findings[0]);
  expect(fake.workbookSnapshot().selection).toMatch(/^'?Sheet1'?!J\d+$/);
  expect(fake.snapshot('Sheet1')).toEqual(before);
});

test('「检查文件」 of a page with two copies of the tables says they are ambiguous, as the CLI does, not that none were found', async () => {
  await controller.start();
  const { reportHtml } = await import('../../src/core/export/html');
  const { readHtml } = await import('../../src/core/import/html');
  const { loadCellsFixture, rawCells } = await import('../helpers/fixtures');
  const page = reportHtml(getFormat('2021')!, rawCells(loadCellsFixture('huaian-2024')), 'A');
  const twice = page.replace('</body>', page.slice(page.indexOf('<h2>'), page.indexOf('</body>')) + '</body>');
  await controller.checkFile('twice.html', async () => readHtml(twice));
  expect(controller.state.fileName).toBe('twice.html');
  expect(controller.state.format?.id).toBe('2021');
  expect(controller.state.findings.map((f) => f.code)).toContain('import.ambiguous');
  await controller.checkFile('empty.html', async () => readHtml('<p>通知</p>'));
  expect(controller.state.format).toBeUndefined();
  expect(controller.state.findings).toEqual([]);
});

test('a block pasted over merged label cells: no crash, the figures still read by name', async () => {
  const sheet = await filledTemplate();
  fake.user.setValues(sheet, 'A23:C25', [['x', 'y', 'z'], ['1', '2', '3'], ['', '', '']]);
  await settle();
  expect(controller.state.error).toBeUndefined();
  expect(controller.state.findings).toEqual([]);
});

describe('生成文字 and 导出', () => {
  test('text is generated from the checked tables and written into a new 报告正文 sheet, the user left on the tables', async () => {
    const sheet = await filledTemplate();
    controller.narrate({ body: '示例县人民政府', year: 2024, zero: 'omit', draft: false });
    expect(controller.state.error).toBeUndefined();
    expect(controller.state.narrative?.draft).toBe(false);
    expect(controller.state.narrative?.text).toContain('2024年，示例县人民政府共收到政府信息公开申请5件');
    const syncs = fake.stats.syncs;
    await controller.insertNarrative('示例县人民政府2024年政府信息公开工作年度报告');
    expect(fake.stats.syncs - syncs).toBe(2);
    expect(controller.state.notice).toContain('报告正文');
    const values = fake.workbook.sheet('报告正文').getValues('A1:A4');
    expect(values[0][0]).toBe('示例县人民政府2024年政府信息公开工作年度报告');
    expect(values[2][0]).toBe('一、总体情况（一）主动公开');
    // The new sheet is named in the notice, not switched to: the pane keeps the checked tables,
    // so 导出 right after still has them (a switch would have checked 报告正文 instead).
    await settle();
    expect(fake.workbookSnapshot().activeSheet).toBe(sheet);
    expect(controller.state).toMatchObject({ sheetName: sheet, format: { id: '2021' } });
    expect(await controller.exportAs({ to: 'json', year: 2024, body: '', reason: '' })).toBeDefined();
  });

  test('tables with errors: text refused unless a draft is asked for; export refused unless a reason is given', async () => {
    const sheet = await filledTemplate();
    fake.user.setValues(sheet, at('t3.granted.commercial'), [[2]]);
    await settle();
    controller.narrate({ body: '', year: 2024, zero: 'omit', draft: false });
    expect(controller.state.error).toMatch(/表格尚有 2 处错误.*可先更正，或勾选“表格有错误时生成草稿”/s);
    controller.narrate({ body: '', year: 2024, zero: 'omit', draft: true });
    expect(controller.state.narrative?.draft).toBe(true);
    expect(controller.state.narrative?.text).toContain('草稿');

    expect(await controller.exportAs({ to: 'json', body: '', year: 2024, reason: '' })).toBeUndefined();
    expect(controller.state.error).toMatch(/不能导出发布.*请在“理由”中写明后再导出/s);
    const exported = await controller.exportAs({ to: 'json', body: '示例县', year: 2024, reason: '商业企业一栏待核实，先行报送' });
    expect(exported?.extension).toBe('json');
    expect(String(exported?.bytes)).toContain('商业企业一栏待核实，先行报送');
  });

  test('an exported workbook is offered to Excel; where it cannot open one, the pane says so', async () => {
    await filledTemplate();
    const result = await controller.exportAs({ to: 'xlsx', body: '', year: 2024, reason: '' });
    expect(result?.bytes).toBeInstanceOf(Uint8Array);
    // The fake models no Excel.createWorkbook: the pane falls back to a download.
    expect(await controller.openWorkbook(result?.bytes as Uint8Array)).toBe(false);
  });
});

test('核对正文: the text in the 报告正文 sheet is checked against the tables, and stays checked', async () => {
  const sheet = await filledTemplate();
  await controller.checkNarrativeText();
  expect(controller.state.error).toMatch(/没有「报告正文」工作表/);

  fake.user.addSheet('报告正文');
  fake.user.setValues('报告正文', 'A1:A2', [['二、依申请公开'], ['2024年，本机关共收到政府信息公开申请6件，办结4件。']]);
  fake.user.activate(sheet);
  await settle();
  await controller.checkNarrativeText();
  const mismatch = controller.state.findings.filter((f) => f.code === 'narrative.mismatch');
  expect(mismatch.map((f) => [f.params?.statement, f.actual, f.expected])).toEqual([['收到申请', 6, 5]]);
  expect(controller.state.notice).toBe('「报告正文」中有 1 处文字与表格不一致，见下方列表。');
  // Correcting the table makes the text right; the next live check says so.
  fake.user.setValues(sheet, at('t3.received.natural'), [[6]]);
  fake.user.setValues(sheet, at('t3.received.total'), [[6]]);
  fake.user.setValues(sheet, at('t3.carriedOver.natural'), [[2]]);
  fake.user.setValues(sheet, at('t3.carriedOver.total'), [[2]]);
  await settle();
  expect(controller.state.findings.filter((f) => f.code === 'narrative.mismatch')).toEqual([]);
});

/** Real Excel's behaviours, modelled in src/fake-excel; each test failed against the pane before. */
describe('real Excel: live checking and the sheet the user is on', () => {
  test('the pane opened while a cell is being edited (#806): live checking shows as off, is retried, and is on once the edit ends', async () => {
    fake.control.setCellEditMode(true);
    const started = controller.start();
    await new Promise((r) => setTimeout(r, LISTEN_RETRY * 3));
    expect(controller.state.live).toBe(false);
    expect(fake.listenerCount('workbook')).toBe(0);
    fake.control.setCellEditMode(false);
    await started;
    await new Promise((r) => setTimeout(r, LISTEN_RETRY * 3));
    expect(controller.state.live).toBe(true);
    expect(fake.listenerCount('workbook')).toBe(1);
    const passes = controller.state.passes;
    fake.user.setValues('Sheet1', 'B2', [['收到申请']]);
    await settle();
    expect(controller.state.passes).toBe(passes + 1);
  });

  test('a finding clicked after the user switched sheets is selected on the sheet that was checked', async () => {
    const sheet = await filledTemplate();
    fake.user.setValues(sheet, at('t3.granted.commercial'), [[2]]);
    await settle();
    const finding = controller.state.findings[0];
    fake.user.activate('Sheet1');
    await controller.select(finding);
    expect(controller.state.error).toBeUndefined();
    expect(fake.workbookSnapshot()).toMatchObject({ activeSheet: sheet, selection: `'${sheet}'!${at('t3.granted.commercial')}` });
  });

  test('a switch to another sheet is followed: the pane shows the sheet the user is on (onActivated)', async () => {
    const sheet = await filledTemplate();
    fake.user.setValues(sheet, at('t3.granted.commercial'), [[2]]);
    await settle();
    expect(controller.state).toMatchObject({ sheetName: sheet, template: true });
    fake.user.activate('Sheet1');
    await settle();
    expect(controller.state).toMatchObject({ sheetName: 'Sheet1', template: false, findings: [] });
    fake.user.activate(sheet);
    await settle();
    expect(controller.state.sheetName).toBe(sheet);
    expect(controller.state.findings.length).toBe(2);
  });
});

describe('real Excel: copied template sheets and big sheets', () => {
  test('a copy of a template sheet is checked as a template and its custom properties are written back (#5486)', async () => {
    const sheet = await filledTemplate();
    const copy = fake.user.copySheet(sheet);
    fake.user.activate(copy);
    await settle();
    expect(controller.state).toMatchObject({ sheetName: copy, template: true, year: 2024, findings: [] });
    expect(controller.state.notice).toBe('此工作表是年报助手模板的副本，已按其中的名称识别，并补写了模板标记。');
    // All of them, the totals setting (typed, in this template) included: it is carried by a name too.
    expect(fake.snapshot(copy).customProperties).toEqual({ 'nianbao.format': '2021', 'nianbao.year': '2024', 'nianbao.template': '1', 'nianbao.totals': 'value' });
  });

  test('a big ordinary sheet: checked up to the read limit, and the pane says so; a refused response is explained in Chinese', async () => {
    await controller.start();
    const rows = 20_000;
    const filler = '很长的台账说明文字'.repeat(8);
    fake.user.setValues('Sheet1', `A1:E${rows}`, Array.from({ length: rows }, () => Array<string>(5).fill(filler)));
    await settle();
    expect(controller.state.error).toBeUndefined();
    expect(controller.state.notice).toBe(`工作表「Sheet1」共 ${rows} 行、5 列，超出一次读取的范围，只检查了前 2000 行、前 50 列。年报表格请放在这一范围内，或复制到新的工作表。`);
    fake.control.failNextSyncs(1, 'ResponsePayloadSizeLimitExceeded', 'The response payload size has exceeded the limit.');
    await controller.check();
    expect(controller.state.error).toBe('读取工作表失败：工作表内容超出了 Excel 一次能传送的数据量（网页版 Excel 每次最多 5 MB）。请把年报表格复制到一个新的工作表后再检查。');
  });
});

describe('real Excel: a write held back (cell edit on desktop, #806) or never answered (#4805)', () => {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  test('the pane says it is waiting, reports no failure, starts no second insertion, and reports the one sheet once Excel runs it', async () => {
    const local = new PaneController(createExcelHost({ timeoutMs: 100, coalesceMs: COALESCE }), { render: () => undefined }, { listenRetryMs: LISTEN_RETRY });
    await local.start();
    fake.user.startCellEdit();
    const first = local.insertTemplate({ format: '2021', year: 2024, totals: 'value' });
    await sleep(300);
    expect(local.state).toMatchObject({ busy: true, notice: WRITE_WAITING, error: undefined });
    await local.insertTemplate({ format: '2021', year: 2024, totals: 'value' });
    expect(local.state.error).toBe('上一项操作尚未完成，请等 Excel 完成后再试。');
    fake.user.endCellEdit();
    await first;
    await sleep(50);
    expect(fake.workbookSnapshot().sheets).toEqual(['Sheet1', '2024年度报表']);
    expect(local.state).toMatchObject({ busy: false, error: undefined, sheetName: '2024年度报表' });
    expect(local.state.notice).toMatch(/^已插入新工作表「2024年度报表」/);
    await local.stop();
  });

  test('a write Excel did but never answered is looked for before anything is reported', async () => {
    const local = new PaneController(createExcelHost({ timeoutMs: 50, writeGiveUpMs: 300, coalesceMs: COALESCE }), { render: () => undefined }, { listenRetryMs: LISTEN_RETRY });
    await local.start();
    fake.control.loseNextResponses(1, { after: 1 }); // the sheet names come back; the write's answer does not
    await local.insertTemplate({ format: '2021', year: 2024, totals: 'value' });
    expect(local.state.error).toBeUndefined();
    expect(local.state.notice).toMatch(/^已插入新工作表「2024年度报表」/);
    expect(fake.workbookSnapshot().sheets).toEqual(['Sheet1', '2024年度报表']);

    fake.control.loseNextResponses(1); // nothing comes back, and nothing was inserted
    await local.insertTemplate({ format: '2019', year: 2020, totals: 'value' });
    expect(local.state.error).toBe('插入模板失败：Excel 在 0 秒内没有完成这项操作，也没有找到它的结果。请先查看工作簿中是否已有这项操作的结果（如新的工作表），再决定是否重试；如在网页版 Excel 中，可刷新页面后重新打开年报助手。');
    await local.stop();
  });
});

describe('real Excel: exports where downloads do nothing (Excel on Mac, #2700, #3385)', () => {
  test('on Mac, text formats are offered for copying without a download, a .docx is refused saying why; elsewhere they download', async () => {
    const sheet = await filledTemplate();
    expect(sheet).toBe('2024年度报表');
    const html = (await controller.exportAs({ to: 'html', body: '', year: 2024, reason: '' }))!;
    const docx = (await controller.exportAs({ to: 'docx', body: '', year: 2024, reason: '' }))!;
    expect(await controller.deliver(html)).toMatchObject({ download: { name: '年度报告.html', mime: html.mime }, text: html.bytes });
    expect((await controller.deliver(docx)).download?.name).toBe('年度报告.docx');

    const mac = createFakeExcel({ platform: 'Mac' });
    restore();
    restore = mac.install();
    expect(await controller.deliver(html)).toEqual({ text: html.bytes });
    expect(controller.state.notice).toBe('Mac 版 Excel 不能从加载项下载文件。请复制下方文本框中的全部内容，粘贴到文本编辑器中，保存为“年度报告.html”（UTF-8 编码）。');
    expect(await controller.deliver(docx)).toEqual({});
    expect(controller.state.error).toMatch(/^Mac 版 Excel 不能从加载项下载文件，Word 文档无法在这里导出。请在网页版 Excel/);
  });
});

describe('filling in: progress, not noise', () => {
  const formulaPlan = planTemplate(getFormat('2021')!, { year: 2024 });
  const inputs = formulaPlan.cells.filter((c) => c.role === 'input').map((c) => c.id!);
  const address = (id: string): string => a1(formulaPlan.positions.get(id)!.row, formulaPlan.positions.get(id)!.col);

  test('a fresh template: 已填写 0 / 166, no blank cell listed while filling; a full check lists them all', async () => {
    await controller.start();
    await controller.insertTemplate({ format: '2021', year: 2024 });
    expect(inputs).toHaveLength(166);
    expect(controller.state.progress).toEqual({ filled: 0, total: 166, next: inputs[0] });
    expect(shownFindings(controller.state)).toEqual([]);
    // (The fake computes no formulas, so its totals read as blank too: Excel's would hold 0.)
    expect(controller.state.findings.filter((f) => f.code === 'cell.blank').map((f) => f.cells[0])).toEqual(expect.arrayContaining(inputs));

    await controller.fullCheck();
    expect(controller.state.listBlanks).toBe(true);
    expect(shownFindings(controller.state)).toEqual(controller.state.findings);
    expect(shownFindings(controller.state).map((f) => f.cells[0])).toEqual(expect.arrayContaining(inputs));
  });

  test('typing fills the count and moves 「下一个未填写」; errors and other warnings stay listed; an edit returns to progress', async () => {
    await controller.start();
    await controller.insertTemplate({ format: '2021', year: 2024 });
    const sheet = controller.state.sheetName!;
    await controller.fullCheck();
    fake.user.setValues(sheet, address(inputs[0]), [[3]]);
    fake.user.setValues(sheet, address('t3.received.natural'), [['12件']]);
    await settle();
    expect(controller.state).toMatchObject({ listBlanks: false, progress: { filled: 2, total: 166, next: inputs[1] } });
    const shown = shownFindings(controller.state).map((f) => `${f.code}:${f.cells[0]}`);
    expect(shown).toContain('cell.unitInCell:t3.received.natural');
    expect(shown).toContain('t3.balance:t3.received.natural');
    expect(shown.some((k) => k.startsWith('cell.blank:'))).toBe(false);

    await controller.selectNextBlank();
    expect(fake.workbookSnapshot().selection).toBe(`'${sheet}'!${address(inputs[1])}`);
  });

  test('generating text or exporting lists the blank cells (they would read as 0)', async () => {
    await controller.start();
    await controller.insertTemplate({ format: '2021', year: 2024 });
    controller.narrate({ body: '', year: 2024, zero: 'omit', draft: false });
    expect(controller.state.listBlanks).toBe(true);
    expect(shownFindings(controller.state).filter((f) => f.code === 'cell.blank').map((f) => f.cells[0])).toEqual(expect.arrayContaining(inputs));
    await settle();
    fake.user.setValues(controller.state.sheetName!, address(inputs[0]), [[0]]);
    await settle();
    expect(controller.state.listBlanks).toBe(false);
    await controller.exportAs({ to: 'json', body: '', year: 2024, reason: '' });
    expect(controller.state.listBlanks).toBe(true);
  });

  test('a template with typed totals counts its totals among the cells to fill', async () => {
    await filledTemplate();
    expect(controller.state.progress).toEqual({ filled: plan2024.positions.size, total: plan2024.positions.size, next: undefined });
  });
});
