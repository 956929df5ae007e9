/**
 * Whole-report checks on a document's running text: the six prescribed sections in order
 * (`doc.missingSection`), and reading the report year from the title or opening section.
 */
import type { TableId } from './formats/types';
import { normaliseLabel } from './import/labels';

export interface SectionDef {
  numeral: string;
  /** The heading as prescribed. */
  heading: string;
  /** A phrase every real variant of the heading keeps. */
  key: string;
  table?: TableId;
}

export const SECTIONS: readonly SectionDef[] = [
  { numeral: '一', heading: '一、总体情况', key: '总体情况' },
  { numeral: '二', heading: '二、主动公开政府信息情况', key: '主动公开', table: 't2' },
  { numeral: '三', heading: '三、收到和处理政府信息公开申请情况', key: '收到和处理', table: 't3' },
  { numeral: '四', heading: '四、政府信息公开行政复议、行政诉讼情况', key: '行政复议', table: 't4' },
  { numeral: '五', heading: '五、存在的主要问题及改进情况', key: '存在的主要问题' },
  { numeral: '六', heading: '六、其他需要报告的事项', key: '其他需要报告' },
];

/** Index of each section's heading line in `lines` (−1 where absent). */
export function findSections(lines: readonly string[]): number[] {
  const found = SECTIONS.map(() => -1);
  let missing = SECTIONS.length;
  for (let i = 0; i < lines.length && missing > 0; i++) {
    // Only short lines that open with a numeral can be headings: skip normalising the prose.
    if (lines[i].length > 60 || !HEADING_START.test(lines[i])) continue;
    const l = normaliseLabel(lines[i]);
    SECTIONS.forEach((s, k) => {
      if (found[k] < 0 && l.startsWith(`${s.numeral}、`) && l.length <= 40 && l.includes(s.key)) {
        found[k] = i;
        missing--;
      }
    });
  }
  return found;
}

const YEAR_LIKE = /[2２][0０][0-9０-９]{2}[\s\u3000]*年/;
const HEADING_START = /^[\s\u3000]*[一二三四五六][\s\u3000]*、/;

/** Sections missing, or out of order (a heading found before an earlier one), from findSections. */
export function missingSections(found: readonly number[]): SectionDef[] {
  let last = -1;
  return SECTIONS.filter((_, k) => {
    const ok = found[k] > last;
    if (ok) last = found[k];
    return !ok;
  });
}

/** True when the headings found (findSections) mark a whole report rather than a pasted table. */
export function isWholeReport(found: readonly number[]): boolean {
  return found.filter((i) => i >= 0).length >= 3;
}

/**
 * The report year: from the title (`2024年政府信息公开工作年度报告`), else the year most often
 * named before section 二 (`2019年，我镇……`). Undefined when the text does not say.
 */
export function detectYear(lines: readonly string[]): number | undefined {
  // Only lines naming a year need folding (full-width digits, spaces inside `2024 年`); each line is looked at once.
  const folded: string[] = [];
  const firstLines = (n: number): string => {
    for (let k = folded.length; k < Math.min(n, lines.length); k++) folded.push(YEAR_LIKE.test(lines[k]) ? normaliseLabel(lines[k]) : '');
    return folded.slice(0, n).join('\n');
  };
  const text = firstLines(40);
  const title = /(20\d\d)年(?:度)?[^\n]{0,30}?政府信息公开(?:工作)?年度报告/.exec(text);
  if (title) return Number(title[1]);
  const end = lines.findIndex((l) => l.length <= 60 && HEADING_START.test(l) && normaliseLabel(l).includes(SECTIONS[1].key));
  const opening = firstLines(end > 0 ? end : 40);
  const counts = new Map<number, number>();
  for (const m of opening.matchAll(/(20\d\d)年/g)) counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  return ranked.length > 0 && (ranked.length === 1 || ranked[0][1] > ranked[1][1]) ? ranked[0][0] : undefined;
}
