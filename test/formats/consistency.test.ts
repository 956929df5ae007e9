/**
 * The format data against itself and against the spec (formats.md): every rule names cells
 * that exist, ids are unique, rows, columns and labels are exactly the spec's, the rule codes
 * and severities are the spec's rule table, and the layouts agree with the blocks.
 */
import * as fs from 'fs';
import * as path from 'path';
import { T3_RESULTS } from '../../src/core/formats/common';
import { format2019 } from '../../src/core/formats/f2019';
import { format2021 } from '../../src/core/formats/f2021';
import { DEFAULT_FORMAT_ID, blockOf, cellsOf, formatForYear, formats, getFormat } from '../../src/core/formats/registry';
import type { BlockDef, FormatDef, RuleTemplate } from '../../src/core/formats/types';
import { RULE_CODES } from '../../src/core/rules/codes';
import { RuleDataError, rulesOf } from '../../src/core/rules/expand';
import { SHARED } from '../helpers/fixtures';

const SPEC = fs.readFileSync(path.join(SHARED, 'spec', 'formats.md'), 'utf8');

/** The rows of the first markdown table after `heading` (a line of the spec), header row dropped. */
function specTable(heading: string): string[][] {
  const lines = SPEC.split('\n');
  const start = lines.findIndex((l) => l.trim() === heading);
  if (start < 0) throw new Error(`spec heading not found: ${heading}`);
  let i = start + 1;
  while (i < lines.length && !lines[i].startsWith('|')) i++;
  const rows: string[][] = [];
  for (; i < lines.length && lines[i].startsWith('|'); i++) {
    rows.push(lines[i].split('|').slice(1, -1).map((c) => c.trim()));
  }
  // Header and the |---| separator.
  return rows.slice(2);
}

const backticked = (text: string): string[] => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]);

function block(format: FormatDef, prefix: string): BlockDef {
  const b = blockOf(format, prefix);
  if (!b) throw new Error(`${format.id}: no block ${prefix}`);
  return b;
}

