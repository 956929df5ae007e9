/** `nianbao check` as users run it: output, exit codes, JSON shape, and every kind of bad input. */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { runCli } from '../helpers/cli';
import { FIXTURES, RENDERED } from '../helpers/fixtures';
import { fakeEncryptedWorkbook, makeZip, repeatedDeflate } from '../readers/helpers';

const ROOT = path.resolve(__dirname, '../..');
const EXAMPLES = path.join(ROOT, 'examples');

const run = runCli;

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-cli-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function writeTmp(name: string, content: string | Buffer): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, content);
  return file;
}

test('a clean report: tables, format and year, no findings, exit 0', async () => {
  const { code, out } = await run('check', path.join(FIXTURES, 'wutuan-2019.txt'));
  expect(code).toBe(0);
  expect(out).toContain('格式：2019（国办公开办函〔2019〕60号）  年度：2019');
  expect(out).toContain('二、主动公开政府信息情况 已找到；三、收到和处理政府信息公开申请情况 已找到；四、政府信息公开行政复议、行政诉讼情况 已找到');
  expect(out).toContain('未发现问题。');
  expect(out).toContain('共检查 1 个文件：无错误 1 个，有错误 0 个，无法检查 0 个；错误 0 处，警告 0 处。');
});

test('a report with errors: findings grouped by table with cell, both sides and difference; exit 1', async () => {
  const { code, out } = await run('check', path.join(EXAMPLES, 'sample-2024-mistakes.json'));
  expect(code).toBe(1);
  expect(out).toMatch(/三、收到和处理政府信息公开申请情况（错误 \d+，警告 0）/);
  expect(out).toContain('[错误] cell.placeholder 三、本年度办理结果（三）不予公开 4.保护第三方合法权益 / 自然人');
  expect(out).toContain('[错误] t4.groupTotal 行政复议 / 总计：表内 4，应为 3，相差 +1');
  expect(out).toContain('最可能填错的是「三、本年度办理结果（一）予以公开 / 商业企业」：若改为 3');
});

test('a narrative contradiction (上海 2019): the headline gives what the text states as 正文 and what the tables hold as 表格', async () => {
  const { out } = await run('check', path.join(FIXTURES, 'shanghai-2019.html'));
  expect(out).toContain('[警告] narrative.mismatch 予以公开及部分公开：正文 258，表格 275，相差 -17\n');
  expect(out).toContain('[警告] narrative.mismatch 无法提供：正文 265，表格 337，相差 -72\n');
  expect(out).toContain('[警告] narrative.mismatch 均获维持：正文 0，表格 3，相差 -3\n');
  expect(out).not.toMatch(/narrative\.mismatch[^\n]*表内/);
  const en = (await run('check', '--lang', 'en', path.join(FIXTURES, 'shanghai-2019.html'))).out;
  expect(en).toContain('[warning] narrative.mismatch 予以公开及部分公开: text 258, tables 275, difference -17\n');
  expect(en).toContain('[warning] narrative.mismatch 均获维持: text 0, tables 3, difference -3\n');
});

test('--json prints one object with the documented shape, cells and findings', async () => {
  const { code, out } = await run('check', '--json', path.join(EXAMPLES, 'sample-2024-mistakes.json'), path.join(RENDERED, 'huaian-2024-leaf.html'));
  expect(code).toBe(1);
  const json = JSON.parse(out);
  expect(Object.keys(json)).toEqual(['files']);
  const [sample, leaf] = json.files;
  expect(sample).toMatchObject({ format: '2021', year: 2024, tables: { t2: true, t3: true, t4: true } });
  expect(sample.cells['t3.granted.commercial']).toBe(5);
  expect(sample.cells['t3.denied4.natural']).toBeNull();
  for (const f of [...sample.findings, ...leaf.findings]) {
    expect(Object.keys(f).slice(0, 7)).toEqual(['code', 'severity', 'cells', 'expected', 'actual', 'difference', 'message']);
  }
  const balance = leaf.findings.find((f: { code: string }) => f.code === 't3.resultTotal');
  expect(balance).toMatchObject({ cells: expect.arrayContaining(['t3.resultTotal.otherOrg']), expected: 7, actual: 4, difference: -3, likelyCulprit: { cell: 't3.denied1.otherOrg', value: 0 } });
  expect(balance.cells[0]).toBe('t3.resultTotal.otherOrg');
});

