/**
 * Export for publishing is refused while errors remain, unless a reason is recorded; the reason
 * (and one for accepting warnings) is written into the 「校验结果」 sheet and the JSON.
 */
import ExcelJS from 'exceljs';
import { checkReport } from '../../src/core/check';
import { exportReport, ExportRefusedError, EXPORT_TARGETS } from '../../src/core/export';
import { messageFor } from '../../src/core/messages';
import { exportable } from './helpers';

const REASON = '总计栏按原件空白，经单位负责人同意按原样发布';
const WARNINGS = '空白单元格系原件如此';

async function resultsSheet(bytes: Uint8Array | string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('校验结果');
  if (!sheet) throw new Error('no 校验结果 sheet');
  const rows: string[][] = [];
  sheet.eachRow((row) => rows.push(Array.from((row.values as unknown[]).slice(1), (v) => (v === null || v === undefined ? '' : String(v)))));
  return rows;
}

describe('with errors (shanghai-2019: empty 总计 column)', () => {
  const report = exportable('shanghai-2019');
  const errors = report.findings.filter((f) => f.severity === 'error');

  test.each(EXPORT_TARGETS.map((t) => [t]))('%s is refused without a reason, in Chinese, with the count and the first findings', async (to) => {
    const refusal = exportReport(report, to);
    await expect(refusal).rejects.toBeInstanceOf(ExportRefusedError);
    const error = (await refusal.catch((e: unknown) => e)) as ExportRefusedError;
    expect(error.errors).toEqual(errors);
    const lines = error.message.split('\n');
    expect(lines[0]).toBe(`表格还有 ${errors.length} 处错误，不能导出发布。请先更正；确需导出的，请填写理由，理由将记入导出的文件。`);
    expect(lines.slice(1, 4)).toEqual(errors.slice(0, 3).map((f, k) => `${k + 1}. ${messageFor(f, report.format)}`));
    expect(lines[4]).toBe(`……另有 ${errors.length - 3} 处错误。`);
  });

  test('a blank reason is no reason', async () => {
    await expect(exportReport(report, 'json', { reason: '  \u3000 ' })).rejects.toBeInstanceOf(ExportRefusedError);
    // Accepting warnings does not excuse errors.
    await expect(exportReport(report, 'json', { acceptWarnings: WARNINGS })).rejects.toBeInstanceOf(ExportRefusedError);
  });

  test('with a reason: the JSON records it with the number of errors it covers, and the warnings accepted', async () => {
    const warnings = report.findings.filter((f) => f.severity === 'warning').length;
    const out = await exportReport(report, 'json', { reason: `  ${REASON} `, acceptWarnings: WARNINGS });
    expect(out.mime).toBe('application/json; charset=utf-8');
    const data = JSON.parse(out.bytes as string);
    expect(data.accepted).toEqual({ errors: { reason: REASON, count: errors.length }, warnings: { reason: WARNINGS, count: warnings } });
  });

  test('with a reason: the 校验结果 sheet records it and marks each finding as dealt with', async () => {
    const out = await exportReport(report, 'xlsx', { reason: REASON });
    const rows = await resultsSheet(out.bytes);
    expect(rows).toContainEqual(['存在错误仍导出的理由', REASON]);
    expect(rows.some((r) => r[0] === '接受警告的理由')).toBe(false);
    const findingRows = rows.slice(rows.findIndex((r) => r[0] === '序号') + 1);
    expect(findingRows).toHaveLength(report.findings.length);
    expect(findingRows.filter((r) => r[1] === '错误').every((r) => r[5] === '已说明理由，仍导出')).toBe(true);
    expect(findingRows.filter((r) => r[1] === '警告').every((r) => r[5] === '未处理')).toBe(true);
  });
});

describe('without errors', () => {
  test('a report with no findings exports with no reason, and records none given needlessly', async () => {
    const out = await exportReport(exportable('wutuan-2019'), 'json', { reason: '无需理由', acceptWarnings: '无需理由' });
    expect(JSON.parse(out.bytes as string).accepted).toEqual({});
  });

  test('warnings never block; accepted, they are recorded in both files', async () => {
    const report = exportable('huaian-2024');
    // A blank cell where the figure is 0 is a warning only (the format expects an explicit 0).
    expect(report.raw['t3.received.research']).toBe(0);
    const withWarning = { ...report, raw: { ...report.raw, 't3.received.research': null } };
    const checked = checkReport({ grids: [], cells: withWarning.raw, meta: { format: '2021', year: 2024 } });
    expect(checked.findings.map((f) => f.severity)).toContain('warning');
    expect(checked.findings.some((f) => f.severity === 'error')).toBe(false);
    const input = { ...withWarning, findings: checked.findings };
    await expect(exportReport(input, 'html')).resolves.toMatchObject({ extension: 'html' });
    const json = JSON.parse((await exportReport(input, 'json', { acceptWarnings: WARNINGS })).bytes as string);
    expect(json.accepted).toEqual({ warnings: { reason: WARNINGS, count: checked.findings.length } });
    const rows = await resultsSheet((await exportReport(input, 'xlsx', { acceptWarnings: WARNINGS })).bytes);
    expect(rows).toContainEqual(['接受警告的理由', WARNINGS]);
    expect(rows.filter((r) => r[1] === '警告').map((r) => r[5])).toEqual(checked.findings.map(() => '已接受'));
  });
});
