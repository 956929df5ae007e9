import * as fs from 'fs';
import * as path from 'path';
import { detectTextLayout, readText } from '../../src/core/import/text';
import { FIXTURES, RENDERED, loadRenderedExpectations } from '../helpers/fixtures';
import { allRows, asNumber, rowWith, values, valuesAfter } from './helpers';

const wutuanText = fs.readFileSync(path.join(FIXTURES, 'wutuan-2019.txt'), 'utf8');
const huaianText = fs.readFileSync(path.join(FIXTURES, 'huaian-2024.txt'), 'utf8');

describe('cell-line text (wutuan-2019.txt, copied from a web page)', () => {
  const result = readText(wutuanText);
  const rows = allRows(result);

  test('is recognised as cell lines and read into one grid named 文本', () => {
    expect(detectTextLayout(wutuanText.split('\n'))).toBe('cellLines');
    expect(result.grids.map((g) => g.name)).toEqual(['文本']);
  });

  test('a t3 row is its label followed by its 7 values, sourced at its first line', () => {
    const row = rowWith(result, '一、本年新收政府信息公开申请数量');
    expect(values(row)).toEqual(['一、本年新收政府信息公开申请数量', '0', '0', '0', '0', '0', '0', '0']);
    expect(row.source).toBe('第113行');
  });

  test('header text broken over lines stays in its cell', () => {
    const row = rowWith(result, '信息内容');
    expect(values(row)).toEqual(['信息内容', '本年新\n制作数量', '本年新\n公开数量', '对外公开总数量']);
  });

  test('values keep their padding (full-width spaces, a no-break space) for the value parser', () => {
    expect(values(rowWith(result, '规范性文件', true))).toEqual(['规范性文件', '\u3000\u30005', '\u00a05', '23']);
  });

  test('tab-only lines are kept as empty cells: merged-label placeholders and blank headers', () => {
    expect(values(rowWith(result, '商业企业'))).toEqual(['', '', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '']);
    expect(values(rowWith(result, '2.其他法律行政法规禁止公开'))).toEqual(['', '', '2.其他法律行政法规禁止公开', ...Array(7).fill('0')]);
    expect(values(rowWith(result, '（三）不予公开'))).toEqual(['', '（三）不予公开', '1.属于国家秘密', ...Array(7).fill('0')]);
  });

  test('the t4 value row has its 15 cells', () => {
    const i = rows.findIndex((r) => values(r).filter((v) => v === '总计').length === 2);
    expect(values(rows[i + 1])).toEqual(Array(15).fill('0'));
  });

  test('headings and paragraphs outside table rows are rows of their own', () => {
    const heading = rowWith(result, '三、收到和处理政府信息公开申请情况');
    expect(values(heading)).toEqual(['三、收到和处理政府信息公开申请情况']);
    expect(heading.source).toBe('第95行');
    expect(values(rowWith(result, '2019年，我镇未收到政府信息公开申请'))).toHaveLength(1);
    // Section 五's heading follows blank lines after the t4 row, so it does not continue a cell.
    expect(values(rowWith(result, '五、存在的主要问题及改进情况'))).toEqual(['五、存在的主要问题及改进情况']);
  });

  test('text is the input lines', () => {
    expect(result.text).toEqual(wutuanText.split('\n').slice(0, -1));
    expect(result.text?.[4]).toBe('一、总体情况');
  });

  test('CRLF line ends read the same as LF', () => {
    const crlf = readText(wutuanText.replace(/\n/g, '\r\n'));
    expect(crlf.grids).toEqual(result.grids);
  });
});

