/**
 * PDF text (pdftotext -layout) where a label wraps over lines and its figures sit on one of
 * them: the figures go to their own row when only one row can own them, and to none
 * (import.ambiguous) when two could — never to the next row's label. Made from the Huai'an
 * report's text by rewriting the lines of 无法提供.
 */
import * as fs from 'fs';
import * as path from 'path';
import { checkReport, type CheckedReport } from '../../src/core/check';
import { readText } from '../../src/core/import/text';
import { FIXTURES } from '../helpers/fixtures';
import { outcomes } from '../helpers/honesty';

const huaian = fs.readFileSync(path.join(FIXTURES, 'huaian-2024.txt'), 'utf8');
const clean = checkReport(readText(huaian));
const lines = huaian.split('\n');
const first = lines.findIndex((l) => l.includes('1.本机关不掌握相关政府信息'));
const last = lines.findIndex((l) => l.includes('2.没有现成信息需要另行制作'));

/** The report with the lines of 本机关不掌握 … 没有现成信息 replaced. */
function rewritten(replacement: string): CheckedReport {
  return checkReport(readText([...lines.slice(0, first), ...replacement.split('\n'), ...lines.slice(last + 1)].join('\n')));
}

/** Every value read is the true one; every cell of the tables not read is named by an import finding. */
function expectHonest(report: CheckedReport): void {
  const { wrong, silent } = outcomes(report, clean.values);
  expect([wrong, silent]).toEqual([[], []]);
}

const UNAVAILABLE = ['natural', 'commercial', 'research', 'nonprofit', 'legal', 'otherOrg', 'total'];

test('a label over two lines whose figures share a line with another label column: read into its own row', () => {
  const report = rewritten(
    [
      '             1.本机关不掌握相关政府',
      '三、本年度   信息          746         12       0        0    10       1   769',
      '      （四）无法 2.没有现成信息需要另行   11        0        0         0',
      '     法提供    制作                                           0         0    11',
    ].join('\n'),
  );
  expectHonest(report);
  expect(UNAVAILABLE.map((c) => report.values[`t3.unavailable1.${c}`])).toEqual([746, 12, 0, 0, 10, 1, 769]);
  expect(UNAVAILABLE.map((c) => report.values[`t3.unavailable2.${c}`])).toEqual([11, 0, 0, 0, 0, 0, 11]);
});

test('a line of figures between two labels that could belong to either: import.ambiguous, neither row read', () => {
  const report = rewritten(
    [
      '             1.本机关不掌握相关政府信息',
      '                                746         12       0        0    10       1   769',
      '             2.没有现成信息需要另行制作',
      '                                11        0        0         0        0         0    11',
    ].join('\n'),
  );
  expectHonest(report);
  for (const row of ['unavailable1', 'unavailable2']) expect(report.values[`t3.${row}.total`]).toBeUndefined();
  const ambiguous = report.findings.filter((f) => f.code === 'import.ambiguous').flatMap((f) => f.cells);
  expect(ambiguous).toEqual(expect.arrayContaining(['t3.unavailable1.total', 't3.unavailable2.total']));
});

test('a label whose figures sit on the line above it, the row before it lost: not given to the lost row', () => {
  // 8.属于行政查询事项 is gone; 本机关不掌握's figures sit above its label.
  const at = lines.findIndex((l) => l.includes('8.属于行政查询事项'));
  const without = [...lines.slice(0, at), ...lines.slice(at + 1)];
  const f = without.findIndex((l) => l.includes('1.本机关不掌握相关政府信息'));
  const edited = [...without.slice(0, f), '                                746         12       0        0    10       1   769', '             1.本机关不掌握相关政府信息', ...without.slice(f + 1)];
  const report = checkReport(readText(edited.join('\n')));
  expectHonest(report);
  expect(report.values['t3.denied8.total']).toBeUndefined();
});
