/**
 * Narrative generation: golden text for the shared fixtures, the number tie-back (every number
 * written is recomputed from the tables), agreement with the narrative check, zero cases,
 * refusal and drafts, last year's comparison, the 信息处理费 sentence.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Finding } from '../../src/core/engine/findings';
import { parseReport, validate, type ParsedCells } from '../../src/core/engine/validate';
import { cellsOf, getFormat } from '../../src/core/formats/registry';
import type { FormatDef } from '../../src/core/formats/types';
import type { RawValue } from '../../src/core/import/grid';
import { checkNarrative } from '../../src/core/narrative/check';
import { generateNarrative, NarrativeRefusedError, percentOf, type Narrative, type NarrativeFigure, type NarrativeInput, type NarrativeOptions } from '../../src/core/narrative/generate';
import { Decimal } from '../../src/core/values/decimal';
import { generateReport } from '../../scripts/generate';
import { loadCellsFixture, rawCells } from '../helpers/fixtures';

const f2019 = getFormat('2019') as FormatDef;
const f2021 = getFormat('2021') as FormatDef;
const GOLDEN = path.join(__dirname, 'golden');
const FIXTURES = ['wutuan-2019', 'shanghai-2019', 'huaian-2024'] as const;

function fixtureInput(name: string, options: NarrativeOptions = {}): NarrativeInput {
  const f = loadCellsFixture(name);
  const format = getFormat(f.format) as FormatDef;
  return { format, year: f.year, body: f.body, values: parseReport({ format, raw: rawCells(f) }), options };
}

/** A consistent report from a few figures, all in the 自然人 column (totals follow); everything else 0. */
function build(format: FormatDef, figures: Record<string, number>): Record<string, RawValue> {
  const cells: Record<string, RawValue> = {};
  for (const id of cellsOf(format).keys()) cells[id] = 0;
  for (const [key, n] of Object.entries(figures)) {
    if (key.startsWith('t2.') || key.startsWith('t4.')) {
      cells[key] = n;
      continue;
    }
    cells[`t3.${key}.natural`] = n;
    cells[`t3.${key}.total`] = n;
  }
  const outcomes = [...cellsOf(format).keys()].filter((id) => id.endsWith('.natural') && !/\.(received|carriedIn|resultTotal|carriedOver)\./.test(id));
  const resultTotal = outcomes.reduce((s, id) => s + Number(cells[id]), 0);
  cells['t3.resultTotal.natural'] = resultTotal;
  cells['t3.resultTotal.total'] = resultTotal;
  for (const g of ['review', 'suitDirect', 'suitAfterReview']) {
    cells[`t4.${g}.total`] = ['upheld', 'corrected', 'other', 'pending'].reduce((s, c) => s + Number(cells[`t4.${g}.${c}`]), 0);
  }
  return cells;
}

function input(format: FormatDef, cells: Record<string, RawValue>, options: NarrativeOptions = {}, year = format.id === '2019' ? 2019 : 2024): NarrativeInput {
  return { format, year, body: '某某区人民政府', values: parseReport({ format, raw: cells }), options };
}

// ---- the tie-back: every number in the text, recomputed from the tables --------------------

const NUMBER = /\d+(?:\.\d+)?/g;

function sumOf(cells: readonly string[], parsed: ParsedCells): Decimal {
  return Decimal.sum(cells.map((id) => {
    const v = parsed.get(id)?.value;
    if (!v) throw new Error(`figure names an unreadable cell ${id}`);
    return v;
  }));
}

const abs = (d: Decimal): Decimal => (d.isNegative() ? d.negate() : d);
const big = (d: Decimal): bigint => BigInt(d.toString());

/** True when `p` (a percentage to two decimals) is n ÷ d × 100 rounded half up: 2pd − d ≤ 20000n < 2pd + d in hundredths. */
function isRoundedShare(p: Decimal, n: Decimal, d: Decimal): boolean {
  const hundredths = p.shiftRight(2);
  if (!hundredths.isInteger()) return false;
  const P = big(hundredths);
  const lhs = 20000n * big(n);
  return 2n * P * big(d) - big(d) <= lhs && lhs < 2n * P * big(d) + big(d);
}

