/** Starting a year's tables from last year's report: what carries over, by which rule, and what is said instead. */
import { getFormat } from '../../src/core/formats/registry';
import type { RawValue } from '../../src/core/import/grid';
import { carryOver } from '../../src/core/template/carry';
import { loadCellsFixture, rawCells } from '../helpers/fixtures';

const f2019 = getFormat('2019')!;
const f2021 = getFormat('2021')!;
const COLUMNS = ['natural', 'commercial', 'research', 'nonprofit', 'legal', 'otherOrg', 'total'];
const T2_2019_ROWS = ['t2.art20_5.license', 't2.art20_5.otherServices', 't2.art20_6.penalty', 't2.art20_6.enforcement', 't2.art20_8.fees'];

test('2021 → 2021: 二、上年结转 per column is last year’s 四、结转下年度继续办理 (淮安 2024 → 2025)', () => {
  const huaian = loadCellsFixture('huaian-2024');
  const carry = carryOver(f2021, { format: f2021, year: 2024, raw: rawCells(huaian) });
  expect(carry.values).toEqual(Object.fromEntries(COLUMNS.map((c) => [`t3.carriedIn.${c}`, huaian.cells[`t3.carriedOver.${c}`]])));
  expect(carry.values['t3.carriedIn.natural']).toBe(103);
  expect(carry.carried.every((c) => c.code === 't3.carryOver')).toBe(true);
  expect(carry.carried.find((c) => c.cell === 't3.carriedIn.total')?.from).toEqual(['t3.carriedOver.total']);
  expect([carry.notCarried, carry.incomparableTables]).toEqual([[], []]);
});

test('2019 → 2019: 上一年项目数量 rolls forward as last year’s 上一年项目数量 + 本年增/减 (t2.itemsRollForward)', () => {
  const cells: Record<string, RawValue> = { ...rawCells(loadCellsFixture('wutuan-2019')) };
  cells['t2.art20_5.license.lastYearItems'] = 40;
  cells['t2.art20_5.license.change'] = '减4';
  cells['t2.art20_6.penalty.lastYearItems'] = 12;
  cells['t2.art20_6.penalty.change'] = '+3';
  const carry = carryOver(f2019, { format: f2019, year: 2019, raw: cells });
  expect(carry.values['t2.art20_5.license.lastYearItems']).toBe(36);
  expect(carry.values['t2.art20_6.penalty.lastYearItems']).toBe(15);
  for (const row of T2_2019_ROWS) expect(carry.carried.find((c) => c.cell === `${row}.lastYearItems`)).toMatchObject({ code: 't2.itemsRollForward', from: [`${row}.lastYearItems`, `${row}.change`] });
  expect(Object.keys(carry.values)).toHaveLength(COLUMNS.length + T2_2019_ROWS.length);
  // This year's own figures (本年增/减, 处理决定数量) are never filled in.
  expect(Object.keys(carry.values).some((id) => id.endsWith('.change') || id.endsWith('.decisions'))).toBe(false);
});

test('2020 (format 2019) → 2021: t3 carries over, t2 is said to be incomparable and nothing of it is filled in', () => {
  const last = { ...rawCells(loadCellsFixture('wutuan-2019')), 't3.carriedOver.natural': 5, 't3.carriedOver.total': 5 };
  const carry = carryOver(f2021, { format: f2019, year: 2020, raw: last });
  expect(carry.incomparableTables).toEqual(['t2']);
  expect(carry.values['t3.carriedIn.natural']).toBe(5);
  expect(Object.keys(carry.values).every((id) => id.startsWith('t3.carriedIn.'))).toBe(true);
});

test('blank, unreadable, missing or negative figures are not carried, and each says why', () => {
  // 上海 2019 left most of 四、结转下年度继续办理 blank: those columns are not taken as 0.
  const shanghai = loadCellsFixture('shanghai-2019');
  const cells: Record<string, RawValue> = { ...rawCells(shanghai), 't3.carriedOver.legal': '/' };
  delete cells['t2.art20_8.fees.change'];
  cells['t2.art20_6.penalty.lastYearItems'] = 2;
  cells['t2.art20_6.penalty.change'] = '减5';
  const carry = carryOver(f2019, { format: f2019, year: 2019, raw: cells });
  expect(carry.values['t3.carriedIn.natural']).toBe(72);
  const why = Object.fromEntries(carry.notCarried.map((n) => [n.cell, n.reason]));
  expect(why).toEqual({
    't3.carriedIn.commercial': 'blank',
    't3.carriedIn.research': 'blank',
    't3.carriedIn.nonprofit': 'blank',
    't3.carriedIn.legal': 'notNumber',
    't3.carriedIn.otherOrg': 'blank',
    't2.art20_6.penalty.lastYearItems': 'negative',
    't2.art20_8.fees.lastYearItems': 'notFound',
  });
  for (const id of Object.keys(why)) expect(carry.values).not.toHaveProperty(id);
});

test('cells the template computes (totals as formulas) are left to the formula', () => {
  const huaian = loadCellsFixture('huaian-2024');
  const carry = carryOver(f2021, { format: f2021, year: 2024, raw: rawCells(huaian) }, new Set(['t3.carriedIn.total']));
  expect(Object.keys(carry.values)).toEqual(COLUMNS.filter((c) => c !== 'total').map((c) => `t3.carriedIn.${c}`));
  expect(carry.notCarried).toEqual([]);
});
