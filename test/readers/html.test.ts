import * as fs from 'fs';
import * as path from 'path';
import type { GridCell } from '../../src/core/import/grid';
import { HtmlReadError, MAX_HTML_DEPTH, readHtml } from '../../src/core/import/html';
import { FIXTURES, RENDERED, loadRenderedExpectations } from '../helpers/fixtures';
import { allRows, asNumber, rowWith, values, valuesAfter } from './helpers';

const M: GridCell = { value: null, merged: true };
const v = (value: string): GridCell => ({ value });

describe('shanghai-2019.html (portal page)', () => {
  const result = readHtml(fs.readFileSync(path.join(FIXTURES, 'shanghai-2019.html'), 'utf8'));
  const [t2, t3, t4] = result.grids;

  test('three tables, named and sourced in order', () => {
    expect(result.grids.map((g) => g.name)).toEqual(['表格1', '表格2', '表格3']);
    expect(t2.rows).toHaveLength(18);
    expect(t3.rows).toHaveLength(26);
    expect(t4.rows).toHaveLength(4);
    expect(t3.rows[3].source).toBe('表格2 第4行');
  });

  test('the t3 received row: label (colspan 3) then its 7 values, &nbsp; cells empty', () => {
    expect(t3.rows[3].cells).toEqual([
      v('一、本年新收政府信息公开申请数量'), M, M,
      v('821'), v('35'), v(''), v(''), v('2'), v('1'), v('859'),
    ]);
    expect(values(t3.rows[3])).toEqual(['一、本年新收政府信息公开申请数量', '821', '35', '', '', '2', '1', '859']);
  });

  test('the 3×3 header cell and the rowspans are expanded as merged positions', () => {
    expect(t3.rows[0].cells.slice(0, 4)).toEqual([v('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）'), M, M, v('申请人情况')]);
    expect(t3.rows[1].cells).toEqual([M, M, M, v('自然人'), v('法人或其他组织'), M, M, M, M, v('总计')]);
    expect(t3.rows[2].cells).toEqual([M, M, M, M, v('商业企业'), v('科研机构'), v('社会公益组织'), v('法律服务机构'), v('其他'), M]);
    // 三、本年度办理结果 spans 20 rows (rows 6–25); （三）不予公开 spans 8.
    expect(t3.rows[5].cells[0]).toEqual(v('三、本年度办理结果'));
    for (let r = 6; r <= 24; r++) expect(t3.rows[r].cells[0]).toEqual(M);
    expect(t3.rows[25].cells[0]).toEqual(v('四、结转下年度继续办理'));
    expect(t3.rows[8].cells.slice(0, 3)).toEqual([M, M, v('2.其他法律行政法规禁止公开')]);
    expect(t3.rows.every((r) => r.cells.length === 10)).toBe(true);
  });

  test('t2: <br /> in headers becomes a line break; colspan=2 puts a merged position beside a value', () => {
    expect(t2.rows[1].cells).toEqual([v('信息内容'), v('本年新\n制作数量'), v('本年新\n公开数量'), M, v('对外公开总数量')]);
    expect(t2.rows[6].cells).toEqual([v('行政许可'), v('0'), M, v('0'), v('0')]);
    expect(values(t2.rows[17])).toEqual(['政府集中采购', '6', '251000元']);
  });

  test('t4: 15 value positions under a two-level header', () => {
    expect(values(t4.rows[3])).toEqual(['5', '', '', '2', '7', '8', '', '', '1', '9', '', '', '', '', '']);
    expect(t4.rows[2].cells.slice(0, 6)).toEqual([M, M, M, M, M, v('结果维持')]);
  });

  test('text lines: section headings in order, table rows tab-joined', () => {
    const text = result.text ?? [];
    const headings = ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、', '六、其他需要报告的事项'];
    const at = headings.map((h) => text.findIndex((line) => line.startsWith(h)));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(text).toContain('规章\t13\t13\t524');
    expect(text[0]).toBe('2019年上海市人民政府办公厅政府信息公开工作年度报告');
  });
});