/** Checks one figure against the tables; returns a description of what is wrong, or ''. */
function verify(fig: NarrativeFigure, inp: NarrativeInput, narrative: Narrative): string {
  const stated = Decimal.parse(fig.text);
  if (!stated) return `${fig.text} is not a number`;
  if (!stated.equals(Decimal.parse(fig.value) as Decimal)) return `${fig.text} written for value ${fig.value}`;
  const { basis } = fig;
  switch (basis.kind) {
    case 'year':
      return stated.equals(Decimal.fromInt(inp.year)) ? '' : `year ${fig.text} ≠ ${inp.year}`;
    case 'sum':
      return stated.equals(sumOf(basis.cells, inp.values)) ? '' : `${fig.text} ≠ Σ ${basis.cells.join('+')}`;
    case 'magnitude':
      return stated.equals(abs(sumOf(basis.cells, inp.values))) ? '' : `${fig.text} ≠ |Σ ${basis.cells.join('+')}|`;
    case 'share':
      return isRoundedShare(stated, sumOf(basis.cells, inp.values), sumOf(basis.of, inp.values)) ? '' : `${fig.text}% is not Σ${basis.cells[0]}… ÷ Σ${basis.of.join('+')}`;
    case 'change': {
      const now = sumOf(basis.cells, inp.values);
      const last = sumOf(basis.cells, inp.lastYear as ParsedCells);
      return isRoundedShare(stated, abs(now.sub(last)), last) ? '' : `change ${fig.text}% wrong`;
    }
    case 'errors':
      return stated.equals(Decimal.fromInt(narrative.errors.length)) && narrative.draft ? '' : `error count ${fig.text} ≠ ${narrative.errors.length}`;
    case 'user':
      return stated.equals(Decimal.parse(inp.options?.processingFee ?? '') as Decimal) ? '' : `fee ${fig.text} not the user's`;
  }
}

/** Every number of every section is the next figure of that section, and every figure holds. */
function tieBack(inp: NarrativeInput, narrative: Narrative): string[] {
  const problems: string[] = [];
  for (const [key, text] of Object.entries(narrative.sections) as [string, string][]) {
    const written = text.match(NUMBER) ?? [];
    const figures = narrative.figures.filter((f) => f.section === key);
    if (written.join(' ') !== figures.map((f) => f.text).join(' ')) problems.push(`${key}: numbers ${written.join(' ')} vs figures ${figures.map((f) => f.text).join(' ')}`);
    for (const fact of narrative.facts.filter((f) => f.section === key)) {
      if (!text.includes(fact.text)) problems.push(`${key}: fact ${fact.text} not in the text`);
      if (!sumOf(fact.cells, inp.values).isZero() || fact.cells.some((c) => !inp.values.get(c)?.value?.isZero())) problems.push(`${key}: fact ${fact.text} does not hold`);
    }
  }
  for (const fig of narrative.figures) {
    const problem = verify(fig, inp, narrative);
    if (problem) problems.push(`${fig.section}: ${problem}`);
  }
  return problems;
}

/** The narrative check over the generated text, with the same tables. */
function mismatches(inp: NarrativeInput, narrative: Narrative): Finding[] {
  return checkNarrative(Object.values(narrative.sections), inp.format, inp.values);
}

// ---- golden files ------------------------------------------------------------------------

describe('golden narrative of the shared fixtures', () => {
  for (const name of FIXTURES) {
    test(name, () => {
      const inp = fixtureInput(name, { draft: name === 'shanghai-2019' });
      const narrative = generateNarrative(inp);
      const file = path.join(GOLDEN, `${name}.json`);
      const actual = `${JSON.stringify(narrative.sections, null, 2)}\n`;
      if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(file, actual);
      expect(actual).toBe(fs.readFileSync(file, 'utf8'));
      expect(narrative.draft).toBe(name === 'shanghai-2019');
      expect(tieBack(inp, narrative)).toEqual([]);
      expect(mismatches(inp, narrative)).toEqual([]);
    });
  }
});

test('huaian-2024: the sentences of the clean 2021 report', () => {
  const { sections } = generateNarrative(fixtureInput('huaian-2024'));
  expect(sections['三']).toBe(
    '2024年，淮安市人民政府新收政府信息公开申请3119件，上年结转34件，办结3050件，结转下年度继续办理103件。' +
      '办理结果中，予以公开1362件，占44.66%；部分公开454件，占14.89%；不予公开178件，占5.84%；无法提供781件，占25.61%；不予处理88件，占2.89%；其他处理187件，占6.13%。',
  );
  expect(sections['四']).toContain('被申请行政复议351件，其中结果维持72件、结果纠正64件、其他结果178件、尚未审结37件。');
  // 行政诉讼 = 未经复议直接起诉 + 复议后起诉 (26 + 20); outcomes summed over both groups (13 + 12 维持).
  expect(sections['四']).toContain('被提起行政诉讼46件，其中未经复议直接起诉26件、复议后起诉20件；从诉讼结果看，结果维持25件、结果纠正5件、其他结果9件、尚未审结7件。');
});

