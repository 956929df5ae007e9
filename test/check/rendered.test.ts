/**
 * The rendered cases: each report re-laid-out as pasted tables arrive (portal HTML, seed-like
 * text, a worksheet at an offset), clean, with label noise, and with one mistyped cell — each
 * read back to its true values and its documented findings.
 */
import * as path from 'path';
import { checkReport } from '../../src/core/check';
import { readReportFile } from '../../src/cli/read-file';
import { findingKey, loadRenderedExpectations, RENDERED } from '../helpers/fixtures';
import { parseCell } from '../../src/core/values/parse';
import { cellsOf, getFormat } from '../../src/core/formats/registry';

const cases = loadRenderedExpectations();
const CHECKED_CODES = /^(t3\.|t4\.|cell\.blank)/;

const runs = Object.entries(cases).flatMap(([name, c]) => (['html', 'txt', 'xlsx'] as const).map((ext) => [`${name}.${ext}`, c] as const));

describe.each(runs)('%s', (file, c) => {
  const result = readReportFile(path.join(RENDERED, file)).then((read) => checkReport(read));
  const format = getFormat(c.format);
  if (!format) throw new Error(c.format);
  const kinds = cellsOf(format);

  test('format and year', async () => {
    const report = await result;
    expect(report.format.id).toBe(c.format);
    expect(report.year).toBe(c.year);
    expect(report.findings.filter((f) => f.code.startsWith('import.') || f.code.startsWith('doc.'))).toEqual([]);
  });

  test('every cell holds its true value', async () => {
    const report = await result;
    const blanks = new Set(c.findings.filter((k) => k.startsWith('cell.blank:')).map((k) => k.slice('cell.blank:'.length)));
    for (const [id, truth] of Object.entries(c.values)) {
      if (c.unknown.includes(id)) continue;
      const kind = kinds.get(id)?.column.kind ?? 'count';
      const expected = blanks.has(id) ? null : parseCell(truth, kind).value?.toNumber();
      expect([id, report.values[id]]).toEqual([id, expected]);
    }
  });

  test('exactly the documented findings, and the culprit where the tables determine it', async () => {
    const report = await result;
    const keys = report.findings.filter((f) => CHECKED_CODES.test(f.code) && !c.unknown.some((u) => f.cells.includes(u))).map(findingKey);
    expect(keys.sort()).toEqual([...c.findings].sort());
    const named = report.findings.filter((f) => f.likelyCulprit).map((f) => f.likelyCulprit);
    for (const culprit of named) expect(culprit).toEqual(c.culprit);
    if (c.culprit?.cell.startsWith('t3.')) expect(named.length).toBeGreaterThan(0);
  });
});
