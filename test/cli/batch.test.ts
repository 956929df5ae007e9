/**
 * `nianbao check` over folders: order and exit codes whatever the number of threads, a file that
 * holds up its reader, every input type among others, years paired (title variants, two
 * candidates), the cross-year rules and 内容雷同 through pairing, the supervisor's summary.
 * Worker threads run the build: `npm run build` first (as `npm test` does).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { generateReport } from '../../scripts/generate';
import { documentHtml, reportHtml } from '../../src/core/export/html';
import { reportWorkbook } from '../../src/core/export/xlsx';
import { getFormat } from '../../src/core/formats/registry';
import type { FormatDef } from '../../src/core/formats/types';
import { runCli as run } from '../helpers/cli';
import { FIXTURES } from '../helpers/fixtures';

const ROOT = path.resolve(__dirname, '../..');
const EXAMPLES = path.join(ROOT, 'examples');
const F2021 = getFormat('2021') as FormatDef;
const F2019 = getFormat('2019') as FormatDef;

let tmp: string;
beforeAll(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-batch-'))));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Writes `files` (relative path → content) under a new folder; returns the folder. */
function folder(name: string, files: Record<string, string | Uint8Array>): string {
  const dir = path.join(tmp, name);
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

const cellsJson = (year: number, body: string, cells: Record<string, number>): string => JSON.stringify({ format: year >= 2021 ? '2021' : '2019', year, body, cells });

interface FileJson {
  file: string;
  error?: string;
  lastYear?: string;
  findings?: { code: string; severity: string; cells: string[]; expected: unknown; actual: unknown; params?: unknown; message: string }[];
}

describe('output order and exit codes do not depend on --jobs', () => {
  let dir: string;
  beforeAll(() => {
    dir = folder('order', {
      'b/2.json': cellsJson(2024, '乙', generateReport(F2021, 2, true)),
      'a/1.json': cellsJson(2024, '甲', generateReport(F2021, 1)),
      'a/corrupt.xlsx': 'PK\u0003\u0004 not a zip',
      'c/wutuan.txt': fs.readFileSync(path.join(FIXTURES, 'wutuan-2019.txt')),
      'c/shanghai.html': fs.readFileSync(path.join(FIXTURES, 'shanghai-2019.html')),
    });
  });

  test.each([['text'], ['--json']])('%s', async (mode) => {
    const extra = mode === '--json' ? ['--json'] : [];
    const one = await run('check', '--jobs', '1', ...extra, dir);
    const two = await run('check', '--jobs', '2', ...extra, dir);
    expect(two.out).toBe(one.out);
    expect([one.code, two.code]).toEqual([2, 2]);
    const order = ['a/1.json', 'a/corrupt.xlsx', 'b/2.json', 'c/shanghai.html', 'c/wutuan.txt'].map((f) => path.join(dir, f));
    if (mode === '--json') {
      expect((JSON.parse(one.out).files as FileJson[]).map((f) => f.file)).toEqual(order);
    } else {
      expect(order.map((f) => one.out.indexOf(`== ${f} ==`))).toEqual([...order.map((f) => one.out.indexOf(`== ${f} ==`))].sort((a, b) => a - b));
      expect(one.out).toContain('共检查 5 个文件：无错误 2 个，有错误 2 个，无法检查 1 个');
    }
  });

  test('without the unreadable file: exit 1 under both', async () => {
    fs.rmSync(path.join(dir, 'a/corrupt.xlsx'));
    expect((await run('check', '--jobs', '1', dir)).code).toBe(1);
    expect((await run('check', '--jobs', '2', dir)).code).toBe(1);
  });
});

test('a file that holds up its reader past the time limit is reported unreadable; the run goes on', async () => {
  // 19 MB of table cells: parsing takes several seconds, against the 1 s allowed.
  const row = `<tr>${'<td>1</td>'.repeat(20)}</tr>`;
  const dir = folder('slow', {
    'a-slow.html': `<table>${row.repeat(Math.floor(19e6 / row.length))}</table>`,
    'b-clean.json': fs.readFileSync(path.join(EXAMPLES, 'sample-2024-clean.json')),
  });
  const started = Date.now();
  const { code, out } = await run('check', '--json', '--jobs', '1', '--timeout', '1', dir);
  expect(code).toBe(2);
  const [slow, clean] = JSON.parse(out).files as FileJson[];
  expect(slow).toEqual({ file: path.join(dir, 'a-slow.html'), error: `读取和检查超过 1 秒仍未完成，已停止（文件可能异常）：${path.join(dir, 'a-slow.html')}` });
  expect(clean.error).toBeUndefined();
  expect(clean.findings).toEqual([]);
  // Stopped once: an unreadable file is never paired, so not read again.
  expect(Date.now() - started).toBeLessThan(10_000);
});

test('a folder mixing every supported type with others: each report checked in path order, the rest counted', async () => {
  const values = generateReport(F2021, 7);
  const dir = folder('mixed', {
    '1.xlsx': await reportWorkbook(F2021, values, '某市人民政府2023年政府信息公开工作年度报告'),
    '2.html': reportHtml(F2021, values, '某市人民政府2023年政府信息公开工作年度报告'),
    '3.htm': fs.readFileSync(path.join(FIXTURES, 'shanghai-2019.html')),
    '4.txt': fs.readFileSync(path.join(FIXTURES, 'wutuan-2019.txt')),
    '5.JSON': fs.readFileSync(path.join(EXAMPLES, 'sample-2024-clean.json')),
    'notes.docx': 'PK',
    'scan.pdf': '%PDF-1.4',
    'slides.pptx': 'PK',
    'photo.jpg': 'x',
    'data.csv': 'a,b',
    'readme.md': '# 说明',
    '.DS_Store': 'x',
    '~$1.xlsx': 'lock',
    '.git/config': '[core]',
  });
  fs.symlinkSync(path.join(dir, '4.txt'), path.join(dir, '6.txt'));
  const { code, out } = await run('check', '--jobs', '2', dir);
  const blocks = out.split('\n\n');
  expect(blocks.slice(0, 8).map((b) => b.split('\n')[0])).toEqual(['1.xlsx', '2.html', '3.htm', '4.txt', '5.JSON', 'notes.docx', 'scan.pdf', '~$1.xlsx'].map((f) => `== ${path.join(dir, f)} ==`));
  // A damaged Word file and a truncated PDF are read and refused, each with its own message.
  expect(blocks[5]).toContain('不是有效的 .docx 文档');
  expect(blocks[6]).toContain('不是有效的 PDF 文件');
  // Excel's lock file (~$…) is not hidden by name: it is read and found not to be a workbook.
  expect(blocks[7]).toContain('不是有效的 .xlsx');
  expect(code).toBe(2);
  expect(out).toContain('共检查 8 个文件');
  expect(out).toContain('文件夹中另有隐藏文件 2 个、其他类型文件 4 个、符号链接 1 个，未检查。');
});

describe('years paired among the files of one run', () => {
  const title = (t: string): string => `${t}政府信息公开工作年度报告`;
  let dir: string;
  let json: FileJson[];
  let err: string;
  beforeAll(async () => {
    const v = (seed: number) => generateReport(F2021, seed);
    dir = folder('pairs', {
      'u1/2021.html': reportHtml(F2021, v(1), title('某县人民政府（汇总全区）2021年')),
      'u1/2022.html': reportHtml(F2021, v(2), title('2022年某县人民政府')),
      'u2/2021.html': reportHtml(F2021, v(3), title('某县人民政府办公室 2021 年度')),
      'u2/2022.html': reportHtml(F2021, v(4), title('某县人民政府办公室(本级)2022年')),
      'u3/a/2021.html': reportHtml(F2021, v(5), title('某镇人民政府2021年')),
      'u3/b/2021.html': reportHtml(F2021, v(6), title('某镇人民政府2021年')),
      'u3/2022.html': reportHtml(F2021, v(7), title('某镇人民政府2022年')),
      'u4/2019.html': reportHtml(F2019, generateReport(F2019, 8), title('某区财政局2019年')),
    });
    const result = await run('check', '--json', '--jobs', '2', dir);
    json = JSON.parse(result.out).files;
    err = result.err;
  });
  const entry = (rel: string): FileJson => json.find((f) => f.file === path.join(dir, rel)) as FileJson;

  test('title variants of one body pair up; a different body (…办公室) does not', () => {
    expect(entry('u1/2022.html').lastYear).toBe(path.join(dir, 'u1/2021.html'));
    expect(entry('u2/2022.html').lastYear).toBe(path.join(dir, 'u2/2021.html'));
    expect(entry('u1/2021.html').lastYear).toBeUndefined();
    expect(entry('u4/2019.html').lastYear).toBeUndefined();
  });

  test('two candidates: no pairing, a warning naming both', () => {
    expect(entry('u3/2022.html').lastYear).toBeUndefined();
    expect(entry('u3/2022.html').findings?.some((f) => f.code === 't3.carryOver')).toBe(false);
    expect(err).toBe(`nianbao: 警告：${path.join(dir, 'u3/2022.html')}：未作跨年度核对：同一单位上一年度有 2 份报告（${path.join(dir, 'u3/a/2021.html')}、${path.join(dir, 'u3/b/2021.html')}），无法确定以哪一份为准\n`);
  });

  test('the text output and the summary name last year’s report', async () => {
    const csv = path.join(tmp, 'pairs.csv');
    const { out } = await run('check', '--summary', csv, dir);
    expect(out).toContain(`== ${path.join(dir, 'u1/2022.html')} ==\n格式：2021`);
    expect(out).toContain(`上年报告：${path.join(dir, 'u1/2021.html')}\n`);
    const rows = fs.readFileSync(csv, 'utf8').split('\r\n');
    expect(rows.find((r) => r.startsWith(path.join(dir, 'u2/2022.html')))?.endsWith(`,${path.join(dir, 'u2/2021.html')}`)).toBe(true);
    expect(rows.find((r) => r.startsWith(path.join(dir, 'u3/2022.html')))).toContain('未作跨年度核对');
  });
});

/** 2021's 结转下年度 set to `carriedOver`, its 本年新收 adjusted so its own tables still balance. */
function withCarriedOver(values: Record<string, number>, carriedOver: Record<string, number>): Record<string, number> {
  const out = { ...values };
  const cols = Object.keys(carriedOver);
  for (const c of cols) {
    out[`t3.carriedOver.${c}`] = carriedOver[c];
    out[`t3.carriedIn.${c}`] = 0;
    out[`t3.received.${c}`] = out[`t3.resultTotal.${c}`] + carriedOver[c];
  }
  for (const row of ['carriedOver', 'carriedIn', 'received']) out[`t3.${row}.total`] = cols.reduce((s, c) => s + out[`t3.${row}.${c}`], 0);
  return out;
}

test('a 2022 report whose 上年结转 disagrees with 2021’s 结转下年度, its own tables balanced: t3.carryOver through pairing', async () => {
  const y2022 = generateReport(F2021, 22);
  const cols = ['natural', 'commercial', 'research', 'nonprofit', 'legal', 'otherOrg'];
  const agreed = Object.fromEntries(cols.map((c) => [c, y2022[`t3.carriedIn.${c}`]]));
  const y2021 = withCarriedOver(generateReport(F2021, 21), { ...agreed, natural: agreed.natural + 3 });
  const dir = folder('carry', { '2021.json': cellsJson(2021, '某区人民政府', y2021), '2022.json': cellsJson(2022, '某区人民政府（汇总）', y2022) });
  const { code, out } = await run('check', '--json', dir);
  const [last, now] = JSON.parse(out).files as FileJson[];
  expect(last.findings?.filter((f) => f.severity === 'error')).toEqual([]);
  expect(now.lastYear).toBe(path.join(dir, '2021.json'));
  expect(now.findings?.filter((f) => f.severity === 'error')).toEqual([]);
  const carry = now.findings?.filter((f) => f.code === 't3.carryOver') ?? [];
  expect(carry.map((f) => [f.cells[0], f.actual, f.expected])).toEqual(
    expect.arrayContaining([
      ['t3.carriedIn.natural', agreed.natural, agreed.natural + 3],
      ['t3.carriedIn.total', y2022['t3.carriedIn.total'], y2022['t3.carriedIn.total'] + 3],
    ]),
  );
  expect(carry).toHaveLength(2);
  expect(code).toBe(0);

  // Alone, the same file raises no cross-year finding: pairing is what brought it.
  const alone = await run('check', '--json', path.join(dir, '2022.json'));
  expect((JSON.parse(alone.out).files[0] as FileJson).findings?.some((f) => f.code === 't3.carryOver')).toBe(false);
});

describe('内容雷同 (doc.sameAsLastYear) through pairing', () => {
  const PROSE_2021 = {
    一: '2021年，本局坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党中央、国务院关于全面推进政务公开工作的决策部署，严格执行《中华人民共和国政府信息公开条例》，全年主动公开政府信息1234条，其中政策文件56件，政策解读23篇，召开新闻发布会4场，回应社会关切事项18件，政务公开工作取得新的成效。',
    五: '2021年，本局政务公开工作仍存在一些不足：一是政策解读形式较为单一，图解、视频等形式运用不多；二是基层政务公开标准化规范化建设有待加强；三是工作人员业务能力仍需提升。下一步，本局将丰富解读形式，推进标准化建设，组织专题培训3次，切实提升政务公开工作水平。',
  };
  const figuresChanged = (text: string): string => text.replace(/2021/g, '2022').replace(/1234/, '2345').replace(/56/, '61').replace(/23篇/, '31篇').replace(/4场/, '6场').replace(/18件/, '20件').replace(/3次/, '5次');
  const REWRITTEN = {
    一: '2022年，本局聚焦优化营商环境和保障改善民生，围绕企业群众关切推进决策、执行、管理、服务、结果公开，新建重点领域信息公开专栏两个，全年主动公开各类信息2345条。在政策解读方面，主要负责同志带头解读重要政策，首次采用短视频解读惠企政策，取得良好反响。',
    五: '本年度存在的问题主要是：政务新媒体更新频率不均衡，个别栏目内容更新滞后；依申请公开答复文书的说理性还需增强。改进措施：建立新媒体内容更新月度通报制度，制定答复文书范本，开展案例评查，并将评查结果纳入年度绩效考核。',
  };
  const page = (year: number, body: string, sections: { 一: string; 五: string }) =>
    documentHtml({ format: F2021, year, body, raw: generateReport(F2021, year), findings: [], userSections: { ...sections, 六: '无。' } });

  test('a report copied from last year with new figures is flagged; one rewritten is not', async () => {
    const dir = folder('same', {
      'copied/2021.html': page(2021, '某甲局', PROSE_2021),
      'copied/2022.html': page(2022, '某甲局', { 一: figuresChanged(PROSE_2021.一), 五: figuresChanged(PROSE_2021.五) }),
      'rewritten/2021.html': page(2021, '某乙局', PROSE_2021),
      'rewritten/2022.html': page(2022, '某乙局', REWRITTEN),
    });
    const { out } = await run('check', '--json', dir);
    const files = JSON.parse(out).files as FileJson[];
    const same = (rel: string) => (files.find((f) => f.file === path.join(dir, rel))?.findings ?? []).filter((f) => f.code === 'doc.sameAsLastYear');
    expect(files.find((f) => f.file === path.join(dir, 'copied/2022.html'))?.lastYear).toBe(path.join(dir, 'copied/2021.html'));
    expect(same('copied/2022.html').map((f) => [f.severity, /^“([^”]+)”/.exec(f.message)?.[1]])).toEqual([
      ['warning', '一、总体情况'],
      ['warning', '五、存在的主要问题及改进情况'],
    ]);
    expect(same('copied/2022.html')[0].message).toMatch(/^“一、总体情况”部分的文字（数字、日期除外）与上年报告相同部分的相似度为 100%，存在内容雷同问题。/);
    expect(files.find((f) => f.file === path.join(dir, 'rewritten/2022.html'))?.lastYear).toBe(path.join(dir, 'rewritten/2021.html'));
    expect(same('rewritten/2022.html')).toEqual([]);
  });
});

test('the summary agrees with --json, written beside text or JSON output', async () => {
  const dir = folder('summary', {
    'a.json': fs.readFileSync(path.join(EXAMPLES, 'sample-2024-mistakes.json')),
    'b.json': fs.readFileSync(path.join(EXAMPLES, 'sample-2024-clean.json')),
    'c.txt': fs.readFileSync(path.join(FIXTURES, 'huaian-2024.txt')),
    'd.xlsx': 'broken',
  });
  const xlsx = path.join(tmp, '汇总.xlsx');
  const { out } = await run('check', '--json', '--summary', xlsx, dir);
  const files = JSON.parse(out).files as FileJson[];
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(xlsx);
  const sheet = workbook.worksheets[0];
  expect(sheet.rowCount).toBe(files.length + 1);
  files.forEach((f, k) => {
    const row = sheet.getRow(k + 2).values as unknown[];
    const errors = f.findings?.filter((x) => x.severity === 'error') ?? [];
    const warnings = f.findings?.filter((x) => x.severity === 'warning') ?? [];
    expect(row[1]).toBe(f.file);
    expect(row[5]).toBe(f.error ? '无法检查' : errors.length ? '有错误' : warnings.length ? '仅有警告' : '通过');
    expect([row[6], row[7]]).toEqual([errors.length, warnings.length]);
    expect(row[8] ?? '').toBe(f.error ?? (errors[0] ?? warnings[0])?.message ?? '');
  });
  const csv = path.join(tmp, '汇总.csv');
  const text = await run('check', '--summary', csv, dir);
  expect(text.out).toContain('共检查 4 个文件');
  expect(fs.readFileSync(csv, 'utf8').split('\r\n')).toHaveLength(files.length + 2);
});