// ---- agreement with the checker and the tie-back on many reports ---------------------------

test('generated text passes the narrative check and ties back, on 200 random consistent reports of both formats', () => {
  for (let seed = 1; seed <= 100; seed++) {
    for (const format of [f2019, f2021]) {
      const cells = generateReport(format, seed);
      for (const zeroCategories of ['omit', 'state'] as const) {
        const inp = input(format, cells, { zeroCategories });
        expect(validate({ format, raw: cells }).findings.filter((f) => f.severity === 'error')).toEqual([]);
        const narrative = generateNarrative(inp);
        expect([seed, format.id, zeroCategories, tieBack(inp, narrative)]).toEqual([seed, format.id, zeroCategories, []]);
        expect([seed, format.id, zeroCategories, mismatches(inp, narrative)]).toEqual([seed, format.id, zeroCategories, []]);
      }
    }
  }
});

test('the tie-back test catches a number that is not in the tables', () => {
  const inp = fixtureInput('huaian-2024');
  const narrative = generateNarrative(inp);
  const tampered = { ...narrative, sections: { ...narrative.sections, 三: narrative.sections['三'].replace('3119', '3120') } };
  expect(tieBack(inp, tampered)).not.toEqual([]);
  expect(mismatches(inp, tampered).map((f) => f.params?.statement)).toEqual(['收到申请']);
});

// ---- zero cases -----------------------------------------------------------------------------

test('zero cases read naturally: no application, no review or suit', () => {
  const { sections } = generateNarrative(fixtureInput('wutuan-2019'));
  expect(sections['一.依申请公开']).toBe('2019年，城步苗族自治县五团镇未收到政府信息公开申请。');
  expect(sections['四']).toBe('2019年，城步苗族自治县五团镇未发生因政府信息公开申请行政复议和提起行政诉讼的案件。');
  expect(sections['一.主动公开']).toBe('2019年，城步苗族自治县五团镇新制作规范性文件5件、新公开5件，对外公开总数量为23件。');
});

test('zero categories are omitted by default and stated as 0件 on request', () => {
  const omit = generateNarrative(fixtureInput('shanghai-2019', { draft: true }));
  const state = generateNarrative(fixtureInput('shanghai-2019', { draft: true, zeroCategories: 'state' }));
  expect(omit.sections['三']).not.toContain('其他处理');
  expect(state.sections['三']).toMatch(/其他处理0件。$/);
  expect(omit.sections['四']).toContain('其中结果维持5件、尚未审结2件。');
  expect(state.sections['四']).toContain('其中结果维持5件、结果纠正0件、其他结果0件、尚未审结2件。');
  expect(omit.sections['四']).toContain('被提起行政诉讼9件，均为未经复议直接起诉；');
  expect(state.sections['四']).toContain('被提起行政诉讼9件，其中未经复议直接起诉9件、复议后起诉0件；');
  const huaian = generateNarrative(fixtureInput('huaian-2024', { zeroCategories: 'state' }));
  expect(huaian.sections['一.主动公开']).toContain('制发规章1件、废止0件，现行有效11件；');
});