describe('layout text (huaian-2024.txt, pdftotext -layout)', () => {
  const result = readText(huaianText);
  const rows = allRows(result);

  test('is recognised as layout text', () => {
    expect(detectTextLayout(huaianText.split('\n'))).toBe('layout');
  });

  test('columns aligned by spaces become cells', () => {
    const row = rowWith(result, '一、本年新收政府信息公开申请数量');
    expect(values(row)).toEqual(['一、本年新收政府信息公开申请数量', '3001', '53', '0', '0', '61', '4', '3119']);
    expect(row.source).toBe('第123行');
    expect(values(rowWith(result, '行政规范性文件'))).toEqual(['行政规范性文件', '8', '26', '66']);
    expect(values(rowWith(result, '行政事业性收费'))).toEqual(['行政事业性收费', '96171.6']);
  });

  test('a two-line label keeps its numbers on a line of their own, between the label halves', () => {
    const i = rows.findIndex((r) => r.source === '第129行');
    expect(values(rows[i])).toEqual(['（二）部分公开（区分处理的，只计这一情']);
    expect(values(rows[i + 1])).toEqual(['447', '7', '0', '0', '0', '0', '454']);
    expect(values(rows[i + 2])).toEqual(['形，不计其他情形）']);
  });

  test('the vertical 三、本年度办理结果 arrives one character per row or before a label', () => {
    expect(values(rowWith(result, '2.其他法律行政法规禁止公开'))).toEqual(['本', '2.其他法律行政法规禁止公开', '30', '1', '0', '0', '0', '0', '31']);
    expect(rows.some((r) => values(r).join() === '年')).toBe(true);
  });

  test('page footers are kept as rows and form feeds are dropped', () => {
    expect(rows.find((r) => values(r).join() === '-4-')?.source).toBe('第160行');
    expect(rows.every((r) => values(r).every((v) => !String(v).includes('\f')))).toBe(true);
    expect(values(rowWith(result, '2.没有现成信息需要另行制作'))[0]).toBe('法提供');
  });

  test('the t4 row of 15 numbers', () => {
    const row = rows.find((r) => r.source === '第220行');
    expect(row && values(row).map(Number)).toEqual([72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20]);
  });

  test('prose with single spaces around numbers is not split', () => {
    expect(values(rowWith(result, '全年收取政府信息公开信息处理费'))).toEqual(['办法》，全年收取政府信息公开信息处理费 3940 元。']);
  });

  test('text is the input lines without form feeds', () => {
    expect(result.text).toHaveLength(247);
    expect(result.text?.[24]).toBe('营商环境高质量推进产业发展”“加快建设长三角北部重要产业');
  });
});

