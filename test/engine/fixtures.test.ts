/** The engine on the real reports' hand transcriptions: exactly their documented findings. */
import { getFormat } from '../../src/core/formats/registry';
import { validate } from '../../src/core/engine/validate';
import { findingKey, loadCellsFixture, rawCells } from '../helpers/fixtures';

function check(name: string) {
  const f = loadCellsFixture(name);
  const format = getFormat(f.format);
  if (!format) throw new Error(`unknown format ${f.format}`);
  return validate({ format, year: f.year, raw: rawCells(f) }).findings;
}

test('wutuan-2019: no findings at all', () => {
  expect(check('wutuan-2019')).toEqual([]);
});

test('huaian-2024: no arithmetic findings', () => {
  expect(check('huaian-2024')).toEqual([]);
});

test('shanghai-2019: empty 总计 column, 135 blanks, unit in the procurement amount, balance holds', () => {
  const findings = check('shanghai-2019');
  const keys = findings.map(findingKey);
  const rowTotals = keys.filter((k) => k.startsWith('t3.rowTotal:')).sort();
  expect(rowTotals).toEqual(
    ['granted', 'partial', 'denied1', 'denied5', 'denied6', 'denied8', 'unavailable1', 'unavailable2', 'unavailable3', 'notProcessed1', 'notProcessed2']
      .map((r) => `t3.rowTotal:${r}`)
      .sort(),
  );
  expect(keys.filter((k) => k.startsWith('t3.resultTotal:'))).toEqual(['t3.resultTotal:total']);
  const resultTotal = findings.find((f) => f.code === 't3.resultTotal');
  expect(resultTotal).toMatchObject({ actual: 805, expected: 0, difference: 805, cells: expect.arrayContaining(['t3.resultTotal.total', 't3.granted.total']) });
  expect(resultTotal?.cells[0]).toBe('t3.resultTotal.total');
  expect(keys.filter((k) => k.startsWith('t3.balance'))).toEqual([]);
  expect(keys.filter((k) => k.startsWith('cell.blank:'))).toHaveLength(135);
  expect(findings.filter((f) => f.code === 'cell.unitInCell')).toEqual([
    expect.objectContaining({ cells: ['t2.art20_9.procurement.amount'], actual: '251000元', params: { value: 251000, unit: '元' } }),
  ]);
  expect(findings).toHaveLength(11 + 1 + 135 + 1);
});
