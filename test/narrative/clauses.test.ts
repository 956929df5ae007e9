/**
 * clauses() splits the prose into clauses and keeps those that state something. Its oracle is an
 * independent reading: the anchor-based cutter the product used before (it cut out only the
 * clauses around 件 after a digit and the fact words' first characters); both must agree.
 */
import { clauses } from '../../src/core/narrative/check';

const isTableLine = (line: string): boolean => line.includes('\t') || ((line.match(/\d+(?:\.\d+)?/g)?.length ?? 0) >= 2 && !/[，。；：、,;]/.test(line));

/** The characters that end a clause (as codes: tested once per character near a figure). */
const CLAUSE_ENDS = new Set([...'。;；!！?？'].map((c) => c.charCodeAt(0)));

/** Words a clause states a fact the tables decide with (`维持`, `未收到`…). */
const FACT_WORDS = ['维持', '败诉', '未收到', '未受理', '未发生', '未出现', '未产生'];

/**
 * A clause can only state a figure (`N件`) or a fact the tables decide; most prose does neither,
 * and is skipped before the statement patterns run.
 */
const STATES_SOMETHING = new RegExp(`[0-9０-９]件|${FACT_WORDS.join('|')}`);
/**
 * Characters one of which every match of STATES_SOMETHING holds: `件` (counted only after a
 * digit, white space between) and each fact word's first. Clauses are cut out and tested only
 * around them: indexOf finds them far faster than a regular expression reads all the prose, and
 * most 件 are not counts (文件).
 */
const ANCHORS: readonly { char: string; afterDigit?: true }[] = [{ char: '件', afterDigit: true }, ...[...new Set(FACT_WORDS.map((w) => w[0]))].map((char) => ({ char }))];

/** Whether the last character before `at`, white space aside, is a digit. */
function digitBefore(text: string, at: number): boolean {
  let k = at - 1;
  while (k >= 0 && /\s/.test(text[k])) k--;
  return k >= 0 && /[0-9０-９]/.test(text[k]);
}

/**
 * Clauses of the prose: lines joined as the page wraps them, white space removed, split at
 * 。；！？. `text` is as written (for quoting), `folded` has full-width forms folded (for matching).
 */
function reference(lines: readonly string[]): { text: string; folded: string }[] {
  const prose = lines.filter((l) => !isTableLine(l)).join('');
  // Clauses holding an anchor, start → end in `prose`; white space ends no clause, so it can stay until the test.
  const spans = new Map<number, number>();
  const endsClause = (at: number): boolean => CLAUSE_ENDS.has(prose.charCodeAt(at));
  for (const { char, afterDigit } of ANCHORS) {
    // Each search resumes after the clause just found, so each character is read once per anchor.
    for (let at = prose.indexOf(char), end = 0; at >= 0; at = prose.indexOf(char, end)) {
      end = at + 1;
      if (afterDigit && !digitBefore(prose, at)) continue;
      let start = at;
      while (start > 0 && !endsClause(start - 1)) start--;
      while (end < prose.length && !endsClause(end)) end++;
      spans.set(start, end);
    }
  }
  return [...spans.keys()]
    .sort((a, b) => a - b)
    .map((start) => prose.slice(start, spans.get(start)).replace(/[\s\u00a0\u3000]+/g, ''))
    .filter((c) => STATES_SOMETHING.test(c))
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