describe('splitting rules', () => {
  test('numbers run together with single spaces become one cell each', () => {
    const row = allRows(readText('行政许可    53 0 0\n'))[0];
    expect(values(row)).toEqual(['行政许可', '53', '0', '0']);
  });

  test('full-width digits and decimals count as numbers; mixed text does not split', () => {
    expect(values(allRows(readText('规章  ５３ ０ 1.5\n'))[0])).toEqual(['规章', '５３', '０', '1.5']);
    expect(values(allRows(readText('合计  12 件\n'))[0])).toEqual(['合计', '12 件']);
  });

  test('a label and its figures on one field are cut apart', () => {
    expect(values(allRows(readText('行政事业性收费 96171.6\n'))[0])).toEqual(['行政事业性收费', '96171.6']);
    expect(values(allRows(readText('          行政机关不再处理其政府信息公开 67 3 0 0        1    0   71\n'))[0])).toEqual(['行政机关不再处理其政府信息公开', '67', '3', '0', '0', '1', '0', '71']);
  });

  test('rows whose cells all ran together on one line: a row at each label, figures kept as they ran', () => {
    const rows = allRows(readText('一、本年新收政府信息公开申请数量230 000023二、上年结转政府信息公开申请数量0000000\n'));
    expect(rows.map(values)).toEqual([
      ['一、本年新收政府信息公开申请数量', '230', '000023'],
      ['二、上年结转政府信息公开申请数量', '0000000'],
    ]);
    expect(rows.map((r) => r.source)).toEqual(['第1行', '第1行']);
  });

  test('an item number glued to the figures before it starts the next label; decimals stay whole', () => {
    const rows = allRows(readText('（三）不予公开8.属于行政查询事项0 01.本机关不掌握相关政府信息1 2第二十条第（八）项行政事业性收费52.15第二十条第（九）项\n'));
    expect(rows.map(values)).toEqual([['（三）不予公开'], ['8.属于行政查询事项', '0', '0'], ['1.本机关不掌握相关政府信息', '1', '2'], ['第二十条第（八）项'], ['行政事业性收费', '52.15'], ['第二十条第（九）项']]);
  });

  test('a figure before a lone 年 (三、本年度办理结果 printed one character per line) stays a figure; years, dates and document numbers stay text', () => {
    expect(allRows(readText('2.其他法律行政法规禁止公开301000031年3.危及“三安全一稳定”5000005\n')).map(values)).toEqual([
      ['2.其他法律行政法规禁止公开', '301000031'],
      ['年'],
      ['3.危及“三安全一稳定”', '5000005'],
    ]);
    expect(allRows(readText('淮安市人民政府2024年政府信息公开工作年度报告\n')).map(values)).toEqual([['淮安市人民政府2024年政府信息公开工作年度报告']]);
    expect(allRows(readText('国办公开办函〔2019〕60号12月31日前\n')).map(values)).toEqual([['国办公开办函〔2019〕60号12月31日前']]);
  });

  test('sentences are never cut: a full stop, or a comma after a figure', () => {
    for (const line of ['2024年，本机关新收政府信息公开申请3119件，办结3050件', '本年收到申请12件。其中予以公开3件。']) {
      expect(allRows(readText(`${line}\n`)).map(values)).toEqual([[line]]);
    }
  });

  test('full-width spaces align columns like spaces', () => {
    expect(values(allRows(readText('规章\u3000\u30001\u3000\u30000\n'))[0])).toEqual(['规章', '1', '0']);
  });

  test('` | ` tables work in layout text', () => {
    const rows = allRows(readText('信息内容 | 本年制发件数 | 本年废止件数\n| 规章 | 1 | 0 |\n'));
    expect(rows.map(values)).toEqual([
      ['信息内容', '本年制发件数', '本年废止件数'],
      ['规章', '1', '0'],
    ]);
  });

  test('a spreadsheet copy (TAB-separated rows) keeps leading and trailing empty cells', () => {
    const text = '\t\t商业企业\t科研机构\n一、本年新收政府信息公开申请数量\t\t\t5\t\n';
    expect(detectTextLayout(text.split('\n'))).toBe('layout');
    expect(allRows(readText(text)).map(values)).toEqual([
      ['', '', '商业企业', '科研机构'],
      ['一、本年新收政府信息公开申请数量', '', '', '5', ''],
    ]);
  });

  test('in cell-line text, a pasted `a | b` or `a\\tb` line outside a row is split too', () => {
    const text = ['标题', '\t规章', '\t0', '\t1', '', '行政许可 | 0 | 0', '行政处罚\t1\t2', ''].join('\n');
    const rows = allRows(readText(text));
    expect(rows.map(values)).toEqual([['标题'], ['规章', '0', '1'], ['行政许可', '0', '0'], ['行政处罚', '1', '2']]);
    expect(rows.map((r) => r.source)).toEqual(['第1行', '第2行', '第6行', '第7行']);
  });

  test('empty input gives no grids', () => {
    expect(readText('')).toEqual({ grids: [], text: [''] });
    expect(readText('\n\n').grids).toEqual([]);
  });
});

describe('rendered .txt variants agree with expected.json', () => {
  const expected = loadRenderedExpectations();
  const columns = ['natural', 'commercial', 'research', 'nonprofit', 'legal', 'otherOrg', 'total'];
  test.each(Object.keys(expected))('%s', (name) => {
    const result = readText(fs.readFileSync(path.join(RENDERED, `${name}.txt`), 'utf8'));
    const received = valuesAfter(rowWith(result, '本年新收政府信息公开申请数量'), '本年新收', 7);
    expect(received.map(asNumber)).toEqual(columns.map((c) => expected[name].values[`t3.received.${c}`]));
    // Full-width digits survive as text: the value parser, not the reader, folds them.
    if (name === 'huaian-2024-noisy') expect(values(rowWith(result, '行政许可'))).toContain('４４７２２８');
  });
});
