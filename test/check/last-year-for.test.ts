/**
 * checkReport's `lastYearFor`: last year's report chosen once this report's tables and year are
 * read (a pasted sheet says its year only in its own text), in the same check.
 */
import { checkReport } from '../../src/core/check';
import type { ReadResult } from '../../src/core/import/grid';
import { loadCellsFixture, rawCells } from '../helpers/fixtures';

const cells = rawCells(loadCellsFixture('huaian-2024'));
const report: ReadResult = { grids: [], cells, meta: { format: '2021', year: 2024 } };
const lastYearWith = (carriedOver: number): ReadResult => ({ grids: [], cells: { ...cells, 't3.carriedOver.natural': carriedOver }, meta: { format: '2021', year: 2023 } });
const carryOverOnNatural = (r: ReturnType<typeof checkReport>): boolean => r.findings.some((f) => f.code === 't3.carryOver' && f.cells.includes('t3.carriedIn.natural'));

test('it is asked once, with the report as read, and what it returns is last year\'s report', () => {
  const asked: (number | undefined)[] = [];
  const carriedIn = Number(cells['t3.carriedIn.natural']);
  const agreeing = checkReport(report, { lastYearFor: (read) => (asked.push(read.year), lastYearWith(carriedIn)) });
  expect(asked).toEqual([2024]);
  expect(agreeing.lastYear).toBeDefined();
  expect(carryOverOnNatural(agreeing)).toBe(false);
  expect(carryOverOnNatural(checkReport(report, { lastYearFor: () => lastYearWith(carriedIn + 3) }))).toBe(true);
});

test('undefined means no cross-year rules; an explicit lastYear is used without asking', () => {
  const none = checkReport(report, { lastYearFor: () => undefined });
  expect(none.lastYear).toBeUndefined();
  expect(none.findings.some((f) => f.code.startsWith('t3.carryOver'))).toBe(false);
  const explicit = checkReport(report, { lastYear: lastYearWith(-1), lastYearFor: () => { throw new Error('not asked'); } });
  expect(explicit.lastYear).toBeDefined();
});
