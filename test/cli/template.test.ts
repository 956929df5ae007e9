/**
 * `nianbao template`: the add-in's self-checking template as an .xlsx (names, check cells,
 * conditional formats, validation, print area), prefilled from last year's report, read back
 * by `nianbao check` as a template; and every wrong argument refused with what to do.
 */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { getFormat } from '../../src/core/formats/registry';
import { a1 } from '../../src/core/template/a1';
import { planTemplate } from '../../src/core/template/plan';
import { runCli } from '../helpers/cli';
import { FIXTURES, loadCellsFixture } from '../helpers/fixtures';
import { unzip } from '../readers/helpers';

let tmp: string;
beforeAll(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-template-'))));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const huaian = path.join(FIXTURES, 'huaian-2024.txt');
const COLUMNS = ['natural', 'commercial', 'research', 'nonprofit', 'legal', 'otherOrg', 'total'];

interface CheckedJson {
  format: string;
  year: number;
  tables: Record<string, boolean>;
  cells: Record<string, number | null>;
  findings: { code: string; severity: string; cells: string[] }[];
}

async function checkJson(file: string): Promise<{ code: number; report: CheckedJson }> {
  const { code, out } = await runCli('check', '--json', file);
  return { code, report: (JSON.parse(out) as { files: CheckedJson[] }).files[0] };
}

function writeJson(name: string, content: unknown): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, JSON.stringify(content));
  return file;
}

test.each([
  ['2021', 2024],
  ['2019', 2020],
])('a blank %s template for %i reads back as the template: all tables, no errors, every input cell a blank warning', async (formatId, year) => {
  const out = path.join(tmp, `blank-${formatId}.xlsx`);
  const written = await runCli('template', '--year', String(year), '--body', '某某县人民政府', '-o', out);
  expect([written.code, written.err]).toEqual([0, `已生成：${out}（${getFormat(formatId)!.name}，${year} 年度）\n`]);

  const { code, report } = await checkJson(out);
  expect(code).toBe(0);
  expect([report.format, report.year, report.tables]).toEqual([formatId, year, { t2: true, t3: true, t4: true }]);
  const plan = planTemplate(getFormat(formatId)!, { year });
  const inputs = plan.cells.filter((c) => c.role === 'input').map((c) => c.id);
  expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
  expect(report.findings.map((f) => f.cells[0]).sort()).toEqual([...inputs].sort());
  expect(report.findings.every((f) => f.code === 'cell.blank')).toBe(true);
  // Totals are formulas whose saved results the reader takes: 0 for a blank template, not "=SUM(…)".
  expect(report.cells['t3.resultTotal.total']).toBe(0);
});

test('the file holds what the add-in installs: names, check cells, conditional formats, validation, print area, title', async () => {
  const out = path.join(tmp, 'parts.xlsx');
  expect((await runCli('template', '--year', '2024', '--body', '某某县人民政府', '-o', out)).code).toBe(0);
  const plan = planTemplate(getFormat('2021')!, { year: 2024, body: '某某县人民政府' });
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(out);
  const sheet = workbook.getWorksheet('2024年度报表')!;
  expect(sheet.getCell('A1').value).toBe('某某县人民政府2024年政府信息公开工作年度报告（表格）');
  const names = workbook.definedNames.model.filter((n) => n.name.startsWith('NB_'));
  expect(names).toHaveLength(plan.positions.size);
  const received = plan.positions.get('t3.received.natural')!;
  expect(names.find((n) => n.name === 'NB_t3.received.natural')?.ranges).toEqual([`'2024年度报表'!${a1(received.row, received.col, true)}`]);
  const check = plan.checks[0];
  expect(sheet.getCell(check.row + 1, check.col + 1).formula).toBe(check.formula.slice(1));
  const input = plan.cells.find((c) => c.role === 'input' && c.id === 't3.granted.natural')!;
  expect(sheet.getCell(input.row + 1, input.col + 1).dataValidation).toMatchObject({ type: 'whole', operator: 'greaterThanOrEqual' });
  expect(sheet.pageSetup.printArea).toBe(plan.printArea);
  const parts = unzip(new Uint8Array(fs.readFileSync(out)));
  const sheetXml = new TextDecoder().decode(parts['xl/worksheets/sheet1.xml']);
  expect(sheetXml.match(/<cfRule type="expression"/g)).toHaveLength(plan.highlights.length);
  expect(sheetXml).toContain(`<formula>${plan.highlights[0].formula.slice(1).replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</formula>`);
  // Excel, WPS and LibreOffice recalculate on opening (ExcelJS does not read calcPr back).
  expect(new TextDecoder().decode(parts['xl/workbook.xml'])).toContain('fullCalcOnLoad="1"');
});

