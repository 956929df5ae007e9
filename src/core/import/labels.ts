/**
 * Label matching that tolerates what real reports do to the prescribed labels: full/half
 * width, spaces and line breaks inside labels, `1、` for `1.`, curly or straight quotes, and
 * small typos (`只计这一情况`, `三类内容事务信息`).
 */

/** The comparable form of a label or cell text. */
export function normaliseLabel(text: string): string {
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
export function labelScore(cell: string, label: string): number {
  if (cell === label) return 1;
  if (cell.length === 0 || label.length === 0) return 0;
  if (cell.length <= label.length + SLACK && cell.includes(label)) return 0.95;
  if (label.length < FUZZY_MIN_LENGTH) return 0;
  if (cell.length > label.length * 1.3 + SLACK || cell.length < label.length * 0.7) return 0;
  const ratio = lcs(cell, label) / Math.max(label.length, cell.length);
  return ratio >= FUZZY_THRESHOLD ? 0.9 * ratio : 0;
}
