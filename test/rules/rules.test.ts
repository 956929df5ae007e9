/**
 * The data-driven rule fixtures: every `cases/*.json` file holds cases, each a complete
 * consistent base report (see `base.ts`) with a few cells changed, and the exact set of
 * findings the engine must report for it.
 *
 * A case:
 *   name      what it shows
 *   format    "2019" | "2021"
 *   year      report year (default: the base's, 2020 / 2024); null = unknown
 *   cells     { id: value } overlaid on the base. A value is what a reader hands over: a number,
 *             a string, true/false, null (empty), {"error": "#DIV/0!"}, {"date": "2020-01-01"},
 *             or {"absent": true} for a cell the reader did not find
 *   lastYear  { format, cells? }: last year's report, the derived consistent base plus `cells`
 *   expect    the exact findings as `code:where` (`where` = row/column/group, or the cell id of a
 *             cell.* or magnitude finding; a finding with neither is just its code)
 *   culprit   {cell, value}: every t3/t4 sum or balance finding names this likely culprit;
 *             null or absent: no finding names one
 *   culprits  { "code:where": {cell, value} | null }: per finding, instead of `culprit`
 *   details   [{ key, expected?, actual?, difference?, cells?, cellsFirst?, params?, blocks? }]:
 *             fields of the finding with that key (`cellsFirst`: the leading cell ids;
 *             `blocks`: params.blocks as a set)
 *   knownBug  why the engine does not do this yet: the case runs as `test.failing` and starts
 *             failing the day the engine is fixed, so the marker gets removed
 */
import * as fs from 'fs';
import * as path from 'path';
import { cellsOf } from '../../src/core/formats/registry';
import type { Finding } from '../../src/core/engine/findings';
import { validate, type ReportInput } from '../../src/core/engine/validate';
import type { RawValue } from '../../src/core/import/grid';
import { RULE_CODES } from '../../src/core/rules/codes';
import { findingKey } from '../helpers/fixtures';
import { BASE_YEAR, baseCells, formatById, lastYearCells } from './base';

type CaseValue = number | string | boolean | null | { error: string } | { date: string } | { absent: true };

interface Culprit {
  cell: string;
  value: number;
}

interface Detail {
  key: string;
  expected?: number | string | null;
  actual?: number | string | null;
  difference?: number | null;
  cells?: string[];
  cellsFirst?: string[];
  params?: Record<string, unknown>;
  blocks?: string[];
  likelyCulprit?: Culprit;
}

interface RuleCase {
  name: string;
  format: string;
  year?: number | null;
  cells?: Record<string, CaseValue>;
  lastYear?: { format: string; cells?: Record<string, CaseValue> };
  expect: string[];
  culprit?: Culprit | null;
  culprits?: Record<string, Culprit | null>;
  details?: Detail[];
  knownBug?: string;
}

const CASES = path.join(__dirname, 'cases');

/** The codes `validate` emits (the import, document and narrative checks live elsewhere). */
const ENGINE_CODES = [
  't3.balance',
  't3.rowTotal',
  't3.resultTotal',
  't4.groupTotal',
  'cell.notNumber',
  'cell.negative',
  'cell.notInteger',
  'cell.placeholder',
  'cell.blank',
  'cell.unitInCell',
  't2.publishedExceedsTotal',
  't2.feeMagnitude',
  't3.carryOver',
  't2.stockFlow',
  't2.itemsRollForward',
  'format.yearMismatch',
];

/** The sums and balances that take part in the likely-culprit search. */
const PARITY = new Set(['t3.balance', 't3.rowTotal', 't3.resultTotal', 't4.groupTotal']);

function keyOf(f: Finding): string {
  return f.where !== undefined || f.cells.length > 0 ? findingKey(f) : f.code;
}

function toRaw(v: CaseValue): RawValue {
  if (v !== null && typeof v === 'object' && 'date' in v) return new Date(v.date);
  return v as RawValue;
}

function overlay(formatId: string, base: Record<string, number>, changes: Record<string, CaseValue> = {}): Record<string, RawValue> {
  const known = cellsOf(formatById(formatId));
  const cells: Record<string, RawValue> = { ...base };
  for (const [id, v] of Object.entries(changes)) {
    if (!known.has(id)) throw new Error(`format ${formatId} has no cell ${id}`);
    if (v !== null && typeof v === 'object' && 'absent' in v) delete cells[id];
    else cells[id] = toRaw(v);
  }
  return cells;
}

