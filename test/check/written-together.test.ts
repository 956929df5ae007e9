/**
 * Scraped text whose cells all ran together (`…申请数量230 000023二、上年结转…`): labels found
 * within the text, their figures cut by the table's own relations — read exactly where one cut
 * fits (import.reconstructed), import.ambiguous where several do, never a wrong value. Made
 * from the fixtures by removing their cell separators: each row on a line of its own, or each
 * table on one line.
 */
import * as fs from 'fs';
import * as path from 'path';
import { checkReport, type CheckedReport } from '../../src/core/check';
import { readText } from '../../src/core/import/text';
import { FIXTURES, RENDERED } from '../helpers/fixtures';
import { outcomes } from '../helpers/honesty';

/** Cell-lines text (a TAB before each cell, a blank line after each row) with every cell break removed. */
function glueCellLines(text: string, oneLinePerTable: boolean): string {
  const out: string[] = [];
  let row: string | undefined;
  let table: string | undefined;
  const endRow = (): void => {
    if (row === undefined) return;
    if (oneLinePerTable) table = (table ?? '') + row;
    else out.push(row);
    row = undefined;
  };
  for (const line of text.split('\n')) {
    if (line.startsWith('\t') || (row !== undefined && line.trim() !== '')) {
      row = (row ?? '') + line.replace(/\t/g, '').trim();
      continue;
    }
    endRow();
    if (line.trim() === '') continue;
    if (table !== undefined) out.push(table);
    table = undefined;
    out.push(line);
  }
  endRow();
  if (table !== undefined) out.push(table);
  return out.join('\n');
}

/** Layout text (pdftotext -layout) with the gaps between cells removed; the lines of each table joined when asked. */
function glueLayout(text: string, oneLinePerTable: boolean): string {
  const lines = text.split('\n').map((l) => l.replace(/\f/g, '').trim().replace(/ {2,}/g, ''));
  if (!oneLinePerTable) return lines.join('\n');
  // The tables: from 第二十条 to section 三, from 申请人情况 to section 四, t4's header to section 五.
  const starts = ['第二十条', '申请人情况', '行政复议'];
  const ends = ['三、收到和处理', '四、政府信息公开行政复议', '五、存在的主要问题'];
  const out: string[] = [];
  let open = -1;
  let joined = '';
  for (const line of lines) {
    if (open >= 0 && line.startsWith(ends[open])) {
      out.push(joined);
      open = -1;
    }
    if (open < 0) {
      const k = starts.findIndex((s) => line.startsWith(s));
      if (k < 0 || (k === 2 && !out.some((l) => l.startsWith(ends[1])))) {
        out.push(line);
        continue;
      }
      open = k;
      joined = '';
    }
    joined += line;
  }
  if (open >= 0) out.push(joined);
  return out.join('\n');
}

const sources: { name: string; text: string; glue: (text: string, oneLine: boolean) => string }[] = [
  ...fs
    .readdirSync(RENDERED)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => ({ name: f, text: fs.readFileSync(path.join(RENDERED, f), 'utf8'), glue: glueCellLines })),
  { name: 'wutuan-2019.txt', text: fs.readFileSync(path.join(FIXTURES, 'wutuan-2019.txt'), 'utf8'), glue: glueCellLines },
  { name: 'huaian-2024.txt', text: fs.readFileSync(path.join(FIXTURES, 'huaian-2024.txt'), 'utf8'), glue: glueLayout },
];
const variants = sources.flatMap((s) =>
  [false, true].map((oneLine) => {
    const clean = checkReport(readText(s.text));
    return { label: `${s.name}, ${oneLine ? 'each table on one line' : 'each row on one line'}`, clean, report: checkReport(readText(s.glue(s.text, oneLine))) };
  }),
);
const byLabel = new Map(variants.map((v) => [v.label, v]));
const codes = (report: CheckedReport, code: string): string[] => report.findings.filter((f) => f.code === code).flatMap((f) => f.cells);

test('the variants really lost their cell breaks', () => {
  const huaian = byLabel.get('huaian-2024.txt, each table on one line') as (typeof variants)[number];
  expect(huaian.report.findings.some((f) => f.code === 'import.reconstructed')).toBe(true);
  expect(glueLayout(sources[sources.length - 1].text, true)).toContain('申请数量300153006143119二、上年结转');
  expect(glueCellLines(sources[sources.length - 2].text, true)).toMatch(/其他一、本年新收政府信息公开申请数量0{7}二、上年结转[^\n]*1.属于国家秘密0{7}2.其他法律/);
});

