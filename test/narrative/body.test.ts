/** Reading the issuing body from a report's title, for the narrative's subject. */
import { bodyOf, detectBody } from '../../src/core/narrative/body';

test('the body on the title line, before or after the year, or on the line above', () => {
  expect(detectBody(['2019年上海市人民政府办公厅政府信息公开工作年度报告', '发布日期：2020-01-31'])).toBe('上海市人民政府办公厅');
  expect(detectBody(['', '            淮安市人民政府', '     2024 年政府信息公开工作年度报告 '])).toBe('淮安市人民政府');
  expect(detectBody(['城步苗族自治县五团镇', '政府信息公开工作年度报告 '])).toBe('城步苗族自治县五团镇');
  expect(detectBody(['某某区财政局２０２３年度政府信息公开工作年度报告'])).toBe('某某区财政局');
  expect(detectBody(['中国（上海）自由贸易试验区管理委员会', '2024年政府信息公开年度报告'])).toBe('中国（上海）自由贸易试验区管理委员会');
});

test('no name when the title names none or no title is found', () => {
  expect(detectBody(['发布日期：2025-01-20', '2024年政府信息公开工作年度报告'])).toBeUndefined();
  expect(detectBody(['一、总体情况', '2024年，我局认真贯彻……'])).toBeUndefined();
  expect(detectBody([])).toBeUndefined();
});

test('a JSON file’s body first, then the running text, then a workbook’s cells', () => {
  expect(bodyOf({ grids: [], meta: { body: ' 示例县人民政府 ' }, text: ['某某局', '2024年政府信息公开工作年度报告'] })).toBe('示例县人民政府');
  expect(bodyOf({ grids: [], text: ['某某局', '2024年政府信息公开工作年度报告'] })).toBe('某某局');
  const grid = { name: 'Sheet1', rows: [{ source: 'Sheet1!第1行', cells: [{ value: '某某镇人民政府2024年政府信息公开工作年度报告' }, { value: null }] }] };
  expect(bodyOf({ grids: [grid] })).toBe('某某镇人民政府');
});
