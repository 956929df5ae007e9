/** `nianbao narrate` as users run it: sections, JSON, refusal and drafts, options, exit codes. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../helpers/cli';
import { FIXTURES, RENDERED, loadCellsFixture } from '../helpers/fixtures';

const ROOT = path.resolve(__dirname, '../..');
const EXAMPLES = path.join(ROOT, 'examples');
const GOLDEN = path.join(ROOT, 'test', 'narrative', 'golden');
const golden = (name: string) => JSON.parse(fs.readFileSync(path.join(GOLDEN, `${name}.json`), 'utf8'));

const run = runCli;

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-narrate-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A JSON report from a shared fixture's cells, with fields replaced or removed. */
function jsonReport(name: string, fields: Record<string, unknown>, cells: Record<string, unknown> = {}): string {
  const f = loadCellsFixture(name);
  const data: Record<string, unknown> = { format: f.format, year: f.year, body: f.body, cells: { ...f.cells, ...cells }, ...fields };
  for (const [k, v] of Object.entries(data)) if (v === undefined) delete data[k];
  const file = path.join(tmp, `${name}-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, JSON.stringify(data));
  return file;
}

test('a clean report: the sections under their headings, exit 0; body and year from the title', async () => {
  const { code, out, err } = await run('narrate', path.join(FIXTURES, 'huaian-2024.txt'));
  expect(code).toBe(0);
  const expected = golden('huaian-2024');
  expect(out).toBe(
    [
      `一、总体情况（一）主动公开\n${expected['一.主动公开']}\n`,
      `一、总体情况（二）依申请公开\n${expected['一.依申请公开']}\n`,
      `三、收到和处理政府信息公开申请情况\n${expected['三']}\n`,
      `四、政府信息公开行政复议、行政诉讼情况\n${expected['四']}\n`,
      `六、其他需要报告的事项\n${expected['六']}\n`,
    ].join('\n'),
  );
  // 六 is left for the user to complete, and the command says so.
  expect(err).toBe('第六部分：表格中没有信息处理费数据，请据实选用，或用 --fee 金额（未收取写 0）生成。\n');
});

test('--json prints {"sections":…} with the documented keys; the same text from every reader', async () => {
  for (const file of [path.join(FIXTURES, 'huaian-2024.txt'), path.join(RENDERED, 'huaian-2024-clean.xlsx'), path.join(RENDERED, 'huaian-2024-clean.html')]) {
    const { code, out } = await run('narrate', '--json', file);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(Object.keys(json)).toEqual(['sections', 'draft']);
    expect(Object.keys(json.sections)).toEqual(['一.主动公开', '一.依申请公开', '三', '四', '六']);
    expect(json).toEqual({ sections: golden('huaian-2024'), draft: false });
  }
  const wutuan = JSON.parse((await run('narrate', '--json', path.join(FIXTURES, 'wutuan-2019.txt'))).out);
  expect(wutuan.sections).toEqual(golden('wutuan-2019'));
});

test('tables with errors: refused with the failing checks, exit 1; --draft writes the marked draft', async () => {
  const html = path.join(FIXTURES, 'shanghai-2019.html');
  const refused = await run('narrate', html);
  expect(refused.code).toBe(1);
  expect(refused.out).toBe('');
  expect(refused.err).toMatch(/^nianbao: 表格尚有 12 处错误（t3\.rowTotal 11 处、t3\.resultTotal 1 处），未生成文字。/);
  expect(refused.err).toContain('加 --draft 可先生成注明“草稿”的文字。');

  const json = await run('narrate', '--json', html);
  expect(json.code).toBe(1);
  const body = JSON.parse(json.out);
  expect(body.sections).toBeNull();
  expect(body.errors).toHaveLength(12);
  expect(body.errors[0]).toMatchObject({ code: 't3.rowTotal', cells: expect.arrayContaining(['t3.granted.total']) });

  const draft = await run('narrate', '--draft', '--json', html);
  expect(draft.code).toBe(0);
  expect(JSON.parse(draft.out)).toEqual({ sections: golden('shanghai-2019'), draft: true });
  expect(draft.err).toContain('注意：表格尚有 12 处错误，以下文字为草稿，每段已注明。');

  const en = await run('narrate', '--lang', 'en', html);
  expect(en.code).toBe(1);
  expect(en.err).toMatch(/^nianbao: The tables hold 12 error\(s\); no text generated\.\n {2}t3\.rowTotal: /);
});

test('--body, else the JSON body or the title, else 本机关', async () => {
  const file = path.join(FIXTURES, 'huaian-2024.txt');
  expect(JSON.parse((await run('narrate', '--json', '--body', '市政府办公室', file)).out).sections['三']).toMatch(/^2024年，市政府办公室新收/);
  expect(JSON.parse((await run('narrate', '--json', path.join(EXAMPLES, 'sample-2024-clean.json'))).out).sections['三']).toMatch(/^2024年，示例县人民政府（虚构）/);
  const anonymous = jsonReport('huaian-2024', { body: undefined });
  expect(JSON.parse((await run('narrate', '--json', anonymous)).out).sections['三']).toMatch(/^2024年，本机关新收/);
});

test('--year when the report does not say; exit 2 without it', async () => {
  const noYear = jsonReport('huaian-2024', { year: undefined });
  const missing = await run('narrate', noYear);
  expect(missing.code).toBe(2);
  expect(missing.err).toBe(`nianbao: 无法从报告中读出年度，请用 --year 指定：${noYear}\n`);
  const given = await run('narrate', '--json', '--year', '2024', noYear);
  expect(given.code).toBe(0);
  expect(JSON.parse(given.out).sections['四']).toMatch(/^2024年，/);
  // A year that contradicts the format is an error of the tables (format.yearMismatch).
  expect((await run('narrate', '--year', '2020', path.join(FIXTURES, 'huaian-2024.txt'))).code).toBe(1);
});

test('--zero state, --fee, --last-year', async () => {
  const file = path.join(FIXTURES, 'shanghai-2019.html');
  const state = JSON.parse((await run('narrate', '--json', '--draft', '--zero', 'state', file)).out);
  expect(state.sections['三']).toMatch(/其他处理0件。$/);

  const huaian = path.join(FIXTURES, 'huaian-2024.txt');
  const none = await run('narrate', '--json', '--fee', '0', huaian);
  expect(JSON.parse(none.out).sections['六']).toBe('2024年，淮安市人民政府未收取信息处理费。');
  expect(none.err).toBe('');
  expect(JSON.parse((await run('narrate', '--json', '--fee=3940', huaian)).out).sections['六']).toBe('2024年，淮安市人民政府收取信息处理费3940元。');

  const last = jsonReport('huaian-2024', { year: 2023 }, { 't3.received.total': 2777, 't3.received.natural': 2659 });
  const compared = JSON.parse((await run('narrate', '--json', '--last-year', last, huaian)).out);
  expect(compared.sections['一.依申请公开']).toContain('共收到政府信息公开申请3119件，较上年增长12.32%，');
});

test('wrong arguments and unreadable files: a message and exit 2', async () => {
  const file = path.join(FIXTURES, 'huaian-2024.txt');
  for (const argv of [['narrate'], ['narrate', file, file], ['narrate', '--zero', 'some', file], ['narrate', '--fee', '三千元', file], ['narrate', '--body', ' ', file], ['narrate', '--all', file], ['narrate', '--year', '24', file]]) {
    const { code, err, out } = await run(...argv);
    expect([argv.join(' '), code]).toEqual([argv.join(' '), 2]);
    expect(err).toMatch(/^nianbao: .+\n运行 nianbao --help 查看用法。\n$/);
    expect(out).toBe('');
  }
  const missing = await run('narrate', path.join(tmp, 'missing.xlsx'));
  expect(missing.code).toBe(2);
  expect(missing.err).toMatch(/^nianbao: .*missing\.xlsx\n$/);
  const noTables = path.join(tmp, 'prose.txt');
  fs.writeFileSync(noTables, '这是一段与年报无关的文字。\n');
  expect(await run('narrate', noTables)).toMatchObject({ code: 2, out: '' });
  const lastMissing = await run('narrate', '--last-year', path.join(tmp, 'none.json'), file);
  expect(lastMissing.code).toBe(2);
  expect(lastMissing.err).toMatch(/^nianbao: 上年报告：/);
});

test('--help describes narrate; check is unchanged', async () => {
  const { out } = await run('--help');
  expect(out).toContain('nianbao check [选项] 文件...');
  expect(out).toContain('nianbao narrate [选项] 文件');
  expect(out).toContain('--draft');
  expect((await run('check', path.join(FIXTURES, 'wutuan-2019.txt'))).code).toBe(0);
});