test.each(variants.map((v) => [v.label, v] as const))('%s: every value read is right, every cell not read is named', (_label, v) => {
  const { wrong, silent } = outcomes(v.report, v.clean.values);
  expect([wrong, silent]).toEqual([[], []]);
});

test('a unique cut is read exactly: Huai\'an\'s t3 with every row run together, and all of Wutuan\'s tables on single lines but one t2 row pair', () => {
  for (const label of ['huaian-2024-clean.txt, each row on one line', 'huaian-2024-clean.txt, each table on one line', 'huaian-2024.txt, each table on one line']) {
    const { report, clean } = byLabel.get(label) as (typeof variants)[number];
    const t3 = Object.keys(clean.values).filter((id) => id.startsWith('t3.'));
    expect([label, t3.filter((id) => report.values[id] !== clean.values[id])]).toEqual([label, []]);
    expect([label, codes(report, 'import.reconstructed')]).toEqual([label, expect.arrayContaining(t3)]);
  }
  const wutuan = byLabel.get('wutuan-2019.txt, each table on one line') as (typeof variants)[number];
  const read = Object.keys(wutuan.clean.values).filter((id) => wutuan.report.values[id] === wutuan.clean.values[id]);
  expect(Object.keys(wutuan.clean.values).filter((id) => !read.includes(id))).toEqual(codes(wutuan.report, 'import.ambiguous'));
  expect(read.length).toBe(Object.keys(wutuan.clean.values).length - 6);
});

test('several cuts fit: import.ambiguous (runTogether) names the rows, nothing guessed', () => {
  // 规章 1 0 11 and 行政规范性文件 8 26 66 as 1011 and 82666: t2 has no relation to choose a cut.
  const { report } = byLabel.get('huaian-2024-clean.txt, each row on one line') as (typeof variants)[number];
  const ambiguous = report.findings.filter((f) => f.code === 'import.ambiguous');
  expect(ambiguous.map((f) => [f.params?.reason, f.params?.block, f.params?.rows])).toContainEqual(['runTogether', 't2.art20_1', ['rules', 'normative']]);
  expect(report.values['t2.art20_1.rules.issued']).toBeUndefined();
});

test('both kinds occur over the variants', () => {
  const kinds = variants.map((v) => [codes(v.report, 'import.reconstructed').length > 0, v.report.findings.some((f) => f.params?.reason === 'runTogether')]);
  expect(kinds.filter(([reconstructed]) => reconstructed).length).toBeGreaterThanOrEqual(8);
  expect(kinds.filter(([, ambiguous]) => ambiguous).length).toBeGreaterThanOrEqual(4);
});

/** Cell-lines text with each table on one line and a mark between every two cells (label cells included). */
function markCellBreaks(text: string, mark: string): string {
  const out: string[] = [];
  let row: string[] | undefined;
  let table: string[] | undefined;
  const endRow = (): void => {
    if (row && row.length > 0) (table ??= []).push(row.join(mark));
    row = undefined;
  };
  for (const line of text.split('\n')) {
    if (line.startsWith('\t')) {
      (row ??= []).push(...line.split('\t').slice(1).map((c) => c.trim()).filter((c) => c !== ''));
      continue;
    }
    if (row && row.length > 0 && line.trim() !== '') {
      row[row.length - 1] += line.trim();
      continue;
    }
    endRow();
    if (line.trim() === '') continue;
    if (table) out.push(table.join(mark));
    table = undefined;
    out.push(line);
  }
  endRow();
  if (table) out.push(table.join(mark));
  return out.join('\n');
}

test.each(['huaian-2024-clean.txt', 'wutuan-2019.txt'])('%s on single lines with some cell breaks left (one at a time, every third): never a wrong value', (name) => {
  const source = sources.find((s) => s.name === name) as (typeof sources)[number];
  const clean = checkReport(readText(source.text));
  const marked = markCellBreaks(source.text, '¦');
  const breaks = [...marked.matchAll(/¦/g)].map((m) => m.index ?? 0);
  const variants = [
    ...breaks.map((at) => `${marked.slice(0, at)} ${marked.slice(at + 1)}`.replace(/¦/g, '')),
    ...[0, 1, 2].map((phase) => {
      let k = 0;
      return marked.replace(/¦/g, () => (k++ % 3 === phase ? ' ' : ''));
    }),
  ];
  expect(variants.length).toBeGreaterThan(200);
  let reconstructed = 0;
  for (const text of variants) {
    const report = checkReport(readText(text));
    const { wrong, silent } = outcomes(report, clean.values);
    expect([wrong, silent]).toEqual([[], []]);
    if (report.findings.some((f) => f.code === 'import.reconstructed')) reconstructed++;
  }
  expect(reconstructed).toBe(variants.length);
});
