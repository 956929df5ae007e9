/**
 * End to end on the real reports, read from their own layouts (portal HTML, web text, PDF
 * text): exactly the cells of their hand transcriptions and exactly their documented findings.
 */
import * as path from 'path';
import { checkReport, type CheckedReport } from '../../src/core/check';
import { readReportFile } from '../../src/cli/read-file';
import { FIXTURES, findingKey, loadCellsFixture } from '../helpers/fixtures';

async function check(file: string): Promise<CheckedReport> {
  return checkReport(await readReportFile(path.join(FIXTURES, file)));
}

/** The transcription's cells as the checker reports them: blank → null, text with a unit → its number. */
function expectedValues(name: string): Record<string, number | null> {
  const f = loadCellsFixture(name);
  const values: Record<string, number | null> = {};
  for (const [id, v] of Object.entries(f.cells)) values[id] = typeof v === 'number' ? v : Number(String(v).replace(/[^\d.]/g, ''));
  for (const id of f.blanks ?? []) values[id] = null;
  return values;
}

test('wutuan-2019.txt: every cell explicit, format 2019, year 2019, no findings at all', async () => {
  const report = await check('wutuan-2019.txt');
  expect(report.format.id).toBe('2019');
  expect(report.year).toBe(2019);
  expect(report.tables).toEqual({ t2: true, t3: true, t4: true });
  expect(report.values).toEqual(expectedValues('wutuan-2019'));
  expect(report.values['t2.art20_1.normative.made']).toBe(5);
  expect(report.findings).toEqual([]);
});

test('huaian-2024.txt (pdftotext layout): all 200 cells, format 2021, year 2024, no findings', async () => {
  const report = await check('huaian-2024.txt');
  expect(report.format.id).toBe('2021');
  expect(report.year).toBe(2024);
  expect(report.values).toEqual(expectedValues('huaian-2024'));
  expect(report.values['t3.received.total']).toBe(3119);
  expect(report.findings).toEqual([]);
});

test('shanghai-2019.html: empty 总计 column, 135 blanks, unit in a cell, balance holds', async () => {
  const report = await check('shanghai-2019.html');
  expect(report.format.id).toBe('2019');
  expect(report.year).toBe(2019);
  expect(report.values).toEqual(expectedValues('shanghai-2019'));
  const keys = report.findings.map(findingKey);
  expect(keys.filter((k) => k.startsWith('t3.rowTotal:')).sort()).toEqual(
    ['granted', 'partial', 'denied1', 'denied5', 'denied6', 'denied8', 'unavailable1', 'unavailable2', 'unavailable3', 'notProcessed1', 'notProcessed2'].map((r) => `t3.rowTotal:${r}`).sort(),
  );
  expect(keys.filter((k) => k.startsWith('t3.resultTotal:'))).toEqual(['t3.resultTotal:total']);
  expect(keys.filter((k) => k.startsWith('cell.blank:'))).toHaveLength(135);
  expect(keys.filter((k) => k.startsWith('cell.unitInCell:'))).toEqual(['cell.unitInCell:t2.art20_9.procurement.amount']);
  // Its narrative contradicts the tables three times (spec, "Narrative").
  const narrative = report.findings.filter((f) => f.code === 'narrative.mismatch');
  expect(narrative.map((f) => [f.params?.statement, f.actual, f.expected])).toEqual([
    ['予以公开及部分公开', 258, 275],
    ['无法提供', 265, 337],
    ['均获维持', 0, 3],
  ]);
  expect(report.findings).toHaveLength(11 + 1 + 135 + 1 + 3);
});
