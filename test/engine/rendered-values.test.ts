/**
 * The engine on the true values of every rendered case (expected.json): the documented
 * findings exactly, and the documented culprit wherever the tables determine it.
 */
import { getFormat } from '../../src/core/formats/registry';
import { validate } from '../../src/core/engine/validate';
import type { RawValue } from '../../src/core/import/grid';
import { findingKey, loadRenderedExpectations } from '../helpers/fixtures';

const cases = loadRenderedExpectations();

describe.each(Object.entries(cases))('%s', (_name, c) => {
  const cells: Record<string, RawValue> = { ...c.values };
  for (const key of c.findings) if (key.startsWith('cell.blank:')) cells[key.slice('cell.blank:'.length)] = null;
  const format = getFormat(c.format);
  if (!format) throw new Error(`unknown format ${c.format}`);
  const findings = validate({ format, year: c.year, raw: cells }).findings;
  const arithmetic = findings.filter((f) => f.code !== 'cell.unitInCell');

  test('yields exactly the documented findings', () => {
    expect(arithmetic.map(findingKey).sort()).toEqual([...c.findings].sort());
  });

  test('names the culprit where one cell explains the failures, and never a wrong one', () => {
    const named = findings.filter((f) => f.likelyCulprit).map((f) => f.likelyCulprit);
    for (const culprit of named) expect(culprit).toEqual(c.culprit);
    // In t3 a single mistyped cell is pinned down by row and column totals; a lone t4 group
    // total cannot say which of its five cells is wrong, so nothing is named there.
    if (c.culprit?.cell.startsWith('t3.')) expect(named.length).toBeGreaterThan(0);
    if (c.culprit?.cell.startsWith('t4.')) expect(named).toEqual([]);
  });
});