describe('hostile and odd HTML', () => {
  test('scripts, styles, handlers and templates contribute nothing, and no tables means no grids', () => {
    const html = `<html><head><title>t</title><script>alert(1)</script><style>p{color:red}</style></head>
      <body onload="steal()"><p>一、总体情况</p><img src=x onerror="alert(2)"><script>document.write('<table><tr><td>1</td></tr></table>')</script>
      <noscript>请启用脚本</noscript><template><table><tr><td>9</td></tr></table></template><p hidden>隐藏</p>
      <div style="display: none">也隐藏</div><p>正文&nbsp;内容</p></body></html>`;
    const result = readHtml(html);
    expect(result.grids).toEqual([]);
    expect(result.text).toEqual(['一、总体情况', '正文 内容']);
  });

  test('a layout table around the data table yields only the inner table', () => {
    const html = '<table><tr><td>页眉</td></tr><tr><td><table><tr><td>规章</td><td>1</td></tr></table></td></tr></table>';
    const result = readHtml(html);
    expect(result.grids).toHaveLength(1);
    expect(result.grids[0].rows.map(values)).toEqual([['规章', '1']]);
    expect(result.text).toEqual(['页眉', '规章\t1']);
  });

  test('rowspan past the last row, rowspan=0, and absurd colspans stay bounded', () => {
    const html = `<table>
      <tr><td rowspan="5">A</td><td rowspan="0">B</td><td colspan="99999">C</td></tr>
      <tr><td>D</td></tr></table>`;
    const [grid] = readHtml(html).grids;
    expect(grid.rows).toHaveLength(2);
    expect(grid.rows[0].cells).toHaveLength(1002);
    expect(grid.rows[1].cells.slice(0, 3)).toEqual([M, M, v('D')]);
  });

  test('a short row beside a rowspan has an empty (not merged) hole', () => {
    const html = '<table><tr><td>a</td><td>b</td><td rowspan="2">c</td></tr><tr><td>d</td></tr></table>';
    const [grid] = readHtml(html).grids;
    expect(grid.rows[1].cells).toEqual([v('d'), { value: null }, M]);
  });

  test('Word web pages: hidden width rows are skipped, <p> blocks in a cell are lines, th counts', () => {
    const html = `<table><tr><th><p class=MsoNormal><span>本年新</span></p><p class=MsoNormal>制作数量<o:p></o:p></p></th><td>\u3000\u30005 </td></tr>
      <![if !supportMisalignedColumns]><tr height=0 style='display:none'><td width=100></td><td width=80></td></tr><![endif]></table>`;
    const [grid] = readHtml(html).grids;
    expect(grid.rows.map(values)).toEqual([['本年新\n制作数量', '\u3000\u30005']]);
  });

  test('absurd nesting is refused as soon as it starts, before parse5 spends minutes on it', () => {
    const html = `${'<div>'.repeat(50_000)}<table><tr><td>1</td></tr></table>`;
    const started = Date.now();
    expect(() => readHtml(html)).toThrow(HtmlReadError);
    expect(Date.now() - started).toBeLessThan(1000);
    // Omitted end tags (</td>, </p>, </li>) are normal HTML and do not nest.
    expect(readHtml(`<table>${'<tr><td>1<td>2'.repeat(5000)}</table><p>a<p>b`).grids[0].rows).toHaveLength(5000);
    // Tables nested 100 deep (table, tbody, tr and td open at each level) still read.
    const nested = `${'<table><tr><td>'.repeat(99)}<table><tr><td>深</td></tr></table>`;
    expect(readHtml(nested).grids.map((g) => g.rows[0].cells[0].value)).toEqual(['深']);
    expect(() => readHtml(`${'<table><tr><td>'.repeat(MAX_HTML_DEPTH / 4 + 1)}深`)).toThrow(HtmlReadError);
  });

  test('inputs that are not tags at all read quickly as text', () => {
    // A tag-shaped regular expression once backtracked on these: 80 000 characters took 5 s.
    const started = Date.now();
    for (const html of [`<${'a'.repeat(500_000)}`, '<a'.repeat(250_000), `<div ${'x'.repeat(500_000)}`, `${'<div'.repeat(125_000)}>`]) {
      expect(readHtml(html).grids).toEqual([]);
    }
    expect(Date.now() - started).toBeLessThan(3000);
  });

  test('an empty table and empty input give no grids', () => {
    expect(readHtml('<table></table>').grids).toEqual([]);
    expect(readHtml('')).toEqual({ grids: [], text: [] });
  });
});

describe('rendered .html variants agree with expected.json', () => {
  const expected = loadRenderedExpectations();
  const columns = ['natural', 'commercial', 'research', 'nonprofit', 'legal', 'otherOrg', 'total'];
  test.each(Object.keys(expected))('%s', (name) => {
    const result = readHtml(fs.readFileSync(path.join(RENDERED, `${name}.html`), 'utf8'));
    const received = valuesAfter(rowWith(result, '本年新收政府信息公开申请数量'), '本年新收', 7);
    expect(received.map(asNumber)).toEqual(columns.map((c) => expected[name].values[`t3.received.${c}`]));
    const t4 = allRows(result).filter((r) => values(r).length === 15 && values(r).every((x) => /^[\s\u3000]*[0-9０-９]*[\s\u3000]*$/.test(String(x ?? ''))));
    expect(t4).toHaveLength(1);
    expect(values(t4[0]).map(asNumber)[0]).toBe(expected[name].values['t4.review.upheld']);
    if (name === 'huaian-2024-noisy') {
      expect(values(rowWith(result, '行政许可'))).toEqual(['行政许可', '４４７２２８']);
      expect(values(rowWith(result, '行政规范性文件'))).toEqual(['行政规范性文件', '8', '\u3000\u300026', '66']);
    }
  });
});

