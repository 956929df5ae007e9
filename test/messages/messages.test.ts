/**
 * Messages: every locale covers every code, and each message names the cell as printed, gives
 * both sides and the difference, and says what to do — with no placeholder left unfilled.
 */
import { ALL_CODES } from '../../src/core/rules/codes';
import { catalogues, headlineFor, headlineWordings, messageFor } from '../../src/core/messages';
import { figure } from '../../src/core/messages/catalogue';
import { getFormat } from '../../src/core/formats/registry';
import { parseReport, validate } from '../../src/core/engine/validate';
import { checkNarrative } from '../../src/core/narrative/check';
import type { Finding } from '../../src/core/engine/findings';
import { loadCellsFixture, rawCells } from '../helpers/fixtures';

const f2021 = getFormat('2021')!;
const f2019 = getFormat('2019')!;

test.each(Object.keys(catalogues))('locale %s has a message for every code and nothing else', (locale) => {
  expect(Object.keys(catalogues[locale as keyof typeof catalogues]).sort()).toEqual([...ALL_CODES].sort());
});

/** One finding of every code the engine and importer produce, from real data with mistakes. */
function sampleFindings(): { finding: Finding; format: typeof f2021 }[] {
  const huaian = rawCells(loadCellsFixture('huaian-2024'));
  const broken = { ...huaian, 't3.denied1.otherOrg': 3, 't4.review.total': 350, 't3.carriedOver.commercial': 2, 't3.granted.natural': '/', 't3.partial.natural': 'abc', 't3.denied2.natural': -1, 't3.denied3.natural': '2.5', 't3.denied4.natural': null, 't3.denied6.natural': '12件', 't2.art20_8.fees.amount': 961716000 };
  const last = { ...huaian, 't3.carriedOver.natural': 40, 't2.art20_1.rules.inForce': 5 };
  const out = validate({ format: f2021, year: 2024, raw: broken }, { lastYear: { format: f2021, raw: last } }).findings.map((finding) => ({ finding, format: f2021 }));
  const shanghai = rawCells(loadCellsFixture('shanghai-2019'));
  const s2019 = { ...shanghai, 't2.art20_1.rules.published': 600, 't2.art20_5.license.lastYearItems': 3 };
  out.push(...validate({ format: f2019, year: 2023, raw: s2019 }, { lastYear: { format: f2019, raw: shanghai } }).findings.map((finding) => ({ finding, format: f2019 })));
  const parsed = parseReport({ format: f2021, raw: huaian });
  out.push(...checkNarrative(['全年收到政府信息公开申请3120件。', '行政复议351件，均获维持。', '予以公开1362件，占46.1%。'], f2021, parsed).map((finding) => ({ finding, format: f2021 })));
  return out;
}

const samples = sampleFindings();

test('the samples cover every engine code', () => {
  const codes = new Set(samples.map((s) => s.finding.code));
  for (const code of ['narrative.mismatch', 't3.balance', 't3.rowTotal', 't3.resultTotal', 't4.groupTotal', 'cell.notNumber', 'cell.negative', 'cell.notInteger', 'cell.placeholder', 'cell.blank', 'cell.unitInCell', 't2.publishedExceedsTotal', 't2.feeMagnitude', 't3.carryOver', 't2.stockFlow', 't2.itemsRollForward', 'format.yearMismatch']) {
    expect([code, codes.has(code as Finding['code'])]).toEqual([code, true]);
  }
});