test('only carried-in applications; nothing finished; review without suits; suits without review', () => {
  const carriedOnly = generateNarrative(input(f2021, build(f2021, { received: 0, carriedIn: 3, granted: 2, carriedOver: 1 })));
  expect(carriedOnly.sections['一.依申请公开']).toBe('2024年，某某区人民政府未收到新的政府信息公开申请，上年结转3件，全年办结2件，其中予以公开及部分公开2件，占100.00%；结转下年度继续办理1件。');
  expect(carriedOnly.sections['三']).toBe('2024年，某某区人民政府未收到新的政府信息公开申请，上年结转3件，办结2件，结转下年度继续办理1件。办理结果中，予以公开2件，占100.00%。');

  const unfinished = generateNarrative(input(f2021, build(f2021, { received: 4, carriedOver: 4 })));
  expect(unfinished.sections['三']).toBe('2024年，某某区人民政府新收政府信息公开申请4件，本年度尚未办结，结转下年度继续办理4件。');
  expect(unfinished.sections['一.依申请公开']).toBe('2024年，某某区人民政府共收到政府信息公开申请4件，本年度尚未办结；结转下年度继续办理4件。');

  const reviewOnly = generateNarrative(input(f2021, build(f2021, { 't4.review.upheld': 2 })));
  expect(reviewOnly.sections['四']).toBe('2024年，某某区人民政府因政府信息公开工作被申请行政复议2件，其中结果维持2件。未发生因政府信息公开工作被提起行政诉讼的案件。');
  const suitOnly = generateNarrative(input(f2021, build(f2021, { 't4.suitAfterReview.corrected': 1 })));
  expect(suitOnly.sections['四']).toBe('2024年，某某区人民政府未发生因政府信息公开工作被申请行政复议的案件。因政府信息公开工作被提起行政诉讼1件，均为复议后起诉；从诉讼结果看，结果纠正1件。');
  for (const n of [carriedOnly, unfinished, reviewOnly, suitOnly]) expect(n.facts.length + n.figures.length).toBeGreaterThan(0);
  for (const [inp, n] of [
    [input(f2021, build(f2021, { received: 0, carriedIn: 3, granted: 2, carriedOver: 1 })), carriedOnly],
    [input(f2021, build(f2021, { 't4.suitAfterReview.corrected': 1 })), suitOnly],
  ] as const) {
    expect(tieBack(inp, n)).toEqual([]);
    expect(mismatches(inp, n)).toEqual([]);
  }
});

test('an empty 主动公开 table is said in words, per format', () => {
  expect(generateNarrative(input(f2021, build(f2021, {}))).sections['一.主动公开']).toBe('2024年，某某区人民政府未制发、废止规章和行政规范性文件，未作出行政许可、行政处罚、行政强制决定，未收取行政事业性收费。');
  expect(generateNarrative(input(f2019, build(f2019, {}))).sections['一.主动公开']).toBe('2019年，某某区人民政府未新制作、新公开规章和规范性文件，未作出行政许可、行政处罚、行政强制等处理决定，无政府集中采购项目。');
});

test('format 2019 t2: 本年增/减 as 增加/减少, the procurement amount with the unit the cell gave', () => {
  const cells = build(f2019, { 't2.art20_5.license.lastYearItems': 12, 't2.art20_5.license.change': -4, 't2.art20_5.license.decisions': 30, 't2.art20_9.procurement.projects': 2 });
  cells['t2.art20_8.fees.change'] = '增3';
  cells['t2.art20_9.procurement.amount'] = '52.15万元';
  const inp = input(f2019, cells);
  const n = generateNarrative(inp);
  expect(n.sections['一.主动公开']).toBe('2019年，某某区人民政府行政许可上一年项目数量为12项，本年减少4项，处理决定30件；行政事业性收费本年增加3项。政府集中采购项目2项，采购总金额52.15万元。');
  expect(tieBack(inp, n)).toEqual([]);
  expect(generateNarrative(input(f2019, { ...cells, 't2.art20_9.procurement.amount': 52.15 })).sections['一.主动公开']).toContain('采购总金额52.15【请注明金额单位】。');
});

// ---- percentages ----------------------------------------------------------------------------

test('percentages: exact, rounded half up to two decimals', () => {
  const p = (n: number, d: number) => percentOf(Decimal.fromInt(n), Decimal.fromInt(d)).toString();
  expect([p(1, 3), p(2, 3), p(1, 8), p(1, 800), p(1, 1600), p(1362, 3050), p(454, 3050), p(3, 3)]).toEqual(['33.33', '66.67', '12.5', '0.13', '0.06', '44.66', '14.89', '100']);
  // Rounded one by one, huaian's six shares add up to 100.02%: the text never states the sum.
  const { figures } = generateNarrative(fixtureInput('huaian-2024'));
  const shares = figures.filter((f) => f.section === '三' && f.basis.kind === 'share').map((f) => Decimal.parse(f.value) as Decimal);
  expect(Decimal.sum(shares).toString()).toBe('100.02');
});

// ---- refusal and drafts ---------------------------------------------------------------------

