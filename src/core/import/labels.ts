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
  return fuzzyScore(cell, label);
}

function fuzzyScore(cell: string, label: string): number {
  // Cheap bound before the quadratic LCS: characters of the label that occur in the cell at all.
  let shared = 0;
  for (const ch of label) if (cell.includes(ch)) shared++;
  if (shared < label.length * FUZZY_THRESHOLD) return 0;
  const ratio = lcs(cell, label) / Math.max(label.length, cell.length);
  return ratio >= FUZZY_THRESHOLD ? 0.9 * ratio : 0;
}

/** A label of a dictionary that a cell text matches, with how well (`labelScore`). */
export interface LabelHit {
  id: number;
  score: number;
}

/**
 * Every label recognition looks for, each with a number. A cell text is compared with all of
 * them once (`hitsOf`), so recognition asks "does this cell carry label k, and how well?" by a
 * short array lookup instead of scoring the text against each label list it scans.
 */
export class LabelDictionary {
  /** The labels, normalised, by id. */
  readonly labels: readonly string[];
  /** Id by normalised label, and by each label as it was given (recognition asks by the printed form). */
  private readonly ids = new Map<string, number>();

  constructor(labels: Iterable<string>) {
    const list: string[] = [];
    for (const label of labels) {
      const key = normaliseLabel(label);
      if (key === '') continue;
      if (!this.ids.has(key)) {
        this.ids.set(key, list.length);
        list.push(key);
      }
      this.ids.set(label, this.ids.get(key) as number);
    }
    this.labels = list;
  }

  /** The id of a label (any printed form); throws for a label the dictionary was not given. */
  idOf(label: string): number {
    const id = this.ids.get(label) ?? this.ids.get(normaliseLabel(label));
    if (id === undefined) throw new Error(`label not in the dictionary: ${label}`);
    return id;
  }

  /** The labels a (normalised) cell text matches, in id order. */
  hitsOf(cell: string): LabelHit[] {
    return this.labels.map((label, id) => ({ id, score: labelScore(cell, label) })).filter((hit) => hit.score > 0);
  }
}

/** How well a cell's hits match label `id`: 0 when not at all. */
export function scoreOf(hits: readonly LabelHit[], id: number): number {
  for (const hit of hits) if (hit.id === id) return hit.score;
  return 0;
}
