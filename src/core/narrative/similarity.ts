/**
 * 内容雷同 (`doc.sameAsLastYear`): a section of this year's report whose prose is, figures and
 * dates aside, at least 90 % the same as the same section of last year's.
 *
 * "90 % the same" is measured on each section's prose, masked: every run of digits (with its
 * decimal point or thousands separators) and every Chinese-numeral date part (二〇二三年, 十二月,
 * 二十日) becomes one `#`, and white space is removed. The similarity is the Dice coefficient of
 * the two texts' character trigrams, counted as multisets: 2 × shared trigrams ÷ (trigrams of
 * this year + trigrams of last year). A section copied with new figures scores 100 %; a sentence
 * in ten rewritten costs about a tenth; moving paragraphs around costs almost nothing (it is the
 * same text). Trigrams rather than single characters or pairs, because two honestly written
 * sections on the same subject share most characters and many pairs (政府、信息、公开) but few
 * runs of three.
 *
 * Only prose counts, as the tables' labels are the same every year by law: lines of a table are
 * left out — a row whose cells are separated by tabs, or by runs of spaces as pdftotext lays
 * them out, and any line made only of the prescribed tables' texts (labels, headings, notes) and
 * figures, however it is spaced (第二十条第（一）项 alone, or `（一）予以公开 3 4 5`).
 * Sections with less than `MIN_PROSE` masked characters in either year (六、其他需要报告的事项：
 * 无。) are not compared: a short formula repeated is not 雷同.
 */
import { findSections, isWholeReport, SECTIONS } from '../document';
import type { Finding } from '../engine/findings';
import { formats } from '../formats/registry';
import { normaliseLabel } from '../import/labels';
import { severityOf } from '../rules/codes';

/** At least 90 %: shared × 100 ≥ 90 × total, in whole numbers. */
export const SAME_AS_LAST_YEAR_PERCENT = 90;
/** Masked characters a section needs, in both years, to be compared. */
export const MIN_PROSE = 100;

const DIGITS = /[0-9０-９]+(?:[.,．，][0-9０-９]+)*/g;
const CHINESE_DATE = /[〇零一二三四五六七八九十]+(?=[年月日])/g;
const SPACE = /[\s\u00a0\u3000\u200b\ufeff]+/g;
/** A table row as readers give it: cells separated by a tab, or by three spaces or more (pdftotext -layout). */
const TABLE_LINE = /\t| {3,}|\u3000{2,}/;

/** A text as compared with the tables' texts: normalised, figures masked, with none at either end. */
function tableKey(text: string): string {
  return normaliseLabel(maskProse(text)).replace(/^#+|#+$/g, '');
}

/** Every text the prescribed tables print, of every format. */
const TABLE_TEXTS: ReadonlySet<string> = new Set(
  formats
    .flatMap((format) => [
      ...format.layouts.flatMap((l) => [l.heading, l.title, l.note ?? '', ...(l.groups ?? []).map((g) => g.label)]),
      ...format.blocks.flatMap((b) => [b.title ?? '', ...b.columns.flatMap((c) => [c.label, c.group ?? '']), ...b.rows.flatMap((r) => r.labels)]),
    ])
    .map(tableKey),
);

function isProse(line: string): boolean {
  if (TABLE_LINE.test(line)) return false;
  const isTableText = (text: string): boolean => {
    const key = tableKey(text);
    return key === '' || TABLE_TEXTS.has(key);
  };
  return !isTableText(line) && !line.split(/[\s\u3000]+/).every(isTableText);
}

/** Figures and dates replaced by `#`, white space removed. */
export function maskProse(text: string): string {
  return text.replace(DIGITS, '#').replace(CHINESE_DATE, '#').replace(SPACE, '');
}

function trigrams(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + 3 <= text.length; i++) {
    const t = text.slice(i, i + 3);
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return counts;
}

/**
 * The Dice coefficient of two texts' character trigram multisets as a fraction of whole numbers:
 * 2 × shared trigrams over all trigrams of both (`total` 0 when neither has three characters).
 */
export function similarity(a: string, b: string): { shared: number; total: number } {
  const total = Math.max(0, a.length - 2) + Math.max(0, b.length - 2);
  const left = trigrams(a);
  let shared = 0;
  for (const [t, n] of trigrams(b)) shared += Math.min(n, left.get(t) ?? 0);
  return { shared: 2 * shared, total };
}

/** Each prescribed section's masked prose, in order; undefined where the heading is missing. */
export function sectionProse(lines: readonly string[]): (string | undefined)[] {
  const found = findSections(lines);
  return found.map((start) => {
    if (start < 0) return undefined;
    const next = Math.min(...found.filter((i) => i > start), lines.length);
    return lines
      .slice(start + 1, next)
      .filter(isProse)
      .map(maskProse)
      .join('');
  });
}

/**
 * `doc.sameAsLastYear` for each section of a whole report whose prose is at least 90 % the same as
 * last year's. Nothing when either text is not a whole report (a pasted table, a workbook).
 */
export function sameAsLastYear(lines: readonly string[], lastYearLines: readonly string[]): Finding[] {
  if (!isWholeReport(findSections(lines)) || !isWholeReport(findSections(lastYearLines))) return [];
  const now = sectionProse(lines);
  const before = sectionProse(lastYearLines);
  const findings: Finding[] = [];
  SECTIONS.forEach((section, k) => {
    const a = now[k];
    const b = before[k];
    if (a === undefined || b === undefined || a.length < MIN_PROSE || b.length < MIN_PROSE) return;
    const { shared, total } = similarity(a, b);
    if (shared * 100 < SAME_AS_LAST_YEAR_PERCENT * total) return;
    findings.push({
      code: 'doc.sameAsLastYear',
      severity: severityOf('doc.sameAsLastYear'),
      cells: [],
      expected: null,
      actual: null,
      difference: null,
      // Whole percent, rounded down: a section shown as 90 % is never below the threshold.
      params: { section: section.heading, similarity: Math.floor((shared * 100) / total) },
    });
  });
  return findings;
}
