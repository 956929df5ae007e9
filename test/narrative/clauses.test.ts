/**
 * clauses() looks only at clauses holding an anchor character instead of splitting all the
 * prose: it must return exactly what splitting everything and testing every clause returns.
 */
import { clauses } from '../../src/core/narrative/check';

/** The straightforward reading: join the prose lines, remove white space, split, keep clauses that state something. */
function reference(lines: readonly string[]): { text: string; folded: string }[] {
  const isTableLine = (line: string): boolean => line.includes('\t') || ((line.match(/\d+(?:\.\d+)?/g)?.length ?? 0) >= 2 && !/[，。；：、,;]/.test(line));
  const prose = lines.filter((l) => !isTableLine(l)).join('').replace(/[\s\u00a0\u3000]+/g, '');
  return prose
    .split(/[。;；!！?？]/)
    .filter((c) => /[0-9０-９]件|维持|败诉|未收到|未受理|未发生|未出现|未产生/.test(c))
    .map((text) => ({ text, folded: text.normalize('NFKC') }));
}

test('report sentences, clauses across lines and table lines', () => {
  const lines = [
    '2024年，本机关新收政府信息公开申请3119件，上年结转34件。办结3050件；其中予以公开1362件！',
    '本年度行政复议案件均获维',
    '持。行政诉讼2',
    ' 件，无败诉?未发生行政复议、行政诉讼？',
    '信息内容\t本年制发件数\t3',
    '规章 12 件 34',
    '我镇未收到 政府信息公开申请。印发文件若干，３件在办',
  ];
  expect(clauses(lines)).toEqual(reference(lines));
  expect(clauses(lines).map((c) => c.text)).toContain('本年度行政复议案件均获维持');
});

test('agrees with the reference on generated text', () => {
  let seed = 7;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const pieces = ['件', '维', '持', '败', '诉', '未', '收到', '受理', '发生', '文件', '3', '１２', '0.5', '。', '；', ';', '！', '？', '?', '，', '、', ' ', '\u3000', '\u00a0', '\t', '申请', '公开'];
  for (let round = 0; round < 500; round++) {
    const lines = Array.from({ length: 1 + next(6) }, () => Array.from({ length: next(25) }, () => pieces[next(pieces.length)]).join(''));
    expect(clauses(lines)).toEqual(reference(lines));
  }
});
