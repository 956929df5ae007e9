/**
 * The .docx reader on documents written here part by part: spans and vertical merges, nested
 * tables, paragraphs and runs in a cell, content controls, tracked changes, fields, hidden text,
 * and the archives a hostile or damaged file may be.
 */
import { DocxReadError, readDocumentXml, readDocx } from '../../src/core/import/docx';
import { fakeEncryptedWorkbook, fakeXls, makeZip, repeatedDeflate } from './helpers';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

function documentXml(body: string, prefix = 'w'): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><${prefix}:document xmlns:${prefix}="${W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><${prefix}:body>${body}</${prefix}:body></${prefix}:document>`;
}

const p = (text: string): string => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;
const tc = (content: string, props = ''): string => `<w:tc><w:tcPr>${props}</w:tcPr>${content}</w:tc>`;
const tr = (...cells: string[]): string => `<w:tr>${cells.join('')}</w:tr>`;
const tbl = (...rows: string[]): string => `<w:tbl><w:tblPr/><w:tblGrid/>${rows.join('')}</w:tbl>`;

function docx(body: string): Uint8Array {
  return makeZip({
    '[Content_Types].xml': '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    '_rels/.rels': '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    'word/document.xml': documentXml(body),
  });
}

const cells = (result: ReturnType<typeof readDocx>, grid = 0): (string | null)[][] =>
  result.grids[grid].rows.map((row) => row.cells.map((c) => (c.merged ? '<m>' : (c.value as string | null))));

test('gridSpan and vMerge mark merged positions; several paragraphs and runs make one cell', () => {
  const read = readDocx(
    docx(
      p('某某县人民政府2024年政府信息公开工作年度报告') +
        tbl(
          tr(tc(p('信息内容'), '<w:vMerge w:val="restart"/>'), tc(p('本年制发件数') + p('（件）'), '<w:gridSpan w:val="2"/>')),
          tr(tc('<w:p/>', '<w:vMerge/>'), tc('<w:p><w:r><w:t>1</w:t></w:r><w:r><w:t>2</w:t></w:r></w:p>'), tc(p('0'))),
        ),
    ),
  );
  expect(cells(read)).toEqual([
    ['信息内容', '本年制发件数\n（件）', '<m>'],
    ['<m>', '12', '0'],
  ]);
  expect(read.text).toEqual(['某某县人民政府2024年政府信息公开工作年度报告', '信息内容\t本年制发件数 （件）', '12\t0']);
});

test('a table holding a table is layout: the inner table is the data, the outer text stays in the lines', () => {
  const inner = tbl(tr(tc(p('规章')), tc(p('3'))));
  const read = readDocx(docx(tbl(tr(tc(p('附表') + inner)))));
  expect(read.grids).toHaveLength(1);
  expect(cells(read)).toEqual([['规章', '3']]);
  expect(read.text).toEqual(['附表', '规章\t3']);
});

test('tracked changes read as accepted; deleted rows dropped; field codes skipped and their results read', () => {
  const read = readDocx(
    docx(
      tbl(
        tr(tc('<w:p><w:del><w:r><w:delText>17</w:delText></w:r></w:del><w:ins><w:r><w:t>18</w:t></w:r></w:ins></w:p>')),
        '<w:tr><w:trPr><w:del w:id="1" w:author="a"/></w:trPr>' + tc(p('删去的行')) + '</w:tr>',
        tr(tc('<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> =SUM(ABOVE) </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>35</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')),
        tr(tc('<w:p><w:fldSimple w:instr=" PAGE "><w:r><w:t>7</w:t></w:r></w:fldSimple><w:moveFrom><w:r><w:t>x</w:t></w:r></w:moveFrom></w:p>')),
      ),
    ),
  );
  expect(cells(read)).toEqual([['18'], ['35'], ['7']]);
});

test('content controls read as their content, or as nothing while showing placeholder text; hidden text and drawings are not read', () => {
  const sdt = (placeholder: boolean, content: string): string => `<w:sdt><w:sdtPr>${placeholder ? '<w:showingPlcHdr/>' : ''}<w:alias w:val="数量"/></w:sdtPr><w:sdtContent>${content}</w:sdtContent></w:sdt>`;
  const read = readDocx(
    docx(
      tbl(
        tr(tc(p('甲')), sdt(false, tc(p('5')))),
        tr(tc(p('乙')), sdt(true, tc(p('单击或点击此处输入文字。')))),
        tr(tc('<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:t>丙</w:t></w:r><w:r><w:drawing><w:t>图</w:t></w:drawing></w:r></w:p>'), tc(p('9'))),
      ),
    ),
  );
  expect(cells(read)).toEqual([
    ['甲', '5'],
    ['乙', ''],
    ['丙', '9'],
  ]);
});

test('any prefix bound to the WordprocessingML namespace is understood; tabs and breaks in paragraphs', () => {
  const xml = documentXml('<x:p><x:r><x:t>一、</x:t><x:tab/><x:t>总体情况</x:t><x:br/><x:t>第二行</x:t></x:r></x:p>', 'x');
  expect(readDocumentXml(xml).text).toEqual(['一、 总体情况', '第二行']);
});

describe('refused', () => {
  const kind = (bytes: Uint8Array): string => {
    try {
      readDocx(bytes);
    } catch (e) {
      if (e instanceof DocxReadError) return e.kind;
      throw e;
    }
    return 'read';
  };

  test('damaged, truncated, not a zip, not Word, encrypted, a .doc under a .docx name', () => {
    const good = docx(p('正文'));
    expect(kind(good)).toBe('read');
    expect(kind(good.subarray(0, good.length - 30))).toBe('corrupt');
    expect(kind(new TextEncoder().encode('<html>不是压缩包</html>'))).toBe('corrupt');
    expect(kind(makeZip({ 'xl/workbook.xml': '<workbook/>' }))).toBe('notDocument');
    expect(kind(makeZip({ 'word/styles.xml': '<styles/>' }))).toBe('notDocument');
    expect(kind(fakeEncryptedWorkbook())).toBe('encrypted');
    expect(kind(fakeXls())).toBe('legacy');
    expect(kind(makeZip({ 'word/document.xml': '<w:document xmlns:w="x"><w:body><w:p></w:body>' }))).toBe('corrupt');
  });

  test('a zip bomb: a part declaring more than the cap is refused unread, one lying about its size is stopped', () => {
    const chunk = new TextEncoder().encode('<w:p/>'.repeat(1000));
    const bomb = repeatedDeflate(chunk, 10_000); // 60 MB of XML
    const started = Date.now();
    expect(kind(makeZip({ 'word/document.xml': bomb }))).toBe('tooLarge');
    expect(kind(makeZip({ 'word/document.xml': { deflated: bomb.deflated, size: 1000 } }))).toBe('tooLarge');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('an external entity or DTD entity is not expanded', () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e "展开">]><w:document xmlns:w="${W}"><w:body><w:p><w:r><w:t>&e;</w:t></w:r></w:p></w:body></w:document>`;
    expect(() => readDocumentXml(xml)).toThrow(DocxReadError);
  });
});

test('a cell outside any row (damaged markup) is left out; the rows around it read as usual', () => {
  const read = readDocumentXml(documentXml(tbl(tc(p('孤立')), tr(tc(p('收到')), tc(p('5'))))));
  expect(cells(read)).toEqual([['收到', '5']]);
});
