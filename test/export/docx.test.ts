/**
 * The .docx: well-formed parts; the title, the six sections (text, or 「（请填写）」), the three
 * tables in the official layout — every row exactly as wide as the grid, merged cells as printed
 * (gridSpan, vMerge), header rows repeating — and the body and date line for signature.
 */
import type { Document, Element } from '@xmldom/xmldom';
import { SECTIONS } from '../../src/core/document';
import { exportReport } from '../../src/core/export';
import { BLANK_DATE } from '../../src/core/export/model';
import { docxParts, exportable, W, wAll as all, wText as textOf, type FixtureName } from './helpers';

/** The body's own paragraphs and tables, in order. */
const blocks = (doc: Document): Element[] => Array.from((all(doc, 'body')[0] as Element).childNodes).filter((n): n is Element => n.nodeType === 1 && ['p', 'tbl'].includes((n as Element).localName ?? ''));
const val = (el: Element | undefined, tag: string): string | null => (el ? (all(el, tag)[0]?.getAttributeNS(W, 'val') ?? null) : null);

async function docx(name: FixtureName, extra = {}): Promise<Document> {
  const out = await exportReport(exportable(name, extra), 'docx', { reason: '测试' });
  expect(out.extension).toBe('docx');
  expect(out.mime).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  const parts = docxParts(out.bytes as Uint8Array);
  return parts['word/document.xml'];
}

test('title, the six headings in order with their tables, placeholders, then the body and a date line to sign', async () => {
  const doc = await docx('huaian-2024');
  const sequence = blocks(doc).map((b) => (b.localName === 'tbl' ? '[表格]' : textOf(b))).filter((t) => t !== '');
  expect(sequence).toEqual([
    '淮安市人民政府2024年政府信息公开工作年度报告',
    SECTIONS[0].heading, '（请填写）',
    SECTIONS[1].heading, '[表格]',
    SECTIONS[2].heading, '[表格]',
    SECTIONS[3].heading, '[表格]',
    SECTIONS[4].heading, '（请填写）',
    SECTIONS[5].heading, '（请填写）',
    '淮安市人民政府', BLANK_DATE,
  ]);
  const last = blocks(doc).slice(-2);
  expect(last.map((p) => val(p, 'jc'))).toEqual(['right', 'right']);
  // A4 portrait.
  const size = all(doc, 'pgSz')[0];
  expect([size.getAttributeNS(W, 'w'), size.getAttributeNS(W, 'h')]).toEqual(['11906', '16838']);
});

test('text given for a section replaces its placeholder; a date given replaces the blank line', async () => {
  const doc = await docx('wutuan-2019', { userSections: { 五: '一是……\n二是……' }, narrative: { 三: '2019年，我镇未收到政府信息公开申请。' }, date: '2020年1月15日' });
  const texts = blocks(doc).map(textOf).filter((t) => t !== '');
  const at = (heading: string): string[] => texts.slice(texts.indexOf(heading) + 1, texts.indexOf(heading) + 3);
  expect(at(SECTIONS[4].heading)).toEqual(['一是……', '二是……']);
  expect(at(SECTIONS[2].heading)[0]).toBe('2019年，我镇未收到政府信息公开申请。');
  expect(texts.slice(-2)).toEqual(['城步苗族自治县五团镇', '2020年1月15日']);
});

