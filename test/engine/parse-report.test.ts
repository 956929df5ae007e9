/**
 * A report's parsed cells: the cells found, in the format's cell order, each read as parseCell
 * reads it; validate gives the same parse beside its findings.
 */
import { parseReport, validate } from '../../src/core/engine/validate';
import { cellsOf } from '../../src/core/formats/registry';
import type { RawValue } from '../../src/core/import/grid';
import { parseCell } from '../../src/core/values/parse';
import { baseCells, formatById } from '../rules/base';

const format = formatById('2021');

test('the cells found, in the format’s cell order', () => {
  const cells: Record<string, RawValue | undefined> = { ...baseCells('2021') };
  const ids = [...cellsOf(format).keys()];
  // Some cells missing, some unreadable, one set to undefined: absent is not the same as blank.
  for (const id of ids.slice(3, 9)) delete cells[id];
  cells[ids[10]] = '十二';
  cells[ids[11]] = '';
  cells[ids[12]] = undefined;
  const parsed = parseReport({ format, raw: cells as Record<string, RawValue> });

  const kinds = new Map([...cellsOf(format)].map(([id, def]) => [id, def.column.kind]));
  const expected = new Map(ids.filter((id) => id in cells).map((id) => [id, parseCell(cells[id], kinds.get(id) ?? 'count')]));
  expect([...parsed]).toEqual([...expected]);
  expect([...parsed.keys()]).toEqual([...expected.keys()]);
  expect([...parsed.values()]).toEqual([...expected.values()]);
  expect(parsed.size).toBe(expected.size);
  expect(parsed.has(ids[3])).toBe(false);
  expect(parsed.get(ids[3])).toBeUndefined();
  expect(parsed.has(ids[12])).toBe(true);
  expect(parsed.get(ids[10])?.issues.map((i) => i.code)).toEqual(['cell.notNumber']);
  expect(parsed.get('t9.nothing.here')).toBeUndefined();
  const seen: string[] = [];
  parsed.forEach((value, id, map) => {
    expect(map).toBe(parsed);
    expect(value).toBe(parsed.get(id));
    seen.push(id);
  });
  expect(seen).toEqual([...expected.keys()]);
});

test('validate returns the parse it checked, beside its findings', () => {
  const cells: Record<string, number | string> = { ...baseCells('2021') };
  const ids = [...cellsOf(format).keys()];
  cells[ids[0]] = 7;
  cells[ids[20]] = '1,234';
  cells[ids[30]] = '/';
  const report = { format, year: 2024, raw: cells };
  const once = validate(report);
  expect(once.findings.length).toBeGreaterThan(0);
  expect(once.findings.map((f) => f.code)).toEqual(expect.arrayContaining(['cell.placeholder']));
  expect([...once.parsed]).toEqual([...parseReport(report)]);
});