test('--lang en, --format and --year are honoured', async () => {
  const { code, out } = await run('check', '--lang', 'en', '--format', '2021', '--year', '2020', path.join(EXAMPLES, 'sample-2024-clean.json'));
  expect(code).toBe(1);
  expect(out).toContain('format.yearMismatch');
  expect(out).toContain('A report for 2020 must use format 2019, but its tables are format 2021.');
  // English punctuation in English output.
  expect(out).toMatch(/^Format: 2021（.*） {2}Year: 2020$/m);
  expect(out).toMatch(/^Tables: .* found; .* found; .* found$/m);
  expect(out).not.toMatch(/[A-Za-z]：/);
});

test('--last-year runs the cross-year rules', async () => {
  const last = JSON.parse(fs.readFileSync(path.join(EXAMPLES, 'sample-2024-clean.json'), 'utf8'));
  last.year = 2023;
  last.cells['t3.carriedOver.natural'] = 5;
  const { out } = await run('check', '--json', '--last-year', writeTmp('last.json', JSON.stringify(last)), path.join(EXAMPLES, 'sample-2024-clean.json'));
  const codes = JSON.parse(out).files[0].findings.map((f: { code: string; cells: string[] }) => `${f.code}:${f.cells[0]}`);
  expect(codes).toContain('t3.carryOver:t3.carriedIn.natural');
  expect(codes).toContain('t2.stockFlow:t2.art20_1.normative.inForce');
});

describe('bad input: one clear line naming the file, exit 2, the other files still checked', () => {
  const cases: [string, () => string, RegExp][] = [
    ['a missing file', () => path.join(tmp, 'nope.xlsx'), /文件不存在/],
    // A folder is walked for reports (test/cli/batch.test.ts); one holding none is named as such.
    ['a folder with no report in it', () => fs.mkdtempSync(path.join(tmp, 'folder-')), /文件夹中没有可检查的报告文件/],
    ['an empty file', () => writeTmp('empty.txt', ''), /文件为空/],
    ['a corrupt .xlsx', () => writeTmp('corrupt.xlsx', 'PK\u0003\u0004 this is not really a zip'), /不是有效的 \.xlsx/],
    ['a zip that is not a workbook', () => writeTmp('plain.xlsx', Buffer.from(makeZip({ 'readme.txt': 'hello' }))), /没有工作簿/],
    ['a password-protected workbook', () => writeTmp('locked.xlsx', Buffer.from(fakeEncryptedWorkbook())), /密码/],
    ['a binary file named .txt', () => writeTmp('binary.txt', Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 0, 7, 8, 0, 0, 0])), /二进制/],
    ['a file over the size limit', () => sparse('huge.html', 21 * 1024 * 1024), /20 MB/],
    ['HTML with scripts and no report tables', () => writeTmp('evil.html', '<html><body><script>alert(1)</script><img src=x onerror="alert(2)"><p>你好</p></body></html>'), /未找到任何一张/],
    ['HTML nested absurdly deep (<div/> opens a div)', () => writeTmp('deep.html', '<div/>'.repeat(20_000)), /嵌套超过 500 层/],
    ['an unsupported type', () => writeTmp('report.rtf', '{\\rtf1}'), /不支持的文件类型/],
    ['a truncated PDF', () => writeTmp('cut.pdf', '%PDF-1.4\n1 0 obj'), /不是有效的 PDF 文件/],
    ['a zip bomb named .docx', () => writeTmp('bomb.docx', Buffer.from(makeZip({ 'word/document.xml': repeatedDeflate(Buffer.from('<w:p/>'.repeat(1000)), 10_000) }))), /解压后超过 48 MB/],
    ['a .docx without word/document.xml', () => writeTmp('empty.docx', Buffer.from(makeZip({ 'word/styles.xml': '<styles/>' }))), /没有 Word 文档正文/],
  ];
  test.each(cases)('%s', async (_name, make, pattern) => {
    const bad = make();
    const { code, out } = await run('check', bad, path.join(FIXTURES, 'wutuan-2019.txt'));
    expect(code).toBe(2);
    const block = out.split('\n\n').find((b) => b.startsWith(`== ${bad} ==`)) ?? '';
    expect(block.split('\n')).toHaveLength(2);
    expect(block).toMatch(pattern);
    expect(block).toContain(bad);
    expect(out).toContain('== ' + path.join(FIXTURES, 'wutuan-2019.txt') + ' ==\n格式：2019');
    expect(out).toContain('无法检查 1 个');
    expect(out).not.toMatch(/at .*\.(ts|js):\d+/);
  });
});

