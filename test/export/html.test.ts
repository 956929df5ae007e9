/**
 * The portal page: self-contained and accessible — lang zh-CN, a policy forbidding scripts and
 * requests, the six headings in order, each table with a caption, header cells with scope and
 * id, every value cell naming its headers — and the official layout (rowspan/colspan, the 勾稽
 * note), the sections' text or a placeholder, the body and date.
 */
import { parse, type DefaultTreeAdapterTypes } from 'parse5';
import { SECTIONS } from '../../src/core/document';
import { exportReport } from '../../src/core/export';
import { reportHtml } from '../../src/core/export/html';
import { cellsOf, getFormat } from '../../src/core/formats/registry';
import { generateNarrative } from '../../src/core/narrative/generate';
import { parseReport } from '../../src/core/engine/validate';
import { ALLOWED, ALLOWED_ATTRS, attr, elements, exportable, text, type FixtureName } from './helpers';

type Element = DefaultTreeAdapterTypes.Element;

async function page(name: FixtureName, extra = {}): Promise<{ html: string; all: Element[] }> {
  const out = await exportReport(exportable(name, extra), 'html', { reason: '测试' });
  expect(out.mime).toBe('text/html; charset=utf-8');
  expect(out.extension).toBe('html');
  const html = out.bytes as string;
  return { html, all: elements(parse(html)) };
}

test('a self-contained page: lang zh-CN, UTF-8, a policy against scripts and requests, nothing but text and tables', async () => {
  const { html, all } = await page('huaian-2024');
  expect(html.startsWith('<!DOCTYPE html>\n<html lang="zh-CN">')).toBe(true);
  expect(all.find((e) => e.tagName === 'meta' && attr(e, 'charset'))?.attrs).toEqual([{ name: 'charset', value: 'utf-8' }]);
  expect(attr(all.find((e) => attr(e, 'http-equiv') === 'Content-Security-Policy') as Element, 'content')).toBe("default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'");
  expect(text(all.find((e) => e.tagName === 'title') as Element)).toBe('淮安市人民政府2024年政府信息公开工作年度报告');
  expect(all.filter((e) => !ALLOWED.has(e.tagName)).map((e) => e.tagName)).toEqual([]);
  expect(all.flatMap((e) => e.attrs.map((a) => a.name)).filter((a) => !ALLOWED_ATTRS.has(a))).toEqual([]);
  expect(all.filter((e) => e.tagName === 'style')).toHaveLength(1);
});

test('title, the six headings in order, the tables under 二、三、四 with captions, the body at the end', async () => {
  const { all } = await page('huaian-2024', { date: '2025年1月20日' });
  expect(all.filter((e) => e.tagName === 'h1').map(text)).toEqual(['淮安市人民政府2024年政府信息公开工作年度报告']);
  const sections = all.filter((e) => e.tagName === 'section');
  expect(sections.map((s) => text(elements(s).find((e) => e.tagName === 'h2') as Element))).toEqual(SECTIONS.map((s) => s.heading));
  sections.forEach((s) => expect(attr(s, 'aria-labelledby')).toBe(attr(elements(s).find((e) => e.tagName === 'h2') as Element, 'id')));
  const captions = sections.map((s) => elements(s).filter((e) => e.tagName === 'caption').map(text));
  expect(captions).toEqual([[], ['主动公开政府信息情况'], ['收到和处理政府信息公开申请情况'], ['政府信息公开行政复议、行政诉讼情况'], [], []]);
  // Sections without text say so.
  expect(sections.map((s) => elements(s).filter((e) => attr(e, 'class') === 'nb-placeholder').map(text))).toEqual([['（请填写）'], [], [], [], ['（请填写）'], ['（请填写）']]);
  const signature = all.find((e) => attr(e, 'class') === 'nb-signature') as Element;
  expect(elements(signature).filter((e) => e.tagName === 'p').map(text)).toEqual(['淮安市人民政府', '2025年1月20日']);
});

