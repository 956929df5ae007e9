/** Recognition reads back the official layout of both formats, cell for cell. */
import { cellsOf, formats } from '../../src/core/formats/registry';
import { layoutReport, toGrids } from '../../src/core/export/layout';
import { recognise } from '../../src/core/import/recognise';

describe.each(formats.map((f) => [f.id, f] as const))('format %s', (_id, format) => {
  const values: Record<string, number> = {};
  [...cellsOf(format).keys()].forEach((id, k) => (values[id] = k + 1));

  test('every value cell is found at its id and the format is detected', () => {
    const result = recognise(toGrids(layoutReport(format, values)));
    expect(result.findings).toEqual([]);
    expect(result.format.id).toBe(format.id);
    expect(result.formatDetected).toBe(true);
    expect(result.tables).toEqual({ t2: true, t3: true, t4: true });
    expect(result.raw).toEqual(values);
  });

  test('a missing t3 row is reported as a partial table, not guessed', () => {
    const tables = layoutReport(format, values);
    const t3 = tables[1];
    const row = t3.rows.findIndex((r) => r.some((c) => typeof c === 'string' && c.includes('重复申请')));
    t3.rows.splice(row, 1);
    t3.merges = t3.merges.filter((m) => m.row + m.rows <= row).concat(t3.merges.filter((m) => m.row > row).map((m) => ({ ...m, row: m.row - 1 })));
    const result = recognise(toGrids(tables), { format });
    expect(result.findings.map((f) => [f.code, f.params?.missingRows])).toEqual([['import.partialTable', ['notProcessed2']]]);
    expect(result.raw['t3.notProcessed2.natural']).toBeUndefined();
    expect(result.raw['t3.notProcessed3.natural']).toBe(values['t3.notProcessed3.natural']);
  });
});
