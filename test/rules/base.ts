/**
 * Complete, consistent reports for the rule fixtures: every value cell filled, every rule
 * holding, and non-trivial figures so that a changed cell has something to disagree with.
 *
 * - format 2021: the 淮安市人民政府 2024 report as published (3119 applications, all consistent);
 * - format 2019: the same t3/t4 mapped back (`other` = `other1 + other2 + other3`, the
 *   2020→2021 mapping of the spec), t2 from the 上海市人民政府办公厅 2019 report with its empty
 *   item blocks filled with small figures and its amount written as a number;
 * - last year: derived from this year's base so that every cross-year rule holds
 *   (`carriedOver` = this year's `carriedIn`, `inForce` and `lastYearItems` rolled back).
 */
import { cellsOf, getFormat } from '../../src/core/formats/registry';
import type { FormatDef } from '../../src/core/formats/types';
import { loadCellsFixture } from '../helpers/fixtures';

export type Cells = Record<string, number>;

export const BASE_YEAR: Record<string, number> = { '2019': 2020, '2021': 2024 };

export function formatById(id: string): FormatDef {
  const format = getFormat(id);
  if (!format) throw new Error(`unknown format ${id}`);
  return format;
}

const T3_COLUMNS = ['natural', 'commercial', 'research', 'nonprofit', 'legal', 'otherOrg', 'total'];

function numbers(name: string): Cells {
  const out: Cells = {};
  for (const [id, v] of Object.entries(loadCellsFixture(name).cells)) {
    if (typeof v !== 'number') continue;
    out[id] = v;
  }
  return out;
}

/** t3 and t4 of `source` (a format 2021 report) in the rows of `target`. */
function t3t4(source: Cells, target: FormatDef): Cells {
  const out: Cells = {};
  for (const id of cellsOf(target).keys()) {
    if (!id.startsWith('t3.') && !id.startsWith('t4.')) continue;
    if (id in source) out[id] = source[id];
  }
  if (target.id === '2019') {
    for (const c of T3_COLUMNS) out[`t3.other.${c}`] = [1, 2, 3].reduce((s, n) => s + source[`t3.other${n}.${c}`], 0);
  }
  return out;
}

function complete(format: FormatDef, cells: Cells): Cells {
  const missing = [...cellsOf(format).keys()].filter((id) => typeof cells[id] !== 'number');
  if (missing.length > 0) throw new Error(`base ${format.id} lacks ${missing.join(', ')}`);
  return cells;
}

/** This year's complete consistent report in format `formatId`. */
export function baseCells(formatId: string): Cells {
  const format = formatById(formatId);
  const huaian = numbers('huaian-2024');
  if (formatId === '2021') return complete(format, { ...huaian });
  const shanghai = numbers('shanghai-2019');
  const t2: Cells = {};
  for (const [id, v] of Object.entries(shanghai)) if (id.startsWith('t2.')) t2[id] = v;
  Object.assign(t2, {
    't2.art20_5.license.lastYearItems': 35,
    't2.art20_5.license.change': 2,
    't2.art20_5.license.decisions': 1200,
    't2.art20_5.otherServices.lastYearItems': 12,
    't2.art20_5.otherServices.change': -1,
    't2.art20_5.otherServices.decisions': 40,
    't2.art20_6.penalty.lastYearItems': 20,
    't2.art20_6.penalty.change': 0,
    't2.art20_6.penalty.decisions': 356,
    't2.art20_6.enforcement.lastYearItems': 6,
    't2.art20_6.enforcement.change': 1,
    't2.art20_6.enforcement.decisions': 15,
    't2.art20_8.fees.lastYearItems': 4,
    't2.art20_8.fees.change': -1,
    // Shanghai wrote `251000元`; the base holds the plain figure.
    't2.art20_9.procurement.amount': 251000,
  });
  return complete(format, { ...t2, ...t3t4(huaian, format) });
}

/**
 * Last year's complete report in format `lastFormatId`, consistent in itself and with this
 * year's base report in format `thisFormatId` under every cross-year rule.
 */
export function lastYearCells(lastFormatId: string, thisFormatId: string): Cells {
  const last = formatById(lastFormatId);
  const current = baseCells(thisFormatId);
  const cells: Cells = { ...baseCells(lastFormatId) };
  // t3/t4 from this year's (t3, t4 map one to one across the formats, `other` ↔ `other1..3`).
  const asLast = thisFormatId === lastFormatId ? current : t3t4(baseCells('2021'), last);
  for (const [id, v] of Object.entries(asLast)) if (id.startsWith('t3.') || id.startsWith('t4.')) cells[id] = v;
  // What was carried over into this year is what last year carried over; received absorbs the difference.
  for (const c of T3_COLUMNS) {
    cells[`t3.carriedOver.${c}`] = current[`t3.carriedIn.${c}`];
    cells[`t3.received.${c}`] = cells[`t3.resultTotal.${c}`] + cells[`t3.carriedOver.${c}`] - cells[`t3.carriedIn.${c}`];
  }
  if (lastFormatId === thisFormatId && lastFormatId === '2021') {
    for (const r of ['rules', 'normative']) {
      const at = (col: string): number => current[`t2.art20_1.${r}.${col}`];
      cells[`t2.art20_1.${r}.inForce`] = at('inForce') - at('issued') + at('repealed');
    }
  }
  if (lastFormatId === thisFormatId && lastFormatId === '2019') {
    for (const id of Object.keys(current).filter((x) => x.endsWith('.lastYearItems'))) {
      const row = id.slice(0, -'.lastYearItems'.length);
      cells[`${row}.change`] = current[`${row}.change`];
      cells[id] = current[id] - current[`${row}.change`];
    }
  }
  if (thisFormatId === '2019' && lastFormatId === '2021') throw new Error('a format 2019 report has no format 2021 last year');
  return complete(last, cells);
}
