import { execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { ReadError, readReportFile } from '../../src/cli/read-file';
import { XLSX_LIMITS } from '../../src/core/import/xlsx';
import type { ReadResult } from '../../src/core/import/grid';
import { FIXTURES, RENDERED } from '../helpers/fixtures';
import { fakeEncryptedWorkbook, fakeXls, HERE_FIXTURES, makeZip, repeatedDeflate, rowWith, tempDir, unzip, utf16, values } from './helpers';

const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

async function refusal(file: string): Promise<ReadError> {
  try {
    await readReportFile(file);
  } catch (e) {
    if (e instanceof ReadError) return e;
    throw e;
  }
  throw new Error(`expected ${file} to be refused`);
}

describe('refusals: one line of Chinese naming the file', () => {
  test('missing file', async () => {
    const file = path.join(dir, 'a.xlsx');
    const e = await refusal(file);
    expect(e.code).toBe('notFound');
    expect(e.message).toBe(`文件不存在：${file}`);
    expect(e.file).toBe(file);
  });

  test('a folder, a device', async () => {
    const folder = path.join(dir, 'reports.xlsx');
    fs.mkdirSync(folder);
    expect((await refusal(folder)).message).toBe(`这是一个文件夹，不是文件：${folder}`);
    expect((await refusal('/dev/null')).message).toBe('不是普通文件：/dev/null');
  });

  // Opening a FIFO for reading waits for a writer unless it is opened non-blocking. A writer
  // arrives after 2 s, so that a blocking open makes this test fail rather than hang.
  (process.platform === 'win32' ? test.skip : test)('a FIFO with no writer is refused at once, not waited on', async () => {
    const fifo = path.join(dir, 'pipe.txt');
    execFileSync('mkfifo', [fifo]);
    const writer = spawn('sh', ['-c', `sleep 2; echo x > '${fifo}'`], { stdio: 'ignore' });
    try {
      const started = Date.now();
      expect((await refusal(fifo)).code).toBe('notFile');
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      writer.kill('SIGKILL');
    }
  });

  test('empty file', async () => {
    const file = write('empty.txt', '');
    expect((await refusal(file)).message).toBe(`文件为空：${file}`);
  });

  test('over 20 MB, checked by size before reading (sparse file)', async () => {
    const file = write('big.html', '');
    fs.truncateSync(file, 21 * 1024 * 1024);
    const e = await refusal(file);
    expect(e.code).toBe('tooLarge');
    expect(e.message).toBe(`文件超过 20 MB 的上限（21.0 MB）：${file}`);
  });

  test('unsupported types', async () => {
    const supported = '.xlsx、.docx、.pdf、.html、.txt 或 .json（.doc、.wps、.xls、.et、.odt、.ods 经 LibreOffice 转换）';
    const rtf = write('report.rtf', '{\\rtf1}');
    expect((await refusal(rtf)).message).toBe(`不支持的文件类型 .rtf：请使用 ${supported}（${rtf}）`);
    const bare = write('README', 'x');
    expect((await refusal(bare)).message).toBe(`不支持的文件类型（没有扩展名）：请使用 ${supported}（${bare}）`);
  });

  test('a truncated PDF is refused before pdf.js reads a page of it', async () => {
    const pdf = write('report.pdf', '%PDF-1.7');
    const e = await refusal(pdf);
    expect(e.code).toBe('corruptPdf');
    expect(e.message).toBe(`不是有效的 PDF 文件（文件已损坏或不完整）：请重新下载或导出后再检查：${pdf}`);
  });

  test('legacy formats without LibreOffice: the message names the conversion to do', async () => {
    const xls = write('report.xls', fakeXls());
    const doc = write('report.wps', fakeXls());
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      expect((await refusal(xls)).message).toBe(`不能直接读取 .xls 格式：请在 Excel 或 WPS 表格中另存为 .xlsx 后再检查（或安装 LibreOffice，由本工具自动转换）：${xls}`);
      expect((await refusal(doc)).code).toBe('needsConversion');
      expect((await refusal(doc)).message).toContain('请在 WPS 文字中另存为 .docx 后再检查');
    } finally {
      process.env.PATH = path;
    }
    expect(fs.readFileSync(xls)).toEqual(Buffer.from(fakeXls()));
  });

  test('corrupt workbook, and an .xls saved as .xlsx', async () => {
    const truncated = write('truncated.xlsx', fs.readFileSync(path.join(RENDERED, 'huaian-2024-clean.xlsx')).subarray(0, 3000));
    const message = '不是有效的 .xlsx 工作簿（文件已损坏，或不是 Excel 2007 及以上格式）';
    expect((await refusal(truncated)).message).toBe(`${message}：${truncated}`);
    expect((await refusal(write('text.xlsx', '一、总体情况'))).code).toBe('corruptXlsx');
    expect((await refusal(write('old.xlsx', fakeXls()))).message).toBe(`${message}：${path.join(dir, 'old.xlsx')}`);
  });

  test('a ZIP that is not a workbook', async () => {
    const file = write('archive.xlsx', makeZip({ 'notes.txt': '你好' }));
    expect((await refusal(file)).message).toBe(`压缩包中没有工作簿内容：${file}`);
  });

  test('a password-protected workbook', async () => {
    const file = write('locked.xlsx', fakeEncryptedWorkbook());
    expect((await refusal(file)).message).toBe(`工作簿受密码保护，无法读取，请先取消密码：${file}`);
  });

  test('binary data named .txt, .html or .json', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 0]);
    for (const name of ['scan.txt', 'page.html', 'cells.json']) {
      const file = write(name, png);
      const e = await refusal(file);
      expect(e.code).toBe('binary');
      expect(e.message).toBe(`文件看起来是二进制数据，不是文本：${file}`);
    }
    const docx = write('report.txt', makeZip({ 'word/document.xml': '<w:document/>' }));
    expect((await refusal(docx)).code).toBe('binary');
  });

  test('HTML nested absurdly deep', async () => {
    const file = write('deep.html', `${'<div>'.repeat(20_000)}x`);
    expect((await refusal(file)).message).toBe(`网页的标签嵌套超过 500 层，不像是正常的网页，无法读取；请在浏览器中打开该网页，将年报正文和表格复制到文本文件（.txt）后再检查：${file}`);
    // `<div/>` opens a div as `<div>` does: refused the same way, not a stack overflow.
    const selfClosed = write('self-closed.html', '<div/>'.repeat(20_000));
    expect((await refusal(selfClosed)).message).toBe(`网页的标签嵌套超过 500 层，不像是正常的网页，无法读取；请在浏览器中打开该网页，将年报正文和表格复制到文本文件（.txt）后再检查：${selfClosed}`);
  });

  test('invalid JSON gives the position', async () => {
    const file = write('cells.json', '{\n  "cells": {\n    "t3.received.total": 5,,\n  }\n}');
    expect((await refusal(file)).message).toBe(`JSON 格式错误（第 3 行第 28 列有错）：${file}`);
  });

  test(`a workbook of 100 000 filled rows is refused quickly (limit ${XLSX_LIMITS.maxCells} cells)`, async () => {
    const parts = unzip(new Uint8Array(fs.readFileSync(path.join(RENDERED, 'huaian-2024-clean.xlsx'))));
    const rows = Array.from({ length: 100_000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join('');
    const sheet = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:A100000"/><sheetData>${rows}</sheetData></worksheet>`;
    const file = write('huge.xlsx', makeZip({ ...parts, 'xl/worksheets/sheet1.xml': sheet }));
    const started = Date.now();
    const e = await refusal(file);
    const elapsed = Date.now() - started;
    expect(e.code).toBe('tooManyCells');
    expect(e.message).toBe(`工作簿太大：共 100000 个单元格，超过 50000 个的上限，请只保留年报表格后再检查：${file}`);
    expect(elapsed).toBeLessThan(3000);
  });

  test('a workbook understating a part\'s size, or with a part that will not inflate, is refused as corrupt', async () => {
    const parts = unzip(new Uint8Array(fs.readFileSync(path.join(RENDERED, 'huaian-2024-clean.xlsx'))));
    // 60 000 cells in a sheet that claims 1 000 bytes: small enough on disk that its size is not
    // measured before parsing; the size mismatch stops the parse instead.
    const rows = Array.from({ length: 60_000 }, () => '<row><c><v>1</v></c></row>').join('');
    const sheet = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;
    const liar = write('liar.xlsx', makeZip({ ...parts, 'xl/worksheets/sheet1.xml': { deflated: zlib.deflateRawSync(sheet), size: 1000 } }));
    const started = Date.now();
    expect((await refusal(liar)).code).toBe('corruptXlsx');
    expect(Date.now() - started).toBeLessThan(3000);
    const garbage = { deflated: new Uint8Array([0xff, 0xff, 0xff, 0xff, 1, 2, 3, 4, 5, 6, 7, 8]), size: 500 };
    for (const name of ['docProps/app.xml', 'xl/media/image1.png', 'xl/worksheets/sheet1.xml']) {
      expect((await refusal(write('garbage.xlsx', makeZip({ ...parts, [name]: garbage })))).code).toBe('corruptXlsx');
    }
  });

  test('an archive that inflates past the cap (a "zip bomb") is refused without inflating it all', async () => {
    const parts = unzip(new Uint8Array(fs.readFileSync(path.join(RENDERED, 'huaian-2024-clean.xlsx'))));
    // 1 MB of spaces × 201: about 200 KB on disk, 201 MB inflated.
    const bomb = repeatedDeflate(new Uint8Array(1 << 20).fill(0x20), XLSX_LIMITS.maxInflatedBytes / (1 << 20) + 1);
    expect(zlib.inflateRawSync(bomb.deflated).length).toBe(XLSX_LIMITS.maxInflatedBytes + (1 << 20));
    const file = write('bomb.xlsx', makeZip({ ...parts, 'xl/media/image1.png': bomb }));
    expect(fs.statSync(file).size).toBeLessThan(1024 * 1024);
    const started = Date.now();
    const e = await refusal(file);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(e.code).toBe('tooManyCells');
    expect(e.message).toContain('解压后超过 200.0 MB');
  });
});