test.each<[FixtureName, number]>([['huaian-2024', 22], ['wutuan-2019', 20]])('%s: the official layout — 勾稽 note 3×3, 三、本年度办理结果 over %i rows, 法人或其他组织 over 5 columns', async (name, rows) => {
  const { all } = await page(name);
  const cell = (label: string): Element => all.find((e) => (e.tagName === 'th' || e.tagName === 'td') && text(e) === label) as Element;
  const note = cell('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
  expect([note.tagName, attr(note, 'class'), attr(note, 'rowspan'), attr(note, 'colspan')]).toEqual(['td', 'nb-note', '3', '3']);
  expect([attr(cell('三、本年度办理结果'), 'rowspan'), attr(cell('三、本年度办理结果'), 'scope')]).toEqual([String(rows), 'rowgroup']);
  expect([attr(cell('法人或其他组织'), 'colspan'), attr(cell('法人或其他组织'), 'scope')]).toEqual(['5', 'colgroup']);
  expect([attr(cell('申请人情况'), 'colspan'), attr(cell('行政诉讼'), 'colspan')]).toEqual(['7', '10']);
  expect(attr(cell('（三）不予公开'), 'rowspan')).toBe('8');
  expect(attr(cell('一、本年新收政府信息公开申请数量'), 'colspan')).toBe('3');
});

test('every value cell once, with its cell id and the ids of its row and column headers', async () => {
  for (const name of ['huaian-2024', 'shanghai-2019'] as const) {
    const { all } = await page(name);
    const byId = new Map(all.filter((e) => attr(e, 'id')).map((e) => [attr(e, 'id') as string, e]));
    const values = all.filter((e) => attr(e, 'data-cell'));
    const format = exportable(name).format;
    expect(values.map((e) => attr(e, 'data-cell'))).toEqual([...cellsOf(format).keys()]);
    for (const td of values) {
      const headers = (attr(td, 'headers') ?? '').split(' ');
      expect(headers.length).toBeGreaterThanOrEqual(2);
      for (const id of headers) expect([byId.get(id)?.tagName, attr(byId.get(id) as Element, 'scope')]).toEqual(['th', expect.stringMatching(/^(row|col)(group)?$/)]);
    }
    expect(all.filter((e) => e.tagName === 'th').every((th) => attr(th, 'id') && attr(th, 'scope'))).toBe(true);
    const headersOf = (id: string): string[] => (attr(values.find((e) => attr(e, 'data-cell') === id) as Element, 'headers') ?? '').split(' ').map((h) => text(byId.get(h) as Element));
    expect(headersOf('t3.denied1.natural')).toEqual(['三、本年度办理结果', '（三）不予公开', '1.属于国家秘密', '申请人情况', '自然人']);
    expect(headersOf('t3.received.legal')).toEqual(['一、本年新收政府信息公开申请数量', '申请人情况', '法人或其他组织', '法律服务机构']);
    expect(headersOf('t4.suitAfterReview.pending')).toEqual(['行政诉讼', '复议后起诉', '尚未审结']);
    expect(headersOf('t4.review.total')).toEqual(['行政复议', '总计']);
    expect(headersOf('t2.art20_6.enforcement.decisions')).toEqual(['行政强制', '第二十条第（六）项', format.id === '2021' ? '本年处理决定数量' : '处理决定数量']);
  }
});

test('generated and written text goes into its section, the writer’s first; indentation is left to the page', async () => {
  const base = exportable('huaian-2024');
  const narrative = generateNarrative({ format: base.format, year: 2024, body: '淮安市人民政府', values: parseReport({ format: base.format, year: 2024, raw: base.raw }) }).sections;
  const { all } = await page('huaian-2024', { narrative, userSections: { 一: '　　本报告根据《中华人民共和国政府信息公开条例》编制。', 五: '一是……\n\n二是……' } });
  const paragraphs = all.filter((e) => e.tagName === 'section').map((s) => elements(s).filter((e) => e.tagName === 'p').map(text));
  expect(paragraphs).toEqual([
    ['本报告根据《中华人民共和国政府信息公开条例》编制。', narrative['一.主动公开'], narrative['一.依申请公开']],
    [],
    [narrative['三']],
    [narrative['四']],
    ['一是……', '二是……'],
    [narrative['六']],
  ]);
});

test('reportHtml, the tables alone under their headings, keeps its shape (bench, import tests)', () => {
  const format = getFormat('2021')!;
  const html = reportHtml(format, {}, '示例');
  expect(html).toContain('<body>\n');
  expect(html.match(/<h2>[^<]+<\/h2>\n<table/g)).toHaveLength(3);
  expect(html).toContain('</body>');
});