function run(c: RuleCase): Finding[] {
  const format = formatById(c.format);
  const year = c.year === null ? undefined : (c.year ?? BASE_YEAR[c.format]);
  const report: ReportInput = { format, year, raw: overlay(c.format, baseCells(c.format), c.cells) };
  const lastYear = c.lastYear ? { format: formatById(c.lastYear.format), raw: overlay(c.lastYear.format, lastYearCells(c.lastYear.format, c.format), c.lastYear.cells) } : undefined;
  return validate(report, { lastYear }).findings;
}

function check(c: RuleCase): void {
  const findings = run(c);
  const keys = findings.map(keyOf);
  expect([...keys].sort()).toEqual([...c.expect].sort());

  for (const f of findings) expect(`${keyOf(f)} ${f.severity}`).toBe(`${keyOf(f)} ${RULE_CODES[f.code]}`);

  const named = (f: Finding): [string, Culprit | null] => [keyOf(f), f.likelyCulprit ?? null];
  if (c.culprits) {
    expect(Object.fromEntries(findings.filter((f) => PARITY.has(f.code)).map(named))).toEqual(c.culprits);
    expect(findings.filter((f) => !PARITY.has(f.code) && f.likelyCulprit).map(keyOf)).toEqual([]);
  } else {
    const culprit = c.culprit ?? null;
    expect(findings.map(named)).toEqual(findings.map((f) => [keyOf(f), PARITY.has(f.code) ? culprit : null]));
  }

  for (const d of c.details ?? []) {
    const matching = findings.filter((f) => keyOf(f) === d.key);
    expect(matching.map(keyOf)).toEqual([d.key]);
    const [f] = matching;
    const { cellsFirst, blocks, ...fields } = d;
    expect({ key: keyOf(f), ...f }).toMatchObject(fields);
    if (cellsFirst) expect(f.cells.slice(0, cellsFirst.length)).toEqual(cellsFirst);
    if (blocks) expect([...((f.params?.blocks as string[] | undefined) ?? [])].sort()).toEqual([...blocks].sort());
  }
}

const files = fs
  .readdirSync(CASES)
  .filter((f) => f.endsWith('.json'))
  .sort();
const suites = files.map((file) => [file, JSON.parse(fs.readFileSync(path.join(CASES, file), 'utf8')) as RuleCase[]] as const);

describe('the base reports', () => {
  test.each(['2019', '2021'])('format %s: complete and free of findings', (id) => {
    const format = formatById(id);
    const cells = baseCells(id);
    expect(Object.keys(cells).sort()).toEqual([...cellsOf(format).keys()].sort());
    expect(validate({ format, year: BASE_YEAR[id], raw: cells }).findings).toEqual([]);
    // Non-trivial: most t3 totals are not zero.
    expect(cells['t3.received.total']).toBeGreaterThan(0);
  });

  test.each([
    ['2021', '2021'],
    ['2021', '2019'],
    ['2019', '2019'],
  ])('format %s with a format %s last year: every cross-year rule holds', (thisId, lastId) => {
    const format = formatById(thisId);
    const last = formatById(lastId);
    const lastCells = lastYearCells(lastId, thisId);
    expect(validate({ format: last, raw: lastCells }).findings).toEqual([]);
    expect(validate({ format, year: BASE_YEAR[thisId], raw: baseCells(thisId) }, { lastYear: { format: last, raw: lastCells } }).findings).toEqual([]);
  });
});

describe.each(suites)('%s', (_file, cases) => {
  const names = cases.map((c) => c.name);
  test('case names are unique', () => {
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });
  for (const c of cases) {
    if (c.knownBug) test.failing(`${c.name} [known bug: ${c.knownBug}]`, () => check(c));
    else test(c.name, () => check(c));
  }
});

describe('coverage', () => {
  test.each(ENGINE_CODES)('%s has a case file with valid and invalid cases', (code) => {
    const suite = suites.find(([file]) => file === `${code}.json`);
    expect(suite).toBeDefined();
    const cases = (suite?.[1] ?? []).filter((c) => !c.knownBug);
    const fires = (c: RuleCase): boolean => c.expect.some((k) => k === code || k.startsWith(`${code}:`));
    expect(cases.filter(fires).length).toBeGreaterThan(0);
    expect(cases.filter((c) => !fires(c)).length).toBeGreaterThan(0);
  });

  test('every engine code is a registered rule code', () => {
    for (const code of ENGINE_CODES) expect(Object.keys(RULE_CODES)).toContain(code);
  });
});