function sparse(name: string, size: number): string {
  const file = writeTmp(name, '');
  fs.truncateSync(file, size);
  return file;
}

test('wrong arguments: a message and exit 2', async () => {
  for (const argv of [['check'], ['check', '--format', '2020', 'a.xlsx'], ['check', '--year', 'abc', 'a.xlsx'], ['check', '--lang', 'fr', 'a.xlsx'], ['check', '--bogus', 'a.xlsx'], ['frobnicate']]) {
    const { code, err, out } = await run(...argv);
    expect([argv.join(' '), code]).toEqual([argv.join(' '), 2]);
    expect(err).toMatch(/^nianbao: .+\n运行 nianbao --help 查看用法。\n$/);
    expect(out).toBe('');
  }
  expect((await run('--help')).out).toContain('nianbao check [选项] 文件...');
});

test('progress goes to stderr when it is a terminal, and nowhere otherwise or with --quiet', async () => {
  const files = Array.from({ length: 12 }, () => path.join(EXAMPLES, 'sample-2024-clean.json'));
  const terminal = async (...argv: string[]): Promise<{ code: number; out: string; err: string }> => {
    let out = '';
    let err = '';
    const code = await main(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t), interactive: true });
    return { code, out, err };
  };
  const shown = await terminal('check', '--json', ...files);
  expect(shown.code).toBe(0);
  expect(shown.err).toContain('12/12 个文件');
  expect(JSON.parse(shown.out).files).toHaveLength(12);
  const quiet = await terminal('check', '--json', '--quiet', ...files);
  expect(quiet.err).toBe('');
  expect(quiet.out).toBe(shown.out);
  const piped = await run('check', '--json', ...files);
  expect(piped.err).toBe('');
  expect(piped.out).toBe(shown.out);
});

test('nothing is written to the input files', async () => {
  const file = writeTmp('copy.html', fs.readFileSync(path.join(FIXTURES, 'shanghai-2019.html')));
  const before = fs.statSync(file);
  const bytes = fs.readFileSync(file);
  await run('check', file);
  expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  expect(fs.statSync(file).mtimeMs).toBe(before.mtimeMs);
});

test('the installed command: real exit codes and no stack trace', async () => {
  const bin = path.join(ROOT, 'bin', 'nianbao.js');
  const exec = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [bin, ...args], { cwd: tmp }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }));
    });
  expect((await exec(['check', path.join(FIXTURES, 'huaian-2024.txt')])).code).toBe(0);
  expect((await exec(['check', path.join(EXAMPLES, 'sample-2024-mistakes.json')])).code).toBe(1);
  const missing = await exec(['check', 'missing.xlsx']);
  expect(missing.code).toBe(2);
  expect(missing.stdout + missing.stderr).not.toMatch(/\n\s+at /);
});
