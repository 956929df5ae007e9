/**
 * CSV: UTF-8 with BOM, CRLF, one row per cell id (id, 表格, 位置, 数值, 原文). JSON: cells, format,
 * year, body, findings with their messages, the checks run, the reasons accepted.
 */
import { UnknownFormatError } from '../../src/core/check';
import { exportReport } from '../../src/core/export';
import { CSV_HEADER } from '../../src/core/export/csv';
import { cellsOf } from '../../src/core/formats/registry';
import { messageFor, namer } from '../../src/core/messages';
import { exportable, FIXTURE_NAMES, parseCsv } from './helpers';

test.each(FIXTURE_NAMES.map((n) => [n]))('%s: BOM, CRLF, the header, then one row per cell id in table order', async (name) => {
  const input = exportable(name);
  const out = await exportReport(input, 'csv', { reason: '测试' });
  expect([out.mime, out.extension]).toEqual(['text/csv; charset=utf-8', 'csv']);
  const text = out.bytes as string;
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  const rows = parseCsv(text.slice(1));
  expect(rows[0]).toEqual([...CSV_HEADER]);
  const names = namer(input.format);
  const ids = [...cellsOf(input.format).keys()];
  expect(rows.slice(1).map((r) => r[0])).toEqual(ids);
  for (const r of rows.slice(1)) {
    expect(r).toHaveLength(5);
    expect(r[2]).toBe(names.cell(r[0]));
    expect(r[1]).toBe(names.table(r[0].split('.')[0] as 't2'));
  }
});

test('数值 is the number the checker reads, 原文 the content as written; blanks are empty in both', async () => {
  const rows = parseCsv(((await exportReport(exportable('shanghai-2019'), 'csv', { reason: '测试' })).bytes as string).slice(1));
  const byId = new Map(rows.map((r) => [r[0], r]));
  expect(byId.get('t2.art20_9.procurement.amount')?.slice(3)).toEqual(['251000', '251000元']);
  expect(byId.get('t3.received.total')?.slice(1)).toEqual(['三、收到和处理政府信息公开申请情况', '一、本年新收政府信息公开申请数量 / 总计', '859', '859']);
  expect(byId.get('t3.received.research')?.slice(3)).toEqual(['', '']);
  const huaian = parseCsv(((await exportReport(exportable('huaian-2024'), 'csv')).bytes as string).slice(1));
  expect(huaian.find((r) => r[0] === 't2.art20_8.fees.amount')?.slice(3)).toEqual(['96171.6', '96171.6']);
});

test.each(FIXTURE_NAMES.map((n) => [n]))('%s: JSON with format, year, body, the cells as read, findings with messages, checks, reasons', async (name) => {
  const input = exportable(name);
  const out = await exportReport(input, 'json', { reason: '已核对' });
  expect([out.mime, out.extension]).toEqual(['application/json; charset=utf-8', 'json']);
  const data = JSON.parse(out.bytes as string);
  expect(Object.keys(data)).toEqual(['generator', 'title', 'format', 'year', 'body', 'cells', 'findings', 'checks', 'accepted']);
  expect([data.format, data.year, data.body]).toEqual([input.format.id, input.year, input.body]);
  expect(data.cells).toEqual(input.raw);
  expect(Object.keys(data.cells)).toEqual([...cellsOf(input.format).keys()]);
  expect(data.findings).toEqual(
    input.findings.map((f) => ({
      code: f.code,
      severity: f.severity,
      cells: f.cells,
      expected: f.expected,
      actual: f.actual,
      difference: f.difference,
      ...(f.where !== undefined ? { where: f.where } : {}),
      ...(f.likelyCulprit ? { likelyCulprit: f.likelyCulprit } : {}),
      message: messageFor(f, input.format),
    })),
  );
  expect(data.checks.find((c: { code: string }) => c.code === 't3.balance')).toEqual({ code: 't3.balance', severity: 'error', status: 'passed', count: 0 });
  expect(data.checks.find((c: { code: string }) => c.code === 't3.carryOver')).toEqual({ code: 't3.carryOver', severity: 'warning', status: 'notRun', count: 0, notRunBecause: '需要上年报告' });
  const errors = input.findings.filter((f) => f.severity === 'error').length;
  expect(data.accepted).toEqual(errors > 0 ? { errors: { reason: '已核对', count: errors } } : {});
});

test('the format may be given by id; an unknown one is a typed error', async () => {
  const input = exportable('huaian-2024');
  const byId = await exportReport({ ...input, format: '2021' }, 'json');
  expect(byId.bytes).toBe((await exportReport(input, 'json')).bytes);
  await expect(exportReport({ ...input, format: '2027' }, 'json')).rejects.toBeInstanceOf(UnknownFormatError);
});
