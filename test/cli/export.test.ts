/** `nianbao export`: every format, refusal while errors remain, reasons recorded, inputs untouched. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../helpers/cli';
import { readReportFile } from '../../src/cli/read-file';
import { checkReport } from '../../src/core/check';
import { FIXTURES } from '../helpers/fixtures';

const run = runCli;

let tmp: string;
beforeAll(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-export-'))));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const huaian = path.join(FIXTURES, 'huaian-2024.txt');
const shanghai = path.join(FIXTURES, 'shanghai-2019.html');

test.each(['html', 'xlsx', 'csv', 'json', 'docx'])('a clean report exports to %s, and the file reads back', async (to) => {
  const out = path.join(tmp, `huaian.${to}`);
  const { code, err } = await run('export', '--to', to, huaian, '-o', out);
  expect([code, err]).toEqual([0, `已导出：${out}\n`]);
  const bytes = fs.readFileSync(out);
  expect(bytes.length).toBeGreaterThan(500);
  if (to === 'html' || to === 'xlsx') {
    const back = checkReport(await readReportFile(out));
    const original = checkReport(await readReportFile(huaian));
    expect(back.values).toEqual(original.values);
  }
  if (to === 'csv') expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  if (to === 'json') expect(JSON.parse(bytes.toString('utf8'))).toMatchObject({ format: '2021', year: 2024 });
});

test('text formats go to stdout without -o', async () => {
  const { code, out } = await run('export', '--to', 'json', huaian);
  expect(code).toBe(0);
  expect(JSON.parse(out).cells['t3.received.total']).toBe(3119);
});

test('errors refuse the export (exit 1) unless a reason is given, which the export records', async () => {
  const refused = await run('export', '--to', 'json', shanghai);
  expect(refused.code).toBe(1);
  expect(refused.out).toBe('');
  expect(refused.err).toMatch(/表格还有 12 处错误，不能导出发布/);
  expect(refused.err).toContain('--reason');

  const accepted = await run('export', '--to', 'json', '--reason', '总计栏原表未填，已核实分项数据', shanghai);
  expect(accepted.code).toBe(0);
  expect(accepted.out).toContain('总计栏原表未填，已核实分项数据');
});

test('a report with over a hundred findings, exported with --reason, checks the same: no second copy of the tables in 「校验结果」', async () => {
  // A department's report as they often arrive: the organisation columns of t3 left empty.
  const fixture = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'huaian-2024.cells.json'), 'utf8')) as { cells: Record<string, number | string> };
  const cells = Object.fromEntries(Object.entries(fixture.cells).map(([id, v]) => [id, /^t3\.\w+\.(commercial|research|nonprofit|legal|otherOrg)$/.test(id) ? null : v]));
  const input = path.join(tmp, 'department.json');
  fs.writeFileSync(input, JSON.stringify({ format: '2021', year: 2023, cells }));
  const out = path.join(tmp, 'department.xlsx');
  expect((await run('export', '--to', 'xlsx', '--reason', '机构申请人栏原表未填', input, '-o', out)).code).toBe(0);
  const [before, after] = (await Promise.all([input, out].map((file) => run('check', '--json', file)))).map((r) => JSON.parse(r.out).files[0]);
  expect(before.findings.filter((f: { code: string }) => f.code === 'cell.blank')).toHaveLength(125);
  expect(after.tables).toEqual({ t2: true, t3: true, t4: true });
  expect(after.cells).toEqual(before.cells);
  expect(after.findings).toEqual(before.findings);
});

test('the input file is never overwritten, and wrong arguments say what to do', async () => {
  const copy = path.join(tmp, 'report.xlsx');
  fs.writeFileSync(copy, await (await import('../../src/core/export')).exportReport(checkReport(await readReportFile(huaian)) as never, 'xlsx').then((r) => r.bytes as Uint8Array));
  const before = fs.readFileSync(copy);
  const same = await run('export', '--to', 'xlsx', copy, '-o', copy);
  expect(same.code).toBe(2);
  expect(same.err).toContain('不会覆盖输入文件');
  expect(fs.readFileSync(copy).equals(before)).toBe(true);

  expect((await run('export', huaian)).err).toMatch(/请用 --to 指定导出格式/);
  expect((await run('export', '--to', 'pdf', huaian)).err).toMatch(/--to 只能是 html、xlsx、csv、json、docx/);
  expect((await run('export', '--to', 'html', path.join(tmp, 'missing.xlsx'))).code).toBe(2);
});