test('tables with errors are refused with a Chinese message naming the failing checks', () => {
  let error: unknown;
  try {
    generateNarrative(fixtureInput('shanghai-2019'));
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(NarrativeRefusedError);
  const refused = error as NarrativeRefusedError;
  expect(refused.errors).toHaveLength(12);
  expect(refused.message.split('\n')[0]).toBe('表格尚有 12 处错误（t3.rowTotal 11 处、t3.resultTotal 1 处），未生成文字。请先更正，或选择生成草稿：');
  expect(refused.message).toContain('\n  t3.rowTotal：「三、本年度办理结果（一）予以公开 / 总计」填写为 0，');
  expect(refused.message).toContain('……另有 7 处错误');
});

test('a draft marks every section with the number of errors', () => {
  const n = generateNarrative(fixtureInput('shanghai-2019', { draft: true }));
  expect(n.draft).toBe(true);
  for (const text of Object.values(n.sections)) expect(text.startsWith('【草稿：表格尚有12处错误】2019年，')).toBe(true);
  // Asking for a draft of clean tables gives the clean text.
  expect(generateNarrative(fixtureInput('huaian-2024', { draft: true })).draft).toBe(false);
});

test('the findings passed in decide, including errors the tables alone do not show', () => {
  const inp = fixtureInput('huaian-2024');
  const yearMismatch: Finding = { code: 'format.yearMismatch', severity: 'error', cells: [], expected: '2019', actual: '2021', difference: null };
  expect(() => generateNarrative({ ...inp, options: { findings: [yearMismatch] } })).toThrow('format.yearMismatch 1 处');
  const warning: Finding = { code: 'cell.blank', severity: 'warning', cells: ['t3.granted.research'], expected: null, actual: '', difference: null };
  expect(generateNarrative({ ...inp, options: { findings: [warning] } }).draft).toBe(false);
});

test('missing tables are refused; a draft writes ×× where a figure is unknown', () => {
  const f = loadCellsFixture('huaian-2024');
  const cells = Object.fromEntries(Object.entries(rawCells(f)).filter(([id]) => !id.startsWith('t4.') && id !== 't3.received.total'));
  const inp: NarrativeInput = { format: f2021, year: 2024, body: f.body, values: parseReport({ format: f2021, raw: cells }) };
  expect(() => generateNarrative(inp)).toThrow(/表格尚有 2 处错误（import\.partialTable 1 处、import\.tableNotFound 1 处）/);
  const draft = generateNarrative({ ...inp, options: { draft: true } });
  expect(draft.sections['三']).toContain('新收政府信息公开申请××件');
  expect(draft.sections['四']).toContain('被申请行政复议××件');
  expect(tieBack(inp, draft)).toEqual([]);
});

// ---- last year, 六 ----------------------------------------------------------------------------

test('with last year: 较上年增长/下降 q% of the applications received, or 与上年持平', () => {
  const inp = fixtureInput('huaian-2024');
  const last = (received: number) => parseReport({ format: f2021, raw: { ...rawCells(loadCellsFixture('huaian-2024')), 't3.received.total': received } });
  const up = { ...inp, lastYear: last(2777) };
  const upText = generateNarrative(up);
  expect(upText.sections['一.依申请公开']).toContain('共收到政府信息公开申请3119件，较上年增长12.32%，上年结转34件');
  expect(tieBack(up, upText)).toEqual([]);
  expect(mismatches(up, upText)).toEqual([]);
  expect(generateNarrative({ ...inp, lastYear: last(3555) }).sections['一.依申请公开']).toContain('3119件，较上年下降12.26%，');
  expect(generateNarrative({ ...inp, lastYear: last(3119) }).sections['一.依申请公开']).toContain('3119件，与上年持平，');
  expect(generateNarrative({ ...inp, lastYear: last(0) }).sections['一.依申请公开']).toContain('3119件，上年结转');
  // Last year's report of the 2019 format maps t3 one to one.
  const wutuan = parseReport({ format: f2019, raw: build(f2019, { received: 3000, granted: 3000 }) });
  expect(generateNarrative({ ...inp, lastYear: wutuan }).sections['一.依申请公开']).toContain('较上年增长3.97%');
});

test('六 (format 2021 only): the 信息处理费 sentence as the user confirms it', () => {
  const inp = fixtureInput('huaian-2024');
  expect(generateNarrative(inp).sections['六']).toBe('2024年，淮安市人民政府【未收取信息处理费／收取信息处理费××元，请据实选用】。');
  expect(generateNarrative({ ...inp, options: { processingFee: '0' } }).sections['六']).toBe('2024年，淮安市人民政府未收取信息处理费。');
  const paid = { ...inp, options: { processingFee: '3940' } };
  const n = generateNarrative(paid);
  expect(n.sections['六']).toBe('2024年，淮安市人民政府收取信息处理费3940元。');
  expect(tieBack(paid, n)).toEqual([]);
  expect(() => generateNarrative({ ...inp, options: { processingFee: '三千' } })).toThrow(RangeError);
  expect(generateNarrative(fixtureInput('wutuan-2019')).sections['六']).toBeUndefined();
});