describe.each(['zh-CN', 'en'] as const)('%s', (locale) => {
  test('no message leaves a placeholder unfilled', () => {
    for (const { finding, format } of samples) {
      const message = messageFor(finding, format, locale);
      expect(message).not.toMatch(/undefined|NaN|\[object|null|「」|""/);
      expect(message.length).toBeGreaterThan(15);
    }
  });

  test('relation messages state the cell, both sides and the difference', () => {
    for (const { finding, format } of samples.filter((s) => typeof s.finding.difference === 'number')) {
      const message = messageFor(finding, format, locale);
      expect(message).toContain(figure(Math.abs(finding.difference as number)));
      expect(message).toContain(figure(finding.actual));
      expect(message).toContain(figure(finding.expected));
      if (finding.cells[0].startsWith('t3.') && (finding.code !== 'narrative.mismatch' || (locale === 'zh-CN' && finding.cells.length === 1))) expect(message).toMatch(/三、|一、|二、|四、/);
    }
  });
});

describe.each(['zh-CN', 'en'] as const)('%s headlines', (locale) => {
  const { sides } = headlineWordings[locale];

  test('name every code, and the two sides of every code whose findings set two figures side by side', () => {
    expect(Object.keys(sides).sort()).toEqual([...ALL_CODES].sort());
    const twoFigures = samples.filter((s) => typeof s.finding.actual === 'number' && typeof s.finding.expected === 'number');
    expect(new Set(twoFigures.map((s) => s.finding.code)).size).toBeGreaterThanOrEqual(10);
    for (const { finding, format } of twoFigures) {
      const named = sides[finding.code];
      expect([finding.code, named]).not.toEqual([finding.code, null]);
      const unit = finding.params?.percent ? '%' : '';
      const headline = headlineFor(finding, format, locale);
      // The figure each side names is that side's: actual first, then expected.
      expect([finding.code, headline]).toEqual([finding.code, expect.stringContaining(`${named!.actual} ${figure(finding.actual)}${unit}`)]);
      expect([finding.code, headline]).toEqual([finding.code, expect.stringContaining(`${named!.expected} ${figure(finding.expected)}${unit}`)]);
      expect(headline.indexOf(named!.actual)).toBeLessThan(headline.indexOf(named!.expected));
    }
  });

  test('a narrative contradiction names the figure the text states as the text\'s and the table\'s as the tables\'', () => {
    const narrative = samples.filter((s) => s.finding.code === 'narrative.mismatch' && !s.finding.params?.fact && !s.finding.params?.percent);
    expect(narrative.length).toBeGreaterThan(0);
    for (const { finding, format } of narrative) {
      // The stated figure is in the quoted sentence; the table's is not.
      expect(String(finding.params?.sentence)).toContain(String(finding.actual));
      expect(String(finding.params?.sentence)).not.toContain(String(finding.expected));
      expect(headlineFor(finding, format, locale)).toContain(`${sides['narrative.mismatch']!.actual} ${figure(finding.actual)}`);
    }
  });
});

test('zh-CN names cells the way the printed table does', () => {
  const resultTotal = samples.find((s) => s.finding.code === 't3.resultTotal' && s.finding.where === 'otherOrg');
  expect(resultTotal).toBeDefined();
  const message = messageFor(resultTotal!.finding, f2021, 'zh-CN');
  expect(message).toContain('「三、本年度办理结果（七）总计 / 其他」');
  expect(message).toContain('填写为 4');
  expect(message).toContain('之和为 7');
  expect(message).toContain('总计少 3');
  expect(message).toContain('最可能填错的是「三、本年度办理结果（三）不予公开 1.属于国家秘密 / 其他」：若改为 0');
});

test('zh-CN tells the user what to do for each cell problem', () => {
  const byCode = (code: string) => messageFor(samples.find((s) => s.finding.code === code)!.finding, f2021, 'zh-CN');
  expect(byCode('cell.placeholder')).toBe('「三、本年度办理结果（一）予以公开 / 自然人」填写了“/”，不是数字。没有发生的，请填写 0。');
  expect(byCode('cell.blank')).toContain('请填写 0');
  expect(byCode('cell.notNumber')).toMatch(/“abc”不是数字，请填写数字.*涉及此单元格的 \d 项校验暂不进行/);
  expect(byCode('cell.unitInCell')).toContain('单位“件”');
  expect(byCode('t2.feeMagnitude')).toContain('疑似按“元”填写');
  expect(byCode('t3.carryOver')).toContain('上年报告「四、结转下年度继续办理 / 自然人」为 40');
});

describe('the reading and 内容雷同 codes name what they concern in both locales', () => {
  const reconstructed: Finding = {
    code: 'import.reconstructed', severity: 'info', cells: [], expected: null, actual: null, difference: null,
    params: { table: 't3', block: 't3', rows: ['received', 'carriedIn'] },
  };
  const sameAsLastYear: Finding = {
    code: 'doc.sameAsLastYear', severity: 'warning', cells: [], expected: null, actual: null, difference: null,
    params: { section: '五、存在的主要问题及改进情况', similarity: 96 },
  };

  test('zh-CN', () => {
    expect(messageFor(reconstructed, f2021, 'zh-CN')).toBe(
      '「三、收到和处理政府信息公开申请情况」中「一、本年新收政府信息公开申请数量」、「二、上年结转政府信息公开申请数量」的数字连在一起，只有一种拆分能使表内全部勾稽关系成立，已按该拆分读取。请与原件核对。',
    );
    expect(messageFor(sameAsLastYear, f2021, 'zh-CN')).toBe(
      '“五、存在的主要问题及改进情况”部分的文字（数字、日期除外）与上年报告相同部分的相似度为 96%，存在内容雷同问题。请结合本年度工作实际重新撰写。',
    );
  });

  test('en', () => {
    expect(messageFor(reconstructed, f2021, 'en')).toContain('"一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量" ran together');
    expect(messageFor(sameAsLastYear, f2021, 'en')).toContain('"五、存在的主要问题及改进情况" is 96% the same');
  });
});
