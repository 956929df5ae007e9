/** 内容雷同 (doc.sameAsLastYear): the measure, its threshold from both sides, and whole reports. */
import { maskProse, MIN_PROSE, sameAsLastYear, sectionProse, similarity } from '../../src/core/narrative/similarity';

/** `n` distinct CJK characters from `from` on: no trigram repeats, so the counts are exact. */
const distinct = (from: number, n: number): string => Array.from({ length: n }, (_, i) => String.fromCharCode(0x4e00 + from + i)).join('');

test('figures and dates are masked, white space removed', () => {
  expect(maskProse('2023年5月，共收到申请 1,234 件，占 12.5%。二〇二三年十二月二十日')).toBe('#年#月，共收到申请#件，占#%。#年#月#日');
});

test('the Dice coefficient of trigram multisets, as whole numbers', () => {
  const a = distinct(0, 200);
  expect(similarity(a, a)).toEqual({ shared: 396, total: 396 });
  // The last m characters replaced: 198 − m trigrams shared of 198 each.
  const changed = (m: number): string => a.slice(0, 200 - m) + distinct(1000, m);
  expect(similarity(a, changed(19))).toEqual({ shared: 2 * 179, total: 396 });
  expect(similarity('', '')).toEqual({ shared: 0, total: 0 });
});

const HEADINGS = ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项'];

function report(sections: string[], tableRow = '（一）予以公开\t3\t4\t5'): string[] {
  return HEADINGS.flatMap((h, k) => [h, sections[k], ...(k === 2 ? [tableRow] : [])]);
}

test('at 90 % a section is reported, just below it is not', () => {
  const base = distinct(0, 200);
  const lastYear = report(HEADINGS.map(() => base));
  const at = (m: number): string[] => report([base.slice(0, 200 - m) + distinct(1000, m), ...HEADINGS.slice(1).map(() => '无。')]);
  // m = 19: 179/198 = 90.4 %; m = 20: 178/198 = 89.9 %.
  const found = sameAsLastYear(at(19), lastYear);
  expect(found).toHaveLength(1);
  expect(found[0]).toMatchObject({ code: 'doc.sameAsLastYear', severity: 'warning', cells: [], params: { section: '一、总体情况', similarity: 90 } });
  expect(sameAsLastYear(at(20), lastYear)).toEqual([]);
});

test('short sections are not compared; table lines are not prose', () => {
  const short = 'x'.repeat(MIN_PROSE - 1);
  expect(sameAsLastYear(report(HEADINGS.map(() => short)), report(HEADINGS.map(() => short)))).toEqual([]);
  for (const tableLine of ['（一）予以公开   3   4', '（一）予以公开\t3', '（一）予以公开 3 4 5 6 7 8 9', '第二十条第（一）项', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 0 0', '本年制发件数 本年废止件数 现行有效件数', '12 0 3']) {
    expect([tableLine, sectionProse(report(HEADINGS.map(() => '本机关认真落实。'), tableLine))[2]]).toEqual([tableLine, '本机关认真落实。']);
  }
  // A sentence that starts with a label is prose.
  expect(sectionProse(report(HEADINGS.map(() => ''), '（一）予以公开12件，占40%。'))[2]).toBe('（一）予以公开#件，占#%。');
});

test('not a whole report (a pasted table): nothing to compare', () => {
  const lines = ['（一）予以公开\t3\t4', distinct(0, 300)];
  expect(sameAsLastYear(lines, lines)).toEqual([]);
});