test('--last-year prefills 二、上年结转 per column from last year’s 四、结转下年度继续办理, and says so', async () => {
  const out = path.join(tmp, 'huaian-2025.xlsx');
  const { code, err } = await runCli('template', '--year', '2025', '--last-year', huaian, '-o', out);
  expect(code).toBe(0);
  expect(err).toContain(`已按上年报告 ${huaian} 预填 6 格：\n  二、上年结转政府信息公开申请数量：6 格，取自上年“四、结转下年度继续办理”\n`);
  const { report } = await checkJson(out);
  const last = loadCellsFixture('huaian-2024');
  // The total is the template's formula over the carried columns.
  for (const c of COLUMNS) expect([c, report.cells[`t3.carriedIn.${c}`]]).toEqual([c, last.cells[`t3.carriedOver.${c}`]]);
  // Until this year's figures are in, the carried column's balance is the only error.
  expect(report.findings.filter((f) => f.severity === 'error').map((f) => `${f.code}:${f.cells[0]}`)).toEqual(['t3.balance:t3.received.natural', 't3.balance:t3.received.total']);
  // Nothing but the carried cells is filled in.
  expect(Object.entries(report.cells).filter(([, v]) => v !== null && v !== 0).map(([id]) => id).sort()).toEqual(['t3.carriedIn.natural', 't3.carriedIn.total']);
});

test('format 2019: 上一年项目数量 rolls forward (t2.itemsRollForward); blanks in last year’s report are named, not zeroed', async () => {
  const cells = { ...loadCellsFixture('wutuan-2019').cells, 't2.art20_5.license.lastYearItems': 40, 't2.art20_5.license.change': '减4', 't3.carriedOver.legal': null };
  const last = writeJson('last-2019.json', { format: '2019', year: 2019, cells });
  const out = path.join(tmp, '2020.xlsx');
  const { code, err } = await runCli('template', '--format', '2019', '--year', '2020', '--last-year', last, '-o', out);
  expect(code).toBe(0);
  expect(err).toContain('  上一年项目数量：5 格，按上年“上一年项目数量”加“本年增/减”\n');
  expect(err).toContain('未预填 1 格，请据实填写：\n  「二、上年结转政府信息公开申请数量 / 法律服务机构」：上年报告该栏未填写\n');
  const { report } = await checkJson(out);
  expect(report.cells['t2.art20_5.license.lastYearItems']).toBe(36);
  expect(report.cells['t2.art20_6.penalty.lastYearItems']).toBe(0);
  expect(report.cells['t3.carriedIn.legal']).toBeNull();
});

test('across 2020 → 2021 only t3 carries over; the incomparable t2 is said', async () => {
  const last = writeJson('last-2020.json', { format: '2019', year: 2020, cells: { ...loadCellsFixture('wutuan-2019').cells, 't3.carriedOver.natural': 4, 't3.carriedOver.total': 4 } });
  const out = path.join(tmp, '2021.xlsx');
  const { code, err } = await runCli('template', '--year', '2021', '--last-year', last, '-o', out);
  expect(code).toBe(0);
  expect(err).toContain('上年报告为 2019 年格式（试行）：「二、主动公开政府信息情况」与 2021 年格式不可比，未结转。');
  const { report } = await checkJson(out);
  expect([report.format, report.cells['t3.carriedIn.natural']]).toEqual(['2021', 4]);
  expect(Object.entries(report.cells).filter(([id, v]) => id.startsWith('t2.') && v !== null)).toEqual([]);
});

test('wrong arguments and unusable last-year reports are refused with what to do, and nothing is written', async () => {
  const out = path.join(tmp, 'refused.xlsx');
  const refused = async (...argv: string[]): Promise<string> => {
    const { code, err } = await runCli('template', ...argv);
    expect(code).toBe(2);
    expect(fs.existsSync(out)).toBe(false);
    return err;
  };
  expect(await refused('-o', out)).toContain('请用 --year 指定报告年度');
  expect(await refused('--year', '2024')).toContain('请用 -o 指定要生成的 .xlsx 文件');
  expect(await refused('--year', '2024', '-o', path.join(tmp, 'x.csv'))).toContain('-o 应为 .xlsx 文件名');
  expect(await refused('--year', '2024', huaian, '-o', out)).toContain('不读取报告文件');
  expect(await refused('--year', '2024', '--format', '2019', '-o', out)).toContain('2024 年度报告应使用 2021 年格式（国办公开办函〔2021〕30号）');
  expect(await refused('--year', '2024', '--last-year', huaian, '-o', out)).toContain('上年报告应为 2023 年度，而该报告为 2024 年度');
  expect(await refused('--year', '2025', '--last-year', path.join(tmp, 'missing.xlsx'), '-o', out)).toContain('上年报告：文件不存在');
  const copy = path.join(tmp, 'last.xlsx');
  fs.copyFileSync(path.join(tmp, 'parts.xlsx'), copy);
  const before = fs.readFileSync(copy);
  const { code, err } = await runCli('template', '--year', '2025', '--last-year', copy, '-o', copy);
  expect([code, err]).toEqual([2, `nianbao: 不会覆盖上年报告，请用 -o 指定另一个文件名：${copy}\n`]);
  expect(fs.readFileSync(copy).equals(before)).toBe(true);
});
