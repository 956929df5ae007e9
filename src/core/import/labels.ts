/**
 * Label matching that tolerates what real reports do to the prescribed labels: full/half
 * width, spaces and line breaks inside labels, `1、` for `1.`, curly or straight quotes, and
 * small typos (`只计这一情况`, `三类内容事务信息`).
 */

/** The comparable form of a label or cell text. */
/** Bound on the memo tables below: reports repeat a few hundred texts, hostile input may not. */
const SCORE_CACHE_LIMIT = 50000;
const normalised = new Map<string, string>();

export function normaliseLabel(text: string): string {
  let result = normalised.get(text);
  if (result === undefined) {
    if (normalised.size >= SCORE_CACHE_LIMIT) normalised.clear();
    result = normaliseUncached(text);
    normalised.set(text, result);
  }
  return result;
}

function normaliseUncached(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, '')
    .replace(/[“”„‟"]/g, '"')
    .replace(/[‘’']/g, "'")
    .replace(/(\d)[、,，]/g, '$1.')
    .replace(/〃/g, '');
}

/** Length of the longest common subsequence (small strings only: labels are < 60 characters). */
function lcs(a: string, b: string): number {
  const previous = new Array<number>(b.length + 1).fill(0);
  const current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      current[j] = a[i - 1] === b[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], current[j - 1]);
    }
    for (let j = 0; j <= b.length; j++) previous[j] = current[j];
  }
  return previous[b.length];
}

/** Extra characters a cell may carry around a label (a stray `三、` or `本` from a vertical label). */
const SLACK = 4;
/** Labels shorter than this must appear exactly; longer ones may differ by a typo or two. */
const FUZZY_MIN_LENGTH = 6;
const FUZZY_THRESHOLD = 0.85;

/**
 * How well a (normalised) cell text matches a (normalised) label: 1 exact, 0.95 the label with
 * a little noise around it, up to 0.9 a near match, 0 no match.
 */
const fuzzyScores = new Map<string, number>();

export function labelScore(cell: string, label: string): number {
  if (cell === label) return 1;
  if (cell.length === 0 || label.length === 0) return 0;
  if (cell.length <= label.length + SLACK && cell.includes(label)) return 0.95;
  if (label.length < FUZZY_MIN_LENGTH) return 0;
  if (cell.length > label.length * 1.3 + SLACK || cell.length < label.length * 0.7) return 0;
  const key = `${cell}\u0000${label}`;
  let score = fuzzyScores.get(key);
  if (score === undefined) {
    // Reports repeat the same few hundred texts: remember verdicts, within a bound.
    if (fuzzyScores.size >= SCORE_CACHE_LIMIT) fuzzyScores.clear();
    score = fuzzyScore(cell, label);
    fuzzyScores.set(key, score);
  }
  return score;
}

function fuzzyScore(cell: string, label: string): number {
  // Cheap bound before the quadratic LCS: characters of the label that occur in the cell at all.
  let shared = 0;
  for (const ch of label) if (cell.includes(ch)) shared++;
  if (shared < label.length * FUZZY_THRESHOLD) return 0;
  const ratio = lcs(cell, label) / Math.max(label.length, cell.length);
  return ratio >= FUZZY_THRESHOLD ? 0.9 * ratio : 0;
}

export interface LabelMatch {
  /** Index of the best-matching label in the list. */
  index: number;
  score: number;
}

const bestMatches = new WeakMap<readonly string[], Map<string, LabelMatch | null>>();

/**
 * The label of `labels` (normalised, a list that lives as long as the format data) that a cell
 * text matches best, or null. Memoised per list: recognition asks this for every cell and row.
 */
export function bestLabel(cell: string, labels: readonly string[]): LabelMatch | null {
  let memo = bestMatches.get(labels);
  if (!memo) {
    memo = new Map();
    bestMatches.set(labels, memo);
  }
  let match = memo.get(cell);
  if (match === undefined) {
    match = null;
    for (let index = 0; index < labels.length; index++) {
      const score = labelScore(cell, labels[index]);
      if (score > 0 && (!match || score > match.score)) match = { index, score };
    }
    if (memo.size >= SCORE_CACHE_LIMIT) memo.clear();
    memo.set(cell, match);
  }
  return match;
}
