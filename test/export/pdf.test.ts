/**
 * The exports as a reader sees them: LibreOffice renders the exported .xlsx, HTML and .docx of
 * every shared fixture to PDF, and the PDF's text (pdftotext) holds the tables' labels and
 * figures. `UPDATE_SCREENSHOTS=1` also writes page 1 of each of Huai'an's as docs/export/*.png.
 */
import * as fs from 'fs';
import * as path from 'path';
import { exportReport, type ExportTarget } from '../../src/core/export';
import { exportable, FIXTURE_NAMES, firstPagePng, hasPoppler, pdfPages, pdfPageWords, pdfText, pdfWords, printedIn, toPdf, type FixtureName } from './helpers';

const RENDERED: ExportTarget[] = ['xlsx', 'html', 'docx'];
const SCREENSHOTS = path.resolve(__dirname, '../../docs/export');

/** Labels every rendering must show, in both formats. */
const LABELS = [
  '二、主动公开政府信息情况',
  '第二十条第（一）项',
  '三、收到和处理政府信息公开申请情况',
  '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
  '申请人情况',
  '法人或其他组织',
  '一、本年新收政府信息公开申请数量',
  '三、本年度办理结果',
  '（三）不予公开',
  '（七）总计',
  '四、结转下年度继续办理',
  '四、政府信息公开行政复议、行政诉讼情况',
  '行政复议',
  '未经复议直接起诉',
  '复议后起诉',
  '结果维持',
];

/** Figures from each fixture's tables (totals, amounts, a text cell). */
const FIGURES: Record<FixtureName, string[]> = {
  'wutuan-2019': ['城步苗族自治县五团镇2019年政府信息公开工作年度报告', '23'],
  'shanghai-2019': ['上海市人民政府办公厅2019年政府信息公开工作年度报告', '859', '805', '524', '368', '251000元', '（六）其他处理'],
  'huaian-2024': ['淮安市人民政府2024年政府信息公开工作年度报告', '3119', '3050', '3001', '447228', '3985758', '96171.6', '351', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'],
};

const pdfs = new Map<string, Uint8Array>();

beforeAll(async () => {
  if (!hasPoppler()) throw new Error('poppler-utils (pdftotext, pdftoppm) is not installed: run .ci/run');
  const jobs = FIXTURE_NAMES.flatMap((name) => RENDERED.map((to) => [name, to] as const));
  // Three at a time: each LibreOffice has its own profile.
  for (let k = 0; k < jobs.length; k += 3) {
    await Promise.all(
      jobs.slice(k, k + 3).map(async ([name, to]) => {
        const out = await exportReport(exportable(name), to, { reason: '核对原件后发布' });
        pdfs.set(`${name}.${to}`, await toPdf(out.bytes, `${name}.${to}`));
      }),
    );
  }
}, 300_000);

/** The PDF's text without white space: table cells wrap labels over lines. */
const printed = (name: FixtureName, to: ExportTarget): string => pdfText(pdfs.get(`${name}.${to}`) as Uint8Array).replace(/\s+/g, '');

describe.each(FIXTURE_NAMES.map((n) => [n]))('%s', (name) => {
  test.each(RENDERED.map((t) => [t]))('%s → PDF shows the tables’ labels and figures', (to) => {
    const words = pdfWords(pdfs.get(`${name}.${to}`) as Uint8Array);
    const missing = [...LABELS, ...FIGURES[name]].filter((s) => !printedIn(words, s));
    expect(missing).toEqual([]);
  });
});

test('the PDF word check finds wrapped labels but not what is not printed', () => {
  const words = pdfWords(pdfs.get('huaian-2024.docx') as Uint8Array);
  expect(printedIn(words, '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）')).toBe(true);
  expect(printedIn(words, '3119')).toBe(true);
  expect(printedIn(words, '3118')).toBe(false);
  expect(printedIn(words, '（八）总计')).toBe(false);
  expect(printedIn(words, '251000元')).toBe(false);
});

test('the whole report (HTML, .docx) prints all six sections; the .docx ends with the body and a date line', () => {
  for (const to of ['html', 'docx'] as const) {
    const text = printed('huaian-2024', to);
    for (const heading of ['一、总体情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项', '（请填写）']) expect([to, text.includes(heading)]).toEqual([to, true]);
  }
  expect(printedIn(pdfWords(pdfs.get('huaian-2024.docx') as Uint8Array), '六、其他需要报告的事项（请填写）淮安市人民政府年月日')).toBe(true);
  for (const to of RENDERED) expect(pdfPages(pdfs.get(`huaian-2024.${to}`) as Uint8Array)).toBeGreaterThanOrEqual(2);
});

test('the .docx is numbered page by page, `— n —` below the text block, odd pages at the right and even pages at the left', () => {
  const pdf = pdfs.get('huaian-2024.docx') as Uint8Array;
  const pages = pdfPages(pdf);
  expect(pages).toBeGreaterThanOrEqual(2);
  /** A4 in points; the text block's lower edge (35 mm up) and its sides (28 and 26 mm in). */
  const page = { width: 595.3, textBottom: 841.9 - 99.2, textLeft: 79.4, textRight: 595.3 - 73.7 };
  for (let n = 1; n <= pages; n++) {
    const foot = pdfPageWords(pdf, n).filter((w) => w.yMin > page.textBottom);
    expect([n, foot.map((w) => w.text).join(' ')]).toEqual([n, `— ${n} —`]);
    const left = Math.min(...foot.map((w) => w.xMin));
    const right = Math.max(...foot.map((w) => w.xMax));
    // 7 mm (19.8 pt) below the text block, give or take the font's ascent; one 14 pt character in from the edge.
    expect(foot[0].yMin - page.textBottom).toBeGreaterThan(14);
    expect(foot[0].yMin - page.textBottom).toBeLessThan(24);
    if (n % 2 === 1) expect(page.textRight - right).toBeCloseTo(14, 0);
    else expect(left - page.textLeft).toBeCloseTo(14, 0);
  }
});

test('page 1 of each rendering as a PNG (docs/export/; written with UPDATE_SCREENSHOTS=1)', () => {
  for (const to of RENDERED) {
    const png = firstPagePng(pdfs.get(`huaian-2024.${to}`) as Uint8Array);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    const file = path.join(SCREENSHOTS, `huaian-2024-${to}.png`);
    if (process.env.UPDATE_SCREENSHOTS === '1') {
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      fs.writeFileSync(file, png);
    }
    expect(fs.existsSync(file)).toBe(true);
  }
});
