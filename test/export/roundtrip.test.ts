/**
 * Round trips: the checker reads an exported HTML page, workbook, JSON file or Word document back to exactly the
 * cells and findings the report was exported with — on every shared fixture (no findings at all,
 * 135 blanks with total errors and a unit in a cell, 3119 applications in format 2021).
 */
import { exportReport, type ExportTarget } from '../../src/core/export';
import { rawToText } from '../../src/core/values/parse';
import { checkExported, checkedFixture, exportable, FIXTURE_NAMES } from './helpers';

describe.each(FIXTURE_NAMES.map((n) => [n]))('%s', (name) => {
  test.each<[ExportTarget]>([['html'], ['xlsx'], ['json'], ['docx']])('%s: same format, year, cell values and findings', async (to) => {
    const { report } = checkedFixture(name);
    const out = await exportReport(exportable(name), to, { reason: '核对原件后确认与发布稿一致', acceptWarnings: '按原件' });
    const back = await checkExported(out.bytes, `report.${to}`);
    expect(back.format.id).toBe(report.format.id);
    expect(back.year).toBe(report.year);
    expect(back.tables).toEqual({ t2: true, t3: true, t4: true });
    expect(back.values).toEqual(report.values);
    // Cell for cell the same contents (a page has text where the transcription has numbers).
    expect(Object.fromEntries(Object.entries(back.raw).map(([id, v]) => [id, rawToText(v)]))).toEqual(Object.fromEntries(Object.entries(report.raw).map(([id, v]) => [id, rawToText(v)])));
    expect(back.findings).toEqual(report.findings);
  });
});

test('the fixtures cover no findings, errors with warnings, and format 2021', () => {
  const counts = FIXTURE_NAMES.map((n) => checkedFixture(n).report.findings.length);
  expect(counts[0]).toBe(0);
  expect(counts[1]).toBeGreaterThan(135);
  expect(checkedFixture('huaian-2024').report.format.id).toBe('2021');
});

test('a page with the sections written out reads back the same: text that agrees with the tables adds no finding', async () => {
  const { report } = checkedFixture('huaian-2024');
  const narrative = { '一.依申请公开': '2024年，本机关共收到政府信息公开申请3119件，上年结转34件。', '四': '2024年，发生政府信息公开行政复议案件351件。' };
  const out = await exportReport(exportable('huaian-2024', { narrative, userSections: { 五: '部分单位答复不够规范。\n下一步将加强培训。', 六: '无其他需要报告的事项。' } }), 'html');
  const back = await checkExported(out.bytes, 'report.html');
  expect(back.values).toEqual(report.values);
  expect(back.findings).toEqual(report.findings);
  // The text is read and checked: a wrong figure in it is caught on the way back.
  const wrong = await exportReport(exportable('huaian-2024', { narrative: { ...narrative, '一.依申请公开': narrative['一.依申请公开'].replace('3119', '3120') } }), 'html');
  const caught = (await checkExported(wrong.bytes, 'report.html')).findings.filter((f) => f.code === 'narrative.mismatch');
  expect(caught.map((f) => [f.actual, f.expected])).toEqual([[3120, 3119]]);
});
