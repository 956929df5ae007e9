/** The narrative check: statements tied to table figures per the spec's mapping. */
import { checkNarrative } from '../../src/core/narrative/check';
import { parseReport } from '../../src/core/engine/validate';
import { getFormat } from '../../src/core/formats/registry';
import { loadCellsFixture, rawCells } from '../helpers/fixtures';

const f2021 = getFormat('2021')!;
const huaian = rawCells(loadCellsFixture('huaian-2024'));

function check(text: string, cells = huaian, format = f2021) {
  return checkNarrative(text.split('\n'), format, parseReport({ format, raw: { ...cells } }));
}

const summary = (text: string, cells = huaian) => check(text, cells).map((f) => [f.params?.statement, f.actual, f.expected]);

test('text that agrees with its tables raises nothing', () => {
  const agreeing = [
    '2024年，全市共受理政府信息公开申请3119件，答复3050件（含上年度结转申请34件，另有103件顺延到下年度答复），均在法定期限内予以答复。',
    '其中，予以公开1362件，占44.66%；部分公开454件，占14.89%；不予公开178件；无法提供781件，占25.6%；不予处理88件；其他处理187件。',
    '予以公开及部分公开1816件。政府信息公开行政复议351件，行政诉讼46件。',
  ].join('\n');
  expect(check(agreeing)).toEqual([]);
});

test('each stated count is compared with its row or group', () => {
  expect(summary('全年收到政府信息公开申请3120件。')).toEqual([['收到申请', 3120, 3119]]);
  expect(summary('上年结转33件。')).toEqual([['上年结转', 33, 34]]);
  expect(summary('办结3051件。')).toEqual([['办结（答复）', 3051, 3050]]);
  expect(summary('另有100件结转下年度办理。')).toEqual([['结转下年度', 100, 103]]);
  expect(summary('予以公开1360件，部分公开454件。')).toEqual([['予以公开', 1360, 1362]]);
  expect(summary('不予公开170件，不予处理88件，其他处理186件。')).toEqual([['不予公开', 170, 178], ['其他处理', 186, 187]]);
  expect(summary('无法提供769件。')).toEqual([['无法提供', 769, 781]]);
  expect(summary('行政复议350件，诉讼40件。')).toEqual([['行政复议', 350, 351], ['行政诉讼', 40, 46]]);
});

test('phrases are not confused: 不予公开 is not 予以公开, 复议后起诉 is not 行政复议', () => {
  expect(summary('不予公开178件。')).toEqual([]);
  expect(summary('复议后起诉20件。')).toEqual([]);
});

test('a share is checked against （七）总计, rounded or truncated as the text does', () => {
  expect(summary('予以公开1362件，占44.66%。')).toEqual([]); // 44.6557… rounded
  expect(summary('予以公开1362件，占44.65%。')).toEqual([]); // truncated
  expect(summary('予以公开1362件，占46.1%。')).toEqual([['予以公开占比', 46.1, 44.7]]);
});

test('a wrong count is reported once, not again through its share', () => {
  expect(summary('予以公开1000件，占32.8%。')).toEqual([['予以公开', 1000, 1362]]);
});

test('statements of fact: 未收到, 未发生复议诉讼, 均获维持, 零败诉', () => {
  expect(summary('2024年，我局未收到政府信息公开申请。')).toEqual([['未收到政府信息公开申请', 0, 3119]]);
  expect(summary('未发生因政府信息公开申请行政复议和提起行政诉讼的案件。')).toEqual([['未发生行政复议、行政诉讼', 0, 351 + 46]]);
  expect(summary('行政复议351件，均获维持。')).toEqual([['均获维持', 0, 64 + 178 + 37 + 5 + 9 + 7]]);
  expect(summary('保持零败诉。')).toEqual([['零败诉', 0, 5]]);
  const quiet = { ...huaian };
  for (const id of Object.keys(quiet)) if (id.startsWith('t4.') && !id.endsWith('upheld') && !id.endsWith('total')) quiet[id] = 0;
  expect(summary('行政复议72件，诉讼25件，均获维持，保持零败诉。', { ...quiet, 't4.review.total': 72, 't4.suitDirect.total': 13, 't4.suitAfterReview.total': 12 })).toEqual([]);
});

test('table lines and wrapped lines: figures split over a line break are still read', () => {
  expect(summary('2024 年，全市共受理政府信息公开申请 3119 件，答\n复 3051 件。')).toEqual([['办结（答复）', 3051, 3050]]);
  expect(summary('一、本年新收政府信息公开申请数量   3001   53   0   0   61   4   3120')).toEqual([]);
});

test('the finding names the cells, quotes the sentence as written', () => {
  const [f] = check('全年收到政府信息公开申请3120件，较上年增长5%。');
  expect(f).toMatchObject({ code: 'narrative.mismatch', severity: 'warning', cells: ['t3.received.total'], expected: 3119, actual: 3120, difference: 1 });
  expect(f.params?.sentence).toBe('全年收到政府信息公开申请3120件，较上年增长5%');
});