describe.each(formats.map((f) => [f.id, f] as const))('format %s', (_id, format) => {
  test('rulesOf expands without error and every term names an existing cell', () => {
    const cells = cellsOf(format);
    const { relations, magnitudes } = rulesOf(format);
    for (const r of relations) for (const t of [...r.lhs, ...r.rhs]) expect(cells.has(t.cell)).toBe(true);
    for (const m of magnitudes) expect(cells.has(m.cell)).toBe(true);
    expect(relations.length).toBeGreaterThan(0);
  });

  test('relation keys are unique, and code and severity are the registered ones', () => {
    const { relations, magnitudes } = rulesOf(format);
    const keys = relations.map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of [...relations, ...magnitudes]) {
      expect(Object.keys(RULE_CODES)).toContain(r.code);
      expect(r.severity).toBe(RULE_CODES[r.code]);
    }
  });

  test('block prefixes, row ids and column ids are unique; cell ids are unique', () => {
    const prefixes = format.blocks.map((b) => b.prefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    let count = 0;
    for (const b of format.blocks) {
      expect(new Set(b.rows.map((r) => r.id)).size).toBe(b.rows.length);
      expect(new Set(b.columns.map((c) => c.id)).size).toBe(b.columns.length);
      expect(b.prefix.split('.')[0]).toBe(b.table);
      count += b.rows.length * b.columns.length;
    }
    // cellsOf is a Map: a duplicate id would collapse and the count would drop.
    expect(cellsOf(format).size).toBe(count);
    for (const [id, def] of cellsOf(format)) expect(id).toBe(`${def.block.prefix}.${def.row.id}.${def.column.id}`);
  });

  test('t3 has 7 columns, all counts; t4 has 15 cells, all counts', () => {
    const t3 = block(format, 't3');
    expect(t3.columns.map((c) => c.id)).toEqual(['natural', 'commercial', 'research', 'nonprofit', 'legal', 'otherOrg', 'total']);
    expect(t3.columns.map((c) => c.label)).toEqual(['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']);
    expect(t3.columns.map((c) => c.group ?? null)).toEqual([null, ...Array(5).fill('法人或其他组织'), null]);
    expect(new Set(t3.columns.map((c) => c.kind))).toEqual(new Set(['count']));

    const t4 = block(format, 't4');
    const t4Cells = [...cellsOf(format).keys()].filter((id) => id.startsWith('t4.'));
    expect(t4Cells).toHaveLength(15);
    expect(t4.rows.map((r) => [r.id, r.labels[r.labels.length - 1]])).toEqual([
      ['review', '行政复议'],
      ['suitDirect', '未经复议直接起诉'],
      ['suitAfterReview', '复议后起诉'],
    ]);
    expect(t4.rows.map((r) => r.labels[0])).toEqual(['行政复议', '行政诉讼', '行政诉讼']);
    expect(t4.columns.map((c) => [c.id, c.label])).toEqual([
      ['upheld', '结果维持'],
      ['corrected', '结果纠正'],
      ['other', '其他结果'],
      ['pending', '尚未审结'],
      ['total', '总计'],
    ]);
    expect(new Set(t4.columns.map((c) => c.kind))).toEqual(new Set(['count']));
  });

  test('repeated rules expand to one relation per row or column', () => {
    const count = (code: string): number => rulesOf(format).relations.filter((r) => r.code === code).length;
    expect(count('t3.rowTotal')).toBe(format.id === '2019' ? 23 : 25);
    expect(count('t3.balance')).toBe(7);
    expect(count('t3.resultTotal')).toBe(7);
    expect(count('t4.groupTotal')).toBe(3);
    expect(count('t3.carryOver')).toBe(7);
  });

  test('t3.balance and t3.resultTotal have the spec\'s terms', () => {
    const total = (code: string) => rulesOf(format).relations.find((r) => r.key === `${code}:total`);
    const balance = total('t3.balance');
    expect(balance?.lhs.map((t) => t.cell)).toEqual(['t3.received.total', 't3.carriedIn.total']);
    expect(balance?.rhs.map((t) => t.cell)).toEqual(['t3.resultTotal.total', 't3.carriedOver.total']);
    const result = total('t3.resultTotal');
    const other = format.id === '2019' ? ['other'] : ['other1', 'other2', 'other3'];
    const outcomes = ['granted', 'partial', ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `denied${n}`), 'unavailable1', 'unavailable2', 'unavailable3', ...[1, 2, 3, 4, 5].map((n) => `notProcessed${n}`), ...other];
    expect(result?.lhs.map((t) => t.cell)).toEqual(['t3.resultTotal.total']);
    expect(result?.rhs.map((t) => t.cell)).toEqual(outcomes.map((r) => `t3.${r}.total`));
    expect(result?.rhs.every((t) => t.sign === 1 && t.year === 'this')).toBe(true);
    const rowTotal = rulesOf(format).relations.find((r) => r.key === 't3.rowTotal:received');
    expect(rowTotal?.lhs.map((t) => t.cell)).toEqual(['t3.received.total']);
    expect(rowTotal?.rhs.map((t) => t.cell)).toEqual(['natural', 'commercial', 'research', 'nonprofit', 'legal', 'otherOrg'].map((c) => `t3.received.${c}`));
  });

  test('t3.carryOver compares this year\'s carriedIn with last year\'s carriedOver', () => {
    const r = rulesOf(format).relations.find((x) => x.key === 't3.carryOver:legal');
    expect(r).toMatchObject({ crossYear: true, op: 'eq', lhs: [{ cell: 't3.carriedIn.legal', year: 'this', sign: 1 }], rhs: [{ cell: 't3.carriedOver.legal', year: 'last', sign: 1 }] });
  });

  test('三、本年度办理结果 spans 20 rows (2019) or 22 rows (2021)', () => {
    const rows = block(format, 't3').rows.filter((r) => r.labels[0] === T3_RESULTS);
    expect(rows).toHaveLength(format.id === '2019' ? 20 : 22);
  });

  test('layouts are coherent with the blocks', () => {
    expect(format.layouts.map((l) => l.table).sort()).toEqual(['t2', 't3', 't4']);
    for (const layout of format.layouts) {
      const blocks = format.blocks.filter((b) => b.table === layout.table);
      expect(blocks.length).toBeGreaterThan(0);
      // No row has more label levels than the table has label columns (t4 prints none: its groups are header columns).
      if (layout.table !== 't4') for (const b of blocks) for (const r of b.rows) expect(r.labels.length).toBeLessThanOrEqual(layout.labelColumns);
      // Group headers name columns (t3) or groups (t4, modelled as rows) that exist.
      const ids = new Set(blocks.flatMap((b) => [...b.columns.map((c) => c.id), ...b.rows.map((r) => r.id)]));
      for (const g of layout.groups ?? []) for (const c of g.columns) expect(ids.has(c)).toBe(true);
      // The heading is the report's section heading, the title the same without its number.
      expect(SPEC).toContain(layout.heading);
      expect(layout.heading.endsWith(layout.title)).toBe(true);
    }
    const t3 = format.layouts.find((l) => l.table === 't3');
    expect(t3).toMatchObject({ labelColumns: 3, headerRows: 3, heading: '三、收到和处理政府信息公开申请情况', note: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）' });
    expect(t3?.groups).toEqual([
      { label: '申请人情况', columns: ['natural', 'commercial', 'research', 'nonprofit', 'legal', 'otherOrg', 'total'] },
      { label: '法人或其他组织', columns: ['commercial', 'research', 'nonprofit', 'legal', 'otherOrg'] },
    ]);
    // The column `group` attribute and the layout's 法人或其他组织 header agree.
    expect(block(format, 't3').columns.filter((c) => c.group === '法人或其他组织').map((c) => c.id)).toEqual(t3?.groups?.[1].columns);
    const t4 = format.layouts.find((l) => l.table === 't4');
    expect(t4).toMatchObject({ heading: '四、政府信息公开行政复议、行政诉讼情况', headerRows: 3 });
    expect(t4?.groups).toEqual([
      { label: '行政复议', columns: ['review'] },
      { label: '行政诉讼', columns: ['suitDirect', 'suitAfterReview'] },
    ]);
    const t2 = format.layouts.find((l) => l.table === 't2');
    expect(t2).toMatchObject({ heading: '二、主动公开政府信息情况', labelColumns: 1 });
    // Format 2021 prints t2 in 4 columns A–D: one label column and at most 3 value columns.
    const widest = Math.max(...format.blocks.filter((b) => b.table === 't2').map((b) => b.columns.length));
    expect((t2?.labelColumns ?? 0) + widest).toBe(4);
  });

  test('format metadata', () => {
    expect(getFormat(format.id)).toBe(format);
    expect(SPEC).toContain(format.issuedBy);
  });
});

describe('t3 rows are exactly the spec\'s, labels verbatim', () => {
  // Spec table "Rows (label columns A/B/C …)": id | A | B | C, with 〃 for "as above" and
  // annotations in parentheses or after an em dash.
  const specRows = specTable('Rows (label columns A/B/C; A is merged down for 三):');
  const strip = (cell: string): string => cell.replace(/\s+—\s+\*\*format \d{4} only\*\*/, '').replace(/\s+\((?:A:C|B:C|merged down|merged ×\d+)\)$/, '').trim();
  const parsed: { id: string; labels: string[]; only?: string }[] = [];
  let previous: string[] = [];
  let previousOnly: string | undefined;
  for (const cells of specRows) {
    const [idCell, ...labelCells] = cells;
    // A row under a format-only merged label (B is 〃) belongs to that format too.
    const only = /\*\*format (\d{4}) only\*\*/.exec(cells.join(' '))?.[1] ?? (labelCells[1] === '〃' ? previousOnly : undefined);
    const labels = labelCells.map((c, i) => (c === '〃' ? previous[i] : strip(c)));
    previous = labels;
    previousOnly = only;
    parsed.push({ id: backticked(idCell)[0], labels: labels.filter((l) => l !== ''), only });
  }

  test('the spec table was read', () => {
    expect(parsed).toHaveLength(26);
    expect(parsed.find((r) => r.id === 'denied3')?.labels).toEqual(['三、本年度办理结果', '（三）不予公开', '3.危及“三安全一稳定”']);
  });

  test.each(formats.map((f) => [f.id, f] as const))('format %s', (id, format) => {
    const expected = parsed.filter((r) => r.only === undefined || r.only === id).map((r) => ({ id: r.id, labels: r.labels }));
    expect(block(format, 't3').rows.map((r) => ({ id: r.id, labels: [...r.labels] }))).toEqual(expected);
  });
});

describe('t2 blocks and columns are exactly the spec\'s, labels verbatim', () => {
  const expected: Record<string, { prefix: string; title: string; columns: [string, string, string][]; rows: [string, string][] }[]> = {
    '2021': [
      {
        prefix: 't2.art20_1',
        title: '第二十条第（一）项',
        columns: [
          ['issued', '本年制发件数', 'count'],
          ['repealed', '本年废止件数', 'count'],
          ['inForce', '现行有效件数', 'count'],
        ],
        rows: [
          ['rules', '规章'],
          ['normative', '行政规范性文件'],
        ],
      },
      { prefix: 't2.art20_5', title: '第二十条第（五）项', columns: [['decisions', '本年处理决定数量', 'count']], rows: [['license', '行政许可']] },
      {
        prefix: 't2.art20_6',
        title: '第二十条第（六）项',
        columns: [['decisions', '本年处理决定数量', 'count']],
        rows: [
          ['penalty', '行政处罚'],
          ['enforcement', '行政强制'],
        ],
      },
      { prefix: 't2.art20_8', title: '第二十条第（八）项', columns: [['amount', '本年收费金额（单位：万元）', 'amountWan']], rows: [['fees', '行政事业性收费']] },
    ],
    '2019': [
      {
        prefix: 't2.art20_1',
        title: '第二十条第（一）项',
        columns: [
          ['made', '本年新制作数量', 'count'],
          ['published', '本年新公开数量', 'count'],
          ['totalPublished', '对外公开总数量', 'count'],
        ],
        rows: [
          ['rules', '规章'],
          ['normative', '规范性文件'],
        ],
      },
      {
        prefix: 't2.art20_5',
        title: '第二十条第（五）项',
        columns: [
          ['lastYearItems', '上一年项目数量', 'count'],
          ['change', '本年增/减', 'change'],
          ['decisions', '处理决定数量', 'count'],
        ],
        rows: [
          ['license', '行政许可'],
          ['otherServices', '其他对外管理服务事项'],
        ],
      },
      {
        prefix: 't2.art20_6',
        title: '第二十条第（六）项',
        columns: [
          ['lastYearItems', '上一年项目数量', 'count'],
          ['change', '本年增/减', 'change'],
          ['decisions', '处理决定数量', 'count'],
        ],
        rows: [
          ['penalty', '行政处罚'],
          ['enforcement', '行政强制'],
        ],
      },
      {
        prefix: 't2.art20_8',
        title: '第二十条第（八）项',
        columns: [
          ['lastYearItems', '上一年项目数量', 'count'],
          ['change', '本年增/减', 'change'],
        ],
        rows: [['fees', '行政事业性收费']],
      },
      {
        prefix: 't2.art20_9',
        title: '第二十条第（九）项',
        columns: [
          ['projects', '采购项目数量', 'count'],
          ['amount', '采购总金额', 'amount'],
        ],
        rows: [['procurement', '政府集中采购']],
      },
    ],
  };

  test.each(Object.entries(expected))('format %s', (id, blocks) => {
    const format = getFormat(id);
    if (!format) throw new Error(`no format ${id}`);
    const actual = format.blocks
      .filter((b) => b.table === 't2')
      .map((b) => ({
        prefix: b.prefix,
        title: b.title,
        columns: b.columns.map((c) => [c.id, c.label, c.kind]),
        rows: b.rows.map((r) => [r.id, ...r.labels]),
      }));
    expect(actual).toEqual(blocks);
  });

  test('the expectations above are the spec\'s text', () => {
    // Each spec row reads: | `art20_1` | 第二十条第（一）项 | `issued` 本年制发件数, … | `rules` 规章, … |
    for (const [id, heading] of [
      ['2021', 'Format **2021** (4 columns A–D; single-value blocks span B:D):'],
      ['2019', 'Format **2019**:'],
    ] as const) {
      const rows = specTable(heading).map(([blockCell, title, columns, rowsCell]) => {
        const pairs = (cell: string): [string, string][] => cell.split(/,\s*(?=`)/).map((p) => {
          const m = /^`([^`]+)`\s+(.+)$/.exec(p.trim());
          if (!m) throw new Error(`cannot read spec cell ${p}`);
          return [m[1], m[2]];
        });
        return { prefix: `t2.${backticked(blockCell)[0]}`, title, columns: pairs(columns), rows: pairs(rowsCell) };
      });
      expect(rows).toEqual(expected[id].map((b) => ({ prefix: b.prefix, title: b.title, columns: b.columns.map(([c, l]) => [c, l]), rows: b.rows })));
    }
  });
});

describe('rule codes are the spec\'s rule table, both ways, with severities', () => {
  // | `code` `code` | sev | relation | scope |; a cell `warning / error` gives one severity per code, in order.
  const specCodes = new Map<string, string>();
  for (const [codeCell, sevCell] of specTable('## Rules').filter((r) => r.length >= 2)) {
    const codes = backticked(codeCell);
    const sevs = sevCell.split('/').map((s) => s.replace(/\*/g, '').trim());
    codes.forEach((code, i) => specCodes.set(code, sevs.length === codes.length ? sevs[i] : sevs[0]));
  }

  test('the spec table was read', () => {
    expect(specCodes.size).toBeGreaterThanOrEqual(20);
    expect(specCodes.get('doc.missingSection')).toBe('warning');
    expect(specCodes.get('doc.missingTable')).toBe('error');
    expect(specCodes.get('cell.blank')).toBe('warning');
  });

  test('every spec code is registered with the spec\'s severity', () => {
    expect(Object.fromEntries([...specCodes].sort())).toEqual(Object.fromEntries(Object.entries(RULE_CODES).sort()));
  });

  test('every code a format rule uses is in the spec', () => {
    for (const f of formats) for (const t of f.rules) expect(specCodes.has(t.code)).toBe(true);
  });
});

describe('broken format data is rejected', () => {
  const broken = (rule: RuleTemplate): FormatDef => ({ ...format2019, rules: [...format2019.rules, rule] });

  test.each<[string, RuleTemplate]>([
    ['a sum naming an unknown row', { kind: 'sum', code: 't3.resultTotal', block: 't3', along: 'column', total: 'resultTotal', parts: ['granted', 'other1'] }],
    ['a sum naming an unknown column', { kind: 'sum', code: 't3.rowTotal', block: 't3', along: 'row', total: 'total', parts: ['natural', 'company'] }],
    ['a rule naming an unknown block', { kind: 'bound', code: 't2.publishedExceedsTotal', block: 't2.art20_2', along: 'row', lhs: 'published', rhs: 'totalPublished' }],
    ['a cross-year rule naming an unknown cell of last year', { kind: 'crossYear', code: 't3.carryOver', block: 't3', along: 'column', lhs: 'carriedIn', rhs: [{ at: 'carriedOut', year: 'last' }] }],
    ['a rule restricted to a column that does not exist', { kind: 'crossYear', code: 't3.carryOver', block: 't3', along: 'column', lhs: 'carriedIn', rhs: [{ at: 'carriedOver', year: 'last' }], only: ['everyone'] }],
    ['a magnitude on a cell format 2019 does not have', { kind: 'magnitude', code: 't2.feeMagnitude', cells: ['t2.art20_8.fees.amount'], ratio: 1000, absolute: 100000 }],
  ])('%s throws RuleDataError', (_name, rule) => {
    expect(() => rulesOf(broken(rule))).toThrow(RuleDataError);
  });

  test('the unbroken formats do not throw', () => {
    expect(() => rulesOf(format2019)).not.toThrow();
    expect(() => rulesOf(format2021)).not.toThrow();
    expect(() => rulesOf({ ...format2019, rules: [...format2019.rules] })).not.toThrow();
  });
});

describe('which format a year must use', () => {
  test.each([
    [2019, '2019'],
    [2020, '2019'],
    [2021, '2021'],
    [2022, '2021'],
    [2024, '2021'],
    [2030, '2021'],
  ])('%d → %s', (year, id) => {
    expect(formatForYear(year)?.id).toBe(id);
  });

  test('the default for new reports is the current format', () => {
    expect(DEFAULT_FORMAT_ID).toBe('2021');
    expect(getFormat(DEFAULT_FORMAT_ID)?.years.to).toBeUndefined();
  });

  test('2021 can use a 2019-format report as last year for t3 and t4 only', () => {
    expect(format2021.comparableWith).toEqual([{ format: '2019', tables: ['t3', 't4'] }]);
    expect(format2019.comparableWith ?? []).toEqual([]);
  });

  test('the two formats cover consecutive years without overlap', () => {
    expect(format2019.years).toEqual({ from: 2019, to: 2020 });
    expect(format2021.years.from).toBe(2021);
  });
});