describe('reading by extension', () => {
  const wutuanFile = path.join(FIXTURES, 'wutuan-2019.txt');
  let utf8: ReadResult;
  beforeAll(async () => {
    utf8 = await readReportFile(wutuanFile);
  });

  test('.txt: the seed report', () => {
    expect(values(rowWith(utf8, '一、本年新收政府信息公开申请数量'))).toEqual(['一、本年新收政府信息公开申请数量', '0', '0', '0', '0', '0', '0', '0']);
  });

  test('.txt in GB18030, GBK, UTF-16LE without BOM, UTF-16BE with BOM reads like UTF-8', async () => {
    const text = fs.readFileSync(wutuanFile, 'utf8');
    expect((await readReportFile(path.join(HERE_FIXTURES, 'wutuan-2019.gb18030.txt'))).grids).toEqual(utf8.grids);
    const gbk = await readReportFile(path.join(HERE_FIXTURES, 'wutuan-2019.gbk.txt'));
    expect(values(rowWith(gbk, '规范性文件', true))).toEqual(['规范性文件', '\u3000\u30005', ' 5', '23']);
    expect(gbk.grids[0].rows).toHaveLength(utf8.grids[0].rows.length);
    expect((await readReportFile(write('le.txt', utf16(text, 'le', false)))).grids).toEqual(utf8.grids);
    expect((await readReportFile(write('be.txt', utf16(text, 'be', true)))).grids).toEqual(utf8.grids);
  });

  test('.html and .htm', async () => {
    const html = await readReportFile(path.join(FIXTURES, 'shanghai-2019.html'));
    expect(html.grids).toHaveLength(3);
    const htm = write('page.htm', '<p>一、总体情况</p><table><tr><td>规章</td><td>1</td></tr></table>');
    expect(await readReportFile(htm)).toEqual({ grids: [{ name: '表格1', rows: [{ cells: [{ value: '规章' }, { value: '1' }], source: '表格1 第1行' }] }], text: ['一、总体情况', '规章\t1'] });
  });

  test('.html with scripts and no tables is a result with no grids, not an error', async () => {
    const file = write('empty-page.html', '<script>alert(1)</script><img src=x onerror="alert(2)"><p>暂无内容</p>');
    expect(await readReportFile(file)).toEqual({ grids: [], text: ['暂无内容'] });
  });

  test('.xlsx', async () => {
    const result = await readReportFile(path.join(RENDERED, 'shanghai-2019-noisy.xlsx'));
    expect(result.grids.map((g) => g.name)).toEqual(['年报']);
    expect(rowWith(result, '一、本年新收政府信息公开申请数量').source).toBe('年报!第29行');
  });

  test('.json', async () => {
    const result = await readReportFile(path.join(FIXTURES, 'huaian-2024.cells.json'));
    expect(result.meta).toEqual({ format: '2021', year: 2024, body: '淮安市人民政府' });
    expect(result.cells?.['t3.received.total']).toBe(3119);
  });

  test('reading never changes the input', async () => {
    const files = [wutuanFile, path.join(FIXTURES, 'shanghai-2019.html'), path.join(RENDERED, 'huaian-2024-noisy.xlsx'), path.join(FIXTURES, 'wutuan-2019.cells.json')];
    const before = files.map((f) => ({ bytes: fs.readFileSync(f), mtime: fs.statSync(f).mtimeMs }));
    for (const f of files) await readReportFile(f);
    expect(files.map((f) => ({ bytes: fs.readFileSync(f), mtime: fs.statSync(f).mtimeMs }))).toEqual(before);
  });
});