describe('deep nesting is refused whatever markup builds it (the parser counts its open elements)', () => {
  const deep = MAX_HTML_DEPTH * 2;
  const refusedQuickly = (html: string): void => {
    const started = Date.now();
    expect(() => readHtml(html)).toThrow(HtmlReadError);
    expect(Date.now() - started).toBeLessThan(1000);
  };

  test('`/>` closes only in <svg> and <math>: <div/>, <span/> and unknown names nest', () => {
    refusedQuickly('<div/>'.repeat(8000));
    refusedQuickly(`<p>${'<span class="x"/>'.repeat(8000)}`);
    refusedQuickly('<br_x>'.repeat(8000));
  });

  test('inline SVG and MathML icons do not count as nesting', () => {
    const icon = `<svg viewBox="0 0 24 24"><title>图标</title>${'<path d="M0 0h24v24H0z"/><circle cx=12 cy="12" r=\'4\' />'.repeat(5000)}<g><use href="#a"/></g></svg>`;
    const math = `<math><mrow>${'<mi>x</mi><mo>+</mo><mspace width="1em"/>'.repeat(2000)}</mrow></math>`;
    const page = `<div><table><tr><td>本年新收</td><td>${icon}</td></tr></table>${math}<div/></div>`;
    expect(readHtml(page).grids[0].rows.map(values)).toEqual([['本年新收', '']]);
    expect(readHtml(`<svg>${'<g a="b" c=d e/>'.repeat(100_000)}</svg><p>正文`).text).toEqual(['正文']);
  });

  test('HTML inside or after foreign content nests again', () => {
    refusedQuickly(`<svg><foreignObject>${'<div/>'.repeat(deep)}`);
    refusedQuickly(`<svg><desc>${'<x/>'.repeat(deep)}`);
    refusedQuickly(`<math><mi>${'<x/>'.repeat(deep)}`);
    // A breakout tag (<p>, <br>, <div>…) or <font color> leaves the foreign content.
    refusedQuickly(`<svg><g><p>${'<x/>'.repeat(deep)}`);
    refusedQuickly(`<math><br>${'<x/>'.repeat(deep)}`);
    refusedQuickly(`<svg><font color=red>${'<x/>'.repeat(deep)}`);
    refusedQuickly(`<div><svg>${'<g>'.repeat(20)}</svg>${'<x/>'.repeat(deep)}`);
    refusedQuickly(`<table><tr><td><svg></td>${'<x/>'.repeat(deep)}`);
    // <g a=b/> is no <g/>: the slash belongs to the unquoted value.
    refusedQuickly(`<svg><g a=b/>${'<g a=b/>'.repeat(deep)}`);
    // In foreign content every start tag without `/>` nests, <td> included.
    refusedQuickly(`<svg>${'<td>'.repeat(deep)}`);
    refusedQuickly(`<svg>${'<g>'.repeat(20)}${'</x><g>'.repeat(100_000)}`);
  });

  test('markup in comments or scripts, stray and crossing end tags do not hide nesting', () => {
    refusedQuickly('<div><!--</div>-->'.repeat(10_000));
    refusedQuickly('<div><script></div></script>'.repeat(10_000));
    refusedQuickly('<div><textarea></div></textarea>'.repeat(10_000));
    refusedQuickly('<span><div></span>'.repeat(10_000));
    refusedQuickly('<div></i>'.repeat(4000));
    // Formatting elements the parser reopens after every paragraph count too.
    refusedQuickly(Array.from({ length: 20_000 }, (_, k) => `<p><b id=${k}></p>`).join(''));
    // Misnested but shallow markup stays shallow: an end tag closes the element it names.
    expect(readHtml('<div><span>a</div>'.repeat(4000)).text).toHaveLength(4000);
  });

  test('report pages read', () => {
    const shanghai = fs.readFileSync(path.join(FIXTURES, 'shanghai-2019.html'), 'utf8');
    expect(readHtml(shanghai).grids).toHaveLength(3);
    for (const name of Object.keys(loadRenderedExpectations())) {
      const html = fs.readFileSync(path.join(RENDERED, `${name}.html`), 'utf8');
      expect(readHtml(html).grids.length).toBeGreaterThan(0);
    }
  });
});
