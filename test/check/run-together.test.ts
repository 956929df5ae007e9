/**
 * Figures that ran together are read only when exactly one split fits every relation, and never
 * read wrong: made from the Huai'an report's PDF text (pdftotext -layout) by gluing two adjacent
 * figures of a row, every row and every gap in turn.
 */
import * as fs from 'fs';
import * as path from 'path';
import { checkReport } from '../../src/core/check';
import { readText } from '../../src/core/import/text';
import { FIXTURES } from '../helpers/fixtures';

const huaian = fs.readFileSync(path.join(FIXTURES, 'huaian-2024.txt'), 'utf8');
const clean = checkReport(readText(huaian));

/** Every variant of the text with two adjacent figures of one table row glued together. */
function glued(): { line: number; text: string }[] {
  const lines = huaian.split('\n');
  const variants: { line: number; text: string }[] = [];
  lines.forEach((line, i) => {
    // A t3 or t4 value row ends in seven or more figures separated by spaces.
    const tail = /((?:\d+ +){6,}\d+)\s*$/.exec(line);
    if (!tail) return;
    const gaps = [...tail[1].matchAll(/(\d) +(?=\d)/g)];
    for (const gap of gaps) {
      const at = (tail.index ?? 0) + (gap.index ?? 0) + 1;
      const end = at + gap[0].length - 1;
      variants.push({ line: i + 1, text: [...lines.slice(0, i), line.slice(0, at) + line.slice(end), ...lines.slice(i + 1)].join('\n') });
    }
  });
  return variants;
}

const variants = glued();

test('the variants cover t3 and t4 rows', () => {
  expect(new Set(variants.map((v) => v.line)).size).toBeGreaterThanOrEqual(20);
  expect(variants.length).toBeGreaterThan(100);
});

test('each variant is read exactly (import.reconstructed) or not at all (import.ambiguous): never a wrong value', () => {
  const outcomes = { reconstructed: 0, ambiguous: 0 };
  for (const { line, text } of variants) {
    const report = checkReport(readText(text));
    const reconstructed = report.findings.filter((f) => f.code === 'import.reconstructed');
    const ambiguous = report.findings.filter((f) => f.code === 'import.ambiguous');
    expect([line, reconstructed.length + ambiguous.length]).toEqual([line, 1]);
    for (const [id, value] of Object.entries(report.values)) expect([line, id, value]).toEqual([line, id, clean.values[id]]);
    if (reconstructed.length > 0) {
      outcomes.reconstructed++;
      expect(Object.keys(report.values).length).toBe(Object.keys(clean.values).length);
      expect(report.findings.filter((f) => f.severity !== 'info')).toEqual(clean.findings);
    } else {
      outcomes.ambiguous++;
      // The row's cells are absent, not guessed.
      for (const id of ambiguous[0].cells) expect([line, id, report.values[id]]).toEqual([line, id, undefined]);
    }
  }
  // Most glued rows are decided by the row total and the balance identity; some are not.
  expect(outcomes.reconstructed).toBeGreaterThan(outcomes.ambiguous);
  expect(outcomes.ambiguous).toBeGreaterThan(0);
});
