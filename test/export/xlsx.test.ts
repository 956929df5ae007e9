/**
 * The exported workbook: the three tables in the official layout with exactly the cells' values
 * (numbers as numbers), none of the add-in's helper cells or rules, and 「校验结果」 listing every
 * check with its outcome and every finding's message.
 */
import ExcelJS from 'exceljs';
import { exportReport } from '../../src/core/export';
import { CHECKS_SHEET_MARK } from '../../src/core/import/xlsx';
import { messageFor } from '../../src/core/messages';
import { checkExported, exportable, FIXTURE_NAMES, type FixtureName } from './helpers';

async function load(name: FixtureName, extra = {}): Promise<ExcelJS.Workbook> {
  const out = await exportReport(exportable(name, extra), 'xlsx', { reason: '测试' });
  expect(out.extension).toBe('xlsx');
  expect(out.mime).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(out.bytes as unknown as ArrayBuffer);
  return workbook;
}

function rowsOf(sheet: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = [];
  sheet.eachRow((row) => rows.push(Array.from((row.values as unknown[]).slice(1), (v) => (v === null || v === undefined ? '' : String(v)))));
  return rows;
}

test.each(FIXTURE_NAMES.map((n) => [n]))('%s: exactly the cells as read, numbers as numbers, text as text, blanks empty', async (name) => {
  const input = exportable(name);
  const out = await exportReport(input, 'xlsx', { reason: '测试' });
  const back = await checkExported(out.bytes, 'report.xlsx');
  expect(back.raw).toEqual(input.raw);
});

test('two sheets, no formulas, data validation or conditional formats; one name, the mark that keeps 「校验结果」 out of reading back', async () => {
  for (const name of FIXTURE_NAMES) {
    const workbook = await load(name);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['年度报告表格', '校验结果']);
    expect(workbook.definedNames.model).toEqual([{ name: CHECKS_SHEET_MARK, ranges: ["'校验结果'!$A$1"] }]);
    for (const sheet of workbook.worksheets) {
      sheet.eachRow({ includeEmpty: true }, (row) => row.eachCell({ includeEmpty: true }, (cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
      // Neither is in ExcelJS's typings; both are read from the loaded model.
      const model = sheet as unknown as { conditionalFormattings: unknown[]; dataValidations: { model: object } };
      expect(model.conditionalFormattings).toEqual([]);
      expect(Object.keys(model.dataValidations.model)).toEqual([]);
    }
  }
});

test('the tables are laid out as printed: title, headings, merged labels and the 勾稽 note', async () => {
  const sheet = (await load('shanghai-2019')).getWorksheet('年度报告表格') as ExcelJS.Worksheet;
  const texts = rowsOf(sheet).flat();
  expect(texts[0]).toBe('上海市人民政府办公厅2019年政府信息公开工作年度报告');
  for (const label of ['二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '（七）总计', '251000元']) {
    expect(texts).toContain(label);
  }
  // 三、本年度办理结果 is merged down over the 20 outcome rows of format 2019.
  const merges = (sheet.model as unknown as { merges: string[] }).merges;
  let results = '';
  sheet.eachRow((row, r) => row.eachCell((cell, c) => {
    // ExcelJS repeats a merged cell's value in the cells it covers: the first is the range's.
    if (cell.value === '三、本年度办理结果' && results === '') results = `${String.fromCharCode(64 + c)}${r}`;
  }));
  const range = merges.find((m) => m.startsWith(`${results}:`)) ?? '';
  const [from, to] = range.split(':').map((a) => Number(a.replace(/[A-Z]+/, '')));
  expect(to - from + 1).toBe(20);
});

test('校验结果: every check of the format with its outcome, then every finding with its message', async () => {
  const input = exportable('shanghai-2019');
  const rows = rowsOf((await load('shanghai-2019')).getWorksheet('校验结果') as ExcelJS.Worksheet);
  expect(rows[0]).toEqual(['校验结果']);
  expect(rows).toContainEqual(['报告', '上海市人民政府办公厅2019年政府信息公开工作年度报告']);
  expect(rows).toContainEqual(['结论', `12 处错误、${input.findings.length - 12} 处警告`]);
  const checks = rows.slice(rows.findIndex((r) => r[0] === '校验项目') + 1, rows.findIndex((r) => r[0] === '序号'));
  const outcome = Object.fromEntries(checks.filter((r) => r.length >= 4).map((r) => [r[1], r[3]]));
  expect(outcome).toMatchObject({
    't3.balance': '通过',
    't3.rowTotal': '11 处问题',
    't3.resultTotal': '1 处问题',
    't4.groupTotal': '通过',
    'cell.blank': '135 处问题',
    'cell.unitInCell': '1 处问题',
    'cell.notNumber': '通过',
    't2.publishedExceedsTotal': '通过',
    't3.carryOver': '未进行（需要上年报告）',
    't2.itemsRollForward': '未进行（需要上年报告）',
    'format.yearMismatch': '通过',
    'narrative.mismatch': '未进行（没有正文文字）',
    'doc.missingSection': '未进行（不是整份报告）',
    'import.partialTable': '通过',
  });
  // Rules of the other format are not listed.
  expect(outcome['t2.feeMagnitude']).toBeUndefined();
  expect(outcome['t2.stockFlow']).toBeUndefined();
  const findings = rows.slice(rows.findIndex((r) => r[0] === '序号') + 1);
  expect(findings.map((r) => r[4])).toEqual(input.findings.map((f) => messageFor(f, input.format)));
  expect(findings.map((r) => r[2])).toEqual(input.findings.map((f) => f.code));
  expect(findings[0][3]).toBe('三、本年度办理结果（一）予以公开 / 总计\n三、本年度办理结果（一）予以公开 / 自然人\n三、本年度办理结果（一）予以公开 / 商业企业\n三、本年度办理结果（一）予以公开 / 科研机构\n三、本年度办理结果（一）予以公开 / 社会公益组织\n三、本年度办理结果（一）予以公开 / 法律服务机构\n三、本年度办理结果（一）予以公开 / 其他');
});

test('校验结果: checks that needed last year, text or a whole report show as run when they were', async () => {
  const rows = rowsOf((await load('huaian-2024', { checked: { lastYear: true, narrative: true, document: true } })).getWorksheet('校验结果') as ExcelJS.Worksheet);
  const checks = rows.filter((r) => /^[a-z0-9]+\.[A-Za-z]+$/.test(r[1] ?? ''));
  expect(checks.map((r) => r[3])).toEqual(checks.map(() => '通过'));
  expect(checks.map((r) => r[1])).toEqual(expect.arrayContaining(['t2.feeMagnitude', 't2.stockFlow', 't3.carryOver', 'narrative.mismatch', 'doc.missingSection']));
  expect(rows).toContainEqual(['结论', '全部校验通过']);
  expect(rows[rows.length - 1]).toEqual(['', '', '', '', '没有发现问题']);
});
