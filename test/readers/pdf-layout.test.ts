/**
 * The PDF layout (text items with positions → rows of cells) on small tables placed item by
 * item, one test per way the noisy reports' PDFs misread before: each layout is the one measured
 * in LibreOffice's or Chromium's PDF of a rendered case (test/check/documents.test.ts runs them whole).
 */
import { readPdfText, type PdfPageText, type PdfTextItem } from '../../src/core/import/pdf';

const SIZE = 12;

/** An item at (x, y), as pdf.js gives it after NFKC: CJK characters an em wide, digits 0.6 em unless given. */
function item(str: string, x: number, y: number, width?: number): PdfTextItem {
  let ems = 0;
  for (const ch of str) ems += ch.charCodeAt(0) > 0x2e80 ? 1 : 0.6;
  return { str, x, y, width: width ?? ems * SIZE, size: SIZE };
}

const page = (...items: PdfTextItem[]): PdfPageText => ({ width: 595, height: 842, items });

const rowsOf = (...pages: PdfPageText[]): string[][] =>
  readPdfText(pages).grids[0].rows.map((row) => row.cells.map((c) => String(c.value)));

/** A header of three columns at x 240, 300 and 360, above y 700. */
const header = (y = 720): PdfTextItem[] => [item('项目', 50, y), item('甲类', 240, y), item('乙类', 300, y), item('合计', 360, y)];

/** A row of the header's table: its label at x 50 and its three figures, all on baseline y. */
const tableRow = (label: string, y: number, ...figures: [string, string, string]): PdfTextItem[] => [item(label, 50, y), ...figures.map((f, k) => item(f, 240 + 60 * k, y))];

test("a merged cell's label a word space before a row's own label is a row of its own (三、本年度 beside （一）予以公开)", () => {
  const rows = rowsOf(
    page(
      ...header(),
      ...tableRow('一、本年新收', 700, '5', '3', '8'),
      item('三、本年度', 50, 680),
      item(' ', 110, 680, 5.6),
      item('(一)予以公开', 115.6, 680),
      item('2', 240, 680),
      item('1', 300, 680),
      item('3', 360, 680),
      item('(二)部分公开', 115.6, 660),
      item('3', 240, 660),
      item('2', 300, 660),
      item('5', 360, 660),
    ),
  );
  expect(rows.slice(-4)).toEqual([['一、本年新收', '5', '3', '8'], ['三、本年度'], ['(一)予以公开', '2', '1', '3'], ['(二)部分公开', '3', '2', '5']]);
});

test('header words a word space apart are one column (商业 企 over 业), so blank columns keep their places', () => {
  const rows = rowsOf(
    page(
      item('项目', 50, 720),
      item('自然人', 240, 720),
      item('商业', 290, 720),
      item(' ', 314, 720, 5.1),
      item('企', 317.8, 720),
      item('业', 290, 705),
      item('科研', 336, 720),
      item('机构', 336, 705),
      item('合计', 380, 720),
      item('一、本年新收', 50, 680),
      item('5', 240, 680),
      item('3', 380, 680),
      item('二、上年结转', 50, 660),
      item('2', 240, 660),
      item('1', 290, 660),
      item('3', 380, 660),
    ),
  );
  expect(rows.slice(-2)).toEqual([
    ['一、本年新收', '5', '', '', '3'],
    ['二、上年结转', '2', '1', '', '3'],
  ]);
});

test('a figure in full-width digits wrapped digit by digit in a narrow cell is read whole (７ over ２)', () => {
  const rows = rowsOf(
    page(
      ...header(),
      ...tableRow('(七)总计', 700, '9', '3', '12'),
      item('7', 360, 684, SIZE),
      item('四、结转下年度', 50, 675),
      item('70', 240, 667),
      item('2', 360, 666, SIZE),
    ),
  );
  expect(rows.slice(-2)).toEqual([
    ['(七)总计', '9', '3', '12'],
    ['四、结转下年度', '70', '', '72'],
  ]);
});

test('ASCII figures stacked in a column are two rows, not one number', () => {
  const rows = rowsOf(page(...header(), item('一、甲', 50, 700), item('7', 360, 700), item('二、乙', 50, 684), item('2', 360, 684)));
  expect(rows.slice(-2)).toEqual([
    ['一、甲', '7'],
    ['二、乙', '2'],
  ]);
});

test("figures set half a line lower in padded cells, on the wrapped label's second line, stay in their row", () => {
  const rows = rowsOf(
    page(
      ...header(740),
      ...tableRow('3.补正后申请内容仍不明确', 720, '1', '0', '1'),
      item('1.本机关不掌握相关政府', 50, 700),
      item('746', 240, 692.4),
      item('12', 300, 692.4),
      item('信息', 50, 682.7),
      item('769', 360, 685.4),
      ...tableRow('2.没有现成信息', 660, '11', '0', '11'),
    ),
  );
  expect(rows.slice(-2)).toEqual([
    ['1.本机关不掌握相关政府信息', '746', '12', '769'],
    ['2.没有现成信息', '11', '0', '11'],
  ]);
});

/** `1217` alone just above 一、本年新收, whose third column is empty: LibreOffice's layout of a wrapped 12178 without its `8`. */
const figureAboveRow = (): PdfTextItem[] => [
  ...header(740),
  ...tableRow('3.补正后申请内容仍不明确', 720, '1', '0', '1'),
  item('1217', 360, 705.2),
  item('一、本年新收', 50, 699.2),
  item('1783', 240, 700),
  item('2002', 300, 700),
];

test('a lone figure above a row is not that row: the row keeps its own figures', () => {
  const rows = rowsOf(page(...figureAboveRow()));
  expect(rows.slice(-2)).toEqual([['1217'], ['一、本年新收', '1783', '2002', '']]);
});

test('a number wider than its cell, wrapped around its row (1217 over 8, LibreOffice), is read whole in that row', () => {
  const rows = rowsOf(page(...figureAboveRow(), item('8', 366, 694.7), item('二、上年结转', 50, 680), item('22', 360, 680)));
  expect(rows.slice(-2)).toEqual([
    ['一、本年新收', '1783', '2002', '12178'],
    ['二、上年结转', '22'],
  ]);
});

test("a wrapped label's next line centred under it is still that label's (息 under 1.本机关不掌握相关政府信)", () => {
  const rows = rowsOf(
    page(
      ...header(740),
      ...tableRow('8.属于行政查询事项', 720, '1', '0', '1'),
      item('1.本机关不掌握相关政府信', 50, 700),
      item('0', 240, 694.3),
      item('369', 300, 694.3),
      item('369', 360, 694.3),
      item('息', 110, 687),
      ...tableRow('2.没有现成信息', 670, '1', '0', '1'),
    ),
  );
  expect(rows.slice(-2)).toEqual([
    ['1.本机关不掌握相关政府信息', '0', '369', '369'],
    ['2.没有现成信息', '1', '0', '1'],
  ]);
});

test("a row split over two pages: the next page's first line, figures alone in the row's empty columns, completes it", () => {
  const rows = rowsOf(
    page(...header(), item('总计', 50, 60), item('72', 240, 60), item('351', 360, 60)),
    page(item('64', 300, 800), item('五、存在的主要问题及改进情况', 50, 780)),
  );
  expect(rows).toContainEqual(['总计', '72', '64', '351']);
});
