/**
 * The rendered cases as a PDF reader's text: each page printed by Chromium and read back with
 * `pdftotext -layout` (as the Huai'an fixture was made). Every value read is its true value;
 * every cell not read is named by an `import.*` finding — never silently absent, never wrong.
 */
import * as path from 'path';
import { checkReport, type CheckedReport } from '../../src/core/check';
import { readText } from '../../src/core/import/text';
import { cellsOf, getFormat } from '../../src/core/formats/registry';
import { parseCell } from '../../src/core/values/parse';
import { findingKey, loadRenderedExpectations, RENDERED } from '../helpers/fixtures';
import { outcomes, type Outcomes } from '../helpers/honesty';
import { pdfTexts } from '../helpers/pdf-text';

const cases = loadRenderedExpectations();
/**
 * Cells read per case at least (measured): Huai'an's whole tables where the relations confirm
 * the figures of wrapped labels (not in -leaf and -total, whose mistyped cells break them);
 * Shanghai's t3 and t4 leave blank cells that vanish from PDF text, so their rows are not read.
 */
const READ_AT_LEAST: Record<string, number> = {
  'huaian-2024-clean': 200,
  'huaian-2024-t4': 200,
  'huaian-2024-leaf': 186,
  'huaian-2024-total': 186,
  'huaian-2024-noisy': 115,
  'shanghai-2019-clean': 22,
  'shanghai-2019-noisy': 22,
  'shanghai-2019-leaf': 22,
  'shanghai-2019-total': 22,
  'shanghai-2019-t4': 22,
};
const names = Object.keys(cases);
let texts: Map<string, string>;
const reports = new Map<string, CheckedReport>();

beforeAll(async () => {
  texts = await pdfTexts(names.map((name) => path.join(RENDERED, `${name}.html`)));
  for (const name of names) reports.set(name, checkReport(readText(texts.get(name) ?? '')));
}, 600_000);

/** Each cell of a case's true values (null for a blank). */
function truthOf(name: string): Record<string, number | null | undefined> {
  const c = cases[name];
  const kinds = cellsOf(getFormat(c.format) ?? (reports.get(name) as CheckedReport).format);
  const blanks = new Set(c.findings.filter((k) => k.startsWith('cell.blank:')).map((k) => k.slice('cell.blank:'.length)));
  return Object.fromEntries(Object.entries(c.values).map(([id, text]) => [id, blanks.has(id) ? null : parseCell(text, kinds.get(id)?.column.kind ?? 'count').value?.toNumber()]));
}

/** Each cell of a case as read, against its true value. */
function outcomesOf(name: string): Outcomes {
  return outcomes(reports.get(name) as CheckedReport, truthOf(name));
}

describe.each(names)('%s printed to PDF and read with pdftotext -layout', (name) => {
  test('the format is recognised', () => {
    expect(reports.get(name)?.format.id).toBe(cases[name].format);
  });

  test('every value read is right; every cell not read is named by an import finding', () => {
    const { wrong, silent } = outcomesOf(name);
    expect(wrong).toEqual([]);
    expect(silent).toEqual([]);
  });

  test('the cells that can be placed are read', () => {
    expect(outcomesOf(name).right.length).toBeGreaterThanOrEqual(READ_AT_LEAST[name]);
  });

  test('the arithmetic findings are among the documented ones: nothing is checked on a misplaced figure', () => {
    const c = cases[name];
    const report = reports.get(name) as CheckedReport;
    const keys = report.findings.filter((f) => /^(t3\.|t4\.)/.test(f.code)).map(findingKey);
    for (const key of keys) expect([name, c.findings.includes(key) ? 'documented' : key]).toEqual([name, 'documented']);
  });
});

describe.each(['huaian-2024-clean', 'huaian-2024-noisy', 'shanghai-2019-clean'])('%s as PDF text, damaged further', (name) => {
  /** The text with two adjacent figures of a line glued together, or one line left out: each in turn. */
  function damaged(): { line: number; text: string }[] {
    const lines = (texts.get(name) ?? '').split('\n');
    return lines.flatMap((line, i) => [
      ...[...line.matchAll(/(\d) +(?=\d)/g)].map((gap) => {
        const at = (gap.index ?? 0) + 1;
        return { line: i + 1, text: [...lines.slice(0, i), line.slice(0, at) + line.slice(at + gap[0].length - 1), ...lines.slice(i + 1)].join('\n') };
      }),
      ...(line.trim() === '' ? [] : [{ line: i + 1, text: [...lines.slice(0, i), ...lines.slice(i + 1)].join('\n') }]),
    ]);
  }

  test('every variant reads each value right or names it, never wrong', () => {
    const variants = damaged();
    expect(variants.length).toBeGreaterThan(100);
    const truth = truthOf(name);
    for (const { line, text } of variants) {
      const { wrong, silent } = outcomes(checkReport(readText(text)), truth);
      expect([line, wrong, silent]).toEqual([line, [], []]);
    }
  });
});