describe.each<[FixtureName, number]>([['huaian-2024', 22], ['shanghai-2019', 20]])('%s tables', (name, resultRows) => {
  let tables: Element[];
  beforeAll(async () => {
    tables = all(await docx(name), 'tbl');
  });

  test('three tables; every row spans exactly the grid (merged cells and their continuations included)', () => {
    expect(tables).toHaveLength(3);
    for (const t of tables) {
      const grid = all(t, 'gridCol').length;
      for (const tr of all(t, 'tr')) expect(all(tr, 'tc').reduce((n, tc) => n + Number(val(tc, 'gridSpan') ?? 1), 0)).toBe(grid);
    }
    expect(tables.map((t) => all(t, 'gridCol').length)).toEqual([4, 10, 15]);
  });

  test(`三、本年度办理结果 merged down over ${resultRows} rows; the 勾稽 note 3×3; header rows repeat`, () => {
    const t3 = tables[1];
    const rows = all(t3, 'tr');
    const first = (tr: Element): Element => all(tr, 'tc')[0];
    const start = rows.findIndex((tr) => textOf(first(tr)) === '三、本年度办理结果');
    expect(first(rows[start]).getElementsByTagNameNS(W, 'vMerge')[0]?.getAttributeNS(W, 'val')).toBe('restart');
    const continued = rows.slice(start + 1).filter((tr) => first(tr).getElementsByTagNameNS(W, 'vMerge')[0]?.getAttributeNS(W, 'val') === 'continue');
    expect(continued).toHaveLength(resultRows - 1);
    const note = first(rows[0]);
    expect([textOf(note), val(note, 'gridSpan'), note.getElementsByTagNameNS(W, 'vMerge')[0]?.getAttributeNS(W, 'val')]).toEqual(['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '3', 'restart']);
    expect(rows.map((tr) => all(tr, 'tblHeader').length > 0)).toEqual(rows.map((_, k) => k < 3));
    expect(all(tables[2], 'tr').map((tr) => all(tr, 'tblHeader').length > 0)).toEqual([true, true, true, false]);
  });

  test('the figures as read, in their cells', () => {
    const { raw } = exportable(name);
    const row = (t: Element, label: string): string[] => all(all(t, 'tr').find((tr) => all(tr, 'tc').some((tc) => textOf(tc) === label)) as Element, 'tc').map(textOf);
    const ids = ['natural', 'commercial', 'research', 'nonprofit', 'legal', 'otherOrg', 'total'].map((c) => `t3.resultTotal.${c}`);
    expect(row(tables[1], '（七）总计').slice(-7)).toEqual(ids.map((id) => (raw[id] === null ? '' : String(raw[id]))));
    expect(all(tables[2], 'tr')[3] && all(all(tables[2], 'tr')[3], 'tc').map(textOf)[4]).toBe(String(raw['t4.review.total'] ?? ''));
  });
});

describe('page numbers (GB/T 9704): 四号 `— n —` at the foot, odd pages right and even pages left, as a PAGE field', () => {
  let parts: Record<string, Document>;
  beforeAll(async () => {
    parts = docxParts((await exportReport(exportable('huaian-2024'), 'docx', { reason: '测试' })).bytes as Uint8Array);
  });

  /** The footer part a section's reference of `type` points to. */
  const footer = (type: 'default' | 'even'): Document => {
    const reference = all(parts['word/document.xml'], 'footerReference').find((r) => r.getAttributeNS(W, 'type') === type);
    const id = reference?.getAttributeNS('http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'id');
    const rel = Array.from(parts['word/_rels/document.xml.rels'].getElementsByTagName('Relationship')).find((r) => r.getAttribute('Id') === id);
    return parts[`word/${rel?.getAttribute('Target') ?? ''}`];
  };

  /** The footer's paragraph as its runs read: text as written, a field as {instruction} (its markers are checked apart). */
  const spelled = (doc: Document): string => {
    let out = '';
    for (const run of all(doc, 'r')) {
      for (const node of Array.from(run.childNodes) as Element[]) {
        if (node.localName === 't') out += node.textContent;
        if (node.localName === 'instrText') out += `{${(node.textContent ?? '').trim()}}`;
      }
    }
    return out;
  };

  test('Word and WPS use a separate footer for even pages', () => {
    expect(all(parts['word/settings.xml'], 'evenAndOddHeaders')).toHaveLength(1);
    expect(footer('default')).toBeDefined();
    expect(footer('even')).toBeDefined();
  });

  test.each<['default' | 'even', string, string]>([['default', 'right', 'right'], ['even', 'left', 'left']])('%s footer: `— {PAGE} —`, set %s, one character in from the %s edge', (type, jc, side) => {
    const doc = footer(type);
    const paragraphs = all(doc, 'p');
    expect(paragraphs).toHaveLength(1);
    expect(spelled(doc)).toBe('— {PAGE} —');
    // The field is complete: begin, instruction, separate, end.
    expect(all(doc, 'fldChar').map((f) => f.getAttributeNS(W, 'fldCharType'))).toEqual(['begin', 'separate', 'end']);
    expect(val(paragraphs[0], 'jc')).toBe(jc);
    expect(all(paragraphs[0], 'ind')[0].getAttributeNS(W, side)).toBe('280');
    // 四号 (14 pt) 宋体 on every run.
    for (const run of all(doc, 'r')) {
      expect(val(run, 'sz')).toBe('28');
      expect(all(run, 'rFonts')[0].getAttributeNS(W, 'ascii')).toBe('宋体');
    }
  });

  test('the number line starts 7 mm (397 twips) below the text block', () => {
    const margins = all(parts['word/document.xml'], 'pgMar')[0];
    const line = Number(all(footer('default'), 'spacing')[0].getAttributeNS(W, 'line'));
    expect(all(footer('default'), 'spacing')[0].getAttributeNS(W, 'lineRule')).toBe('exact');
    expect(Number(margins.getAttributeNS(W, 'bottom')) - Number(margins.getAttributeNS(W, 'footer')) - line).toBe(397);
  });
});
